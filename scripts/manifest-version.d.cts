/** Types for manifest-version.cjs (the build's stamp of the manifest <Version>). */
export declare const VERSION_PATTERN: RegExp;
export declare function commitCount(root: string): number | null;
export declare function manifestVersion(root: string, env?: Record<string, string | undefined>): string;
export declare function stampVersion(xml: string, version: string): string;
