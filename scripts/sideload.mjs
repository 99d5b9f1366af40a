// Sideload (and remove) the add-in in Excel desktop without Office's toolkit CLI, which pulls in a native
// module (keytar) that must be compiled on install. Both platforms use the plain mechanism Office documents:
//
// - Windows: Office reads developer add-ins from the registry key
//   HKCU\Software\Microsoft\Office\16.0\WEF\Developer, one string value per add-in (name: the manifest's <Id>,
//   data: the manifest's full path). This is the key Office's own `office-addin-dev-settings sideload` writes
//   (its lib/registry.js and lib/dev-settings-windows.js), and the one "Sideload Office Add-ins for testing"
//   on Microsoft Learn points developers to when they clear a sideloaded add-in.
// - macOS: Excel reads manifests placed in ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef
//   ("Sideload Office Add-ins on Mac for testing", Microsoft Learn, /office/dev/add-ins/testing/sideload-an-office-add-in-on-mac).
//
// Elsewhere (Linux, CI) there is no Excel desktop: callers print the Excel-on-the-web upload steps instead.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const WINDOWS_DEVELOPER_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";

/** The add-in id (<Id>) of a manifest file, or a thrown Error that says what is wrong with the file. */
export function manifestId(manifestPath) {
  const xml = readFileSync(manifestPath, "utf8");
  const match = /<Id>\s*([0-9a-fA-F-]{36})\s*<\/Id>/.exec(xml);
  if (!match) throw new Error(`${manifestPath} has no <Id> element with a GUID: is it an add-in manifest?`);
  return match[1].toLowerCase();
}

/** Where Excel for Mac looks for sideloaded manifests. */
export function macWefFolder(home = os.homedir()) {
  return path.join(home, "Library", "Containers", "com.microsoft.Excel", "Data", "Documents", "wef");
}

/**
 * The steps that sideload `manifestPath` on `platform`, as data, so they can be tested anywhere.
 * Each step is { kind: "command", file, args } or { kind: "copy", from, to } or { kind: "remove", path }.
 */
export function sideloadPlan(manifestPath, { platform = process.platform, home = os.homedir(), remove = false } = {}) {
  const full = path.resolve(manifestPath);
  const id = manifestId(full);
  if (platform === "win32") {
    const args = remove
      ? ["delete", WINDOWS_DEVELOPER_KEY, "/v", id, "/f"]
      : ["add", WINDOWS_DEVELOPER_KEY, "/v", id, "/t", "REG_SZ", "/d", full, "/f"];
    const steps = [{ kind: "command", file: "reg", args }];
    if (!remove) steps.push({ kind: "command", file: "cmd", args: ["/c", "start", "", "excel"] });
    return steps;
  }
  if (platform === "darwin") {
    const target = path.join(macWefFolder(home), `${id}.manifest.xml`);
    if (remove) return [{ kind: "remove", path: target }];
    return [
      { kind: "copy", from: full, to: target },
      { kind: "command", file: "open", args: ["-a", "Microsoft Excel"] },
    ];
  }
  return [];
}

/** Carry out a plan; resolves to a sentence for the console, or throws with what failed. */
export function runPlan(steps) {
  for (const step of steps) {
    if (step.kind === "copy") {
      mkdirSync(path.dirname(step.to), { recursive: true });
      copyFileSync(step.from, step.to);
    } else if (step.kind === "remove") {
      if (existsSync(step.path)) rmSync(step.path);
    } else {
      const result = spawnSync(step.file, step.args, { stdio: "pipe", encoding: "utf8" });
      if (result.error) throw new Error(`${step.file} could not be run (${result.error.message})`);
      if (result.status !== 0) throw new Error(`${step.file} ${step.args.join(" ")} failed: ${(result.stderr || result.stdout).trim()}`);
    }
  }
}
