/** Post lists for the benches: establishments of any size built from the 5,000-post fixture. */
import type { Post } from "../src/core/posts/postList";
import { generateEstablishment } from "../test/fixtures/postLists";

export const SMALL = 5_000;

/** `count` posts as count/5,000 establishments with distinct ids and directorates (see the module comment). */
export function scaledEstablishment(count: number): Post[] {
  const copies = Math.max(1, Math.round(count / SMALL));
  const out: Post[] = [];
  for (let c = 0; c < copies; c++) {
    const posts = generateEstablishment(SMALL, 20_231_005 + c);
    const id = (s: string): string => (c === 0 ? s : `C${c}-${s}`);
    const dir = (s: string): string => (c === 0 || s === "" ? s : `${s} (area ${c + 1})`);
    for (const p of posts) {
      out.push({ ...p, id: id(p.id), reportsTo: p.reportsTo === null ? null : id(p.reportsTo), directorate: dir(p.directorate), row: out.length + 1 } as Post);
    }
  }
  return out;
}

