// sp_add_job, sp_update_job, sp_delete_job, sp_help_category: msdb's validation order and
// messages, version bumps, and what a multiserver job posts (UPDATE, DELETE).
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../executor';
import type { Caller } from '../context';
import type { EmbeddedMsdb } from '../master';
import { addJob, addLogin, addOperator, targetJobAt } from '../seed';
import { createTestMaster, expectFailsUnchanged } from '../testing';

const MULTI = 'AAAAAAAA-0000-4000-8000-000000000001';
const LOCAL = 'BBBBBBBB-0000-4000-8000-000000000002';

async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2', 'TSX3']);
  const { msdb } = m;
  addJob(msdb, { name: 'Nightly ETL', jobId: MULTI, steps: [{ name: 'Extract' }, { name: 'Load' }] });
  targetJobAt(msdb, MULTI, ['TSX1', 'TSX2']);
  addJob(msdb, { name: 'Local cleanup', jobId: LOCAL });
  msdb.db.run('INSERT INTO sysjobservers (job_id, server_id) VALUES (?, 0)', [LOCAL]);
  addLogin(msdb, 'app', false);
  addOperator(msdb, 'Pager', 'pager@contoso.com');
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  const as = (caller: Partial<Caller>) => (proc: string, params: Record<string, SqlValue> = {}) => msdb.executor(caller).exec(proc, params);
  return { ...m, call, as };
}

const job = (msdb: EmbeddedMsdb, id: string) =>
  msdb.db.get<{ name: string; enabled: number; version_number: number; date_modified: string; category_id: number; notify_email_operator_id: number; notify_level_email: number }>(
    'SELECT * FROM sysjobs WHERE job_id = ?', [id])!;
const queue = (msdb: EmbeddedMsdb) =>
  msdb.db.all<{ operation_code: number; target_server: string; object_id: string; deleted_object_name: string | null; status: number }>(
    'SELECT operation_code, target_server, object_id, deleted_object_name, status FROM sysdownloadlist ORDER BY instance_id');

describe('sp_add_job', () => {
  it('sp_add_job: creates a local job, version 1, uncategorized, owned by the caller, with no job server', async () => {
    const { msdb, call } = await fixture();
    await call('sp_add_job', { job_name: ' Backup logs ', description: 'Every hour.' });
    const row = msdb.db.get<Record<string, string | number>>("SELECT * FROM sysjobs WHERE name = 'Backup logs'")!;
    expect(row).toMatchObject({ enabled: 1, description: 'Every hour.', category_id: 0, owner_sid: '0x01', version_number: 1, notify_level_eventlog: 2 });
    expect(msdb.db.value('SELECT COUNT(*) FROM sysjobservers WHERE job_id = ?', [row.job_id])).toBe(0);
  });

  it('sp_add_job: validation order — name taken (14261), enabled (14266), category (14234), owner (14234), levels (14266), operators (14234), delete level (14266)', async () => {
    const { msdb, call } = await fixture();
    const cases: Array<[Record<string, SqlValue>, number, string]> = [
      [{ job_name: 'nightly etl', enabled: 7 }, 14261, "The specified @job_name ('nightly etl') already exists."],
      [{ job_name: 'X', enabled: 7, category_name: 'Nope' }, 14266, "The specified '@enabled' is invalid (valid values are: 0, 1)."],
      [{ job_name: 'X', category_name: 'Nope', owner_login_name: 'ghost' }, 14234, "The specified '@category_name' is invalid (valid values are returned by sp_help_category)."],
      [{ job_name: 'X', owner_login_name: 'ghost', notify_level_email: 9 }, 14234, "The specified '@owner_login_name' is invalid (valid values are returned by sp_helplogins)."],
      [{ job_name: 'X', notify_level_email: 9, notify_email_operator_name: 'Nobody' }, 14266, "The specified '@notify_level_email' is invalid (valid values are: 0, 1, 2, 3)."],
      [{ job_name: 'X', notify_email_operator_name: 'Nobody', delete_level: 9 }, 14234, "The specified '@notify_email_operator_name' is invalid (valid values are returned by sp_help_operator)."],
      [{ job_name: 'X', delete_level: 9 }, 14266, "The specified '@delete_level' is invalid (valid values are: 0, 1, 2, 3)."],
    ];
    for (const [params, number, message] of cases) await expectFailsUnchanged(msdb, () => call('sp_add_job', params), number, message);
  });

  it('sp_add_job: a login outside sysadmin cannot create a job for another owner (14242)', async () => {
    const { msdb, as } = await fixture();
    await expectFailsUnchanged(msdb, () => as({ login: 'app', isSysadmin: false })('sp_add_job', { job_name: 'X', owner_login_name: 'sa' }), 14242,
      'Only a system administrator can reassign ownership of a job.');
  });
});

