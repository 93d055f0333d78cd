import { describe, expect, it } from 'vitest';
import type { ForcePollResult } from '../api/types';
import {
  applyResults,
  CONFIRM_MS,
  EMPTY_TALLY,
  expire,
  FAILED_SHOWN_MS,
  failRequests,
  hasPending,
  isWaiting,
  nextTally,
  noPollAfterMs,
  noteErrors,
  observeTargets,
  requestPolls,
  type PollRequests,
} from './pollTracker';

const t0 = 1_000_000;
const london = { serverName: 'LONDON-SQL01', lastPollDate: '2026-11-22T07:00:00.000Z', pollInterval: 60, unreadInstructions: 0, status: 1 };
const sydney = { serverName: 'SYD-SQL05', lastPollDate: '2026-11-22T07:00:10.000Z', pollInterval: 10, unreadInstructions: 0, status: 1 };
const signalled = (server: string): ForcePollResult => ({ server, instanceId: 7, message: 'x', pollInterval: 60, signal: 'signalled' });
const later = (row: typeof london, over: Partial<typeof london> = {}) => ({ ...row, lastPollDate: '2026-11-22T07:00:05.000Z', ...over });

describe('Force Poll: each row ends, and says how', () => {
  it('requested → signalled → polled → downloaded', () => {
    let r = requestPolls({}, [london, sydney], t0);
    expect(r['LONDON-SQL01'].phase).toBe('requested');
    r = applyResults(r, [signalled('LONDON-SQL01')], t0 + 5);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'signalled', answeredAt: t0 + 5 });
    // The SET-POLL Force Poll posted is unread; nothing moved yet.
    r = observeTargets(r, [{ ...london, unreadInstructions: 1 }, sydney], t0 + 10);
    expect(r['LONDON-SQL01'].phase).toBe('signalled');
    r = observeTargets(r, [later(london, { unreadInstructions: 1 }), sydney], t0 + 20);
    expect(r['LONDON-SQL01'].phase).toBe('polled');
    expect(isWaiting(r['LONDON-SQL01'])).toBe(true);
    r = observeTargets(r, [later(london), sydney], t0 + 30);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'downloaded', endedAt: t0 + 30 });
    expect(isWaiting(r['LONDON-SQL01'])).toBe(false);
    expect(r['SYD-SQL05'].phase).toBe('requested');
  });

  it('a poll that completes before the API answers is still seen (the baseline is the click)', () => {
    let r = requestPolls({}, [london], t0);
    r = observeTargets(r, [later(london)], t0 + 5);
    r = applyResults(r, [signalled('LONDON-SQL01')], t0 + 6);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'downloaded', signal: 'signalled' });
  });

  it('ends "not signalled" with the reason when the target could not be signalled', () => {
    let r = requestPolls({}, [london], t0);
    r = applyResults(r, [{ ...signalled('LONDON-SQL01'), signal: 'unreachable', reason: 'SQLServerAgent is not currently running.', nextPollDueAt: '2026-11-22T07:01:00.000Z' }], t0 + 5);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'notSignalled', reason: 'SQLServerAgent is not currently running.', endedAt: t0 + 5 });
    expect(hasPending(r)).toBe(false);
    // If it polls after all (its regular poll), the row moves on.
    r = observeTargets(r, [later(london)], t0 + 60_000);
    expect(r['LONDON-SQL01'].phase).toBe('downloaded');
  });

  it('ends "not signalled" with the error when the call failed outright', () => {
    const r = failRequests(requestPolls({}, [london], t0), ['london-sql01'], 'Connection lost.', t0 + 3);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'notSignalled', signal: 'failed', reason: 'Connection lost.' });
  });

  it('ends "no poll" when a signalled target has not polled within three of its intervals (bounded)', () => {
    expect(noPollAfterMs(10)).toBe(30_000);
    expect(noPollAfterMs(5)).toBe(20_000);
    expect(noPollAfterMs(600)).toBe(90_000);
    let r = requestPolls({}, [sydney], t0);
    r = applyResults(r, [signalled('SYD-SQL05')], t0 + 100);
    expect(expire(r, t0 + 100 + 30_000 - 1)['SYD-SQL05'].phase).toBe('signalled');
    r = expire(r, t0 + 100 + 30_000);
    expect(r['SYD-SQL05']).toMatchObject({ phase: 'noPoll', endedAt: t0 + 100 + 30_000 });
    expect(hasPending(r)).toBe(false);
  });

  it('ends "download failed" with the error when the target polled and is Blocked', () => {
    let r = requestPolls({}, [london], t0);
    r = applyResults(r, [signalled('LONDON-SQL01')], t0 + 1);
    r = observeTargets(r, [later(london, { status: 5, unreadInstructions: 1 })], t0 + 2);
    expect(r['LONDON-SQL01']).toMatchObject({ phase: 'downloadFailed', endedAt: t0 + 2 });
    expect(r['LONDON-SQL01'].error).toBeUndefined();
    r = noteErrors(r, new Map([['LONDON-SQL01', 'Proxy not found.']]));
    expect(r['LONDON-SQL01'].error).toBe('Proxy not found.');
    expect(observeTargets(requestPolls({}, [london], t0), [later(london, { status: 5 })], t0 + 2, true, new Map([['LONDON-SQL01', 'E']]))['LONDON-SQL01'].error).toBe('E');
  });

  it('shows the confirmation briefly, a failed end longer, and forgets a defected target', () => {
    let r = requestPolls({}, [london, sydney], t0);
    r = observeTargets(r, [later(london), sydney], t0 + 100);
    r = applyResults(r, [{ ...signalled('SYD-SQL05'), signal: 'notRegistered', reason: 'not registered' }], t0 + 100);
    expect(expire(r, t0 + 100 + CONFIRM_MS - 1)['LONDON-SQL01']).toBeDefined();
    r = expire(r, t0 + 100 + CONFIRM_MS);
    expect(r['LONDON-SQL01']).toBeUndefined();
    expect(r['SYD-SQL05']).toBeDefined();
    expect(expire(r, t0 + 100 + FAILED_SHOWN_MS)['SYD-SQL05']).toBeUndefined();
    expect(observeTargets(r, [], t0 + 200)['SYD-SQL05']).toBeUndefined();
  });

  it('a few rows re-read on their own move their requests and leave the others waiting', () => {
    let r = requestPolls({}, [london, sydney], t0);
    r = observeTargets(r, [later(london)], t0 + 50, false);
    expect(r['LONDON-SQL01'].phase).toBe('downloaded');
    expect(r['SYD-SQL05'].phase).toBe('requested');
  });

  it('returns the same object when nothing changed, so nothing re-renders', () => {
    const r = requestPolls({}, [london], t0);
    expect(observeTargets(r, [{ ...london, unreadInstructions: 1 }], t0 + 1)).toBe(r);
    expect(expire(r, t0 + 1)).toBe(r);
    expect(applyResults(r, [], t0)).toBe(r);
    expect(noteErrors(r, new Map())).toBe(r);
  });
});

