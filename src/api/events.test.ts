import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from './contract';
import { hostFixture, type HostFixture } from './testing';

let f: HostFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('event stream', () => {
  it('relays the lab\'s events for the lab connection: a forced poll shows as target.polled', async () => {
    f = await hostFixture();
    await f.ok('targets.forcePoll', { connectionId: 'lab', servers: ['TOKYO-SQL04'] });
    await f.scheduler.settle();
    expect(f.events).toContainEqual({
      type: 'lab',
      connectionId: 'lab',
      event: { type: 'target.polled', server: 'TOKYO-SQL04', at: f.scheduler.now(), pollInterval: 60, forced: true },
    });
    expect(f.events).toContainEqual({
      type: 'lab',
      connectionId: 'lab',
      event: expect.objectContaining({ type: 'instruction.downloaded', server: 'TOKYO-SQL04', operation: 'SET-POLL' }),
    });
  });

  it('sends refresh ticks for each open connection while someone listens, and stops when nobody does', async () => {
    f = await hostFixture({ refreshIntervalMs: 5000 });
    const start = f.scheduler.now();
    await f.scheduler.advance(10_000);
    const ticks = (events: ApiEvent[]) => events.filter((e) => e.type === 'refresh');
    expect(ticks(f.events)).toEqual([
      { type: 'refresh', connectionId: 'lab', at: start + 5000 },
      { type: 'refresh', connectionId: 'lab', at: start + 10_000 },
    ]);
    const late: ApiEvent[] = [];
    const stop = f.host.onEvent((e) => late.push(e));
    await f.scheduler.advance(5000);
    expect(ticks(late)).toHaveLength(1);
    stop();
    await f.close();
    const before = ticks(f.events).length;
    await f.scheduler.advance(20_000);
    expect(ticks(f.events)).toHaveLength(before);
  });

  it('keeps delivering to the other listeners when one throws', async () => {
    f = await hostFixture();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const got: ApiEvent[] = [];
    const a = f.host.onEvent(() => {
      throw new Error('listener bug');
    });
    const b = f.host.onEvent((e) => got.push(e));
    await f.ok('lab.cutLink', { server: 'SEA-SQL03' });
    expect(got).toContainEqual({ type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'SEA-SQL03' } });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    a();
    b();
  });

  it('tells live views when the master changed (a post from the console)', async () => {
    f = await hostFixture();
    await f.ok('targets.postInstruction', { connectionId: 'lab', instruction: { type: 'SYNC-TIME', recipients: 'all' } });
    const changed = f.events.find((e) => e.type === 'lab' && e.event.type === 'master.changed');
    expect(changed).toMatchObject({ type: 'lab', connectionId: 'lab', event: { type: 'master.changed', proc: 'sp_post_msx_operation' } });
    // A post names the targets it queued rows for, so a live grid re-reads those rows only.
    expect(changed?.type === 'lab' && changed.event.type === 'master.changed' && [...(changed.event.servers ?? [])].sort()).toEqual([
      'LONDON-SQL01',
      'NYC-SQL02',
      'SEA-SQL03',
      'SYD-SQL05',
      'TOKYO-SQL04',
    ]);
  });
});
