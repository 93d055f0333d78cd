// Drift on virtual time (issue 10): a change made with the procedures shows as "changes not
// posted" on each target; Synchronize → "waiting for download" → after the targets poll, "in sync"
// and each target's copy has the change; a failing download shows "download failed" with its text.
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../lab/testing';
import { runPlanned } from './jobActions';
import { planSynchronize, readJobStatus, readTargetCopies, syncStateOf, type StatusRead } from './jobSync';
import { renderScript } from './script';

const JOB = 'Nightly DBCC CHECKDB';
const ALL = ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05'];

async function fixture() {
  const t = await createTestLab();
  const jobId = String((await t.sa.exec('sp_help_job', { job_name: JOB })).recordsets[0][0].job_id).toUpperCase();
  const status = async () => (await readJobStatus(t.sa)).jobs.find((j) => j.jobName === JOB)!;
  const states = async () => Object.fromEntries((await status()).targets.map((x) => [x.server, x.sync]));
  const every = (state: string) => Object.fromEntries(ALL.map((s) => [s, state]));
  // Past the build's posts, so a change is later than the INSERT each target downloaded.
  await t.scheduler.advance(1_000);
  return { ...t, jobId, status, states, every };
}

describe('drift', () => {
  it('a freshly built lab: every target of every multiserver job is in sync; the read is 2 + J round trips', async () => {
    const f = await fixture();
    const read: StatusRead = await readJobStatus(f.sa);
    expect(read.jobs.map((j) => [j.jobName, j.targets.length, j.counts.inSync])).toEqual([['Collect wait statistics', 3, 3], [JOB, 5, 5]]);
    expect(read.roundTrips).toBe(2 + 2);
    const summary = await readJobStatus(f.sa, undefined, { includeTargets: false });
    expect(summary.jobs.map((j) => [j.jobName, j.targets.length, j.counts.inSync])).toEqual([['Collect wait statistics', 0, 3], [JOB, 0, 5]]);
    const one = await readJobStatus(f.sa, [f.jobId]);
    expect(one.jobs.map((j) => [j.jobName, j.targets.length])).toEqual([[JOB, 5]]);
  });

  it('editing a step with sp_update_jobstep shows "changes not posted" on each target', async () => {
    const f = await fixture();
    await f.sa.exec('sp_update_jobstep', { job_name: JOB, step_id: 2, command: 'EXEC dbo.usp_check_user_databases @physical_only = 1;' });
    expect(await f.states()).toEqual(f.every('notPosted'));
    const other = (await readJobStatus(f.sa)).jobs.find((j) => j.jobName === 'Collect wait statistics')!;
    expect(other.counts.inSync).toBe(3);
  });

  it('Synchronize → "waiting for download" → after the targets poll, "in sync", and each copy has the new step and version', async () => {
    const f = await fixture();
    await f.sa.exec('sp_add_jobstep', { job_name: JOB, step_name: 'Report', command: 'EXEC dbo.usp_report;' });
    expect(await f.states()).toEqual(f.every('notPosted'));

    const calls = planSynchronize(f.jobId, ALL);
    expect(renderScript(calls).split('\n')[0]).toBe(
      `EXEC msdb.dbo.sp_post_msx_operation @operation = N'INSERT', @object_type = N'JOB', @job_id = N'${f.jobId}', @specific_target_server = N'LONDON-SQL01';`);
    const r = await runPlanned(f.sa, calls, false);
    expect(r.ok).toBe(true);
    const waiting = await f.status();
    expect(waiting.targets.map((t) => [t.server, t.sync, t.pendingInstructions])).toEqual(ALL.map((s) => [s, 'waiting', 1]));

    await f.scheduler.advance(3 * 60_000);
    expect(await f.states()).toEqual(f.every('inSync'));
    const master = Number((await f.sa.exec('sp_help_job', { job_name: JOB })).recordsets[0][0].version_number);
    for (const s of ALL) {
      const copy = f.lab.agent(s)!.state.jobs.find((j) => j.name === JOB)!;
      expect(copy.steps.map((st) => st.stepName)).toEqual(['Check system databases', 'Check user databases', 'Report']);
      expect(copy.versionNumber).toBe(master);
    }
    const copies = await readTargetCopies(f.sa, f.jobId, ['LONDON-SQL01', 'NOWHERE'], (s) => f.lab.targetExecutor(s));
    expect(copies).toEqual([
      { server: 'LONDON-SQL01', state: 'read', versionNumber: master, masterVersionNumber: master, message: null },
      { server: 'NOWHERE', state: 'notRegistered', versionNumber: null, masterVersionNumber: master, message: null },
    ]);
  });

  it('a target that has not downloaded the change runs an older version than the master (read from its own copy)', async () => {
    const f = await fixture();
    await f.sa.exec('sp_update_jobstep', { job_name: JOB, step_id: 1, retry_attempts: 3 });
    const [copy] = await readTargetCopies(f.sa, f.jobId, ['NYC-SQL02'], (s) => f.lab.targetExecutor(s));
    expect(copy).toMatchObject({ state: 'read', versionNumber: 1, masterVersionNumber: 2 });
  });

  it('a failing download shows "download failed" with its text and a fix; the other targets get in sync', async () => {
    const f = await fixture();
    await f.sa.exec('sp_update_jobstep', { job_name: JOB, step_id: 1, command: 'DBCC CHECKDB (N\'master\');' });
    f.lab.failNextInstruction('TOKYO-SQL04', 'The job step requires a proxy account, however proxy matching is disabled on the target server.');
    await runPlanned(f.sa, planSynchronize(f.jobId, ALL), false);
    await f.scheduler.advance(3 * 60_000);
    const s = await f.status();
    const tokyo = s.targets.find((t) => t.server === 'TOKYO-SQL04')!;
    expect(tokyo).toMatchObject({
      sync: 'failed',
      failedInstructions: 1,
      error: { message: 'The job step requires a proxy account, however proxy matching is disabled on the target server.' },
    });
    expect(tokyo.error!.fix).toMatch(/resynchronize/);
    expect(s.counts).toMatchObject({ inSync: 4, failed: 1 });
  });

  it('with no INSERT or UPDATE left in the list for a target, the state is unknown (the list cannot tell)', async () => {
    const f = await fixture();
    f.lab.master.db.run("DELETE FROM sysdownloadlist WHERE target_server = 'SEA-SQL03'");
    expect((await f.states())['SEA-SQL03']).toBe('unknown');
  });

  it('another job\'s failed row blocks the target: blockedBy names it', () => {
    const row = (instanceId: number, objectId: string, error: string | null) => ({
      instanceId, sourceServer: 'MSX01', operationCode: '1 (INSERT)', operation: 'INSERT' as const, objectName: null, objectId,
      value: null, targetServer: 'T1', errorMessage: error, datePosted: new Date(1000), dateDownloaded: null, status: error ? 0 : 1,
    });
    const index = { byTargetJob: new Map([['T1|A', [row(2, 'A', null)]], ['T1|B', [row(1, 'B', 'boom')]]]), blockingByTarget: new Map([['T1', row(1, 'B', 'boom')]]) };
    expect(syncStateOf('A', new Date(500), 'T1', index)).toMatchObject({ sync: 'inSync', blockedBy: 1 });
    expect(syncStateOf('B', new Date(500), 'T1', index)).toMatchObject({ sync: 'failed', blockedBy: null });
  });
});
