/** Types for webview-targets.cjs (the oldest webviews and the syntax level shipped scripts are lowered to). */
export declare const BROWSER_TARGETS: string[];
export declare const ES_SYNTAX_LEVEL: 2019;
export declare const INLINE_SCRIPT_LEVEL: 5;
