/**
 * Post id -> index of its first occurrence in a list, for lists of any size.
 *
 * A JavaScript Map keyed by 50,000+ distinct id strings is slow to build: each insertion walks a bucket chain
 * whose entries point at key strings all over the heap (a cache miss per entry compared once the list no longer
 * fits the caches), the table is rehashed as it doubles, and "first occurrence" needs a `has` and a `set`. This
 * index is an open-addressing table in typed arrays holding each post's own 32-bit hash of its id: a probe
 * compares numbers in two small arrays and reads a post's id only when the hashes agree (in practice, the post
 * looked for). Building it reads the posts once, in order. Blank ids are not indexed.
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

export class PostIdIndex implements ReadonlyMap<string, number> {
  /** Index of the first post with the same id, for every post; -1 for a blank id. */
  readonly firstOccurrence: Int32Array;
  readonly size: number;
  private readonly ids: readonly string[];
  private readonly hashes: Int32Array;
  /** Post index + 1 per slot (0: empty); a power of two at least twice the posts. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hash: (id: string) => number;
  private map: Map<string, number> | null = null;

  /** `hash` is for tests (a poor hash must give the same answers). */
  constructor(posts: readonly { readonly id: string }[], hash: (id: string) => number = idHash) {
    const n = posts.length;
    let capacity = 16;
    while (capacity < 2 * n) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(n);
    this.firstOccurrence = new Int32Array(n);
    this.hash = hash;
    const ids: string[] = new Array<string>(n);
    let size = 0;
    for (let i = 0; i < n; i++) {
      const id = posts[i].id;
      ids[i] = id;
      if (id === "") {
        this.firstOccurrence[i] = -1;
        continue;
      }
      const h = hash(id) | 0;
      this.hashes[i] = h;
      let k = h & this.mask;
      for (;;) {
        const j = this.slots[k] - 1;
        if (j < 0) {
          this.slots[k] = i + 1;
          this.firstOccurrence[i] = i;
          size++;
          break;
        }
        if (this.hashes[j] === h && ids[j] === id) {
          this.firstOccurrence[i] = j;
          break;
        }
        k = (k + 1) & this.mask;
      }
    }
    this.ids = ids;
    this.size = size;
  }

  get(id: string): number | undefined {
    if (id === "") return undefined;
    const h = this.hash(id) | 0;
    for (let k = h & this.mask; ; k = (k + 1) & this.mask) {
      const j = this.slots[k] - 1;
      if (j < 0) return undefined;
      if (this.hashes[j] === h && this.ids[j] === id) return j;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  private asMap(): Map<string, number> {
    if (this.map === null) {
      const map = new Map<string, number>();
      for (let i = 0; i < this.ids.length; i++) if (this.firstOccurrence[i] === i) map.set(this.ids[i], i);
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
