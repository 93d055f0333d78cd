// Schedule procedures: @automatic_post posts INSERT (JOB for attach/detach, SCHEDULE for update),
// 0 gives 14547 instead; version bumps; msdb's identifier checks.
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../executor';
import type { EmbeddedMsdb } from '../master';
import { addJob, targetJobAt } from '../seed';
import { createTestMaster, expectFailsUnchanged } from '../testing';

const MULTI = 'AAAAAAAA-0000-4000-8000-000000000001';
const LOCAL = 'BBBBBBBB-0000-4000-8000-000000000002';
const REMINDER = {
  number: 14547,
  severity: 10,
  text: 'Warning: This change will not be downloaded by the target server(s) until an INSERT for the job is posted using sp_post_msx_operation.',
};
const posted = (n: number) => ({ number: 14230, severity: 10, text: `SP_POST_MSX_OPERATION: ${n} INSERT download instruction(s) posted.` });

async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2']);
  addJob(m.msdb, { name: 'Nightly ETL', jobId: MULTI });
  targetJobAt(m.msdb, MULTI, ['TSX1', 'TSX2']);
  addJob(m.msdb, { name: 'Local cleanup', jobId: LOCAL });
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  await call('sp_add_schedule', { schedule_name: 'Nightly 2am', freq_type: 4, freq_interval: 1, freq_subday_type: 1, active_start_time: 20000 });
  return { ...m, call };
}

const version = (msdb: EmbeddedMsdb, id: string) => msdb.db.value<number>('SELECT version_number FROM sysjobs WHERE job_id = ?', [id]);
const inserts = (msdb: EmbeddedMsdb) => msdb.db.all<{ target_server: string }>('SELECT target_server FROM sysdownloadlist WHERE operation_code = 1 ORDER BY instance_id').map((r) => r.target_server);

describe('sp_add_schedule', () => {
  it('sp_add_schedule: a shared schedule; frequency checks in order (14266)', async () => {
    const { msdb, call } = await fixture();
    expect(msdb.db.get("SELECT freq_type, active_start_time FROM sysschedules WHERE name = 'Nightly 2am'")).toEqual({ freq_type: 4, active_start_time: 20000 });
    await expectFailsUnchanged(msdb, () => call('sp_add_schedule', { schedule_name: 'x' }), 14266, "The specified '@freq_type' is invalid (valid values are: 1, 4, 8, 16, 32, 64, 128).");
    await expectFailsUnchanged(msdb, () => call('sp_add_schedule', { schedule_name: 'x', freq_type: 4, freq_interval: 1, freq_subday_type: 3 }), 14266,
      "The specified '@freq_subday_type' is invalid (valid values are: 0x1, 0x2, 0x4, 0x8).");
    await expectFailsUnchanged(msdb, () => call('sp_add_schedule', { schedule_name: 'x', freq_type: 1, active_start_time: 250000 }), 14266,
      "The specified '@active_start_time' is invalid (valid values are: 000000..235959).");
  });
});

describe('sp_attach_schedule / sp_detach_schedule', () => {
  it('sp_attach_schedule: on a multiserver job posts INSERT JOB to its targets (automatic_post = 1) and bumps the version', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_attach_schedule', { job_id: MULTI, schedule_name: 'Nightly 2am' });
    expect(r.messages).toEqual([posted(2)]);
    expect(inserts(msdb)).toEqual(['TSX1', 'TSX2']);
    expect(version(msdb, MULTI)).toBe(2);
  });

  it('sp_attach_schedule / sp_detach_schedule with @automatic_post = 0: 14547 and no post; a local job: neither', async () => {
    const { msdb, call } = await fixture();
    expect((await call('sp_attach_schedule', { job_id: MULTI, schedule_name: 'Nightly 2am', automatic_post: 0 })).messages).toEqual([REMINDER]);
    expect((await call('sp_detach_schedule', { job_id: MULTI, schedule_name: 'Nightly 2am', automatic_post: 0 })).messages).toEqual([REMINDER]);
    expect((await call('sp_attach_schedule', { job_id: LOCAL, schedule_name: 'Nightly 2am' })).messages).toEqual([]);
    expect(inserts(msdb)).toEqual([]);
    expect(version(msdb, MULTI)).toBe(3);
  });

  it('sp_attach_schedule: identifiers — neither or both (14373), unknown (14262); detach of an unattached schedule (14374)', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_attach_schedule', { job_id: MULTI }), 14373, 'Supply either @schedule_id or @schedule_name to identify the schedule.');
    await expectFailsUnchanged(msdb, () => call('sp_attach_schedule', { job_id: MULTI, schedule_name: 'Nope' }), 14262, "The specified @schedule_name ('Nope') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_detach_schedule', { job_id: MULTI, schedule_name: 'Nightly 2am' }), 14374,
      'The specified schedule name "Nightly 2am" is not associated with the job "Nightly ETL".');
  });

  it('sp_detach_schedule: @delete_unused_schedule = 1 deletes a schedule no job uses', async () => {
    const { msdb, call } = await fixture();
    await call('sp_attach_schedule', { job_id: LOCAL, schedule_name: 'Nightly 2am' });
    await call('sp_detach_schedule', { job_id: LOCAL, schedule_name: 'Nightly 2am', delete_unused_schedule: 1 });
    expect(msdb.db.value('SELECT COUNT(*) FROM sysschedules')).toBe(0);
  });
});

describe('sp_update_schedule', () => {
  it('sp_update_schedule: every job using it gets a new version; multiserver users get INSERT (SCHEDULE → JOB rows), or 14547 with @automatic_post = 0', async () => {
    const { msdb, call } = await fixture();
    await call('sp_attach_schedule', { job_id: MULTI, schedule_name: 'Nightly 2am', automatic_post: 0 });
    await call('sp_attach_schedule', { job_id: LOCAL, schedule_name: 'Nightly 2am' });
    const r = await call('sp_update_schedule', { name: 'Nightly 2am', active_start_time: 30000 });
    expect(r.messages).toEqual([posted(2)]);
    expect(inserts(msdb)).toEqual(['TSX1', 'TSX2']);
    expect([version(msdb, MULTI), version(msdb, LOCAL)]).toEqual([3, 3]);
    expect((await call('sp_update_schedule', { name: 'Nightly 2am', enabled: 0, automatic_post: 0 })).messages).toEqual([REMINDER]);
  });
});

describe('sp_add_jobschedule / sp_help_jobschedule / sp_help_schedule', () => {
  it('sp_add_jobschedule: creates and attaches (owned by the job owner); sp_help_jobschedule lists it with job_count', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_add_jobschedule', { job_id: MULTI, name: 'Hourly', freq_type: 4, freq_interval: 1, freq_subday_type: 8, freq_subday_interval: 1 });
    expect(r.messages).toEqual([posted(2)]);
    const rows = (await call('sp_help_jobschedule', { job_id: MULTI, include_description: 1 })).recordsets[0];
    expect(rows).toEqual([expect.objectContaining({ schedule_name: 'Hourly', freq_type: 4, freq_subday_type: 8, job_count: 1, schedule_description: 'Every day every 1 hour(s)' })]);
    const all = (await call('sp_help_schedule')).recordsets[0];
    expect(all.map((s) => [s.schedule_name, s.job_count, s.schedule_description])).toEqual([['Nightly 2am', 0, '(Description not requested.)'], ['Hourly', 1, '(Description not requested.)']]);
    await expectFailsUnchanged(msdb, () => call('sp_help_jobschedule', { job_id: MULTI, schedule_name: 'Nope' }), 14262, "The specified @schedule_name ('Nope') does not exist.");
  });
});
