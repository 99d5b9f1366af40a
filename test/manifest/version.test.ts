/**
 * The manifest <Version> is stamped by the build (issue 11, item 11): package version + commit count, so every
 * deployed change has a higher version and Office does not keep a cached manifest.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VERSION_PATTERN, commitCount, manifestVersion, stampVersion } from "../../scripts/manifest-version.cjs";

const root = path.resolve(__dirname, "../..");
const temp = mkdtempSync(path.join(tmpdir(), "manifest-version-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" },
  });
}

/** A tiny repository with a package.json at version 2.1.0 and `n` commits. */
function repo(n: number): string {
  const dir = mkdtempSync(path.join(temp, "repo-"));
  git(["init", "-q"], dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "2.1.0" }));
  for (let i = 0; i < n; i++) {
    writeFileSync(path.join(dir, "f.txt"), String(i));
    git(["add", "-A"], dir);
    git(["commit", "-qm", `c${i}`], dir);
  }
  return dir;
}

const versionParts = (v: string): number[] => v.split(".").map(Number);
const higher = (a: string, b: string): boolean => {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};

describe("manifest version stamp", () => {
  it("is this repository's package version and commit count, in Office's format", () => {
    const v = manifestVersion(root, {});
    expect(v).toMatch(VERSION_PATTERN);
    const pkg = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
    expect(v).toBe(`${pkg}.${commitCount(root)}`);
  });

  it("rises with every commit", () => {
    const dir = repo(2);
    const before = manifestVersion(dir, {});
    expect(before).toBe("2.1.0.2");
    writeFileSync(path.join(dir, "g.txt"), "change");
    git(["add", "-A"], dir);
    git(["commit", "-qm", "a deployed change"], dir);
    const after = manifestVersion(dir, {});
    expect(after).toBe("2.1.0.3");
    expect(higher(after, before)).toBe(true);
  });

  it("refuses to guess without git history, and takes a valid ADDIN_VERSION", () => {
    const dir = mkdtempSync(path.join(temp, "nogit-"));
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "2.1.0" }));
    expect(() => manifestVersion(dir, {})).toThrow(/ADDIN_VERSION/);
    expect(manifestVersion(dir, { ADDIN_VERSION: "2.1.0.77" })).toBe("2.1.0.77");
    expect(() => manifestVersion(dir, { ADDIN_VERSION: "2.1" })).toThrow(/1\.2\.3\.4/);
    expect(() => manifestVersion(dir, { ADDIN_VERSION: "2.1.0.123456" })).toThrow();
  });

  it("replaces the manifest's <Version> only", () => {
    const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");
    const stamped = stampVersion(xml, "1.0.0.42");
    expect(stamped).toContain("<Version>1.0.0.42</Version>");
    expect(stamped.replace("<Version>1.0.0.42</Version>", "")).toBe(xml.replace(/<Version>[^<]*<\/Version>/, ""));
    expect(() => stampVersion(xml, "one")).toThrow();
  });
});
