/**
 * The file fuzzer's corpus: small workbooks made in code, valid and hostile, as the parts of their zip so a
 * mutation can damage one part's XML and zip it again. `buildCorpus()` is what the fuzzer starts from;
 * `FUZZ_CORPUS_DIR=dir npx vitest run test/fuzz/corpus.test.ts` writes it to disk as .xlsx files (for other
 * fuzzers, or to open in Excel).
 */
import JSZip from "jszip";
import { buildXlsx, marketReviewFaulty, mergedCategoryRows, savingsFaulty } from "../fixtures/budgetSheets";
import { budgetXlsx, hugeMerge, miniXlsx, notWorkbooks, sparseCorners, zipOf, type ZipEntry } from "../workbook/hostileFiles";

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
  /** The zip's parts (text), when it is a zip JSZip can read. */
  parts: ZipEntry[] | null;
}

/** Snippets a mutation may splice into a part's XML: the shapes that broke readers before. */
export const HOSTILE_SNIPPETS = [
  '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
  '<c r="A1" t="d"><v>2024-10-01</v></c>',
  '<c r="B2"><f t="shared" si="7"/><v>1</v></c>',
  '<c r="B3"><f t="shared" ref="B3:B9" si="7">A3*2</f><v>2</v></c>',
  '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
  '<mergeCell ref="C3:A1"/>',
  '<c r="ZZZZ99999999"><v>1</v></c>',
  '<c r="A0"><v>1</v></c>',
  '<c t="s"><v>999999</v></c>',
  '<c t="e"><v>#REF!</v></c>',
  '<c t="inlineStr"><is><t>&#0;&#xD800;&amp;&lt;</t></is></c>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
  "<![CDATA[ <c><v>1</v></c> ]]>",
  "<!-- <c r='A1'><v>1</v></c>",
  '<x:c r="C1" xmlns:x="urn:x"><x:v>3</x:v></x:c>',
  '<row r="-5"><c r="A5"><v>NaN</v></c></row>',
  '<c r="A1"><f>SUM(A:A)+\'Call (centre) posts\'!A1</f><v>1</v></c>',
  '<sheet name="Ghost" sheetId="9" r:id="rId99"/>',
];

async function partsOf(bytes: Uint8Array): Promise<ZipEntry[] | null> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const out: ZipEntry[] = [];
    for (const f of Object.values(zip.files)) if (!f.dir) out.push({ name: f.name, data: await f.async("string") });
    return out;
  } catch {
    return null;
  }
}

export async function buildCorpus(): Promise<CorpusFile[]> {
  const files: [string, Uint8Array][] = [
    ["budget and savings (ExcelJS)", await buildXlsx([marketReviewFaulty, savingsFaulty, mergedCategoryRows])],
    ["budget 60 lines (Excel-like XML)", budgetXlsx(60)],
    ["sparse corners", sparseCorners()],
    ["huge merge", hugeMerge()],
    ["prefixed XML", miniXlsx([{ name: "P", xml: '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>' }])],
    ...Object.entries(notWorkbooks).map(([n, make]): [string, Uint8Array] => [n, make()]),
  ];
  const out: CorpusFile[] = [];
  for (const [name, bytes] of files) out.push({ name, bytes, parts: await partsOf(bytes) });
  return out;
}

/** Zip parts again (after a mutation). */
export function rezip(parts: readonly ZipEntry[]): Uint8Array {
  return zipOf(parts);
}
