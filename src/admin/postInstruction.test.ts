import { describe, expect, it } from 'vitest';
import { encodeIntAsGuid } from '../msx/guid';
import { WorkflowError } from './errors';
import { planPostInstruction, postInstruction, type InstructionForm } from './postInstruction';
import { renderScript } from './script';
import { labFixture, recording, rejection, sqlError } from './testing';

const posted = (n: number, op: string) => ({ number: 14230, severity: 10, text: `SP_POST_MSX_OPERATION: ${n} ${op} download instruction(s) posted.` });

describe('planPostInstruction (spec §8.2)', () => {
  it('makes one call per selected target, and one call with no target for all of them', () => {
    expect(renderScript(planPostInstruction({ type: 'SET-POLL', pollInterval: 120, recipients: ['TSX1', 'TSX2'] }))).toBe([
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'TSX1', @value = 120;",
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'TSX2', @value = 120;",
    ].join('\n'));
    expect(renderScript(planPostInstruction({ type: 'SYNC-TIME', recipients: 'all' }))).toBe(
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SYNC-TIME', @object_type = N'SERVER';",
    );
    expect(renderScript(planPostInstruction({ type: 'DEFECT', recipients: ['TSX1'] }))).toBe(
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'DEFECT', @object_type = N'SERVER', @specific_target_server = N'TSX1';",
    );
    expect(renderScript(planPostInstruction({ type: 'START', jobName: 'Nightly ETL', recipients: ['TSX1'] }))).toBe(
      "EXEC msdb.dbo.sp_start_job @job_name = N'Nightly ETL', @server_name = N'TSX1';",
    );
    expect(renderScript(planPostInstruction({ type: 'START', jobId: 'aaaaaaaa-0000-4000-8000-000000000001', recipients: 'all' }))).toBe(
      "EXEC msdb.dbo.sp_start_job @job_id = N'aaaaaaaa-0000-4000-8000-000000000001';",
    );
  });

  it.each<[string, unknown, string]>([
    ['an interval below 10 s', { type: 'SET-POLL', pollInterval: 5, recipients: 'all' }, 'pollInterval'],
    ['an interval above 28800 s', { type: 'SET-POLL', pollInterval: 28801, recipients: 'all' }, 'pollInterval'],
    ['a fractional interval', { type: 'SET-POLL', pollInterval: 60.5, recipients: 'all' }, 'pollInterval'],
    ['SET-POLL without an interval', { type: 'SET-POLL', recipients: 'all' }, 'pollInterval'],
    ['no recipients', { type: 'DEFECT', recipients: [] }, 'recipients'],
    ['a blank recipient', { type: 'DEFECT', recipients: ['  '] }, 'recipients.0'],
    ['a recipient twice', { type: 'DEFECT', recipients: ['TSX1', 'tsx1'] }, 'recipients.1'],
    ['START without a job', { type: 'START', recipients: 'all' }, 'jobId'],
    ['START with both job id and name', { type: 'START', jobId: 'AAAAAAAA-0000-4000-8000-000000000001', jobName: 'x', recipients: 'all' }, 'jobId'],
    ['an unknown type', { type: 'RE-ENLIST', recipients: 'all' }, 'type'],
    ['an unexpected field', { type: 'DEFECT', recipients: 'all', value: 1 }, ''],
  ])('refuses %s before any call', (_, form, path) => {
    let error: unknown;
    try {
      planPostInstruction(form as InstructionForm);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkflowError);
    const w = error as WorkflowError;
    expect(w.code).toBe('INVALID_PARAMS');
    expect(w.issues?.map((i) => i.path)).toContain(path);
  });
});

