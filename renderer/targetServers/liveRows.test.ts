import { describe, expect, it } from 'vitest';
import type { TargetRow } from '../api/types';
import { asOfList, mergeRows, staleRows } from './liveRows';

function row(serverName: string, over: Partial<TargetRow> = {}): TargetRow {
  return {
    serverId: 1,
    serverName,
    location: null,
    timeZoneAdjustment: 0,
    enlistDate: '2026-11-01T00:00:00.000Z',
    lastPollDate: '2026-11-22T07:00:00.000Z',
    status: 1,
    unreadInstructions: 0,
    localTime: '2026-11-22T07:00:00.000Z',
    enlistedByNtUser: 'CONTOSO\\svc-sqlagent',
    pollInterval: 60,
    statusFlags: ['normal'],
    ...over,
  };
}

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
