import { describe, expect, it } from 'vitest';
import { compareNatural, filterTargets, nextSort, sortTargets, viewTargets } from './targetRows';
import { targetRow } from './testing';

const row = targetRow;

const rows = [
  row('NYC-SQL02', { location: 'New York, DC2', status: 3, unreadInstructions: 2 }),
  row('LONDON-SQL01', { location: 'London, rack B4', pollInterval: 120 }),
  row('TSX00010', { status: 7, lastPollDate: '2026-11-22T06:00:00.000Z' }),
  row('TSX00002', { status: 5 }),
];

describe('target rows', () => {
  it('filters on name, location and enlisting user, any case', () => {
    expect(filterTargets(rows, 'london').map((r) => r.serverName)).toEqual(['LONDON-SQL01']);
    expect(filterTargets(rows, ' dc2 ').map((r) => r.serverName)).toEqual(['NYC-SQL02']);
    expect(filterTargets(rows, 'svc').length).toBe(4);
    expect(filterTargets(rows, '')).toBe(rows);
  });

  it('finds status words in the current language (the Status column\'s own words)', () => {
    const fr = (status: number) => [status & 2 ? 'Hors connexion' : '', status & 4 ? 'Bloqué' : '', status & 6 ? '' : 'Normal'].filter(Boolean).join(', ');
    expect(filterTargets(rows, 'bloqué', fr).map((r) => r.serverName)).toEqual(['TSX00010', 'TSX00002']);
    expect(filterTargets(rows, 'HORS', fr).map((r) => r.serverName)).toEqual(['NYC-SQL02', 'TSX00010']);
    expect(filterTargets(rows, 'normal', fr).map((r) => r.serverName)).toEqual(['LONDON-SQL01']);
    // Without the words only names, locations and users are searched.
    expect(filterTargets(rows, 'bloqué')).toEqual([]);
    const v = viewTargets(undefined, rows, 'Bloqué', undefined, fr);
    expect(v.rows.map((r) => r.serverName)).toEqual(['TSX00010', 'TSX00002']);
  });

  it('sorts names naturally, and each column by its value then by name', () => {
    const names = (s: Parameters<typeof sortTargets>[1]) => sortTargets(rows, s).map((r) => r.serverName);
    expect(names({ column: 'serverName', direction: 'ascending' })).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'TSX00002', 'TSX00010']);
    expect(names({ column: 'status', direction: 'descending' })).toEqual(['TSX00010', 'TSX00002', 'NYC-SQL02', 'LONDON-SQL01']);
    expect(names({ column: 'lastPollDate', direction: 'ascending' })[0]).toBe('TSX00010');
    expect(names({ column: 'pollInterval', direction: 'descending' })[0]).toBe('LONDON-SQL01');
    expect(names({ column: 'unreadInstructions', direction: 'descending' })[0]).toBe('NYC-SQL02');
    expect(sortTargets(rows, undefined)).toBe(rows);
  });

  it('compares names naturally, any case, digit runs as numbers', () => {
    expect(compareNatural('tsx2', 'TSX10')).toBeLessThan(0);
    expect(compareNatural('SQL-B', 'sql-a')).toBeGreaterThan(0);
    expect(compareNatural('TSX007', 'tsx7')).toBe(0);
    expect(compareNatural('TSX9', 'TSX0010')).toBeLessThan(0);
    expect(compareNatural('TSX1', 'TSX1A')).toBeLessThan(0);
    expect(compareNatural('TSX12', 'TSX13')).toBeLessThan(0);
    expect(compareNatural('A', 'A')).toBe(0);
    const names = ['TSX10', 'tsx2', 'TSX1', 'SEA-SQL03', 'nyc-sql02', 'TSX100', 'TSX09'];
    expect(names.slice().sort(compareNatural)).toEqual(['nyc-sql02', 'SEA-SQL03', 'TSX1', 'tsx2', 'TSX09', 'TSX10', 'TSX100']);
  });

  it('a header click sorts ascending (Status: the worst first), then flips', () => {
    expect(nextSort(undefined, 'status')).toEqual({ column: 'status', direction: 'descending' });
    expect(nextSort({ column: 'serverName', direction: 'ascending' }, 'status')).toEqual({ column: 'status', direction: 'descending' });
    expect(nextSort(undefined, 'serverName')).toEqual({ column: 'serverName', direction: 'ascending' });
    expect(nextSort({ column: 'status', direction: 'ascending' }, 'status').direction).toBe('descending');
    expect(nextSort({ column: 'status', direction: 'descending' }, 'location')).toEqual({ column: 'location', direction: 'ascending' });
  });

  it('a view sorts and filters like sortTargets and filterTargets', () => {
    const sort = { column: 'status', direction: 'descending' } as const;
    const v = viewTargets(undefined, rows, 'tsx', sort);
    expect(v.rows).toEqual(sortTargets(filterTargets(rows, 'tsx'), sort));
    expect(viewTargets(v, rows, 'tsx', { ...sort })).toBe(v);
  });

  it('a live update that moves no row keeps the order and shows the new row objects', () => {
    const sort = { column: 'serverName', direction: 'ascending' } as const;
    const v = viewTargets(undefined, rows, '', sort);
    const polled = rows.slice();
    polled[2] = { ...rows[2], lastPollDate: '2026-11-22T07:00:09.000Z', unreadInstructions: 0 };
    const next = viewTargets(v, polled, '', sort);
    expect(next.order).toBe(v.order);
    expect(next.rows.map((r) => r.serverName)).toEqual(v.rows.map((r) => r.serverName));
    expect(next.rows).toContain(polled[2]);
  });

  it('a live update that changes the sort value, or the filter match, sorts again', () => {
    const byPoll = { column: 'lastPollDate', direction: 'ascending' } as const;
    const v = viewTargets(undefined, rows, '', byPoll);
    expect(v.rows[0].serverName).toBe('TSX00010');
    const polled = rows.slice();
    polled[2] = { ...rows[2], lastPollDate: '2026-11-22T08:00:00.000Z' };
    expect(viewTargets(v, polled, '', byPoll).rows.at(-1)!.serverName).toBe('TSX00010');

    const filtered = viewTargets(undefined, rows, 'rack', undefined);
    expect(filtered.rows.map((r) => r.serverName)).toEqual(['LONDON-SQL01']);
    const moved = rows.slice();
    moved[0] = { ...rows[0], location: 'Rack A1' };
    expect(viewTargets(filtered, moved, 'rack', undefined).rows.map((r) => r.serverName)).toEqual(['NYC-SQL02', 'LONDON-SQL01']);
  });
});
