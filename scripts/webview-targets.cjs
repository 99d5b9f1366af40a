/**
 * The oldest webviews the add-in runs in, and the JavaScript syntax level every shipped script is lowered to.
 *
 * - Excel for Mac: the system's Safari engine (WKWebView). Builds with ExcelApi 1.13 (16.50+) run with Safari 13
 *   or later: ES2019 syntax. The task pane also needs WeakRef (Fluent UI's tabster): Safari 14.1; taskpane.html's
 *   inline check says "too old" below that. No runtime APIs are polyfilled.
 * - Excel for Windows: Microsoft Edge WebView2 (Chromium). Without WebView2, Office falls back to Internet
 *   Explorer 11 (Trident), which is NOT supported: taskpane.html shows a plain "too old" page from an ES5 script.
 * - Excel on the web: the user's browser (current Edge, Chrome, Firefox, Safari).
 *
 * Used by webpack.config.js (babel's targets) and test/build (acorn parses every bundle at ES_SYNTAX_LEVEL).
 */
const BROWSER_TARGETS = ["safari >= 13", "ios_saf >= 13", "chrome >= 80", "edge >= 80", "firefox >= 78"];
/** ECMAScript version every shipped .js must parse as. */
const ES_SYNTAX_LEVEL = 2019;
/** The inline start-up check in taskpane.html must run even in Internet Explorer 11. */
const INLINE_SCRIPT_LEVEL = 5;

module.exports = { BROWSER_TARGETS, ES_SYNTAX_LEVEL, INLINE_SCRIPT_LEVEL };
