// Job Properties' workflow over the lab: read a job whole, create one, change one, in SSMS's
// fashion (INSERT posted to the kept targets when steps or schedules of a multiserver job changed).
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../lab/testing';
import { isSqlServerError } from '../msx/errors';
import { jobInputSchema, readJob, saveJob, toJobInput, type JobInput } from './jobDefinition';
import { readJobHistory } from './jobHistory';
import { startJob } from './jobs';
import { readJobStatus } from './jobSync';

const JOB = 'Nightly DBCC CHECKDB';

async function fixture() {
  const t = await createTestLab();
  await t.scheduler.advance(1_000);
  const rows = () => t.lab.master.db.all<{ operation_code: number; target_server: string; object_id: string }>(
    'SELECT operation_code, target_server, object_id FROM sysdownloadlist WHERE status = 0 ORDER BY instance_id');
  const snapshot = () => Buffer.from(t.lab.master.db.export());
  return { ...t, rows, snapshot };
}

describe('readJob', () => {
  it('reads a job whole: header, steps, schedules, notifications, targets', async () => {
    const f = await fixture();
    const def = await readJob(f.sa, { jobName: JOB });
    expect(def).toMatchObject({ name: JOB, enabled: true, owner: 'sa', category: '[Uncategorized (Multi-Server)]', versionNumber: 1, startStepId: 1 });
    expect(def.steps.map((s) => [s.stepId, s.name, s.onSuccessAction])).toEqual([[1, 'Check system databases', 3], [2, 'Check user databases', 1]]);
    expect(def.targets).toEqual({ kind: 'multiserver', servers: ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05'] });
    expect(def.notifications).toMatchObject({ eventlogLevel: 2, emailOperator: null });
  });
});

describe('saveJob', () => {
  it('New Job with two steps targeted at two target servers: INSERT rows for exactly those targets', async () => {
    const f = await fixture();
    const input: JobInput = jobInputSchema.parse({
      name: 'Rebuild indexes',
      steps: [{ name: 'Rebuild', command: 'EXEC dbo.usp_rebuild;', onSuccessAction: 3 }, { name: 'Report', command: 'EXEC dbo.usp_report;' }],
      schedules: [{ name: 'Sundays', freqType: 8, freqInterval: 1, freqRecurrenceFactor: 1, activeStartTime: 30000 }],
      targets: { kind: 'multiserver', servers: ['NYC-SQL02'], groups: [] },
    });
    const r = await saveJob(f.sa, null, { ...input, targets: { kind: 'multiserver', servers: ['NYC-SQL02', 'SYD-SQL05'], groups: [] } }, false);
    expect(r.ok).toBe(true);
    expect(r.jobId).toMatch(/^[0-9A-F-]{36}$/);
    expect(f.rows().map((x) => [x.operation_code, x.target_server, x.object_id])).toEqual([[1, 'NYC-SQL02', r.jobId], [1, 'SYD-SQL05', r.jobId]]);
    const def = await readJob(f.sa, { jobId: r.jobId! });
    expect(def.schedules.map((s) => [s.name, s.freqType])).toEqual([['Sundays', 8]]);
    expect(def.steps.map((s) => s.name)).toEqual(['Rebuild', 'Report']);
  });

  it('targets by group: the members at the time of saving', async () => {
    const f = await fixture();
    await saveJob(f.sa, null, jobInputSchema.parse({ name: 'G', steps: [{ name: 'S' }], targets: { kind: 'multiserver', groups: ['Production'] } }), false);
    expect(f.rows().map((x) => x.target_server).sort()).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'TOKYO-SQL04']);
  });

  it('editing a step of a multiserver job in Properties posts one INSERT to each target, and after their polls all are in sync', async () => {
    const f = await fixture();
    const def = await readJob(f.sa, { jobName: JOB });
    const input = toJobInput(def);
    input.steps[1] = { ...input.steps[1], command: 'EXEC dbo.usp_check_user_databases @physical_only = 1;' };
    const r = await saveJob(f.sa, def.jobId, input, false);
    expect(r.calls.map((c) => c.proc)).toEqual(['sp_update_jobstep', 'sp_post_msx_operation']);
    expect(r.calls[0].params).toEqual({ job_id: def.jobId, step_id: 2, command: 'EXEC dbo.usp_check_user_databases @physical_only = 1;' });
    expect(r.outcomes![0].messages.map((m) => m.number)).toEqual([14547]);
    expect(f.rows().map((x) => `${x.operation_code}:${x.target_server}`).sort()).toEqual(['1:LONDON-SQL01', '1:NYC-SQL02', '1:SEA-SQL03', '1:SYD-SQL05', '1:TOKYO-SQL04']);
    await f.scheduler.advance(3 * 60_000);
    const status = (await readJobStatus(f.sa)).jobs.find((j) => j.jobName === JOB)!;
    expect(status.counts.inSync).toBe(5);
  });

  it('a header-only change posts UPDATE (sp_update_job) and no INSERT; removing a target posts DELETE to it', async () => {
    const f = await fixture();
    const def = await readJob(f.sa, { jobName: JOB });
    const input = toJobInput(def);
    const r = await saveJob(f.sa, def.jobId, { ...input, description: 'Weekly now.', targets: { kind: 'multiserver', servers: ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04'], groups: [] } }, false);
    expect(r.calls.map((c) => c.proc)).toEqual(['sp_update_job', 'sp_remove_job_from_targets']);
    expect(f.rows().map((x) => `${x.operation_code}:${x.target_server}`).sort()).toEqual(['2:LONDON-SQL01', '2:NYC-SQL02', '2:SEA-SQL03', '2:SYD-SQL05', '2:TOKYO-SQL04', '3:SYD-SQL05']);
  });

  it('adding a target while changing steps: INSERT for the kept targets one by one; the new one gets its INSERT from sp_add_jobserver', async () => {
    const f = await fixture();
    const def = await readJob(f.sa, { jobName: 'Collect wait statistics' });
    const input = toJobInput(def);
    input.steps.push({ ...input.steps[0], name: 'Trim', command: 'DELETE FROM DBAdmin.dbo.wait_stats WHERE 1 = 0;' });
    input.targets = { kind: 'multiserver', servers: [...(def.targets.kind === 'multiserver' ? def.targets.servers : []), 'SYD-SQL05'], groups: [] };
    const r = await saveJob(f.sa, def.jobId, input, false);
    expect(r.calls.map((c) => c.proc)).toEqual(['sp_add_jobstep', 'sp_apply_job_to_targets', 'sp_post_msx_operation', 'sp_post_msx_operation', 'sp_post_msx_operation']);
    expect(f.rows().map((x) => x.target_server).sort()).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05']);
  });

  it('Script shows the whole batch, posts included, and runs nothing', async () => {
    const f = await fixture();
    const def = await readJob(f.sa, { jobName: JOB });
    const input = toJobInput(def);
    input.steps.reverse();
    const before = f.snapshot();
    const r = await saveJob(f.sa, def.jobId, input, true);
    expect(r.outcomes).toBeUndefined();
    expect(r.script.split('\n')).toEqual([
      `EXEC msdb.dbo.sp_delete_jobstep @job_id = N'${def.jobId}', @step_id = 0;`,
      expect.stringMatching(/^EXEC msdb\.dbo\.sp_add_jobstep @job_id = N'.*', @step_id = 1, @step_name = N'Check user databases'/),
      expect.stringMatching(/^EXEC msdb\.dbo\.sp_add_jobstep @job_id = N'.*', @step_id = 2, @step_name = N'Check system databases'/),
      `EXEC msdb.dbo.sp_post_msx_operation @operation = N'INSERT', @object_type = N'JOB', @job_id = N'${def.jobId}';`,
    ]);
    expect(f.snapshot().equals(before)).toBe(true);
  });

  it('bad input: a name taken fails with 14261 and msdb stays byte-identical; duplicate step names are refused before any call', async () => {
    const f = await fixture();
    const before = f.snapshot();
    const e = await saveJob(f.sa, null, jobInputSchema.parse({ name: JOB, steps: [{ name: 'A' }] }), false).catch((x: unknown) => x);
    expect(isSqlServerError(e) && e.number).toBe(14261);
    expect(f.snapshot().equals(before)).toBe(true);
    const dup = await saveJob(f.sa, null, jobInputSchema.parse({ name: 'New', steps: [{ name: 'A' }, { name: 'a' }] }), false).catch((x: unknown) => x);
    expect(dup).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: 'job.steps.1.name' }] });
    const notify = await saveJob(f.sa, null, jobInputSchema.parse({ name: 'New', targets: { kind: 'multiserver', servers: ['NYC-SQL02'] }, notifications: { emailLevel: 2, emailOperator: 'Someone' } }), false).catch((x: unknown) => x);
    expect(notify).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: 'job.notifications.emailOperator' }] });
    expect(f.snapshot().equals(before)).toBe(true);
  });
});