describe('Force Poll: the tally counts asked and finished, never backwards', () => {
  const step = (tally: typeof EMPTY_TALLY, before: PollRequests, after: PollRequests) => ({ tally: nextTally(tally, before, after), reqs: after });

  it('asked on the click, answered as the posts return, finished at each end; fading changes nothing', () => {
    let s = step(EMPTY_TALLY, {}, requestPolls({}, [london, sydney], t0));
    expect(s.tally).toEqual({ asked: 2, answered: 0, finished: 0 });
    s = step(s.tally, s.reqs, applyResults(s.reqs, [signalled('LONDON-SQL01')], t0 + 1));
    expect(s.tally).toEqual({ asked: 2, answered: 1, finished: 0 });
    s = step(s.tally, s.reqs, observeTargets(s.reqs, [later(london), sydney], t0 + 2));
    expect(s.tally).toEqual({ asked: 2, answered: 1, finished: 1 });
    // The confirmation fades: the tally stays.
    s = step(s.tally, s.reqs, expire(s.reqs, t0 + 2 + CONFIRM_MS));
    expect(s.reqs['LONDON-SQL01']).toBeUndefined();
    expect(s.tally).toEqual({ asked: 2, answered: 1, finished: 1 });
    s = step(s.tally, s.reqs, applyResults(s.reqs, [signalled('SYD-SQL05')], t0 + 3));
    s = step(s.tally, s.reqs, expire(s.reqs, t0 + 3 + 30_000));
    expect(s.tally).toEqual({ asked: 2, answered: 2, finished: 2 });
  });

  it('a Force Poll while one is going adds to it; one after all ended starts again; asking again for a waiting target is the same ask', () => {
    let s = step(EMPTY_TALLY, {}, requestPolls({}, [london], t0));
    s = step(s.tally, s.reqs, requestPolls(s.reqs, [london, sydney], t0 + 1));
    expect(s.tally).toEqual({ asked: 2, answered: 0, finished: 0 });
    s = step(s.tally, s.reqs, failRequests(s.reqs, ['LONDON-SQL01', 'SYD-SQL05'], 'x', t0 + 2));
    expect(s.tally).toEqual({ asked: 2, answered: 2, finished: 2 });
    s = step(s.tally, s.reqs, requestPolls(s.reqs, [sydney], t0 + 3));
    expect(s.tally).toEqual({ asked: 1, answered: 0, finished: 0 });
  });

  it('over a large Force Poll answered in chunks, every step is monotonic', () => {
    const fleet = Array.from({ length: 1000 }, (_, i) => ({ ...london, serverName: `TSX${String(i + 1).padStart(5, '0')}` }));
    let s = step(EMPTY_TALLY, {}, requestPolls({}, fleet, t0));
    let prev = s.tally;
    for (let i = 0; i < fleet.length; i += 50) {
      s = step(s.tally, s.reqs, applyResults(s.reqs, fleet.slice(i, i + 50).map((f) => signalled(f.serverName)), t0 + i));
      expect(s.tally.answered).toBeGreaterThan(prev.answered);
      expect(s.tally.asked).toBe(1000);
      prev = s.tally;
    }
    expect(s.tally.answered).toBe(1000);
  });
});
