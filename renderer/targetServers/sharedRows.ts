// Structural sharing for reloaded rows: a row whose values did not change keeps its old object,
// so a memoized grid row does not re-render, and an unchanged answer keeps the old array, so
// nothing does. A 10,000-target fleet reloads several times a second while a few rows change.

function shallowEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** Equal values, field by field (a row's small arrays by their items). */
export function sameRow<T extends object>(a: T, b: T): boolean {
  for (const k of Object.keys(b) as Array<keyof T>) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    // Small arrays (statusFlags, runningJobs, a lab target's log lines): equal when their items are.
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => shallowEqual(v, y[i]))) continue;
    return false;
  }
  return true;
}

export function shareRows<T extends object>(prev: readonly T[] | undefined, next: T[], key: (row: T) => string): T[] {
  if (!prev || prev.length === 0) return next;
  const old = new Map(prev.map((r) => [key(r), r]));
  let same = prev.length === next.length;
  const out = next.map((row, i) => {
    const before = old.get(key(row));
    if (before && sameRow(before, row)) {
      if (prev[i] !== before) same = false;
      return before;
    }
    same = false;
    return row;
  });
  return same ? (prev as T[]) : out;
}
