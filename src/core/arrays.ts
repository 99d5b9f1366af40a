/**
 * Array helpers that hold for any length. `target.push(...items)` passes every item as an argument, so it
 * throws a RangeError (or overflows the stack) once `items` runs to about 100,000+; `Math.max(...xs)` and
 * `String.fromCharCode(...xs)` likewise. These loop instead.
 */

/** Append every item to `target` (in place), however many there are. Returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
