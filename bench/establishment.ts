/**
 * Post lists for the benches: establishments of any size built from the 5,000-post fixture.
 *
 * A list of n posts is n/5,000 copies of one establishment of 5,000 posts from generateEstablishment, renamed so
 * ids and directorate names are distinct between copies. The copies are of one establishment (one seed), so a
 * list of 50,000 posts holds exactly ten times the deletions, new posts and amendments of the list of 5,000, and a
 * step whose work follows the restructure (computeSlotting, impactLayout) gets exactly ten times the input per
 * tenfold of posts. With a seed per copy the first copy, which is the whole list of 5,000, had 164 posts in the
 * impact table where the copies average 196: impactLayout's input grew 11.97x from 5,000 to 50,000 posts, and its
 * instructions 11.98x, a growth that was the fixture's. Every copy, the first included, is built the same way, so a
 * post costs the same to read in a list of 5,000 as in one of 500,000:
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
  let seed = 20_231_005;
  let generated = generateEstablishment(SMALL, seed);
  // A few seeds fill every manager's span before 5,000 posts: the next seed gives a whole establishment.
  while (generated.length !== SMALL) generated = generateEstablishment(SMALL, ++seed);
  for (let c = 0; c < copies; c++) {
    const tag = copyTag(c);
    const area = copyTag(c + 1);
    const id = (s: string): string => `C${tag}-${s}`;
    const dir = (s: string): string => (s === "" ? s : `${s} (area ${area})`);
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
