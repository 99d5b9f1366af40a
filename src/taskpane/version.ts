/**
 * The add-in's version as the deployed manifest states it ("1.0.0.214": the package version and the commit count,
 * stamped at build: scripts/manifest-version.cjs), shown at the foot of the pane so that a user can tell IT which
 * version they have, and whether an update has arrived. Set by webpack's DefinePlugin; "development" elsewhere.
 */
declare const __ADDIN_VERSION__: string | undefined;

export const ADDIN_VERSION: string = typeof __ADDIN_VERSION__ === "string" ? __ADDIN_VERSION__ : "development";
