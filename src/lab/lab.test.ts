import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { VirtualScheduler } from '../agent/scheduler';
import { STATUS_BLOCKED, STATUS_NORMAL, STATUS_OFFLINE } from '../msx/status';
import { Lab } from './lab';
import { fleetScenario } from './scenario';
import { createTestLab } from './testing';

const SECOND = 1000;

describe('the embedded lab: default scenario', () => {
  it('builds MSX01 with five enlisted targets, jobs downloaded and an empty queue', async () => {
    const { lab, targets, sa } = await createTestLab();
    const rows = await targets();
    expect(rows.map((r) => r.server_name)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04']);
    expect(rows.every((r) => r.status === STATUS_NORMAL && r.unread_instructions === 0)).toBe(true);
    expect(rows.find((r) => r.server_name === 'SYD-SQL05')!.poll_interval).toBe(10);
    expect(rows.find((r) => r.server_name === 'SEA-SQL03')!.location).toBe('Seattle, branch office');
    expect(lab.agent('LONDON-SQL01')!.state.jobs.map((j) => j.name).sort()).toEqual(['Collect wait statistics', 'Nightly DBCC CHECKDB']);
    expect(lab.agent('TOKYO-SQL04')!.state.jobs.map((j) => j.name)).toEqual(['Nightly DBCC CHECKDB']);
    expect(lab.agent('TOKYO-SQL04')!.state.jobs.every((j) => j.categoryId === 1)).toBe(true);
    const info = await sa.serverInfo();
    expect(info).toMatchObject({ serverName: 'MSX01', agentRole: 'msx', productVersion: '16.0.4135.4' });
  });
});

describe('virtual time: spec §10 rules in the running lab', () => {
  it('rule 3: a stopped target turns Offline after 3 × its interval and Normal again after its next probe', async () => {
    const { lab, scheduler, target, events } = await createTestLab();
    lab.stopAgent('LONDON-SQL01');
    await scheduler.advance(180 * SECOND);
    expect((await target('LONDON-SQL01')).status).toBe(STATUS_NORMAL); // exactly 3 intervals: not yet
    await scheduler.advance(61 * SECOND);
    expect((await target('LONDON-SQL01')).status & STATUS_OFFLINE).toBe(STATUS_OFFLINE);
    expect(events).toContainEqual(expect.objectContaining({ type: 'target.status', server: 'LONDON-SQL01', status: STATUS_NORMAL | STATUS_OFFLINE }));
    lab.startAgent('LONDON-SQL01');
    await scheduler.settle();
    expect((await target('LONDON-SQL01')).status).toBe(STATUS_NORMAL);
    expect(events.at(-1)).toBeDefined();
    expect(events).toContainEqual(expect.objectContaining({ type: 'target.status', server: 'LONDON-SQL01', status: STATUS_NORMAL, previous: STATUS_NORMAL | STATUS_OFFLINE }));
  });

  it('rule 4: an errored row sets Blocked and holds every later row back until resynced', async () => {
    const { lab, scheduler, sa, target, downloads } = await createTestLab();
    lab.failNextInstruction('NYC-SQL02', 'The job step requires a proxy account, however proxy matching is disabled on the target server.');
    await sa.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'NYC-SQL02' });
    await sa.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'NYC-SQL02', value: 30 });
    await scheduler.advance(61 * SECOND);
    const rows = await downloads('NYC-SQL02');
    const pending = rows.filter((r) => r.status === 0);
    expect(pending).toHaveLength(2);
    expect(pending[0].error_message).toMatch(/proxy matching is disabled/);
    expect(pending[1].error_message).toBeNull();
    expect((await target('NYC-SQL02')).status & STATUS_BLOCKED).toBe(STATUS_BLOCKED);
    await scheduler.advance(5 * 60 * SECOND);
    expect((await downloads('NYC-SQL02')).filter((r) => r.status === 0)).toHaveLength(2); // still held back
    expect(lab.agent('NYC-SQL02')!.state.pollInterval).toBe(60);
    await sa.exec('sp_resync_targetserver', { server_name: 'NYC-SQL02' });
    expect((await target('NYC-SQL02')).status & STATUS_BLOCKED).toBe(0);
    await scheduler.advance(61 * SECOND);
    expect((await target('NYC-SQL02')).unread_instructions).toBe(0);
  });

  it('rule 4: removing the errored row lets the next rows through in instance_id order', async () => {
    const { lab, scheduler, sa, target, downloads } = await createTestLab();
    lab.failNextInstruction('TOKYO-SQL04', 'Proxy not found.');
    await sa.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'TOKYO-SQL04' });
    await sa.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TOKYO-SQL04', value: 20 });
    await scheduler.advance(61 * SECOND);
    const errored = (await downloads('TOKYO-SQL04')).find((r) => r.error_message !== null)!;
    lab.master.db.run('DELETE FROM sysdownloadlist WHERE instance_id = ?', [errored.instance_id as number]);
    await scheduler.advance(61 * SECOND);
    expect((await target('TOKYO-SQL04')).unread_instructions).toBe(0);
    expect(lab.agent('TOKYO-SQL04')!.state.pollInterval).toBe(20);
  });

  it('rule 5: SET-POLL changes the interval the master sees only at the next probe', async () => {
    const { lab, scheduler, sa, target } = await createTestLab();
    await sa.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'LONDON-SQL01', value: 120 });
    expect((await target('LONDON-SQL01')).poll_interval).toBe(60);
    lab.agent('LONDON-SQL01')!.forcePoll(); // downloads SET-POLL; the probe before it sent 60
    await scheduler.settle();
    expect(lab.agent('LONDON-SQL01')!.state.pollInterval).toBe(120);
    expect((await target('LONDON-SQL01')).poll_interval).toBe(60);
    expect((await target('LONDON-SQL01')).unread_instructions).toBe(0);
    await scheduler.advance(120 * SECOND);
    expect((await target('LONDON-SQL01')).poll_interval).toBe(120);
  });

  it('rule 2: a posted row stays unread until the target polls; a forced poll is seen at once', async () => {
    const { lab, scheduler, sa, target, events } = await createTestLab();
    await scheduler.advance(5 * SECOND);
    await sa.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'SEA-SQL03' });
    await scheduler.settle();
    expect((await target('SEA-SQL03')).unread_instructions).toBe(1);
    const before = (await target('SEA-SQL03')).last_poll_date as Date;
    const notify = lab.targetExecutor('SEA-SQL03')!;
    await notify.exec('sp_sqlagent_notify', { op_type: 'P' });
    await scheduler.settle();
    const after = await target('SEA-SQL03');
    expect(after.unread_instructions).toBe(0);
    expect((after.last_poll_date as Date).getTime()).toBeGreaterThan(before.getTime());
    expect(events).toContainEqual(expect.objectContaining({ type: 'target.polled', server: 'SEA-SQL03', forced: true }));
  });

  it('rule 7: START runs only on the target; the outcome lands in sysjobservers and sysjobhistory with server = target', async () => {
    const { lab, scheduler, sa } = await createTestLab();
    await sa.exec('sp_start_job', { job_name: 'Collect wait statistics', server_name: 'LONDON-SQL01' });
    await scheduler.settle();
    expect(Number(lab.master.db.value('SELECT COUNT(*) FROM sysjobhistory'))).toBe(0); // nothing runs on the master
    await scheduler.advance(75 * SECOND); // polled within 60 s, ran 1-3 s
    const history = lab.master.db.all<{ server: string; step_id: number; run_status: number }>(
      "SELECT server, step_id, run_status FROM sysjobhistory h JOIN sysjobs j ON j.job_id = h.job_id WHERE j.name = 'Collect wait statistics'",
    );
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.every((h) => h.server === 'LONDON-SQL01')).toBe(true);
    expect(history.at(-1)!.step_id).toBe(0);
    const outcome = lab.master.db.get<{ last_run_outcome: number; last_run_date: number }>(
      `SELECT s.last_run_outcome, s.last_run_date FROM sysjobservers s JOIN sysjobs j ON j.job_id = s.job_id
        JOIN systargetservers t ON t.server_id = s.server_id WHERE j.name = 'Collect wait statistics' AND t.server_name = 'LONDON-SQL01'`,
    )!;
    expect([0, 1]).toContain(outcome.last_run_outcome);
    expect(outcome.last_run_date).toBeGreaterThan(20260000);
  });

  it('rule 7: an outcome is spooled while the link is cut and uploaded, in order, when it returns', async () => {
    const { lab, scheduler, events } = await createTestLab();
    lab.cutLink('SYD-SQL05');
    lab.runJob('SYD-SQL05', 'Nightly DBCC CHECKDB');
    await scheduler.advance(60 * SECOND);
    expect(lab.agent('SYD-SQL05')!.state.spool).toHaveLength(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'job.finished', server: 'SYD-SQL05', uploaded: false }));
    const count = () => Number(lab.master.db.value("SELECT COUNT(*) FROM sysjobhistory WHERE server = 'SYD-SQL05'"));
    expect(count()).toBe(0);
    lab.restoreLink('SYD-SQL05');
    await scheduler.advance(11 * SECOND);
    expect(lab.agent('SYD-SQL05')!.state.spool).toHaveLength(0);
    expect(count()).toBeGreaterThan(0);
  });

  it('rule 6: a DEFECT posted by sp_delete_targetserver outlives the target; the target defects and deletes its MSX jobs', async () => {
    const { lab, scheduler, sa, targets } = await createTestLab();
    await sa.exec('sp_delete_targetserver', { server_name: 'TOKYO-SQL04' });
    expect((await targets()).map((t) => t.server_name)).not.toContain('TOKYO-SQL04');
    expect(Number(lab.master.db.value("SELECT COUNT(*) FROM sysdownloadlist WHERE target_server = 'TOKYO-SQL04' AND operation_code = 7"))).toBe(1);
    await scheduler.advance(61 * SECOND);
    const agent = lab.agent('TOKYO-SQL04')!;
    expect(agent.state.msxServerName).toBeNull();
    expect(agent.state.jobs).toHaveLength(0);
    expect((await lab.targetExecutor('TOKYO-SQL04')!.serverInfo()).agentRole).toBe('standalone');
  });

  it('SYNC-TIME puts a skewed target clock right', async () => {
    const { lab, scheduler, sa } = await createTestLab();
    lab.skewClock('LONDON-SQL01', 17 * 60 * SECOND);
    await sa.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'LONDON-SQL01' });
    await scheduler.advance(61 * SECOND);
    expect(Math.abs(lab.agent('LONDON-SQL01')!.state.clockSkewMs)).toBeLessThan(SECOND);
  });

  it('latency slows every call across the link but the poll still completes', async () => {
    const { lab, scheduler, target } = await createTestLab();
    lab.setLatency('NYC-SQL02', 400);
    const before = ((await target('NYC-SQL02')).last_poll_date as Date).getTime();
    lab.agent('NYC-SQL02')!.forcePoll();
    await scheduler.settle();
    expect(((await target('NYC-SQL02')).last_poll_date as Date).getTime()).toBe(before); // still on the wire
    await scheduler.advance(2 * SECOND);
    expect(((await target('NYC-SQL02')).last_poll_date as Date).getTime()).toBeGreaterThan(before);
  });

  it('a cut link fails the poll quietly and the target recovers at its next interval', async () => {
    const { lab, scheduler, target, events } = await createTestLab();
    lab.cutLink('SEA-SQL03');
    await scheduler.advance(61 * SECOND);
    expect(events).toContainEqual(expect.objectContaining({ type: 'target.pollFailed', server: 'SEA-SQL03' }));
    lab.restoreLink('SEA-SQL03');
    const before = ((await target('SEA-SQL03')).last_poll_date as Date).getTime();
    await scheduler.advance(61 * SECOND);
    expect(((await target('SEA-SQL03')).last_poll_date as Date).getTime()).toBeGreaterThan(before);
  });

  it("a post's master.changed event names the targets it queued rows for; other writes name none", async () => {
    const { sa, events } = await createTestLab();
    events.length = 0;
    await sa.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'NYC-SQL02', value: 30 });
    expect(events).toContainEqual({ type: 'master.changed', proc: 'sp_post_msx_operation', servers: ['NYC-SQL02'] });
    await sa.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'SEA-SQL03' });
    expect(events.at(-1)).toEqual({ type: 'master.changed', proc: 'sp_post_msx_operation', servers: ['SEA-SQL03'] });
    await sa.exec('sp_resync_targetserver', { server_name: 'NYC-SQL02' });
    const resync = events.find((e) => e.type === 'master.changed' && e.proc === 'sp_resync_targetserver');
    expect(resync).toEqual({ type: 'master.changed', proc: 'sp_resync_targetserver', servers: undefined });
  });

  it('lab controls reject bad input and change nothing', async () => {
    const { lab } = await createTestLab();
    const before = JSON.stringify(lab.document().targets);
    expect(() => lab.stopAgent('NOPE')).toThrow(/no target server named 'NOPE'/);
    expect(() => lab.setLatency('NYC-SQL02', -1)).toThrow(/Latency/);
    expect(() => lab.failNextInstruction('NYC-SQL02', '  ')).toThrow(/message/);
    expect(() => lab.runJob('NYC-SQL02', 'No such job')).toThrow(/no job named/);
    expect(JSON.stringify(lab.document().targets)).toBe(before);
  });
});

