import { describe, expect, it } from 'vitest';
import { encodeIntAsGuid } from '../msx/guid';
import { WorkflowError } from './errors';
import { forcePoll, forcePollNotes, planForcePoll } from './forcePoll';
import { renderScript } from './script';
import { listTargets } from './targets';
import { READ_PROCS } from '../msdb/embedded/procs/permissions';
import { labFixture, recording, rejection, sqlError } from './testing';

const SET_POLL = 9;

describe('planForcePoll', () => {
  it('plans one SET-POLL per target with its current interval, then a signal on each target', async () => {
    const f = await labFixture();
    const plan = await planForcePoll(f.master, ['LONDON-SQL01', 'SYD-SQL05']);
    expect(plan.targets.map((t) => [t.server, t.pollInterval, t.source])).toEqual([
      ['LONDON-SQL01', 60, 'current'],
      ['SYD-SQL05', 10, 'current'],
    ]);
    expect(renderScript(plan.calls, 'MSX01')).toBe([
      '-- On MSX01:',
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'LONDON-SQL01', @value = 60;",
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'SYD-SQL05', @value = 10;",
      '',
      '-- On target server LONDON-SQL01:',
      "EXEC msdb.dbo.sp_sqlagent_notify @op_type = N'P';",
      '',
      '-- On target server SYD-SQL05:',
      "EXEC msdb.dbo.sp_sqlagent_notify @op_type = N'P';",
    ].join('\n'));
    f.lab.close();
  });

  it('refuses an empty selection before any call', async () => {
    const f = await labFixture();
    const master = recording(f.master);
    const e = await rejection(planForcePoll(master, []));
    expect(e).toBeInstanceOf(WorkflowError);
    expect((e as WorkflowError).code).toBe('INVALID_PARAMS');
    expect(master.calls).toEqual([]);
    f.lab.close();
  });
});

