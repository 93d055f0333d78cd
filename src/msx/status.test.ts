import { describe, expect, it } from 'vitest';
import { computeStatus, isOffline, offlineAt, STATUS_BLOCKED, STATUS_NORMAL, STATUS_OFFLINE, statusFlags } from './status';

describe('target status', () => {
  it('Offline counts whole seconds, as DATEDIFF(ss, last_poll_date, GETDATE()) does', () => {
    // Last poll at 10.500 s, interval 10 s: more than 30 whole seconds from 41.000 s on.
    expect(isOffline(10_500, 40_999, 10)).toBe(false);
    expect(isOffline(10_500, 41_000, 10)).toBe(true);
    expect(isOffline(10_000, 40_999, 10)).toBe(false);
    expect(isOffline(10_999, 41_000, 10)).toBe(true);
  });

  it('offlineAt is the first instant isOffline holds', () => {
    for (const last of [0, 10_500, 10_999, 123_456_789]) {
      for (const interval of [10, 60, 28_800]) {
        const at = offlineAt(last, interval);
        expect(isOffline(last, at, interval)).toBe(true);
        expect(isOffline(last, at - 1, interval)).toBe(false);
      }
    }
  });

  it('status bits combine and are spelled out', () => {
    const s = computeStatus(STATUS_NORMAL, true, true);
    expect(s).toBe(STATUS_NORMAL | STATUS_OFFLINE | STATUS_BLOCKED);
    expect(statusFlags(s)).toEqual(expect.arrayContaining(['offline', 'blocked']));
  });
});
