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

const matcher = (text: string) => {
  const q = text.trim().toUpperCase();
  return q ? (r: TargetRow) => r.serverName.toUpperCase().includes(q) || (r.location ?? '').toUpperCase().includes(q) || r.enlistedByNtUser.toUpperCase().includes(q) : null;
};

/** Rows whose name, location or enlisting user contain the text (any case). */
export function filterTargets(rows: readonly TargetRow[], text: string): readonly TargetRow[] {
  const matches = matcher(text);
  return matches ? rows.filter(matches) : rows;
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

/** The grid's rows: the master's rows filtered and sorted, with the order that made them. */
export interface TargetView {
  source: readonly TargetRow[];
  filter: string;
  sort: SortState | undefined;
  /** Positions in `source` of the rows shown, in display order. */
  order: readonly number[];
  rows: readonly TargetRow[];
}

const sameSort = (a: SortState | undefined, b: SortState | undefined) => a?.column === b?.column && a?.direction === b?.direction;

/**
 * The rows to show. A live update replaces a few rows in place (liveRows.ts): when none of them
 * enters or leaves the filter or changes its sort value, the last order still holds and is only
 * refilled, instead of sorting 10,000 rows on every poll while the user scrolls.
 */
export function viewTargets(prev: TargetView | undefined, source: readonly TargetRow[], filter: string, sort: SortState | undefined): TargetView {
  if (prev && prev.source === source && prev.filter === filter && sameSort(prev.sort, sort)) return prev;
  const matches = matcher(filter);
  if (prev && prev.filter === filter && sameSort(prev.sort, sort) && keepsOrder(prev.source, source, matches, sort)) {
    return { source, filter, sort, order: prev.order, rows: prev.order.map((i) => source[i]) };
  }
  let order: number[] = [];
  for (let i = 0; i < source.length; i++) if (!matches || matches(source[i])) order.push(i);
  if (sort) {
    const value = valueOf(sort.column);
    const dir = sort.direction === 'ascending' ? 1 : -1;
    const decorated = order.map((i) => ({ i, v: value(source[i]), n: naturalKey(source[i].serverName) }));
    decorated.sort((a, b) => dir * cmp(a.v, b.v) || cmp(a.n, b.n));
    order = decorated.map((d) => d.i);
  }
  return { source, filter, sort, order, rows: order.map((i) => source[i]) };
}

/** Same targets at the same positions, and each changed row still in or out of the filter and at the same sort value. */
function keepsOrder(before: readonly TargetRow[], after: readonly TargetRow[], matches: ((r: TargetRow) => boolean) | null, sort: SortState | undefined): boolean {
  if (before.length !== after.length) return false;
  const value = sort ? valueOf(sort.column) : undefined;
  for (let i = 0; i < after.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b) continue;
    if (a.serverName !== b.serverName) return false;
    if (matches && matches(a) !== matches(b)) return false;
    if (value && value(a) !== value(b)) return false;
  }
  return true;
}
