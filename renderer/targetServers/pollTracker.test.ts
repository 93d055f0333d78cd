import { describe, expect, it } from 'vitest';
import { applyResults, cancelRequests, CONFIRM_MS, expire, hasPending, observeTargets, requestPolls } from './pollTracker';

const t0 = 1_000_000;
const london = { serverName: 'LONDON-SQL01', lastPollDate: '2026-11-22T07:00:00.000Z', pollInterval: 60, unreadInstructions: 0 };
const tokyo = { serverName: 'TOKYO-SQL04', lastPollDate: '2026-11-22T07:00:10.000Z', pollInterval: 60, unreadInstructions: 0 };

describe('Force Poll tracking', () => {
  it('goes from requested to probed to polled as the master sees the probe and the queue drains', () => {
    let r = requestPolls({}, [london, tokyo], t0);
    expect(r['LONDON-SQL01'].phase).toBe('requested');
    expect(hasPending(r)).toBe(true);
    // The SET-POLL Force Poll posted is unread; nothing moved yet.
    r = observeTargets(r, [{ ...london, unreadInstructions: 1 }, tokyo], t0 + 10);
    expect(r['LONDON-SQL01'].phase).toBe('requested');
    r = observeTargets(r, [{ ...london, lastPollDate: '2026-11-22T07:00:05.000Z', unreadInstructions: 1 }, tokyo], t0 + 20);
    expect(r['LONDON-SQL01'].phase).toBe('probed');
    r = observeTargets(r, [{ ...london, lastPollDate: '2026-11-22T07:00:05.000Z', unreadInstructions: 0 }, tokyo], t0 + 30);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'polled', doneAt: t0 + 30 });
    expect(r['TOKYO-SQL04'].phase).toBe('requested');
  });

  it('a poll that completes before the API answers is still seen (the baseline is the click)', () => {
    let r = requestPolls({}, [london], t0);
    r = observeTargets(r, [{ ...london, lastPollDate: '2026-11-22T07:00:01.000Z' }], t0 + 5);
    r = applyResults(r, [{ server: 'LONDON-SQL01', instanceId: 7, message: 'x', pollInterval: 60, signal: 'signalled' }]);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'polled', signal: 'signalled' });
  });

  it('keeps what the API said about a target it could not signal', () => {
    let r = requestPolls({}, [tokyo], t0);
    r = applyResults(r, [
      { server: 'TOKYO-SQL04', instanceId: 8, message: 'x', pollInterval: 60, signal: 'unreachable', reason: 'SQLServerAgent is not currently running.', nextPollDueAt: '2026-11-22T07:01:10.000Z' },
    ]);
    expect(r['TOKYO-SQL04']).toMatchObject({ phase: 'requested', signal: 'unreachable', nextPollDueAt: '2026-11-22T07:01:10.000Z' });
  });

  it('shows the confirmation briefly, gives up on a target that never polls, and forgets a defected one', () => {
    let r = requestPolls({}, [london, tokyo], t0);
    r = observeTargets(r, [{ ...london, lastPollDate: 'later' }, tokyo], t0 + 100);
    expect(expire(r, t0 + 100 + CONFIRM_MS - 1)['LONDON-SQL01']).toBeDefined();
    r = expire(r, t0 + 100 + CONFIRM_MS);
    expect(r['LONDON-SQL01']).toBeUndefined();
    expect(r['TOKYO-SQL04']).toBeDefined();
    expect(expire(r, t0 + 3 * 60_000 + 10_000)['TOKYO-SQL04']).toBeUndefined();
    expect(observeTargets(r, [], t0 + 200)['TOKYO-SQL04']).toBeUndefined();
    expect(cancelRequests(r, ['tokyo-sql04'])).toEqual({});
  });

  it('a few rows re-read on their own move their requests and leave the others waiting', () => {
    let r = requestPolls({}, [london, tokyo], t0);
    r = observeTargets(r, [{ ...london, lastPollDate: 'later', unreadInstructions: 0 }], t0 + 50, false);
    expect(r['LONDON-SQL01'].phase).toBe('polled');
    expect(r['TOKYO-SQL04'].phase).toBe('requested');
  });

  it('returns the same object when nothing changed, so nothing re-renders', () => {
    const r = requestPolls({}, [london], t0);
    expect(observeTargets(r, [{ ...london, unreadInstructions: 1 }], t0 + 1)).toBe(r);
    expect(expire(r, t0 + 1)).toBe(r);
    expect(applyResults(r, [])).toBe(r);
  });
});
