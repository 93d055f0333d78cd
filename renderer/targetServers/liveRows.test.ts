import { describe, expect, it } from 'vitest';
import { asOfList, mergeRows, moreRounds, nextRound, StaleJournal, staleRows } from './liveRows';
import type { PollRequests } from './pollTracker';
import { targetRow } from './testing';

const row = targetRow;

describe('staleRows', () => {
  it("a target's poll, download, error or status change makes its row stale", () => {
    expect(staleRows({ type: 'target.polled', server: 'tsx00001', at: 0, pollInterval: 10, forced: false })).toEqual({ servers: ['TSX00001'] });
    expect(staleRows({ type: 'instruction.downloaded', server: 'A', instanceId: 1, operation: 'INSERT' })).toEqual({ servers: ['A'] });
    expect(staleRows({ type: 'instruction.errored', server: 'A', instanceId: 1, operation: 'INSERT', message: 'x' })).toEqual({ servers: ['A'] });
    expect(staleRows({ type: 'target.status', server: 'A', status: 3, previous: 1 })).toEqual({ servers: ['A'] });
  });

  it("a post names its targets' rows; other master writes, a defection and a reset make every row stale", () => {
    expect(staleRows({ type: 'master.changed', proc: 'sp_post_msx_operation', servers: ['nyc-sql02'] })).toEqual({ servers: ['NYC-SQL02'] });
    expect(staleRows({ type: 'master.changed', proc: 'sp_post_msx_operation', servers: [] })).toEqual({ servers: [] });
    expect(staleRows({ type: 'master.changed', proc: 'sp_resync_targetserver' })).toBe('all');
    expect(staleRows({ type: 'target.defected', server: 'A' })).toBe('all');
    expect(staleRows({ type: 'lab.reset' })).toBe('all');
  });

  it('job runs and lab controls leave the grid alone', () => {
    expect(staleRows({ type: 'job.started', server: 'A', jobId: 'x', jobName: 'j' })).toBeNull();
    expect(staleRows({ type: 'lab.target', server: 'A' })).toBeNull();
    expect(staleRows({ type: 'target.pollFailed', server: 'A', at: 0, reason: 'down' })).toBeNull();
  });
});

describe('mergeRows', () => {
  const list = [row('A'), row('B'), row('C')];

  it('puts re-read rows in place and keeps the others, and the array when nothing changed', () => {
    const polled = row('B', { lastPollDate: '2026-11-22T07:00:10.000Z' });
    const merged = mergeRows(list, [polled])!;
    expect(merged).not.toBe(list);
    expect(merged[0]).toBe(list[0]);
    expect(merged[1]).toBe(polled);
    expect(merged[2]).toBe(list[2]);
    expect(mergeRows(list, [row('B')])).toBe(list);
  });

  it('merges again into its own result (positions carried over) and finds names in any case', () => {
    const once = mergeRows(list, [row('A', { unreadInstructions: 2 })])!;
    const twice = mergeRows(once, [row('c', { status: 3 })])!;
    expect(twice.map((r) => r.unreadInstructions)).toEqual([2, 0, 0]);
    expect(twice[2].status).toBe(3);
  });

  it('a target the list does not have is left to a read of the whole list', () => {
    expect(mergeRows(list, [row('D')])).toBeUndefined();
  });
});

describe('asOfList', () => {
  it("moves a later read's Local Time back to the list's read time", () => {
    const r = row('A', { localTime: '2026-11-22T07:00:10.000Z' });
    expect(asOfList(r, 5_000, 2_000).localTime).toBe('2026-11-22T07:00:07.000Z');
    expect(asOfList(r, 2_000, 2_000)).toBe(r);
  });
});

describe('StaleJournal and the rounds of a live view', () => {
  const polled = (server: string) => ({ type: 'target.polled' as const, server, at: 0, pollInterval: 10, forced: false });
  const waitingOn = (server: string): PollRequests => ({
    [server]: { server, requestedAt: 0, baseline: '', pollInterval: 60, phase: 'requested' },
  });

  it('reads the list when there is none yet', () => {
    expect(nextRound(new StaleJournal(), false, {}, true, 500)).toEqual({ read: 'list' });
  });

  it('reads stale rows by name, those a Force Poll waits on first, at most max a round', () => {
    const j = new StaleJournal();
    for (const s of ['A', 'B', 'C', 'D']) j.note(polled(s));
    expect(nextRound(j, true, waitingOn('D'), true, 2)).toEqual({ read: 'rows', servers: ['D', 'A'] });
    expect(moreRounds(j, {}, true)).toBe('soon');
    expect(nextRound(j, true, {}, true, 500)).toEqual({ read: 'rows', servers: ['B', 'C'] });
    expect(moreRounds(j, {}, true)).toBeNull();
    expect(nextRound(j, true, {}, true, 500)).toEqual({ read: 'nothing' });
  });

  it('an event about every row reads the list, and the list read answers for what was noted', () => {
    const j = new StaleJournal();
    j.note(polled('A'));
    j.note({ type: 'master.changed', proc: 'sp_resync_targetserver' });
    expect(nextRound(j, true, {}, true, 500)).toEqual({ read: 'list' });
    expect(moreRounds(j, {}, true)).toBeNull();
    j.reset();
    expect(j.all).toBe(false);
    expect(j.has()).toBe(false);
  });

  it('with Auto refresh off only rows a Force Poll waits on are read, and the rest stay noted', () => {
    const j = new StaleJournal();
    j.note(polled('A'));
    j.note(polled('B'));
    expect(nextRound(j, true, {}, false, 500)).toEqual({ read: 'nothing' });
    expect(moreRounds(j, waitingOn('B'), false)).toBe('urgent');
    expect(nextRound(j, true, waitingOn('B'), false, 500)).toEqual({ read: 'rows', servers: ['B'] });
    expect(moreRounds(j, {}, false)).toBeNull();
    // Auto refresh back on: what moved meanwhile is read.
    expect(nextRound(j, true, {}, true, 500)).toEqual({ read: 'rows', servers: ['A'] });
  });

  it('with Auto refresh off and every row stale, the waited-on rows are still read, without looping', () => {
    const j = new StaleJournal();
    j.markAll();
    expect(nextRound(j, true, {}, false, 500)).toEqual({ read: 'nothing' });
    const polls: PollRequests = { ...waitingOn('C'), DONE: { server: 'DONE', requestedAt: 0, baseline: '', pollInterval: 60, phase: 'downloaded', endedAt: 0 } };
    expect(nextRound(j, true, polls, false, 500)).toEqual({ read: 'rows', servers: ['C'] });
    expect(moreRounds(j, polls, false)).toBeNull();
  });

  it('past its limit the journal says every row is stale', () => {
    const j = new StaleJournal();
    for (let i = 0; i <= 5000; i++) j.note(polled(`TSX${i}`));
    expect(j.all).toBe(true);
  });
});
