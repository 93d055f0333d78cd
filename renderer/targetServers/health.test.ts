import { describe, expect, it } from 'vitest';
import { clockSkewMs, compareVersions, estimateMasterZone, fleetHealth, isOverdue, hasOldUnread, SKEW_THRESHOLD_MS, withProblems } from './health';
import { targetRow } from './testing';

// Rows polled at 07:00 master time (the master one hour east of UTC, like MSX01).
const MASTER_ZONE = 60;
const at = (iso: string) => Date.parse(iso);
/** A target in zone `tz` whose clock is `skewMs` off, seen at its 07:00 poll. */
function row(name: string, tz: number, skewMs = 0, over: Parameters<typeof targetRow>[1] = {}) {
  const local = at(over.lastPollDate ?? '2026-11-22T07:00:00.000Z') + (tz - MASTER_ZONE) * 60_000 + skewMs;
  return targetRow(name, { timeZoneAdjustment: tz, localTime: new Date(local).toISOString(), ...over });
}

describe('fleet health: the rules', () => {
  it('overdue is no poll for more than 1.5 intervals, and not once msdb says Offline', () => {
    const r = row('A', 0);
    expect(isOverdue(r, at('2026-11-22T07:01:30.000Z'))).toBe(false);
    expect(isOverdue(r, at('2026-11-22T07:01:30.001Z'))).toBe(true);
    expect(isOverdue({ ...r, status: 2 }, at('2026-11-22T07:10:00.000Z'))).toBe(false);
    expect(isOverdue(r, null)).toBe(false);
  });

  it('unread instructions count when the oldest was posted more than one interval ago', () => {
    const r = row('A', 0, 0, { unreadInstructions: 2 });
    const posted = new Map([['A', at('2026-11-22T06:59:00.000Z')]]);
    expect(hasOldUnread(r, at('2026-11-22T07:00:00.000Z'), posted)).toBe(false);
    expect(hasOldUnread(r, at('2026-11-22T07:00:00.001Z'), posted)).toBe(true);
    expect(hasOldUnread({ ...r, unreadInstructions: 0 }, at('2026-11-22T08:00:00.000Z'), posted)).toBe(false);
    expect(hasOldUnread(r, at('2026-11-22T08:00:00.000Z'), undefined)).toBe(false);
  });

  it('clock skew takes the time zones out: the master zone from the fleet, each target against it', () => {
    const rows = [row('LON', 0), row('NYC', -300), row('TOK', 540), row('SYD', 660, 5 * 60_000), row('SEA', -480, -61_000)];
    expect(estimateMasterZone(rows)).toBe(MASTER_ZONE);
    expect(clockSkewMs(rows[0], MASTER_ZONE)).toBe(0);
    expect(clockSkewMs(rows[1], MASTER_ZONE)).toBe(0);
    expect(clockSkewMs(rows[3], MASTER_ZONE)).toBe(5 * 60_000);
    expect(clockSkewMs(rows[4], MASTER_ZONE)).toBe(-61_000);
    expect(clockSkewMs(rows[0], null)).toBeNull();
    // At the threshold is not skewed; past it is.
    const h = fleetHealth([row('EDGE', 0, SKEW_THRESHOLD_MS), row('PAST', 0, -SKEW_THRESHOLD_MS - 1), row('OK', 0)], { masterNow: null, masterTimeZoneMinutes: MASTER_ZONE });
    expect(h.counts.skewed).toBe(1);
    expect(h.byServer.get('PAST')?.has('skewed')).toBe(true);
  });

  it('versions compare part by part as numbers', () => {
    expect(compareVersions('15.0.4375.4', '16.0.4135.4')).toBeLessThan(0);
    expect(compareVersions('16.0.4135.4', '16.0.4135.4')).toBe(0);
    expect(compareVersions('16.0.10000.1', '16.0.4135.4')).toBeGreaterThan(0);
  });
});

describe('fleet health: the summary counts', () => {
  const now = at('2026-11-22T07:02:00.000Z');
  const rows = [
    row('BLOCKED', 0, 0, { status: 5 }),
    row('OFFLINE', 0, 0, { status: 3, lastPollDate: '2026-11-22T06:50:00.000Z' }),
    row('BOTH', 0, 0, { status: 7 }),
    row('LATE', 0, 0, { lastPollDate: '2026-11-22T07:00:00.000Z' }),
    row('FINE', 0, 0, { lastPollDate: '2026-11-22T07:01:50.000Z' }),
    row('UNREAD', 0, 0, { lastPollDate: '2026-11-22T07:01:50.000Z', unreadInstructions: 1 }),
    row('OLD', 0, 0, { lastPollDate: '2026-11-22T07:01:50.000Z' }),
  ];
  const input = {
    masterNow: now,
    masterTimeZoneMinutes: MASTER_ZONE,
    masterVersion: '16.0.4135.4',
    versions: new Map([['OLD', '15.0.4375.4'], ['FINE', '16.0.4135.4']]),
    oldestUnread: new Map([['UNREAD', at('2026-11-22T07:00:00.000Z')]]),
  };

  it('counts each problem once per target; a target can have several', () => {
    const h = fleetHealth(rows, input);
    // BLOCKED, OFFLINE and BOTH polled at 07:00 too but their status bits decide; BLOCKED is also overdue (2 min > 90 s).
    expect(h.counts).toEqual({ blocked: 2, offline: 2, overdue: 2, unread: 1, skewed: 0, oldVersion: 1 });
    expect([...h.byServer.get('BOTH')!]).toEqual(['blocked', 'offline']);
    expect(h.byServer.has('FINE')).toBe(false);
  });

  it('a count filters the rows: any of the chosen problems; none chosen is every row', () => {
    const h = fleetHealth(rows, input);
    expect(withProblems(rows, h, new Set(['blocked'])).map((r) => r.serverName)).toEqual(['BLOCKED', 'BOTH']);
    expect(withProblems(rows, h, new Set(['offline', 'oldVersion'])).map((r) => r.serverName)).toEqual(['OFFLINE', 'BOTH', 'OLD']);
    expect(withProblems(rows, h, new Set())).toBe(rows);
  });

  it('without the master clock or versions, only what msdb says is counted', () => {
    const h = fleetHealth(rows, { masterNow: null });
    expect(h.counts).toMatchObject({ blocked: 2, offline: 2, overdue: 0, unread: 0, oldVersion: 0 });
  });
});
