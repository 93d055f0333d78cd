import { afterEach, describe, expect, it } from 'vitest';
import { hostFixture, type HostFixture } from './testing';

let f: HostFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('lab controls', () => {
  it('lab.reset builds another scenario, refusing a poll interval msdb refuses', async () => {
    f = await hostFixture();
    expect(await f.ok('lab.reset', { scenario: 'fleet-3-10' })).toHaveLength(3);
    expect(await f.ok('targets.list', { connectionId: 'lab' })).toHaveLength(3);
    const bad = await f.fails('lab.reset', { scenario: 'fleet-3-0' });
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/valid values are: 10\.\.28800/) });
    // Nothing changed by the refusal.
    expect(await f.ok('targets.list', { connectionId: 'lab' })).toHaveLength(3);
    expect(await f.ok('lab.reset', { scenario: 'default' })).toHaveLength(5);
  });

  it("lab.reset: a lab server's own connection stays open and says what its server is again (a target made standalone)", async () => {
    f = await hostFixture();
    await f.ok('connections.openLabServer', { server: 'BOS-SQL06' });
    expect(await f.ok('enlist.makeTarget', { connectionId: 'lab:BOS-SQL06', master: 'MSX01' })).toMatchObject({ ok: true });
    const role = async () => (await f!.ok<Array<{ id: string; agentRole: string }>>('connections.list')).find((c) => c.id === 'lab:BOS-SQL06')?.agentRole;
    expect(await role()).toBe('tsx');
    await f.ok('lab.reset');
    expect(await role()).toBe('standalone');
    // Still usable: its calls reach the rebuilt server.
    expect(await f.ok('connections.serverInfo', { connectionId: 'lab:BOS-SQL06' })).toMatchObject({ agentRole: 'standalone' });
  });

  it('refuse what the lab refuses, as BAD_REQUEST with the lab\'s words', async () => {
    f = await hostFixture();
    await f.ok('lab.stopAgent', { server: 'LONDON-SQL01' });
    expect(await f.fails('lab.runJob', { server: 'LONDON-SQL01', job: 'Nightly DBCC CHECKDB' })).toEqual({
      code: 'BAD_REQUEST',
      message: "The SQL Server Agent of 'LONDON-SQL01' is stopped.",
    });
    await f.ok('lab.startAgent', { server: 'LONDON-SQL01' });
    await f.ok('lab.runJob', { server: 'LONDON-SQL01', job: 'Nightly DBCC CHECKDB' });
    expect(await f.fails('lab.runJob', { server: 'LONDON-SQL01', job: 'Nightly DBCC CHECKDB' })).toEqual({
      code: 'BAD_REQUEST',
      message: "Job 'Nightly DBCC CHECKDB' is already running on 'LONDON-SQL01'.",
    });
  });

  it('a stopped Agent shows in Force Poll as not signalled, and a cut link as signalled but not polled', async () => {
    f = await hostFixture();
    await f.ok('lab.stopAgent', { server: 'TOKYO-SQL04' });
    await f.ok('lab.cutLink', { server: 'SEA-SQL03' });
    await f.scheduler.advance(20_000);
    const results = await f.ok<Array<{ server: string; signal: string; nextPollDueAt?: Date }>>('targets.forcePoll', {
      connectionId: 'lab',
      servers: ['TOKYO-SQL04', 'SEA-SQL03'],
    });
    expect(results.map((r) => [r.server, r.signal])).toEqual([['TOKYO-SQL04', 'unreachable'], ['SEA-SQL03', 'signalled']]);
    await f.scheduler.settle();
    const sea = f.lab().targets().find((t) => t.name === 'SEA-SQL03')!;
    expect(sea.log.at(-1)?.text).toMatch(/^Unable to poll the MSX: A network-related or instance-specific error/);
    const targets = await f.ok<Array<{ serverName: string; unreadInstructions: number }>>('targets.list', { connectionId: 'lab' });
    expect(targets.filter((t) => t.unreadInstructions > 0).map((t) => t.serverName)).toEqual(['SEA-SQL03', 'TOKYO-SQL04']);
  });
});
