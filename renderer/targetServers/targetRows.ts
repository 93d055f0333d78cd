// Filtering and sorting the Target Server Status grid: plain functions over the rows, so
// 10,000 targets sort in a few milliseconds and the rules are tested without a browser.
import type { TargetRow } from '../api/types';
import type { SortState } from '../kit/Grid';
import { statusRank } from './status';

export type TargetColumn = 'serverName' | 'location' | 'localTime' | 'lastPollDate' | 'unreadInstructions' | 'status' | 'pollInterval' | 'enlistDate' | 'enlistedByNtUser';

const isDigit = (c: number) => c >= 48 && c <= 57;
/** ASCII letters compared without case (sysname's default collation); others by their upper case. */
const fold = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c < 128 ? c : String.fromCharCode(c).toUpperCase().charCodeAt(0));

/**
 * Names in "natural" order, any case: TSX2 before TSX10, digit runs compared as numbers. A
 * comparison walks the two texts once: no key is built, so a 10,000-row sort builds nothing.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      while (i < a.length && a.charCodeAt(i) === 48) i++;
      while (j < b.length && b.charCodeAt(j) === 48) j++;
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      // More digits (leading zeros aside) is a bigger number; as many, the first differing digit decides.
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d) return d;
      }
      continue;
    }
    const d = fold(ca) - fold(cb);
    if (d) return d;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

/** The Status column's words for a status value, in the current language ("Blocked", "Hors connexion"…). */
export type StatusWords = (status: number) => string;

const matcher = (text: string, statusWords?: StatusWords) => {
  const q = text.trim().toLocaleUpperCase();
  if (!q) return null;
  // Each distinct status is spelled once per filter, not once per row.
  const words = new Map<number, boolean>();
  const statusMatches = (status: number) => {
    let m = words.get(status);
    if (m === undefined) words.set(status, (m = !!statusWords && statusWords(status).toLocaleUpperCase().includes(q)));
    return m;
  };
  return (r: TargetRow) => r.serverName.toUpperCase().includes(q) || (r.location ?? '').toUpperCase().includes(q) || r.enlistedByNtUser.toUpperCase().includes(q) || statusMatches(r.status);
};

/** Rows whose name, location, enlisting user or status (in the given words) contain the text (any case). */
export function filterTargets(rows: readonly TargetRow[], text: string, statusWords?: StatusWords): readonly TargetRow[] {
  const matches = matcher(text, statusWords);
  return matches ? rows.filter(matches) : rows;
}

type SortValue = string | number;

function valueOf(column: string): (r: TargetRow) => SortValue {
  switch (column as TargetColumn) {
    case 'serverName':
      return (r) => r.serverName;
    case 'location':
      return (r) => r.location ?? '';
    case 'enlistedByNtUser':
      return (r) => r.enlistedByNtUser;
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

const plainCmp = (a: SortValue, b: SortValue) => (a < b ? -1 : a > b ? 1 : 0);
const NAME_COLUMNS = new Set<string>(['serverName', 'location', 'enlistedByNtUser']);

/** The order of rows by the column, then by name. */
function comparator(sort: SortState): (a: TargetRow, b: TargetRow) => number {
  const value = valueOf(sort.column);
  const cmp = NAME_COLUMNS.has(sort.column) ? (x: SortValue, y: SortValue) => compareNatural(String(x), String(y)) : plainCmp;
  const dir = sort.direction === 'ascending' ? 1 : -1;
  return (a, b) => dir * cmp(value(a), value(b)) || compareNatural(a.serverName, b.serverName);
}

/** Positions of `rows` in the sort's order; rows already in order (the master's answer, sorted by name) are not sorted again. */
function sortedOrder(rows: readonly TargetRow[], order: number[], sort: SortState): number[] {
  const before = comparator(sort);
  let sorted = true;
  for (let k = 1; k < order.length && sorted; k++) sorted = before(rows[order[k - 1]], rows[order[k]]) <= 0;
  return sorted ? order : order.slice().sort((x, y) => before(rows[x], rows[y]));
}

/** Sorted by the column, then by name; without a sort, in the master's order (by name). */
export function sortTargets(rows: readonly TargetRow[], sort: SortState | undefined): readonly TargetRow[] {
  if (!sort) return rows;
  return sortedOrder(rows, rows.map((_, i) => i), sort).map((i) => rows[i]);
}

/** Columns whose first click sorts the worst first: Status (Blocked, then Offline). */
const WORST_FIRST = new Set<string>(['status']);

/** A header click: a new column sorts ascending (Status: worst first), the same column flips. */
export function nextSort(current: SortState | undefined, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: WORST_FIRST.has(column) ? 'descending' : 'ascending' };
}

/** The grid's rows: the master's rows filtered and sorted, with the order that made them. */
export interface TargetView {
  source: readonly TargetRow[];
  filter: string;
  sort: SortState | undefined;
  statusWords?: StatusWords;
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
export function viewTargets(prev: TargetView | undefined, source: readonly TargetRow[], filter: string, sort: SortState | undefined, statusWords?: StatusWords): TargetView {
  if (prev && prev.source === source && prev.filter === filter && sameSort(prev.sort, sort) && prev.statusWords === statusWords) return prev;
  const matches = matcher(filter, statusWords);
  if (prev && prev.filter === filter && sameSort(prev.sort, sort) && prev.statusWords === statusWords && keepsOrder(prev.source, source, matches, sort)) {
    return { source, filter, sort, statusWords, order: prev.order, rows: prev.order.map((i) => source[i]) };
  }
  let order: number[] = [];
  for (let i = 0; i < source.length; i++) if (!matches || matches(source[i])) order.push(i);
  if (sort) order = sortedOrder(source, order, sort);
  return { source, filter, sort, statusWords, order, rows: order.map((i) => source[i]) };
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