describe('forcePoll (spec §8.3)', () => {
  it('posts one SET-POLL per target, signals it, and the target polls at once', async () => {
    const f = await labFixture();
    await f.scheduler.advance(30_000);
    const before = new Map((await listTargets(f.master)).map((t) => [t.serverName, t]));
    const results = await forcePoll(f.master, ['LONDON-SQL01', 'SYD-SQL05'], f.resolve);

    const rows = f.queue().filter((r) => r.operation_code === SET_POLL);
    expect(rows.map((r) => [r.target_server, r.object_id])).toEqual([
      ['LONDON-SQL01', encodeIntAsGuid(60)],
      ['SYD-SQL05', encodeIntAsGuid(10)],
    ]);
    expect(results).toEqual([
      {
        server: 'LONDON-SQL01',
        instanceId: rows[0].instance_id,
        message: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.',
        pollInterval: 60,
        signal: 'signalled',
      },
      {
        server: 'SYD-SQL05',
        instanceId: rows[1].instance_id,
        message: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.',
        pollInterval: 10,
        signal: 'signalled',
      },
    ]);

    await f.scheduler.settle();
    const after = new Map((await listTargets(f.master)).map((t) => [t.serverName, t]));
    const london = after.get('LONDON-SQL01')!;
    expect(london.lastPollDate.getTime()).toBeGreaterThan(before.get('LONDON-SQL01')!.lastPollDate.getTime());
    expect(london.lastPollDate).toEqual(f.masterNow());
    expect(london.unreadInstructions).toBe(0);
    expect(after.get('SYD-SQL05')!.unreadInstructions).toBe(0);
    expect(f.queue().filter((r) => r.operation_code === SET_POLL).map((r) => r.status)).toEqual([1, 1]);
    // A target that was not selected keeps its own schedule.
    expect(after.get('NYC-SQL02')!.lastPollDate).toEqual(before.get('NYC-SQL02')!.lastPollDate);
    f.lab.close();
  });

  it('never undoes a pending SET-POLL: it re-posts the pending value, not the current interval', async () => {
    const f = await labFixture();
    await f.master.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'NYC-SQL02', value: 300 });
    await f.master.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'NYC-SQL02', value: 900 });
    const plan = await planForcePoll(f.master, ['NYC-SQL02', 'LONDON-SQL01']);
    const pendingId = f.queue().filter((r) => r.target_server === 'NYC-SQL02').at(-1)!.instance_id;
    expect(plan.targets[0]).toMatchObject({ server: 'NYC-SQL02', pollInterval: 900, source: 'pending', pendingInstanceId: pendingId, currentPollInterval: 60 });
    expect(plan.targets[1]).toMatchObject({ server: 'LONDON-SQL01', pollInterval: 60, source: 'current', pendingInstanceId: null });
    // The script says why NYC-SQL02's value is not the grid's Poll Interval; LONDON-SQL01 needs no word.
    expect(forcePollNotes(plan.targets)).toEqual([
      `NYC-SQL02: @value = 900, not its current 60 s: SET-POLL instruction ${pendingId} (900 s) is still pending, and Force Poll re-posts it so the change is not undone.`,
    ]);

    const [nyc] = await forcePoll(f.master, ['NYC-SQL02'], f.resolve);
    expect(nyc).toMatchObject({ pollInterval: 900, signal: 'signalled' });
    expect(f.queue().find((r) => r.instance_id === nyc.instanceId)?.object_id).toBe(encodeIntAsGuid(900));
    await f.scheduler.settle();
    expect(f.lab.agent('NYC-SQL02')!.state.pollInterval).toBe(900);
    f.lab.close();
  });

  it('reports a target whose Agent is stopped as not signalled, with the reason and its next regular poll', async () => {
    const f = await labFixture();
    f.lab.stopAgent('TOKYO-SQL04');
    const [tokyo] = await forcePoll(f.master, ['TOKYO-SQL04'], f.resolve);
    const lastPoll = (await listTargets(f.master)).find((t) => t.serverName === 'TOKYO-SQL04')!.lastPollDate;
    expect(tokyo).toMatchObject({ server: 'TOKYO-SQL04', signal: 'unreachable', errorNumber: 22022, pollInterval: 60 });
    expect(tokyo.instanceId).toEqual(expect.any(Number));
    expect(tokyo.reason).toMatch(/SQLServerAgent is not currently running/);
    expect(tokyo.nextPollDueAt).toEqual(new Date(lastPoll.getTime() + 60_000));
    await f.scheduler.settle();
    expect(f.queue().find((r) => r.instance_id === tokyo.instanceId)?.status).toBe(0);
    f.lab.close();
  });

  it('reports a target the resolver does not know as notRegistered; the others are still signalled', async () => {
    const f = await labFixture();
    const resolve = (s: string) => (s === 'SEA-SQL03' ? undefined : f.resolve(s));
    const results = await forcePoll(f.master, ['SEA-SQL03', 'LONDON-SQL01'], resolve);
    expect(results.map((r) => [r.server, r.signal])).toEqual([['SEA-SQL03', 'notRegistered'], ['LONDON-SQL01', 'signalled']]);
    expect(results[0].reason).toMatch(/not a registered server/);
    expect(results[0].nextPollDueAt).toBeInstanceOf(Date);
    expect(results[1].nextPollDueAt).toBeUndefined();
    await f.scheduler.settle();
    const unread = new Map((await listTargets(f.master)).map((t) => [t.serverName, t.unreadInstructions]));
    expect(unread.get('SEA-SQL03')).toBe(1);
    expect(unread.get('LONDON-SQL01')).toBe(0);
    f.lab.close();
  });

  it('tells a target it cannot connect to from one that refused the signal, and goes on with the rest', async () => {
    const f = await labFixture();
    const resolve = (s: string) => {
      if (s === 'SEA-SQL03') throw new Error('Login timeout expired');
      if (s === 'NYC-SQL02') return f.lab.targetExecutor(s, { login: 'CONTOSO\\helpdesk', isSysadmin: false });
      return f.resolve(s);
    };
    const results = await forcePoll(f.master, ['SEA-SQL03', 'NYC-SQL02', 'SYD-SQL05'], resolve);
    expect(results.map((r) => [r.server, r.signal, r.errorNumber])).toEqual([
      ['SEA-SQL03', 'unreachable', undefined],
      ['NYC-SQL02', 'failed', 14260],
      ['SYD-SQL05', 'signalled', undefined],
    ]);
    expect(results[0].reason).toBe('Cannot connect to SEA-SQL03: Login timeout expired');
    expect(results.every((r) => r.instanceId !== null)).toBe(true);
    f.lab.close();
  });

  it('signals even when msdb silently posts nothing for a login that is not sysadmin (spec §3.2 step 2)', async () => {
    const f = await labFixture();
    // Granted EXECUTE on the reads (without it sp_help_targetserver would answer 229 first).
    const operator = f.lab.executor({ login: 'CONTOSO\\operator', isSysadmin: false, executeGranted: READ_PROCS });
    const before = f.queue().length;
    const [r] = await forcePoll(operator, ['LONDON-SQL01'], f.resolve);
    expect(r).toEqual({ server: 'LONDON-SQL01', instanceId: null, message: null, pollInterval: 60, signal: 'signalled' });
    expect(f.queue().length).toBe(before);
    f.lab.close();
  });

  it('refuses an unknown target with msdb\'s 14262 before anything is posted', async () => {
    const f = await labFixture();
    const before = f.snapshot();
    const e = await sqlError(forcePoll(f.master, ['LONDON-SQL01', 'NOPE'], f.resolve));
    expect(e.number).toBe(14262);
    expect(f.snapshot().equals(before)).toBe(true);
    f.lab.close();
  });
});
