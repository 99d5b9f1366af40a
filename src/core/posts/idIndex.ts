/**
 * Post id -> index of its first occurrence in a list, for lists of any size.
 *
 * A JavaScript Map keyed by 50,000+ distinct id strings is slow to build: each insertion walks a bucket chain
 * whose entries point at key strings all over the heap (a cache miss per entry compared once the list no longer
 * fits the caches), the table is rehashed as it doubles, and "first occurrence" needs a `has` and a `set`. This
 * index is an open-addressing table in typed arrays holding each post's own 32-bit hash of its id: a probe
 * compares numbers in two small arrays and reads a post's id only when the hashes agree (in practice, the post
 * looked for). Building it reads the posts once, in order. Blank ids are not indexed. The ids are read from the
 * posts, not copied: the list must not change while its index is in use.
 *
 * The same pass can resolve every post's reports-to and number its directorate (buildHierarchy asks for both),
 * so a tree costs one trip through the posts, which at 500,000 posts do not fit the caches.
 *
 * It answers `get`, `has` and `size` itself and is a ReadonlyMap; iterating it (rare) goes through a Map built
 * on first use, in the order ids first appear in the list, as a Map filled in list order would be.
 */

/** FNV-1a over UTF-16 code units, then a final mix so that the low bits used for the slot depend on every unit. */
export function idHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Each post's directorate as a number, and the directorates (blank included) in the order they first appear.
 * Spellings that differ only in case, spacing or "&" for "and" ("Strategic & Corporate Services",
 * "strategic and  corporate services") are one directorate, named by its most common spelling (the first to
 * appear, of equally common ones), with its spaces tidied; a blank or all-space directorate is "".
 */
export interface Directorates {
  /** Index into `names` of each post's directorate. */
  of: Int32Array;
  names: string[];
}

/** What directorate spellings are compared by: lower case, "&" as "and", runs of spaces as one, trimmed. */
export function directorateKey(name: string): string {
  return name.toLowerCase().replace(/&/g, " and ").replace(/\s+/g, " ").trim();
}

/** A small (lower-case) or title-case letter in any script: what an ID needs for another spelling in capitals. */
const SMALL_LETTER = /[\p{Ll}\p{Lt}]/u;

/**
 * Whether an ID has a small letter, so that the same ID in capitals is another spelling of it: a-z looked for code
 * by code, the regular expression only for an ID with more than ASCII in it.
 */
function hasSmallLetter(id: string): boolean {
  for (let k = 0; k < id.length; k++) {
    const c = id.charCodeAt(k);
    if (c >= 97 && c <= 122) return true;
    if (c > 127) return SMALL_LETTER.test(id);
  }
  return false;
}