describe('sp_update_job', () => {
  it('sp_update_job: posts UPDATE to every target of a multiserver job and bumps version_number and date_modified', async () => {
    const { msdb, call, clock } = await fixture();
    const before = job(msdb, MULTI);
    clock.advance(60_000);
    const r = await call('sp_update_job', { job_id: MULTI, enabled: 0 });
    expect(r.messages).toEqual([{ number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 2 UPDATE download instruction(s) posted.' }]);
    expect(queue(msdb).map((q) => [q.operation_code, q.target_server])).toEqual([[2, 'TSX1'], [2, 'TSX2']]);
    const after = job(msdb, MULTI);
    expect(after.enabled).toBe(0);
    expect(after.version_number).toBe(before.version_number + 1);
    expect(after.date_modified > before.date_modified).toBe(true);
  });

  it('sp_update_job: @automatic_post = 0 posts nothing; a local job posts nothing either', async () => {
    const { msdb, call } = await fixture();
    await call('sp_update_job', { job_id: MULTI, description: 'x', automatic_post: 0 });
    await call('sp_update_job', { job_id: LOCAL, new_name: 'Local cleanup 2' });
    expect(queue(msdb)).toEqual([]);
    expect(job(msdb, LOCAL).name).toBe('Local cleanup 2');
  });

  it('sp_update_job: an auto-deleting job is posted whole again (INSERT)', async () => {
    const { msdb, call } = await fixture();
    await call('sp_update_job', { job_id: MULTI, delete_level: 1 });
    expect(queue(msdb).map((q) => q.operation_code)).toEqual([1, 1]);
  });

  it('sp_update_job: a multiserver job may notify only MSXOperator (14221); renaming onto another job fails (14261); unknown job (14262)', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_update_job', { job_id: MULTI, notify_level_email: 2, notify_email_operator_name: 'Pager' }), 14221,
      "This job has one or more notifications to operators other than 'MSXOperator'. The job cannot be targeted at remote servers as currently defined.");
    await expectFailsUnchanged(msdb, () => call('sp_update_job', { job_id: MULTI, new_name: 'Local cleanup' }), 14261,
      "The specified @job_name ('Local cleanup') already exists.");
    await expectFailsUnchanged(msdb, () => call('sp_update_job', { job_name: 'Nope', enabled: 1 }), 14262, "The specified @job_name ('Nope') does not exist.");
    await call('sp_update_job', { job_id: MULTI, notify_level_email: 2, notify_email_operator_name: 'MSXOperator' });
    expect(job(msdb, MULTI)).toMatchObject({ notify_level_email: 2, notify_email_operator_id: 1 });
  });

  it('sp_update_job: a login outside sysadmin cannot change a job it does not own (14525)', async () => {
    const { msdb, as } = await fixture();
    await expectFailsUnchanged(msdb, () => as({ login: 'app', isSysadmin: false, roles: new Set(['SQLAgentReaderRole']) })('sp_update_job', { job_id: LOCAL, description: 'x' }),
      14525, 'Only members of sysadmin role are allowed to update or delete jobs owned by a different login.');
  });
});

describe('sp_delete_job', () => {
  it('sp_delete_job: removes the pending non-DELETE rows of a multiserver job and posts DELETE (with the name) to each target', async () => {
    const { msdb, call } = await fixture();
    await call('sp_start_job', { job_id: MULTI });
    await call('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', value: 30, specific_target_server: 'TSX1' });
    const r = await call('sp_delete_job', { job_id: MULTI });
    expect(r.messages).toEqual([{ number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 2 DELETE download instruction(s) posted.' }]);
    expect(queue(msdb).map((q) => [q.operation_code, q.target_server, q.deleted_object_name])).toEqual([
      [9, 'TSX1', null], [3, 'TSX1', 'Nightly ETL'], [3, 'TSX2', 'Nightly ETL'],
    ]);
    for (const t of ['sysjobs', 'sysjobsteps', 'sysjobservers']) expect(msdb.db.value(`SELECT COUNT(*) FROM ${t} WHERE job_id = ?`, [MULTI])).toBe(0);
  });

  it('sp_delete_job: a local job posts nothing; its history goes unless @delete_history = 0; unused schedules go with it', async () => {
    const { msdb, call } = await fixture();
    await call('sp_add_jobschedule', { job_id: LOCAL, name: 'Nightly', freq_type: 4, freq_interval: 1, freq_subday_type: 1 });
    await call('sp_start_job', { job_id: LOCAL });
    await call('sp_delete_job', { job_id: LOCAL, delete_history: 0 });
    expect(queue(msdb)).toEqual([]);
    expect(Number(msdb.db.value('SELECT COUNT(*) FROM sysjobhistory WHERE job_id = ?', [LOCAL]))).toBeGreaterThan(0);
    expect(msdb.db.value('SELECT COUNT(*) FROM sysschedules')).toBe(0);
  });

  it('sp_delete_job: unknown job (14262), both identifiers (14294), changes nothing', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_job', { job_name: 'Nope' }), 14262, "The specified @job_name ('Nope') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_delete_job', { job_id: MULTI, job_name: 'Nightly ETL' }), 14294, 'Supply either @job_id or @job_name to identify the job.');
  });
});

describe('sp_help_category', () => {
  it('sp_help_category: job categories; @suffix = 1 names the type', async () => {
    const { call } = await fixture();
    const rows = (await call('sp_help_category', { suffix: 1 })).recordsets[0];
    expect(rows).toContainEqual({ category_id: 2, category_type: 'MULTI-SERVER', name: '[Uncategorized (Multi-Server)]' });
    expect((await call('sp_help_category', { type: 'MULTI-SERVER' })).recordsets[0]).toEqual([{ category_id: 2, category_type: 2, name: '[Uncategorized (Multi-Server)]' }]);
  });
});
