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
const webpack = require("webpack");

const { spawnSync } = require("child_process");
const { BROWSER_TARGETS, ES_SYNTAX_LEVEL } = require("./scripts/webview-targets.cjs");

/** Packages in node_modules that ship syntax newer than ES_SYNTAX_LEVEL (found by parsing them with acorn). */
const NEWER_SYNTAX_PACKAGES = /node_modules[\\/](@fluentui|tabster|keyborg|@floating-ui|@griffel|@swc[\\/]helpers)[\\/]/;
const { manifestVersion, stampVersion } = require("./scripts/manifest-version.cjs");
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

function devVersion() {
  try {
    return manifestVersion(__dirname);
  } catch {
    return `${require("./package.json").version}.0`;
  }
}

module.exports = (_env, argv) => {
  const dev = argv.mode !== "production";
  const baseUrl = normaliseBaseUrl(process.env.ADDIN_BASE_URL);
  const outDir = path.resolve(__dirname, process.env.ADDIN_OUT_DIR || "dist");
  // Production must be numbered (or the deployed manifest may be ignored as cached); a development build
  // outside a full git clone gets the package version with .0.
  const version = dev ? devVersion() : manifestVersion(__dirname);

  const entry = {
    functions: "./src/functions/functions.ts",
    // Issue 15 (load order and size): a small loader; the pane's UI is a chunk it fetches after functions.js ran.
    // Both run in one page (SharedRuntime), so the pane depends on functions.js: the webpack runtime and the
    // core modules both use ship once, in functions.js, which still works on its own.
    taskpane: { import: "./src/paneEntry.ts", dependOn: "functions" },
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

  const babel = {
    loader: "babel-loader",
    options: {
      babelrc: false,
      configFile: false,
      compact: false,
      cacheDirectory: true,
      sourceType: "unambiguous",
      presets: [["@babel/preset-env", { targets: BROWSER_TARGETS, bugfixes: true, modules: false, useBuiltIns: false }]],
    },
  };

  return {
    devtool: dev ? "source-map" : false,
    target: ["web", "es2019"],
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
        // ExcelJS's own browser build (the package entry point needs Node's streams). Only the development preview
        // uses ExcelJS; the task pane writes and reads workbooks with its own code, and test/build checks it ships none.
        exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js"),
      },
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false },
    },
    module: {
      rules: [
        // Everything shipped is lowered to the oldest webview's syntax (scripts/webview-targets.cjs). The add-in's
        // TypeScript is emitted at that level by ts-loader itself; from node_modules only the packages that ship
        // newer syntax go through babel (Fluent UI and its focus/positioning libraries ship ES2022 class static
        // blocks and ??=): babel over all of node_modules made the build four times slower. A test parses every
        // built bundle at ES_SYNTAX_LEVEL, so a package that starts shipping newer syntax fails it.
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [{ loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { sourceMap: dev, target: `ES${ES_SYNTAX_LEVEL}` } } }],
        },
        {
          test: /\.m?js$/,
          include: NEWER_SYNTAX_PACKAGES,
          use: [babel],
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      // The manifest's version, shown at the foot of the pane (src/taskpane/version.ts).
      new webpack.DefinePlugin({ __ADDIN_VERSION__: JSON.stringify(version) }),
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
            // Every URL on the hosting base; <Version> stamped so Office picks up each deployed change.
            transform: (content) => stampVersion(rebaseManifest(content.toString(), baseUrl), version),
          },
        ],
      }),
    ],
  };
};