describe('history and Start Job at Step on targets', () => {
  it("Start Job at Step on one target runs its copy from that step there only; history rows carry the target's name, steps under the run", async () => {
    const f = await fixture();
    const outcomes = await startJob(f.sa, { jobName: JOB }, ['SEA-SQL03'], 'Check user databases');
    expect(outcomes.every((o) => o.ok)).toBe(true);
    await f.scheduler.advance(5 * 60_000);
    const runs = await readJobHistory(f.sa, { jobName: JOB });
    expect(runs.map((r) => r.server)).toEqual(['SEA-SQL03']);
    expect(runs[0].steps.map((s) => [s.stepId, s.stepName, s.server])).toEqual([[2, 'Check user databases', 'SEA-SQL03']]);
    expect(await readJobHistory(f.sa, { jobName: JOB }, { server: 'LONDON-SQL01' })).toEqual([]);
  });

  it('Start Job at a step the job does not have fails with 14262 and posts nothing', async () => {
    const f = await fixture();
    const [o] = await startJob(f.sa, { jobName: JOB }, ['SEA-SQL03'], 'Nope');
    expect(o).toMatchObject({ ok: false, error: { number: 14262, message: "The specified @step_name ('Nope') does not exist." } });
    expect(f.rows()).toEqual([]);
  });
});
