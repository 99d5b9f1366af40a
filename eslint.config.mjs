// ESLint flat config: TypeScript strict rules for the whole tree.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**", "bench/results/**", "reports/**", ".stryker-tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Production code must not reach the network or pull in the GPL formula engine.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/preview/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "hyperformula", message: "HyperFormula is GPL-3.0: test and preview code only." }] }],
      "no-restricted-globals": ["error", { name: "fetch", message: "Nothing leaves the user's machine." }, { name: "XMLHttpRequest", message: "Nothing leaves the user's machine." }],
    },
  },
  {
    files: ["scripts/**/*.{js,mjs,cjs}", "webpack.config.js", "*.mjs", "*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off", "no-console": "off" },
  },
  {
    // Tests and benches print the figures they measure.
    files: ["test/**/*.{ts,tsx}", "bench/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
