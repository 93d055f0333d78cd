// sp_help_jobhistory (rows of a multiserver job carry the target's name; @server selects them)
// and sp_purge_jobhistory (14226, 14392).
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../executor';
import { addJob, addLogin, targetJobAt } from '../seed';
import { createTestMaster, expectFailsUnchanged } from '../testing';

const MULTI = 'AAAAAAAA-0000-4000-8000-000000000001';

async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2']);
  addJob(m.msdb, { name: 'Nightly ETL', jobId: MULTI, steps: [{ name: 'Extract' }, { name: 'Load' }] });
  targetJobAt(m.msdb, MULTI, ['TSX1', 'TSX2']);
  addLogin(m.msdb, 'app', false);
  // What target agents upload: step rows, then the outcome row, with server = the target.
  const insert = 'INSERT INTO sysjobhistory (job_id, step_id, step_name, message, run_status, run_date, run_time, run_duration, server) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
  for (const [server, status, date] of [['TSX1', 1, 20261101], ['TSX2', 0, 20261101], ['TSX1', 1, 20261102]] as const) {
    m.msdb.db.run(insert, [MULTI, 1, 'Extract', 'ok', 1, date, 10000, 5, server]);
    m.msdb.db.run(insert, [MULTI, 2, 'Load', status ? 'ok' : 'failed', status, date, 10005, 7, server]);
    m.msdb.db.run(insert, [MULTI, 0, '(Job outcome)', status ? 'The job succeeded.' : 'The job failed.', status, date, 10000, 12, server]);
  }
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  return { ...m, call };
}

describe('sp_help_jobhistory', () => {
  it("sp_help_jobhistory: history rows of a multiserver job carry the target's name in server; newest first", async () => {
    const { call } = await fixture();
    const rows = (await call('sp_help_jobhistory', { job_name: 'Nightly ETL', mode: 'FULL' })).recordsets[0];
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({ job_name: 'Nightly ETL', step_id: 0, server: 'TSX1', run_date: 20261102 });
    expect(new Set(rows.map((r) => r.server))).toEqual(new Set(['TSX1', 'TSX2']));
  });

  it("sp_help_jobhistory: @server selects one target's rows; @run_status filters; SUMMARY shows the outcome rows", async () => {
    const { call } = await fixture();
    const tsx2 = (await call('sp_help_jobhistory', { job_id: MULTI, server: 'tsx2', mode: 'FULL' })).recordsets[0];
    expect(tsx2.map((r) => [r.server, r.step_id])).toEqual([['TSX2', 0], ['TSX2', 2], ['TSX2', 1]]);
    const failed = (await call('sp_help_jobhistory', { job_id: MULTI, run_status: 0 })).recordsets[0];
    expect(failed).toEqual([expect.objectContaining({ server: 'TSX2', run_status: 0 })]);
    expect(Object.keys(failed[0])).toEqual(['job_id', 'job_name', 'run_status', 'run_date', 'run_time', 'run_duration', 'operator_emailed',
      'operator_netsent', 'operator_paged', 'retries_attempted', 'server']);
  });

  it('sp_help_jobhistory: a bad @mode (14266) or an unknown job (14262)', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_help_jobhistory', { mode: 'ALL' }), 14266, "The specified '@mode' is invalid (valid values are: SUMMARY, FULL).");
    await expectFailsUnchanged(msdb, () => call('sp_help_jobhistory', { job_name: 'Nope' }), 14262, "The specified @job_name ('Nope') does not exist.");
  });
});

describe('sp_purge_jobhistory', () => {
  it('sp_purge_jobhistory: 14226 counts the rows purged; @oldest_date keeps newer runs', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_purge_jobhistory', { job_id: MULTI, oldest_date: new Date(Date.UTC(2026, 10, 2)) });
    expect(r.messages).toEqual([{ number: 14226, severity: 10, text: '6 history entries purged.' }]);
    expect((await call('sp_purge_jobhistory', {})).messages).toEqual([{ number: 14226, severity: 10, text: '3 history entries purged.' }]);
    expect(msdb.db.value('SELECT COUNT(*) FROM sysjobhistory')).toBe(0);
  });

  it("sp_purge_jobhistory: a login neither owner, sysadmin nor SQLAgentOperatorRole gets 14392 and nothing is purged", async () => {
    const { msdb } = await fixture();
    const app = msdb.executor({ login: 'app', isSysadmin: false, roles: new Set(['SQLAgentReaderRole']) });
    await expectFailsUnchanged(msdb, () => app.exec('sp_purge_jobhistory', { job_id: MULTI }), 14392, 'Only a sysadmin or the owner of a job can purge its history.');
    await expectFailsUnchanged(msdb, () => app.exec('sp_purge_jobhistory', {}), 14392, 'Only a sysadmin or the owner of a job can purge its history.');
  });
});