describe('persistence', () => {
  it('a write the user asked for is on disk before its call returns', async () => {
    const { sa, file } = await createTestLab({ file: true });
    const before = statSync(file!).mtimeMs;
    const size = readFileSync(file!).length;
    await sa.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', value: 30 });
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler() });
    expect(Number(reopened.master.db.value('SELECT COUNT(*) FROM sysdownloadlist WHERE operation_code = 9'))).toBe(5);
    expect(statSync(file!).mtimeMs >= before || readFileSync(file!).length !== size).toBe(true);
  });

  it('background simulation is checkpointed at most a second late', async () => {
    const { lab, scheduler, file } = await createTestLab({ file: true });
    lab.agent('SYD-SQL05')!.forcePoll();
    await scheduler.settle();
    const polledAt = lab.agent('SYD-SQL05')!.state.lastProbeAt;
    await scheduler.advance(1000);
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler() });
    expect(reopened.agent('SYD-SQL05')!.state.lastProbeAt).toBe(polledAt);
  });

  it('reopening the file resumes the lab exactly, and the file is replaced atomically', async () => {
    const { lab, scheduler, file } = await createTestLab({ file: true });
    lab.cutLink('NYC-SQL02');
    lab.skewClock('LONDON-SQL01', 5000);
    await scheduler.advance(30 * SECOND);
    lab.close();
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler(scheduler.now()) });
    expect(reopened.document().targets).toEqual(lab.document().targets);
    expect(reopened.link('NYC-SQL02')).toEqual({ up: false, latencyMs: 0 });
    expect(Buffer.from(reopened.master.db.export()).equals(Buffer.from(lab.master.db.export()))).toBe(true);
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
  });

  it('reset goes back to the scenario', async () => {
    const { lab, sa, targets } = await createTestLab();
    await sa.exec('sp_delete_targetserver', { server_name: 'LONDON-SQL01' });
    expect(await targets()).toHaveLength(4);
    await lab.reset();
    expect(await lab.executor().exec('sp_help_targetserver').then((r) => r.recordsets[0].length)).toBe(5);
  });
});

describe('scenarios are data', () => {
  it('a fleet of N targets at a given interval', async () => {
    const { targets } = await createTestLab({ scenario: fleetScenario(25, 10) });
    const rows = await targets();
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.poll_interval === 10 && r.unread_instructions === 0)).toBe(true);
  });
});
