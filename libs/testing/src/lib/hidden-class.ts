import { setFlagsFromString } from 'node:v8';

let haveSameMap: ((a: object, b: object) => boolean) | undefined;

/**
 * Whether V8 gave two objects the same hidden class (map). Objects built per call should: a hidden class is
 * allocated in the old generation, so one per call is garbage that only a full collection frees (on Node 20,
 * `{ ...source, more }` does that; tools/bench/FINDINGS.md, fifth pass). Uses V8's `%HaveSameMap`, enabled here.
 */
export function sameHiddenClass(a: object, b: object): boolean {
  if (!haveSameMap) {
    setFlagsFromString('--allow-natives-syntax');
    haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
  }
  return haveSameMap(a, b);
}

/** How many of `objects` have another hidden class than the first: 0 when they all share one. */
export function hiddenClassesOtherThanFirst(objects: readonly object[]): number {
  return objects.filter((object) => !sameHiddenClass(objects[0], object)).length;
}
