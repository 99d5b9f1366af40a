import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { buildCorpus } from "./corpus";

it("the fuzz corpus builds (and is written to FUZZ_CORPUS_DIR when set)", async () => {
  const corpus = await buildCorpus();
  expect(corpus.length).toBeGreaterThan(10);
  const dir = process.env.FUZZ_CORPUS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    for (const f of corpus) writeFileSync(join(dir, `${f.name.replace(/\W+/g, "_")}.xlsx`), f.bytes);
  }
});
