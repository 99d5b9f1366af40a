/**
 * Open .xlsx files with LibreOffice headless, the way a member without the add-in would:
 * - "cached": LibreOffice told never to recalculate on load (OOXMLRecalcMode 1), so it shows the values
 *   stored in the file, as mail and phone previews do;
 * - "recalculated": a full recalculation on load (OOXMLRecalcMode 0), as Excel does for a workbook marked
 *   fullCalcOnLoad.
 * Each run uses a fresh profile directory (no profile locks between runs), runs one soffice at a time
 * (it is heavy) and has a timeout. Every sheet is exported to CSV; PDF export gives page counts.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export type RecalcMode = "cached" | "recalculated";

const SOFFICE = process.env.SOFFICE ?? "soffice";
const TIMEOUT_MS = 120_000;

/** Is LibreOffice installed? Tests skip with a reason when it is not. */
export function sofficeAvailable(): boolean {
  return ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"].some((p) => existsSync(p)) || Boolean(process.env.SOFFICE);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * A lock across test workers (vitest runs files in parallel processes): a directory created atomically,
 * removed when done; a lock older than the longest run is taken to be left by a killed process.
 */
const LOCK_DIR = join(tmpdir(), "council-addin-soffice.lock");

async function withMachineLock<T>(job: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > TIMEOUT_MS + 30_000) rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // The lock went away between the two calls: try again.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await job();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Run soffice calls one after another, never two at once (in this process or any other test worker). */
function serial<T>(job: () => Promise<T>): Promise<T> {
  const locked = (): Promise<T> => withMachineLock(job);
  const run = queue.then(locked, locked);
  queue = run.catch(() => undefined);
  return run;
}

function run(cmd: string, args: string[], timeoutMs = TIMEOUT_MS): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

function profileDir(mode: RecalcMode): string {
  const dir = mkdtempSync(join(tmpdir(), "lo-profile-"));
  const user = join(dir, "user");
  mkdirSync(user, { recursive: true });
  // 0 = always recalculate, 1 = never recalculate, 2 = ask (which headless cannot answer).
  const value = mode === "recalculated" ? 0 : 1;
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${value}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>${value}</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

async function convert(xlsx: Uint8Array, mode: RecalcMode, filter: string, ext: string): Promise<{ dir: string; files: string[] }> {
  return serial(async () => {
    const profile = profileDir(mode);
    const work = mkdtempSync(join(tmpdir(), "lo-work-"));
    const input = join(work, "book.xlsx");
    writeFileSync(input, xlsx);
    const out = join(work, "out");
    mkdirSync(out);
    try {
      await run(SOFFICE, [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        filter,
        "--outdir",
        out,
        input,
      ]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    const files = readdirSync(out).filter((f) => f.endsWith(`.${ext}`));
    if (files.length === 0) throw new Error(`LibreOffice wrote no .${ext} file`);
    return { dir: work, files: files.map((f) => join(out, f)) };
  });
}

/** Parse CSV as LibreOffice writes it (comma, double quotes doubled inside quoted fields). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Every sheet of the workbook as LibreOffice shows it, as a grid of strings (raw values, not formatted),
 * keyed by sheet name. CSV filter options: comma, double quote, UTF-8 (76), from line 1, no "as shown"
 * formatting, sheet -1 = every sheet to its own file (LibreOffice 7.2 and later: book-SheetName.csv).
 */
export async function readSheetsWithLibreOffice(xlsx: Uint8Array, mode: RecalcMode, sheetNames: readonly string[]): Promise<Map<string, string[][]>> {
  const { dir, files } = await convert(xlsx, mode, "csv:Text - txt - csv (StarCalc):44,34,76,1,,2057,false,true,false,false,false,-1", "csv");
  try {
    const out = new Map<string, string[][]>();
    for (const name of sheetNames) {
      // LibreOffice names each file after its sheet; characters not allowed in file names are replaced.
      const file = files.find((f) => f.endsWith(`book-${name}.csv`)) ?? files.find((f) => f.endsWith(`book-${name.replace(/[/\\:*?"<>|]/g, "_")}.csv`));
      if (!file) throw new Error(`No CSV for sheet ${name}; LibreOffice wrote ${files.join(", ")}`);
      out.set(name, parseCsv(readFileSync(file, "utf8")));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfResult {
  pages: number;
  /** Page size in points (first page). */
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** Convert to PDF with LibreOffice (recalculating) and count the pages with pdfinfo (poppler-utils). */
export async function convertToPdf(xlsx: Uint8Array, mode: RecalcMode = "recalculated"): Promise<PdfResult> {
  const { dir, files } = await convert(xlsx, mode, "pdf:calc_pdf_Export", "pdf");
  try {
    const pdf = files[0];
    const { stdout } = await run("pdfinfo", [pdf], 30_000);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
    return { pages, width: Number(size?.[1] ?? NaN), height: Number(size?.[2] ?? NaN), bytes: new Uint8Array(readFileSync(pdf)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of each PDF page (pdftotext), to see what printed where. */
export async function pdfPagesText(pdf: Uint8Array): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), "lo-pdf-"));
  try {
    const file = join(work, "doc.pdf");
    writeFileSync(file, pdf);
    const { stdout } = await run("pdftotext", ["-layout", file, "-"], 30_000);
    return stdout.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function pdfToolsAvailable(): boolean {
  return ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].some((p) => existsSync(p));
}
