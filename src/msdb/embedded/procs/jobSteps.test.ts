// sp_add_jobstep, sp_update_jobstep, sp_delete_jobstep, sp_help_jobstep: msdb's checks in order,
// renumbering, version bumps, and 14547 (not a post) after a step change of a multiserver job.
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

async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2']);
  addJob(m.msdb, { name: 'Nightly ETL', jobId: MULTI, steps: [{ name: 'Extract' }, { name: 'Transform' }, { name: 'Load' }] });
  targetJobAt(m.msdb, MULTI, ['TSX1', 'TSX2']);
  addJob(m.msdb, { name: 'Local cleanup', jobId: LOCAL, steps: [{ name: 'Purge' }] });
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  return { ...m, call };
}

const steps = (msdb: EmbeddedMsdb, id: string) =>
  msdb.db.all<{ step_id: number; step_name: string }>('SELECT step_id, step_name FROM sysjobsteps WHERE job_id = ? ORDER BY step_id', [id]).map((s) => `${s.step_id}:${s.step_name}`);
const version = (msdb: EmbeddedMsdb, id: string) => msdb.db.value<number>('SELECT version_number FROM sysjobs WHERE job_id = ?', [id]);
const queued = (msdb: EmbeddedMsdb) => Number(msdb.db.value('SELECT COUNT(*) FROM sysdownloadlist'));

describe('14547 after a step change', () => {
  it('a step change of a multiserver job returns 14547 and posts nothing; the same change of a local job returns no message', async () => {
    const { msdb, call } = await fixture();
    for (const [proc, params] of [
      ['sp_add_jobstep', { job_id: MULTI, step_name: 'Report' }],
      ['sp_update_jobstep', { job_id: MULTI, step_id: 1, command: 'EXEC dbo.extract_v2;' }],
      ['sp_delete_jobstep', { job_id: MULTI, step_id: 4 }],
    ] as const) {
      expect((await call(proc, params)).messages).toEqual([REMINDER]);
    }
    expect(queued(msdb)).toBe(0);
    for (const [proc, params] of [
      ['sp_add_jobstep', { job_id: LOCAL, step_name: 'Report' }],
      ['sp_update_jobstep', { job_id: LOCAL, step_id: 1, command: 'x' }],
      ['sp_delete_jobstep', { job_id: LOCAL, step_id: 2 }],
    ] as const) {
      expect((await call(proc, params)).messages).toEqual([]);
    }
  });

  it('every step change bumps the job version', async () => {
    const { msdb, call } = await fixture();
    expect(version(msdb, MULTI)).toBe(1);
    await call('sp_add_jobstep', { job_id: MULTI, step_name: 'Report' });
    await call('sp_update_jobstep', { job_id: MULTI, step_id: 4, retry_attempts: 2 });
    await call('sp_delete_jobstep', { job_id: MULTI, step_id: 4 });
    expect(version(msdb, MULTI)).toBe(4);
  });
});

describe('sp_add_jobstep', () => {
  it('sp_add_jobstep: inserting at a step id moves later steps and their go-to references down', async () => {
    const { msdb, call } = await fixture();
    await call('sp_update_jobstep', { job_id: MULTI, step_id: 1, on_fail_action: 4, on_fail_step_id: 3 });
    await call('sp_add_jobstep', { job_id: MULTI, step_id: 2, step_name: 'Validate' });
    expect(steps(msdb, MULTI)).toEqual(['1:Extract', '2:Validate', '3:Transform', '4:Load']);
    expect(msdb.db.value('SELECT on_fail_step_id FROM sysjobsteps WHERE job_id = ? AND step_id = 1', [MULTI])).toBe(4);
  });

  it('sp_add_jobstep: validation order — step id range (14266), subsystem (14234), name taken (14261), actions (14266), go-to self (14235), database (14262)', async () => {
    const { msdb, call } = await fixture();
    const cases: Array<[Record<string, SqlValue>, number, string]> = [
      [{ step_id: 9, step_name: 'Extract', subsystem: 'Nope' }, 14266, "The specified '@step_id' is invalid (valid values are: 1..4)."],
      [{ step_name: 'Extract', subsystem: 'Nope' }, 14234, "The specified '@subsystem' is invalid (valid values are returned by sp_enum_sqlagent_subsystems)."],
      [{ step_name: 'extract', on_success_action: 9 }, 14261, "The specified @step_name ('extract') already exists."],
      [{ step_name: 'X', on_success_action: 9 }, 14266, "The specified '@on_success_action' is invalid (valid values are: 1, 2, 3, 4)."],
      [{ step_name: 'X', on_success_action: 4, on_success_step_id: 4 }, 14235, 'The specified @on_success_step is invalid (valid values are greater than 0 but excluding 4).'],
      [{ step_name: 'X', on_fail_action: 0 }, 14266, "The specified '@on_failure_action' is invalid (valid values are: 1, 2, 3, 4)."],
      [{ step_name: 'X', database_name: 'NoSuchDb' }, 14262, "The specified @database_name ('NoSuchDb') does not exist."],
      [{ step_name: 'X', database_user_name: 'dbo' }, 14542, 'It is invalid for any TSQL step of a multiserver job to have a non-null database_user_name value.'],
    ];
    for (const [params, number, message] of cases) await expectFailsUnchanged(msdb, () => call('sp_add_jobstep', { job_id: MULTI, ...params }), number, message);
    await expectFailsUnchanged(msdb, () => call('sp_add_jobstep', { job_name: 'Nope', step_name: 'X' }), 14262, "The specified @job_name ('Nope') does not exist.");
  });

  it('sp_add_jobstep: a forward go-to is accepted with warning 14236', async () => {
    const { call } = await fixture();
    const r = await call('sp_add_jobstep', { job_id: LOCAL, step_name: 'Jump', on_success_action: 4, on_success_step_id: 7 });
    expect(r.messages).toEqual([{ number: 14236, severity: 10, text: 'Warning: Non-existent step referenced by @on_success_step_id.' }]);
  });

  it('sp_add_jobstep: CmdExec steps keep no database', async () => {
    const { msdb, call } = await fixture();
    await call('sp_add_jobstep', { job_id: LOCAL, step_name: 'Copy', subsystem: 'cmdexec', command: 'robocopy a b', database_name: 'msdb' });
    expect(msdb.db.get('SELECT subsystem, database_name FROM sysjobsteps WHERE job_id = ? AND step_id = 2', [LOCAL])).toEqual({ subsystem: 'CmdExec', database_name: null });
  });
});

