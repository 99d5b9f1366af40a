/**
 * `npm ci` must work on a machine with only Node and npm: no package in the lockfile may build native code
 * on install. A package whose install script is plain JavaScript (a banner, a file copy) is allowed only
 * when listed here with what its script does.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";

const PLAIN_JS_INSTALL_SCRIPTS: Record<string, string> = {
  // postinstall: `node -e "try{require('./postinstall')}catch(e){}"`, prints a funding banner.
  "node_modules/core-js-pure": "prints a banner",
};

interface LockEntry { hasInstallScript?: boolean; version?: string }

describe("package-lock.json", () => {
  const lock = JSON.parse(readFileSync(path.resolve(__dirname, "../../package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };

  it("holds no package whose install script may compile native code", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, v]) => v.hasInstallScript)
      .map(([p]) => p);
    expect(withScripts.filter((p) => !(p in PLAIN_JS_INSTALL_SCRIPTS))).toEqual([]);
  });

  it("does not contain the toolkit chain that brought in keytar", () => {
    for (const name of ["keytar", "@microsoft/m365agentstoolkit-cli", "@azure/msal-node-extensions", "office-addin-dev-settings"]) {
      expect(Object.keys(lock.packages).some((p) => p.endsWith(`node_modules/${name}`))).toBe(false);
    }
  });
});
