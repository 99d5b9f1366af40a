/* Webpack build for the add-in.
 * Production (`npm run build`): task pane + custom functions (one shared runtime page), functions.json
 * generated from JSDoc, assets and manifest.xml with URLs rebased on ADDIN_BASE_URL.
 * Development (`npm run build:dev`): the same, plus preview.html (task pane beside an in-memory workbook).
 * HyperFormula (GPL-3.0) is only reachable from the preview entry, which production never builds.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const { spawnSync } = require("child_process");
const { normaliseBaseUrl, rebaseManifest, DEV_BASE_URL } = require("./scripts/manifest-base-url.cjs");

/**
 * After functions.json is generated: point its help links at the hosting base URL, and write help.html
 * (the manifest's SupportUrl and every function's helpUrl) from the same metadata.
 */
class HelpPagePlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "HelpPagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return;
        const json = asset.source.source().toString().split(DEV_BASE_URL).join(this.baseUrl);
        compilation.updateAsset("functions.json", new sources.RawSource(json));
      });
    });
    compiler.hooks.afterEmit.tap("HelpPagePlugin", (compilation) => {
      const out = compilation.outputOptions.path;
      const result = spawnSync(
        process.execPath,
        [path.join(__dirname, "scripts/function-reference.mjs"), "--quiet", "--html-only", "--metadata", path.join(out, "functions.json"), "--html", path.join(out, "help.html")],
        { cwd: __dirname, encoding: "utf8" },
      );
      if (result.status !== 0) compilation.errors.push(new compiler.webpack.WebpackError(`help.html: ${result.stderr || result.stdout}`));
    });
  }
}

module.exports = (_env, argv) => {
  const dev = argv.mode !== "production";
  const baseUrl = normaliseBaseUrl(process.env.ADDIN_BASE_URL);
  const outDir = path.resolve(__dirname, process.env.ADDIN_OUT_DIR || "dist");

  const entry = {
    functions: "./src/functions/functions.ts",
    taskpane: "./src/taskpane/index.tsx",
  };
  const pages = [
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["functions", "taskpane"],
    }),
  ];
  if (dev) {
    entry.preview = "./src/preview/index.tsx";
    pages.push(
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
      }),
    );
  }

  return {
    devtool: dev ? "source-map" : false,
    entry,
    output: {
      path: outDir,
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
      alias: {
        // ExcelJS's own browser build: the package entry point needs Node's streams.
        exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js"),
      },
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HelpPagePlugin(baseUrl),
      ...pages,
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The preview runs the task pane on Office's own Excel client against a simulated host (dev only).
          ...(dev
            ? [
                { from: "node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js", to: "office-js/excel-web-16.00.debug.js" },
                { from: "node_modules/@microsoft/office-js/dist/en-gb/office_strings.debug.js", to: "office-js/office_strings.debug.js" },
              ]
            : []),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rebaseManifest(content.toString(), baseUrl),
          },
        ],
      }),
    ],
  };
};
