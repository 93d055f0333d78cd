import { describe, expect, it } from 'vitest';
import { fromProbeLocalTime, fromSqlDatetime, toProbeLocalTime, toSqlDatetime } from './datetime';

// The plain implementations the fast paths must agree with.
const slowFrom = (s: string) => new Date(s.replace(' ', 'T') + 'Z');
const slowTo = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

describe('SQL Server datetime text', () => {
  it('round-trips the stored shape', () => {
    expect(toSqlDatetime(Date.UTC(2026, 10, 2, 9, 5, 7, 30))).toBe('2026-11-02 09:05:07.030');
    expect(fromSqlDatetime('2026-11-02 09:05:07.030').getTime()).toBe(Date.UTC(2026, 10, 2, 9, 5, 7, 30));
  });

  it('agrees with Date parsing and formatting across the calendar', () => {
    let x = 987654321;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const ms = Date.UTC(1753, 0, 1) + (x / 2 ** 31) * (Date.UTC(9999, 11, 31) - Date.UTC(1753, 0, 1));
      const t = Math.floor(ms);
      expect(toSqlDatetime(t)).toBe(slowTo(t));
      expect(fromSqlDatetime(slowTo(t)).getTime()).toBe(t);
    }
  });

  it('reads other ISO shapes as Date does, and says so for nonsense', () => {
    for (const s of ['2026-11-02 09:05:07', '2026-11-02T09:05:07.5', '2026-11-02 09:05:07.123']) expect(fromSqlDatetime(s).getTime()).toBe(slowFrom(s).getTime());
    expect(Number.isNaN(fromSqlDatetime('2026-13-45 99:99:99.999').getTime())).toBe(Number.isNaN(slowFrom('2026-13-45 99:99:99.999').getTime()));
    expect(Number.isNaN(fromSqlDatetime('not a date').getTime())).toBe(true);
  });

  it('writes and reads the probe’s local time', () => {
    const t = Date.UTC(2026, 10, 2, 9, 5, 7);
    expect(toProbeLocalTime(t)).toBe('2026/11/02 09:05:07');
    expect(fromProbeLocalTime('2026/11/02 09:05:07')).toBe(t);
  });
});
