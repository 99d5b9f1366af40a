/**
 * Post lists for the benches: establishments of any size built from the 5,000-post fixture.
 *
 * A list of n posts is n/5,000 establishments of 5,000 posts from generateEstablishment (different seeds), renamed so
 * ids and directorate names are distinct between copies. Every copy, the first included, is built the same
 * way, so a post costs the same to read in a list of 5,000 as in one of 500,000:
 * - ids become "C007-P00012" and directorates "Adult Social Care (area 008)" in every copy (same lengths);
 * - each copy goes through JSON, so every post owns fresh flat strings, as posts read from a sheet do (one
 *   string per cell). Built with template literals alone, the copies' directorates would be V8 "cons"
 *   strings (two pieces, one per post) and their reports-to a different string object from the manager's id,
 *   while the first copy shares one flat string per directorate: comparing and hashing them would cost more
 *   per post in the larger lists, a growth that is the fixture's, not the code's.
 */
import type { Post } from "../src/core/posts/postList";
import { generateEstablishment } from "../test/fixtures/postLists";

export const SMALL = 5_000;

function copyTag(c: number): string {
  return String(c).padStart(3, "0");
}

/** `count` posts as count/5,000 establishments with distinct ids and directorates (see the module comment). */
export function scaledEstablishment(count: number): Post[] {
  const copies = Math.max(1, Math.round(count / SMALL));
  const out: Post[] = [];
  for (let c = 0, seed = 20_231_005; c < copies; c++, seed++) {
    const tag = copyTag(c);
    const area = copyTag(c + 1);
    const id = (s: string): string => `C${tag}-${s}`;
    const dir = (s: string): string => (s === "" ? s : `${s} (area ${area})`);
    let generated = generateEstablishment(SMALL, seed);
    // A few seeds fill every manager's span before 5,000 posts: the next seed gives a whole establishment.
    while (generated.length !== SMALL) generated = generateEstablishment(SMALL, ++seed);
    const renamed = generated.map((p) => ({
      ...p,
      id: id(p.id),
      reportsTo: p.reportsTo === null ? null : id(p.reportsTo),
      directorate: dir(p.directorate),
    }));
    const fresh = JSON.parse(JSON.stringify(renamed), (key, value: unknown) => (key === "effectiveDate" && typeof value === "string" ? new Date(value) : value)) as Post[];
    for (const p of fresh) {
      p.row = out.length + 1;
      out.push(p);
    }
  }
  return out;
}