export class PostIdIndex implements ReadonlyMap<string, number> {
  /** Index of the first post with the same id, for every post; -1 for a blank id. */
  readonly firstOccurrence: Int32Array;
  /**
   * With `findSmallLetters`, the posts (first of their id, in list order) whose id has a small letter
   * (hasSmallLetter): the only ids another can differ from in capitals alone. Looked for as each id is hashed,
   * while its characters are in cache (a pass of its own over 500,000 posts' ids missed the caches on each, and
   * cost a fifth of checkPosts). Empty when not asked for.
   */
  readonly smallLetterIds: number[] = [];
  readonly size: number;
  /** The posts indexed: their ids are read from them, not copied (the index is for a list that does not change). */
  private readonly posts: readonly { readonly id: string }[];
  private readonly hashes: Int32Array;
  /** Post index + 1 per slot (0: empty); a power of two at least twice the posts. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hash: (id: string) => number;
  private map: Map<string, number> | null = null;

  /**
   * `hash` is for tests (a poor hash must give the same answers). With `managers` (as long as the list), the same
   * pass over the posts also resolves each post's reports-to: `managers[i]` becomes the index of the first post
   * whose id is posts[i].reportsTo, -1 when reports-to is blank (or absent) and -2 when no post has that id. Most
   * lists name a manager before its reports, so a manager is found while the post is still in cache; the others
   * are looked up again after the pass (by the hash kept from the first look). With `directorates` (`of` as long
   * as the list, `names` empty), the pass also numbers each post's directorate, while its strings are in cache.
   */
  constructor(
    posts: readonly { readonly id: string; readonly reportsTo?: string | null; readonly directorate?: string }[],
    hash: (id: string) => number = idHash,
    managers?: Int32Array,
    directorates?: Directorates,
    findSmallLetters = false,
  ) {
    const n = posts.length;
    let capacity = 16;
    while (capacity < 2 * n) capacity *= 2;
    const mask = capacity - 1;
    const slots = new Int32Array(capacity);
    const hashes = new Int32Array(n);
    const firstOccurrence = new Int32Array(n);
    // Posts whose manager comes later in the list, with the hash of their reports-to.
    let later: Int32Array | null = null;
    let laterHash: Int32Array | null = null;
    let laterCount = 0;
    let size = 0;
    // Directorate numbers: most posts have the directorate of the post before. Each spelling is numbered once
    // (its key worked out once) and counted, so that each directorate can be named by its commonest spelling.
    const directorateNumber = directorates === undefined ? null : new Map<string, number>();
    const spellingOf = new Map<string, number>();
    const spellings: string[] = [];
    const spellingCount: number[] = [];
    const spellingDirectorate: number[] = [];
    let lastDirectorate: string | undefined = undefined;
    let lastNumber = -1;
    let lastSpelling = -1;
    for (let i = 0; i < n; i++) {
      const p = posts[i];
      if (directorates !== undefined && directorateNumber !== null) {
        const d = p.directorate ?? "";
        if (d !== lastDirectorate) {
          let sp = spellingOf.get(d);
          if (sp === undefined) {
            const key = directorateKey(d);
            let k = directorateNumber.get(key);
            if (k === undefined) {
              k = directorates.names.length;
              directorates.names.push(d);
              directorateNumber.set(key, k);
            }
            sp = spellings.length;
            spellingOf.set(d, sp);
            spellings.push(d);
            spellingCount.push(0);
            spellingDirectorate.push(k);
          }
          lastDirectorate = d;
          lastSpelling = sp;
          lastNumber = spellingDirectorate[sp];
        }
        spellingCount[lastSpelling]++;
        directorates.of[i] = lastNumber;
      }
      const id = p.id;
      if (id === "") {
        firstOccurrence[i] = -1;
      } else {
        const h = hash(id) | 0;
        hashes[i] = h;
        let k = h & mask;
        for (;;) {
          const j = slots[k] - 1;
          if (j < 0) {
            slots[k] = i + 1;
            firstOccurrence[i] = i;
            size++;
            if (findSmallLetters && hasSmallLetter(id)) this.smallLetterIds.push(i);
            break;
          }
          if (hashes[j] === h && posts[j].id === id) {
            firstOccurrence[i] = j;
            break;
          }
          k = (k + 1) & mask;
        }
      }
      if (managers === undefined) continue;
      const to = p.reportsTo;
      if (to === null || to === undefined || to === "") {
        managers[i] = -1;
        continue;
      }
      const h = hash(to) | 0;
      let found = -1;
      for (let k = h & mask; ; k = (k + 1) & mask) {
        const j = slots[k] - 1;
        if (j < 0) break;
        if (hashes[j] === h && posts[j].id === to) {
          found = j;
          break;
        }
      }
      if (found >= 0) {
        managers[i] = found;
        continue;
      }
      managers[i] = -2;
      if (later === null || laterHash === null) {
        later = new Int32Array(n - i);
        laterHash = new Int32Array(n - i);
      }
      later[laterCount] = i;
      laterHash[laterCount++] = h;
    }
    this.mask = mask;
    this.slots = slots;
    this.hashes = hashes;
    this.firstOccurrence = firstOccurrence;
    this.hash = hash;
    this.posts = posts;
    this.size = size;
    if (directorates !== undefined) {
      // Name each directorate by its commonest spelling (one pass over the spellings, not the posts).
      const best = new Int32Array(directorates.names.length).fill(-1);
      for (let sp = 0; sp < spellings.length; sp++) {
        const k = spellingDirectorate[sp];
        if (best[k] < 0 || spellingCount[sp] > spellingCount[best[k]]) best[k] = sp;
      }
      for (let k = 0; k < best.length; k++) {
        const name = spellings[best[k]];
        directorates.names[k] = directorateKey(name) === "" ? "" : name.replace(/\s+/g, " ").trim();
      }
    }
    if (managers === undefined || later === null || laterHash === null) return;
    for (let q = 0; q < laterCount; q++) {
      const i = later[q];
      const j = this.find(posts[i].reportsTo as string, laterHash[q]);
      if (j >= 0) managers[i] = j;
    }
  }

  /** Index of the first post with id `id` (whose hash is `h`), or -1. */
  private find(id: string, h: number): number {
    for (let k = h & this.mask; ; k = (k + 1) & this.mask) {
      const j = this.slots[k] - 1;
      if (j < 0) return -1;
      if (this.hashes[j] === h && this.posts[j].id === id) return j;
    }
  }

  get(id: string): number | undefined {
    if (id === "") return undefined;
    const j = this.find(id, this.hash(id) | 0);
    return j < 0 ? undefined : j;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  private asMap(): Map<string, number> {
    if (this.map === null) {
      const map = new Map<string, number>();
      for (let i = 0; i < this.posts.length; i++) if (this.firstOccurrence[i] === i) map.set(this.posts[i].id, i);
      this.map = map;
    }
    return this.map;
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    this.asMap().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, number]> {
    return this.asMap().entries();
  }

  keys(): MapIterator<string> {
    return this.asMap().keys();
  }

  values(): MapIterator<number> {
    return this.asMap().values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.asMap()[Symbol.iterator]();
  }
}