describe('postInstruction', () => {
  it('SET-POLL to all targets: one call, one row per target, the interval encoded (spec §3.3)', async () => {
    const f = await labFixture();
    const master = recording(f.master);
    const [outcome] = await postInstruction(master, { type: 'SET-POLL', pollInterval: 120, recipients: 'all' });
    expect(outcome).toMatchObject({ ok: true, returnValue: 0, messages: [posted(5, 'SET-POLL')] });
    expect(master.calls.filter((c) => c.proc === 'sp_post_msx_operation')).toHaveLength(1);
    const rows = f.queue();
    expect(rows.map((r) => [r.target_server, r.operation_code, r.object_id])).toEqual(
      ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04'].map((t) => [t, 9, encodeIntAsGuid(120)]),
    );
    f.lab.close();
  });

  it('SYNC-TIME and DEFECT to chosen targets: one call each, with the messages of each', async () => {
    const f = await labFixture();
    const sync = await postInstruction(f.master, { type: 'SYNC-TIME', recipients: ['NYC-SQL02', 'tokyo-sql04'] });
    expect(sync.map((o) => o.messages)).toEqual([[posted(1, 'SYNC-TIME')], [posted(1, 'SYNC-TIME')]]);
    // The offset from the master (UTC+1): New York UTC-5 is -360 minutes, Tokyo UTC+9 is +480.
    expect(f.queue().map((r) => [r.target_server, r.object_id])).toEqual([
      ['NYC-SQL02', encodeIntAsGuid(-360)],
      ['TOKYO-SQL04', encodeIntAsGuid(480)],
    ]);
    const defect = await postInstruction(f.master, { type: 'DEFECT', recipients: ['SEA-SQL03'] });
    expect(defect[0]).toMatchObject({ ok: true, messages: [posted(1, 'DEFECT')] });
    await f.scheduler.advance(60_000);
    expect(f.lab.agent('SEA-SQL03')!.state.msxServerName).toBeNull();
    f.lab.close();
  });

  it('START goes through sp_start_job and runs the job on the chosen target at its poll', async () => {
    const f = await labFixture();
    const [o] = await postInstruction(f.master, { type: 'START', jobName: 'Collect wait statistics', recipients: ['SEA-SQL03'] });
    expect(o).toMatchObject({ ok: true, messages: [posted(1, 'START')] });
    expect(f.queue().map((r) => [r.target_server, r.operation_code])).toEqual([['SEA-SQL03', 4]]);
    await f.scheduler.advance(60_000);
    expect(f.lab.agent('SEA-SQL03')!.state.log.some((l) => l.text === "Job 'Collect wait statistics' started (invoked by MSX).")).toBe(true);
    const all = await postInstruction(f.master, { type: 'START', jobName: 'Collect wait statistics', recipients: 'all' });
    expect(all[0].messages).toEqual([posted(3, 'START')]);
    f.lab.close();
  });

  it('refuses an unknown recipient with msdb\'s 14262 before posting to any', async () => {
    const f = await labFixture();
    const before = f.snapshot();
    const e = await sqlError(postInstruction(f.master, { type: 'SET-POLL', pollInterval: 90, recipients: ['LONDON-SQL01', 'NOPE'] }));
    expect(e.number).toBe(14262);
    expect(f.snapshot().equals(before)).toBe(true);
    f.lab.close();
  });

  it('refuses an invalid form without touching the server', async () => {
    const f = await labFixture();
    const master = recording(f.master);
    const e = await rejection(postInstruction(master, { type: 'SET-POLL', pollInterval: 9, recipients: 'all' }));
    expect(e).toBeInstanceOf(WorkflowError);
    expect(master.calls).toEqual([]);
    f.lab.close();
  });

  it('reports a call msdb refuses and goes on with the next', async () => {
    const f = await labFixture();
    // A multiserver job that is not targeted at SYD-SQL05: sp_start_job posts 0 rows there; an unknown job fails.
    const outcomes = await postInstruction(f.master, { type: 'START', jobName: 'No such job', recipients: ['LONDON-SQL01', 'SYD-SQL05'] });
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.number))).toEqual([14262, 14262]);
    const partial = await postInstruction(f.master, { type: 'START', jobName: 'Collect wait statistics', recipients: ['SYD-SQL05', 'LONDON-SQL01'] });
    expect(partial.map((o) => o.messages)).toEqual([[posted(0, 'START')], [posted(1, 'START')]]);
    f.lab.close();
  });
});
