import { describe, expect, it } from 'vitest';
import { WorkflowError } from './errors';
import { jobTargets, listJobs, listMultiserverJobs, planStartJob, planStopJob, startJob, stopJob } from './jobs';
import { renderScript } from './script';
import { labFixture, rejection, sqlError } from './testing';

describe('jobs', () => {
  it('lists every job of the server, marking the multiserver ones (sp_help_job)', async () => {
    const f = await labFixture();
    const jobs = await listJobs(f.master);
    expect(jobs.map((j) => [j.name, j.kind, j.multiserver])).toEqual([
      ['Collect wait statistics', 'multiserver', true],
      ['Nightly DBCC CHECKDB', 'multiserver', true],
      ['syspolicy_purge_history', 'none', false],
    ]);
    expect(jobs[0]).toMatchObject({ enabled: true, owner: 'sa', originatingServer: 'MSX01', category: '[Uncategorized (Multi-Server)]' });
    expect(jobs[0].jobId).toMatch(/^[0-9A-F-]{36}$/);
    f.lab.close();
  });

  it('summarises the multiserver jobs (sp_multi_server_job_summary)', async () => {
    const f = await labFixture();
    expect(await listMultiserverJobs(f.master)).toEqual([
      expect.objectContaining({ jobName: 'Collect wait statistics', enabled: true, targetServers: 3, pendingDownloadInstructions: 0, downloadErrors: 0, executionFailures: 0 }),
      expect.objectContaining({ jobName: 'Nightly DBCC CHECKDB', targetServers: 5, categoryName: '[Uncategorized (Multi-Server)]' }),
    ]);
    f.lab.close();
  });

  it('shows a job\'s targets with each one\'s last run (sp_help_jobserver @show_last_run_details = 1)', async () => {
    const f = await labFixture();
    const job = { jobName: 'Nightly DBCC CHECKDB' };
    const never = await jobTargets(f.master, job);
    expect(never.map((t) => t.serverName)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05']);
    expect(never[0]).toMatchObject({ lastRunDate: 0, lastRunAt: null, lastRunOutcome: 5, lastRunOutcomeText: 'Unknown', lastOutcomeMessage: null });

    f.lab.runJob('LONDON-SQL01', 'Nightly DBCC CHECKDB');
    await f.scheduler.advance(30_000);
    const [london] = await jobTargets(f.master, job);
    // London's clock is UTC: the run started at the scenario's 09:00:00.
    expect(london.lastRunAt).toEqual(new Date(Date.UTC(2026, 10, 2, 9, 0, 0)));
    expect(london.lastRunDate).toBe(20261102);
    expect([0, 1]).toContain(london.lastRunOutcome);
    expect(london.lastRunOutcomeText).toBe(london.lastRunOutcome === 1 ? 'Succeeded' : 'Failed');
    expect(london.lastRunDurationSeconds).toBeGreaterThan(0);
    expect(london.lastOutcomeMessage).toMatch(/invoked by MSX/);
    f.lab.close();
  });

  it('plans start and stop: one call for all targets, or one per chosen target', () => {
    expect(renderScript(planStartJob({ jobName: 'Nightly' }))).toBe("EXEC msdb.dbo.sp_start_job @job_name = N'Nightly';");
    expect(renderScript(planStopJob({ jobId: 'AAAAAAAA-0000-4000-8000-000000000001' }, ['TSX1', 'TSX2']))).toBe([
      "EXEC msdb.dbo.sp_stop_job @job_id = N'AAAAAAAA-0000-4000-8000-000000000001', @server_name = N'TSX1';",
      "EXEC msdb.dbo.sp_stop_job @job_id = N'AAAAAAAA-0000-4000-8000-000000000001', @server_name = N'TSX2';",
    ].join('\n'));
  });

  it('starts a job on chosen targets: START rows for them only, and the job runs there at the next poll', async () => {
    const f = await labFixture();
    const outcomes = await startJob(f.master, { jobName: 'Collect wait statistics' }, ['NYC-SQL02', 'SEA-SQL03']);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(f.queue().map((r) => [r.target_server, r.operation_code])).toEqual([['NYC-SQL02', 4], ['SEA-SQL03', 4]]);
    await f.scheduler.advance(60_000);
    expect(f.lab.agent('NYC-SQL02')!.state.log.some((l) => /Collect wait statistics' started/.test(l.text))).toBe(true);
    expect(f.lab.agent('LONDON-SQL01')!.state.log.some((l) => /Collect wait statistics' started/.test(l.text))).toBe(false);

    const all = await stopJob(f.master, { jobName: 'Collect wait statistics' });
    expect(all).toMatchObject([{ ok: true, messages: [{ number: 14230, text: 'SP_POST_MSX_OPERATION: 3 STOP download instruction(s) posted.' }] }]);
    f.lab.close();
  });

  it('refuses an unknown target before any post, and reports an unknown job per call', async () => {
    const f = await labFixture();
    const before = f.snapshot();
    expect((await sqlError(startJob(f.master, { jobName: 'Nightly DBCC CHECKDB' }, ['LONDON-SQL01', 'NOPE']))).number).toBe(14262);
    expect(f.snapshot().equals(before)).toBe(true);
    const [o] = await stopJob(f.master, { jobName: 'No such job' });
    expect(o.ok ? null : o.error).toEqual({ number: 14262, severity: 16, message: "The specified @job_name ('No such job') does not exist." });
    expect(await rejection(startJob(f.master, { jobName: 'x' }, []))).toBeInstanceOf(WorkflowError);
    f.lab.close();
  });
});