describe('sp_update_jobstep', () => {
  it('sp_update_jobstep: changes only what is given; unknown step (14262); a rename onto another step (14261)', async () => {
    const { msdb, call } = await fixture();
    await call('sp_update_jobstep', { job_id: MULTI, step_id: 2, command: 'EXEC t;', step_name: 'Transform' });
    expect(msdb.db.get('SELECT step_name, command FROM sysjobsteps WHERE job_id = ? AND step_id = 2', [MULTI])).toEqual({ step_name: 'Transform', command: 'EXEC t;' });
    await expectFailsUnchanged(msdb, () => call('sp_update_jobstep', { job_id: MULTI, step_id: 9, command: 'x' }), 14262, "The specified @step_id ('9') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_update_jobstep', { job_id: MULTI, step_id: 2, step_name: 'Load' }), 14261, "The specified @step_name ('Load') already exists.");
  });
});

describe('sp_delete_jobstep', () => {
  it('sp_delete_jobstep: later steps move up; go-to references to the deleted step become quit actions (in msdb\'s order); 0 deletes all', async () => {
    const { msdb, call } = await fixture();
    await call('sp_update_jobstep', { job_id: MULTI, step_id: 1, on_success_action: 4, on_success_step_id: 2, on_fail_action: 4, on_fail_step_id: 3 });
    await call('sp_delete_jobstep', { job_id: MULTI, step_id: 2 });
    expect(steps(msdb, MULTI)).toEqual(['1:Extract', '2:Load']);
    // msdb first moves references above the deleted step down, then turns references to its id
    // into quit actions — so the go-to step 3 (now 2) is caught by the second update too.
    expect(msdb.db.get('SELECT on_success_action, on_success_step_id, on_fail_action, on_fail_step_id FROM sysjobsteps WHERE job_id = ? AND step_id = 1', [MULTI]))
      .toEqual({ on_success_action: 1, on_success_step_id: 0, on_fail_action: 2, on_fail_step_id: 0 });
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobstep', { job_id: MULTI, step_id: 3 }), 14266,
      "The specified '@step_id' is invalid (valid values are: 0 (all steps) .. 2).");
    await call('sp_delete_jobstep', { job_id: MULTI, step_id: 0 });
    expect(steps(msdb, MULTI)).toEqual([]);
  });
});

describe('sp_help_jobstep', () => {
  it("sp_help_jobstep: msdb's columns, all steps or one; unknown step (14262)", async () => {
    const { msdb, call } = await fixture();
    const rows = (await call('sp_help_jobstep', { job_name: 'Nightly ETL' })).recordsets[0];
    expect(rows.map((r) => r.step_name)).toEqual(['Extract', 'Transform', 'Load']);
    expect(Object.keys(rows[0])).toEqual(['step_id', 'step_name', 'subsystem', 'command', 'flags', 'cmdexec_success_code', 'on_success_action',
      'on_success_step_id', 'on_fail_action', 'on_fail_step_id', 'server', 'database_name', 'database_user_name', 'retry_attempts', 'retry_interval',
      'os_run_priority', 'output_file_name', 'last_run_outcome', 'last_run_duration', 'last_run_retries', 'last_run_date', 'last_run_time', 'proxy_id']);
    expect((await call('sp_help_jobstep', { job_id: MULTI, step_id: 3 })).recordsets[0].map((r) => r.step_name)).toEqual(['Load']);
    await expectFailsUnchanged(msdb, () => call('sp_help_jobstep', { job_id: MULTI, step_name: 'Nope' }), 14262, "The specified @step_name ('Nope') does not exist.");
  });
});
