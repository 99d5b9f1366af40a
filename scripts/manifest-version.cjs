// The manifest's <Version>, stamped by the build (webpack.config.js) so that every deployed change has a new
// version: Office caches a manifest and keeps the old one while the version is unchanged.
//
//   <major>.<minor>.<patch>.<commits>   from package.json's version and `git rev-list --count HEAD`
//
// Each commit raises the fourth part. ADDIN_VERSION=1.2.3.4 overrides it (a build outside a git clone, or a
// hotfix); without git and without ADDIN_VERSION the build fails rather than ship a version Office may ignore.
const { execFileSync } = require("child_process");
const path = require("path");

/** Office's version pattern: one to four dot-separated parts of up to 5 digits. */
const VERSION_PATTERN = /^\d{1,5}(\.\d{1,5}){3}$/;

function packageVersion(root) {
  const v = require(path.join(root, "package.json")).version;
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`package.json version "${v}" is not major.minor.patch`);
  return [m[1], m[2], m[3]].map(Number);
}

/** Number of commits up to HEAD in the git repository at `root`, or null when git cannot tell. */
function commitCount(root) {
  try {
    const shallow = execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (shallow === "true") return null;
    const n = Number(execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** The version to stamp: ADDIN_VERSION, else package version + commit count. Throws when neither is usable. */
function manifestVersion(root, env = process.env) {
  if (env.ADDIN_VERSION) {
    if (!VERSION_PATTERN.test(env.ADDIN_VERSION)) throw new Error(`ADDIN_VERSION must look like 1.2.3.4 (four numbers of up to 5 digits); got ${env.ADDIN_VERSION}`);
    return env.ADDIN_VERSION;
  }
  const count = commitCount(root);
  if (count === null) throw new Error("Cannot number this build: no full git history (a shallow clone or no .git). Set ADDIN_VERSION=1.2.3.4, higher than the version deployed.");
  if (count > 99999) throw new Error(`Commit count ${count} does not fit the manifest version: set ADDIN_VERSION.`);
  return [...packageVersion(root), count].join(".");
}

/** The manifest with its <Version> replaced. */
function stampVersion(xml, version) {
  if (!VERSION_PATTERN.test(version)) throw new Error(`Not a manifest version: ${version}`);
  if (!/<Version>[^<]*<\/Version>/.test(xml)) throw new Error("manifest.xml has no <Version> element");
  return xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
}

module.exports = { VERSION_PATTERN, commitCount, manifestVersion, stampVersion };
