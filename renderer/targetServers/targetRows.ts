// Filtering and sorting the Target Server Status grid: plain functions over the rows, so
// 10,000 targets sort in a few milliseconds and the rules are tested without a browser.
import type { TargetRow } from '../api/types';
import type { SortState } from '../kit/Grid';
import { statusRank } from './status';

export type TargetColumn = 'serverName' | 'location' | 'localTime' | 'lastPollDate' | 'unreadInstructions' | 'status' | 'pollInterval' | 'enlistDate' | 'enlistedByNtUser';

/**
 * A text that sorts "naturally" with plain < (TSX2 before TSX10, any case): digit runs padded.
 * Intl.Collator with numeric would do the same, ten times slower on 10,000 names.
 */
export function naturalKey(text: string): string {
  let key = naturalKeys.get(text);
  if (key === undefined) {
    key = text.toUpperCase().replace(/\d+/g, (d) => d.padStart(12, '0'));
    // Names repeat on every reload; the cache is bounded by the fleet, capped for safety.
    if (naturalKeys.size > 100_000) naturalKeys.clear();
    naturalKeys.set(text, key);
  }
  return key;
}

const naturalKeys = new Map<string, string>();

/** Rows whose name, location or enlisting user contain the text (any case). */
export function filterTargets(rows: readonly TargetRow[], text: string): readonly TargetRow[] {
  const q = text.trim().toUpperCase();
  if (!q) return rows;
  return rows.filter(
    (r) => r.serverName.toUpperCase().includes(q) || (r.location ?? '').toUpperCase().includes(q) || r.enlistedByNtUser.toUpperCase().includes(q),
  );
}

type SortValue = string | number;

function valueOf(column: string): (r: TargetRow) => SortValue {
  switch (column as TargetColumn) {
    case 'serverName':
      return (r) => naturalKey(r.serverName);
    case 'location':
      return (r) => naturalKey(r.location ?? '');
    case 'enlistedByNtUser':
      return (r) => naturalKey(r.enlistedByNtUser);
    // Wire datetimes are ISO text of one shape: text order is time order.
    case 'localTime':
      return (r) => r.localTime;
    case 'lastPollDate':
      return (r) => r.lastPollDate;
    case 'enlistDate':
      return (r) => r.enlistDate;
    case 'unreadInstructions':
      return (r) => r.unreadInstructions;
    case 'pollInterval':
      return (r) => r.pollInterval;
    case 'status':
      return (r) => statusRank(r.status);
    default:
      return () => 0;
  }
}

const cmp = (a: SortValue, b: SortValue) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted by the column, then by name; without a sort, in the master's order (by name). */
export function sortTargets(rows: readonly TargetRow[], sort: SortState | undefined): readonly TargetRow[] {
  if (!sort) return rows;
  const value = valueOf(sort.column);
  const dir = sort.direction === 'ascending' ? 1 : -1;
  const decorated = rows.map((r) => ({ r, v: value(r), n: naturalKey(r.serverName) }));
  decorated.sort((a, b) => dir * cmp(a.v, b.v) || cmp(a.n, b.n));
  return decorated.map((d) => d.r);
}

/** A header click: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | undefined, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}
