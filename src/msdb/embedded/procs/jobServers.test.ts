import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../executor';
import type { Caller } from '../context';
import type { EmbeddedMsdb } from '../master';
import { addJob, addLogin, addOperator, targetJobAt } from '../seed';
import { createTestMaster, expectFailsUnchanged, snapshot } from '../testing';

const JOB_MULTI = 'AAAAAAAA-0000-4000-8000-000000000001';
const JOB_LOCAL = 'BBBBBBBB-0000-4000-8000-000000000002';
const JOB_NEW = 'CCCCCCCC-0000-4000-8000-000000000003';
const JOB_APP = 'DDDDDDDD-0000-4000-8000-000000000004';

const SYSADMIN_ONLY = 'Only members of sysadmin server role can start/stop multi-server jobs';

/**
 * Targets TSX1..TSX3. "Nightly ETL" runs on TSX1 and TSX2, "Local cleanup" on the master itself,
 * "Fresh" has no job servers, and "App report" (local, no job servers) belongs to the non-sysadmin login app.
 */
async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2', 'TSX3']);
  const { msdb } = m;
  addJob(msdb, { name: 'Nightly ETL', jobId: JOB_MULTI, steps: [{ name: 'Extract' }, { name: 'Load' }] });
  targetJobAt(msdb, JOB_MULTI, ['TSX1', 'TSX2']);
  addJob(msdb, { name: 'Local cleanup', jobId: JOB_LOCAL, steps: [{ name: 'Purge' }, { name: 'Shrink' }] });
  msdb.db.run('INSERT INTO sysjobservers (job_id, server_id) VALUES (?, 0)', [JOB_LOCAL]);
  addJob(msdb, { name: 'Fresh', jobId: JOB_NEW });
  addLogin(msdb, 'app', false);
  addJob(msdb, { name: 'App report', jobId: JOB_APP, owner: 'app' });
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  const as = (caller: Partial<Caller>) => (proc: string, params: Record<string, SqlValue> = {}) => msdb.executor(caller).exec(proc, params);
  return { ...m, call, as };
}

interface QueueRow {
  operation_code: number;
  object_type: number;
  object_id: string;
  target_server: string;
  deleted_object_name: string | null;
}

function queue(msdb: EmbeddedMsdb): QueueRow[] {
  return msdb.db.all<QueueRow>(
    'SELECT operation_code, object_type, object_id, target_server, deleted_object_name FROM sysdownloadlist ORDER BY instance_id',
  );
}

function jobServers(msdb: EmbeddedMsdb, jobId: string) {
  return msdb.db.all('SELECT * FROM sysjobservers WHERE job_id = ? ORDER BY server_id', [jobId]);
}

function category(msdb: EmbeddedMsdb, jobId: string): number | undefined {
  return msdb.db.value<number>('SELECT category_id FROM sysjobs WHERE job_id = ?', [jobId]);
}

const posted = (count: number, op: string) => ({
  number: 14230, severity: 10, text: `SP_POST_MSX_OPERATION: ${count} ${op} download instruction(s) posted.`,
});

const row = (op: number, jobId: string, target: string, deleted: string | null = null): QueueRow => ({
  operation_code: op, object_type: 1, object_id: jobId, target_server: target, deleted_object_name: deleted,
});

describe('sp_add_jobserver', () => {
  it('sp_add_jobserver: a remote target gets a sysjobservers row (outcome 5), the job turns multiserver and INSERT is posted', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_add_jobserver', { job_name: 'Fresh', server_name: ' tsx3 ' });
    expect(r.returnValue).toBe(0);
    expect(jobServers(msdb, JOB_NEW)).toEqual([{
      job_id: JOB_NEW, server_id: 3, last_run_outcome: 5, last_outcome_message: null, last_run_date: 0, last_run_time: 0, last_run_duration: 0,
    }]);
    expect(category(msdb, JOB_NEW)).toBe(2);
    expect(queue(msdb)).toEqual([row(1, JOB_NEW, 'TSX3')]);
    expect(r.messages).toEqual([posted(1, 'INSERT')]);
  });

  it('sp_add_jobserver: a further target is posted to alone and the category stays multiserver', async () => {
    const { msdb, call } = await fixture();
    await call('sp_add_jobserver', { job_id: JOB_MULTI, server_name: 'TSX3' });
    expect(jobServers(msdb, JOB_MULTI).map((s) => s.server_id)).toEqual([1, 2, 3]);
    expect(category(msdb, JOB_MULTI)).toBe(2);
    expect(queue(msdb)).toEqual([row(1, JOB_MULTI, 'TSX3')]);
  });

  it('sp_add_jobserver: @automatic_post = 0 adds the target without posting', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_add_jobserver', { job_name: 'Fresh', server_name: 'TSX1', automatic_post: 0 });
    expect(jobServers(msdb, JOB_NEW).map((s) => s.server_id)).toEqual([1]);
    expect(queue(msdb)).toEqual([]);
    expect(r.messages).toEqual([]);
  });

  it('sp_add_jobserver: NULL, (local) in any case, or the master name make a local job: server_id 0, nothing posted', async () => {
    for (const serverName of [null, '(local)', ' (LOCAL) ', 'msx01']) {
      const { msdb, call } = await fixture();
      const r = await call('sp_add_jobserver', { job_name: 'Fresh', server_name: serverName });
      expect(r).toMatchObject({ returnValue: 0, messages: [] });
      expect(jobServers(msdb, JOB_NEW).map((s) => s.server_id)).toEqual([0]);
      expect(category(msdb, JOB_NEW)).toBe(0);
      expect(queue(msdb)).toEqual([]);
    }
  });

  it('sp_add_jobserver: a local job server moves a job out of a multiserver category to [Uncategorized (Local)]', async () => {
    const { msdb, call } = await fixture();
    msdb.db.run('UPDATE sysjobs SET category_id = 2 WHERE job_id = ?', [JOB_NEW]);
    await call('sp_add_jobserver', { job_id: JOB_NEW });
    expect(category(msdb, JOB_NEW)).toBe(0);
  });

  it('sp_add_jobserver: a remote target moves a job from any local category to [Uncategorized (Multi-Server)]', async () => {
    const { msdb, call } = await fixture();
    msdb.db.run('UPDATE sysjobs SET category_id = 3 WHERE job_id = ?', [JOB_NEW]);
    await call('sp_add_jobserver', { job_id: JOB_NEW, server_name: 'TSX1' });
    expect(category(msdb, JOB_NEW)).toBe(2);
  });

  it('sp_add_jobserver: the owner may add the local server to an own job without sysadmin', async () => {
    const { msdb, as } = await fixture();
    const r = await as({ login: 'app', isSysadmin: false })('sp_add_jobserver', { job_id: JOB_APP });
    expect(r.returnValue).toBe(0);
    expect(jobServers(msdb, JOB_APP).map((s) => s.server_id)).toEqual([0]);
  });

  it('sp_add_jobserver: a job owned by the Agent account (SID 0xFFFFFFFF) counts as sysadmin-owned', async () => {
    const { msdb, call } = await fixture();
    msdb.db.run("UPDATE sysjobs SET owner_sid = '0xFFFFFFFF' WHERE job_id = ?", [JOB_APP]);
    await call('sp_add_jobserver', { job_id: JOB_APP, server_name: 'TSX1' });
    expect(jobServers(msdb, JOB_APP).map((s) => s.server_id)).toEqual([1]);
  });

  it('sp_add_jobserver: notifications to MSXOperator are allowed on a multiserver job', async () => {
    const { msdb, call } = await fixture();
    addJob(msdb, { name: 'Notifying', notifyEmailOperator: 'MSXOperator' });
    await call('sp_add_jobserver', { job_name: 'Notifying', server_name: 'TSX1' });
    await call('sp_add_jobserver', { job_name: 'Notifying', server_name: 'TSX2' });
    expect(queue(msdb)).toHaveLength(2);
  });

  it('sp_add_jobserver: notifications to another operator are not checked for the first target', async () => {
    const { msdb, call } = await fixture();
    addOperator(msdb, 'Oncall');
    addJob(msdb, { name: 'Notifying', notifyEmailOperator: 'Oncall' });
    const r = await call('sp_add_jobserver', { job_name: 'Notifying', server_name: 'TSX1' });
    expect(r.returnValue).toBe(0);
  });

  it('sp_add_jobserver: neither or both of @job_id and @job_name fail 14294', async () => {
    const { msdb, call } = await fixture();
    const text = 'Supply either @job_id or @job_name to identify the job.';
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { server_name: 'TSX1' }), 14294, text);
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_NEW, job_name: 'Fresh', server_name: 'TSX1' }), 14294, text);
  });

  it('sp_add_jobserver: an unknown job fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_name: 'Nope', server_name: 'TSX1' }),
      14262, "The specified @job_name ('Nope') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: '0E0E0E0E-0000-4000-8000-000000000000', server_name: 'TSX1' }),
      14262, "The specified @job_id ('0E0E0E0E-0000-4000-8000-000000000000') does not exist.");
  });

  it('sp_add_jobserver: a job the caller cannot see (not the owner, no agent role) fails 14262', async () => {
    const { msdb, as } = await fixture();
    addLogin(msdb, 'bob', false);
    await expectFailsUnchanged(msdb, () => as({ login: 'bob', isSysadmin: false })('sp_add_jobserver', { job_name: 'App report' }),
      14262, "The specified @job_name ('App report') does not exist.");
  });

  it('sp_add_jobserver: two jobs with the name fail 14293', async () => {
    const { msdb, call } = await fixture();
    addJob(msdb, { name: 'Fresh' });
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_name: 'Fresh', server_name: 'TSX1' }),
      14293, "There are two or more jobs named 'Fresh'. Specify @job_id instead of @job_name to uniquely identify the job.");
  });

  it('sp_add_jobserver: a non-sysadmin targeting a remote server fails 14398, before the target is looked up', async () => {
    const { msdb, as } = await fixture();
    const app = as({ login: 'app', isSysadmin: false });
    for (const serverName of ['TSX1', 'TSX9']) {
      await expectFailsUnchanged(msdb, () => app('sp_add_jobserver', { job_id: JOB_APP, server_name: serverName }),
        14398, 'Only members of sysadmin server role can create multi-server jobs');
    }
  });

  it('sp_add_jobserver: a job owned by a non-sysadmin fails 14544', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_APP, server_name: 'TSX1' }),
      14544, "This job is owned by 'app'. Only a job owned by a member of the sysadmin role can be a multiserver job.");
  });

  it('sp_add_jobserver: a job whose owner SID has no login fails 14544 with a NULL name', async () => {
    const { msdb, call } = await fixture();
    msdb.db.run("UPDATE sysjobs SET owner_sid = '0x0BAD' WHERE job_id = ?", [JOB_NEW]);
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_NEW, server_name: 'TSX1' }),
      14544, "This job is owned by '(null)'. Only a job owned by a member of the sysadmin role can be a multiserver job.");
  });

  it('sp_add_jobserver: a TSQL step with a database_user_name fails 14542', async () => {
    const { msdb, call } = await fixture();
    addJob(msdb, { name: 'As user', steps: [{ name: 'Run as', databaseUserName: 'dbo' }] });
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_name: 'As user', server_name: 'TSX1' }),
      14542, 'It is invalid for any TSQL step of a multiserver job to have a non-null database_user_name value.');
  });

  it('sp_add_jobserver: a database_user_name on a non-TSQL step is no obstacle', async () => {
    const { call, msdb } = await fixture();
    addJob(msdb, { name: 'Shell', steps: [{ name: 'Cmd', subsystem: 'CmdExec', databaseUserName: 'dbo' }] });
    const r = await call('sp_add_jobserver', { job_name: 'Shell', server_name: 'TSX1' });
    expect(r.returnValue).toBe(0);
  });

  it('sp_add_jobserver: an unknown target fails 14262 with the upper-cased name', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_name: 'Fresh', server_name: 'tsx9' }),
      14262, "The specified @server_name ('TSX9') does not exist.");
  });

  it('sp_add_jobserver: job already targeted at the server fails 14269', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_name: 'nightly etl', server_name: 'tsx2' }),
      14269, "Job 'Nightly ETL' is already targeted at server 'TSX2'.");
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_LOCAL, server_name: '(local)' }),
      14269, "Job 'Local cleanup' is already targeted at server 'MSX01'.");
  });

  it('sp_add_jobserver: adding the local server to a multiserver job fails 14290 (msdb raises it with the text that reads the other way)', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_MULTI }),
      14290, 'This job is currently targeted at the local server so cannot also be targeted at a remote server.');
  });

  it('sp_add_jobserver: adding a remote target to a local job fails 14291', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_LOCAL, server_name: 'TSX1' }),
      14291, 'This job is currently targeted at a remote server so cannot also be targeted at the local server.');
  });

  it('sp_add_jobserver: notifications to an operator other than MSXOperator fail 14221 once the job has remote targets', async () => {
    const { msdb, call } = await fixture();
    addOperator(msdb, 'Oncall');
    const jobId = addJob(msdb, { name: 'Notifying', notifyEmailOperator: 'Oncall' });
    targetJobAt(msdb, jobId, ['TSX1']);
    await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: jobId, server_name: 'TSX2' }),
      14221, "This job has one or more notifications to operators other than 'MSXOperator'. The job cannot be targeted at remote servers as currently defined.");
  });

  it('sp_add_jobserver: pager and net send operators are checked too (14221)', async () => {
    const { msdb, call } = await fixture();
    const oncall = addOperator(msdb, 'Oncall');
    for (const column of ['notify_page_operator_id', 'notify_netsend_operator_id']) {
      msdb.db.run(`UPDATE sysjobs SET notify_page_operator_id = 0, notify_netsend_operator_id = 0, ${column} = ? WHERE job_id = ?`, [oncall, JOB_MULTI]);
      await expectFailsUnchanged(msdb, () => call('sp_add_jobserver', { job_id: JOB_MULTI, server_name: 'TSX3' }), 14221,
        "This job has one or more notifications to operators other than 'MSXOperator'. The job cannot be targeted at remote servers as currently defined.");
    }
  });

  it('sp_add_jobserver: without an MSXOperator the notification check compares with NULL and passes', async () => {
    const { msdb, call } = await fixture();
    addOperator(msdb, 'Oncall');
    const jobId = addJob(msdb, { name: 'Notifying', notifyEmailOperator: 'Oncall' });
    targetJobAt(msdb, jobId, ['TSX1']);
    msdb.db.run("DELETE FROM sysoperators WHERE name = 'MSXOperator'");
    const r = await call('sp_add_jobserver', { job_id: jobId, server_name: 'TSX2' });
    expect(r.returnValue).toBe(0);
  });
});

describe('sp_delete_jobserver', () => {
  it('sp_delete_jobserver: posts DELETE (with the job name) to that target, then removes its row', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_delete_jobserver', { job_name: 'Nightly ETL', server_name: ' tsx1 ' });
    expect(r.returnValue).toBe(0);
    expect(queue(msdb)).toEqual([row(3, JOB_MULTI, 'TSX1', 'Nightly ETL')]);
    expect(r.messages).toEqual([posted(1, 'DELETE')]);
    expect(jobServers(msdb, JOB_MULTI).map((s) => s.server_id)).toEqual([2]);
  });

  it('sp_delete_jobserver: a job left without targets keeps its multiserver category, as msdb does', async () => {
    const { msdb, call } = await fixture();
    await call('sp_delete_jobserver', { job_id: JOB_MULTI, server_name: 'TSX1' });
    await call('sp_delete_jobserver', { job_id: JOB_MULTI, server_name: 'TSX2' });
    expect(jobServers(msdb, JOB_MULTI)).toEqual([]);
    expect(category(msdb, JOB_MULTI)).toBe(2);
    expect(queue(msdb).map((q) => q.target_server)).toEqual(['TSX1', 'TSX2']);
  });

  it('sp_delete_jobserver: the local server, by name or (LOCAL), removes the server_id 0 row and posts nothing', async () => {
    for (const serverName of ['MSX01', '(local)']) {
      const { msdb, call } = await fixture();
      const r = await call('sp_delete_jobserver', { job_id: JOB_LOCAL, server_name: serverName });
      expect(r).toMatchObject({ returnValue: 0, messages: [] });
      expect(jobServers(msdb, JOB_LOCAL)).toEqual([]);
      expect(queue(msdb)).toEqual([]);
    }
  });

  it('sp_delete_jobserver: a NULL server fails 14043', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobserver', { job_id: JOB_MULTI, server_name: null }),
      14043, "The parameter '@server_name' cannot be NULL.");
  });

  it('sp_delete_jobserver: neither job id nor name fails 14294', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobserver', { server_name: 'TSX1' }),
      14294, 'Supply either @job_id or @job_name to identify the job.');
  });

  it('sp_delete_jobserver: an unknown job fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobserver', { job_name: 'Nope', server_name: 'TSX1' }),
      14262, "The specified @job_name ('Nope') does not exist.");
  });

  it('sp_delete_jobserver: an unknown target fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobserver', { job_id: JOB_MULTI, server_name: 'tsx9' }),
      14262, "The specified @server_name ('TSX9') does not exist.");
  });

  it('sp_delete_jobserver: a job not targeted at the server fails 14270', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobserver', { job_id: JOB_MULTI, server_name: 'tsx3' }),
      14270, "Job 'Nightly ETL' is not currently targeted at server 'TSX3'.");
    await expectFailsUnchanged(msdb, () => call('sp_delete_jobserver', { job_id: JOB_MULTI, server_name: '(LOCAL)' }),
      14270, "Job 'Nightly ETL' is not currently targeted at server 'MSX01'.");
  });
});

describe('sp_help_jobserver', () => {
  it('sp_help_jobserver: lists the targets with enlist and last poll dates', async () => {
    const { call } = await fixture();
    const r = await call('sp_help_jobserver', { job_name: 'Nightly ETL' });
    const enlisted = new Date(Date.UTC(2026, 10, 2, 10, 0, 0));
    expect(r.recordsets).toEqual([[
      { server_id: 1, server_name: 'TSX1', enlist_date: enlisted, last_poll_date: enlisted },
      { server_id: 2, server_name: 'TSX2', enlist_date: enlisted, last_poll_date: enlisted },
    ]]);
  });

  it('sp_help_jobserver: @show_last_run_details adds the last run columns in SMO order; any non-zero value counts', async () => {
    const { msdb, call } = await fixture();
    msdb.db.run(
      "UPDATE sysjobservers SET last_run_outcome = 0, last_outcome_message = 'The job failed.', last_run_date = 20261101, last_run_time = 230000, last_run_duration = 15 WHERE server_id = 2",
    );
    const r = await call('sp_help_jobserver', { job_id: JOB_MULTI, show_last_run_details: 7 });
    const rows = r.recordsets[0];
    expect(Object.keys(rows[0])).toEqual([
      'server_id', 'server_name', 'enlist_date', 'last_poll_date',
      'last_run_date', 'last_run_time', 'last_run_duration', 'last_run_outcome', 'last_outcome_message',
    ]);
    expect(rows[1]).toMatchObject({
      server_name: 'TSX2', last_run_date: 20261101, last_run_time: 230000, last_run_duration: 15, last_run_outcome: 0,
      last_outcome_message: 'The job failed.',
    });
    expect(rows[0]).toMatchObject({ server_name: 'TSX1', last_run_outcome: 5, last_run_date: 0 });
  });

  it('sp_help_jobserver: a local job shows the master as server 0 with the fixed 1998-11-13 dates', async () => {
    const { call } = await fixture();
    const r = await call('sp_help_jobserver', { job_id: JOB_LOCAL });
    const fixed = new Date(Date.UTC(1998, 10, 13));
    expect(r.recordsets).toEqual([[{ server_id: 0, server_name: 'MSX01', enlist_date: fixed, last_poll_date: fixed }]]);
  });

  it('sp_help_jobserver: a job without job servers has no rows', async () => {
    const { call } = await fixture();
    expect((await call('sp_help_jobserver', { job_id: JOB_NEW })).recordsets).toEqual([[]]);
  });

  it('sp_help_jobserver: open to the owner and to SQLAgentReaderRole; hidden from other logins (14262)', async () => {
    const { msdb, as, call } = await fixture();
    await call('sp_add_jobserver', { job_id: JOB_APP });
    expect((await as({ login: 'app', isSysadmin: false })('sp_help_jobserver', { job_id: JOB_APP })).recordsets[0]).toHaveLength(1);
    const reader = as({ login: 'viewer', isSysadmin: false, roles: new Set(['SQLAgentReaderRole']) });
    expect((await reader('sp_help_jobserver', { job_id: JOB_MULTI })).recordsets[0]).toHaveLength(2);
    await expectFailsUnchanged(msdb, () => as({ login: 'bob', isSysadmin: false })('sp_help_jobserver', { job_id: JOB_MULTI }),
      14262, `The specified @job_id ('${JOB_MULTI}') does not exist.`);
  });

  it('sp_help_jobserver: neither job id nor name fails 14294; an unknown job fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_help_jobserver'), 14294, 'Supply either @job_id or @job_name to identify the job.');
    await expectFailsUnchanged(msdb, () => call('sp_help_jobserver', { job_name: 'Nope' }), 14262, "The specified @job_name ('Nope') does not exist.");
  });
});

describe('sp_start_job', () => {
  it('sp_start_job: a local job runs at once on the master: step rows, the outcome row, the server 0 row, message 14243', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_start_job', { job_name: ' Local cleanup ' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([{ number: 14243, severity: 0, text: "Job 'Local cleanup' started successfully." }]);
    const outcome = 'The job succeeded.  The Job was invoked by User sa.  The last step to run was step 2 (Shrink).';
    expect(msdb.db.all('SELECT job_id, step_id, step_name, run_status, run_date, run_time, run_duration, server, message FROM sysjobhistory ORDER BY instance_id'))
      .toEqual([
        { job_id: JOB_LOCAL, step_id: 1, step_name: 'Purge', run_status: 1, run_date: 20261102, run_time: 100000, run_duration: 0, server: 'MSX01',
          message: 'Executed as user: NT SERVICE\\SQLSERVERAGENT. The step succeeded.' },
        { job_id: JOB_LOCAL, step_id: 2, step_name: 'Shrink', run_status: 1, run_date: 20261102, run_time: 100000, run_duration: 0, server: 'MSX01',
          message: 'Executed as user: NT SERVICE\\SQLSERVERAGENT. The step succeeded.' },
        { job_id: JOB_LOCAL, step_id: 0, step_name: '(Job outcome)', run_status: 1, run_date: 20261102, run_time: 100000, run_duration: 0, server: 'MSX01',
          message: outcome },
      ]);
    expect(jobServers(msdb, JOB_LOCAL)).toEqual([{
      job_id: JOB_LOCAL, server_id: 0, last_run_outcome: 1, last_outcome_message: outcome, last_run_date: 20261102, last_run_time: 100000, last_run_duration: 0,
    }]);
    expect(queue(msdb)).toEqual([]);
  });

  it('sp_start_job: @step_name starts a local job at that step; @output_flag = 0 drops the message', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_start_job', { job_id: JOB_LOCAL, step_name: 'Shrink', output_flag: 0 });
    expect(r.messages).toEqual([]);
    expect(msdb.db.all('SELECT step_id FROM sysjobhistory ORDER BY instance_id')).toEqual([{ step_id: 2 }, { step_id: 0 }]);
  });

  it('sp_start_job: a local job step that does not exist fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_start_job', { job_id: JOB_LOCAL, step_name: 'Nope' }),
      14262, "The specified @step_name ('Nope') does not exist.");
  });

  it('sp_start_job: the owner may start an own local job without sysadmin', async () => {
    const { msdb, call, as } = await fixture();
    await call('sp_add_jobserver', { job_id: JOB_APP });
    const r = await as({ login: 'app', isSysadmin: false })('sp_start_job', { job_name: 'App report' });
    expect(r.messages).toEqual([{ number: 14243, severity: 0, text: "Job 'App report' started successfully." }]);
    expect(msdb.db.value("SELECT message FROM sysjobhistory WHERE step_id = 0")).toBe(
      'The job succeeded.  The Job was invoked by User app.  The last step to run was step 1 (Step 1).');
  });

  it('sp_start_job: a multiserver job gets START for every target and nothing runs on the master', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_start_job', { job_name: 'Nightly ETL' });
    expect(r.returnValue).toBe(0);
    expect(queue(msdb)).toEqual([row(4, JOB_MULTI, 'TSX1'), row(4, JOB_MULTI, 'TSX2')]);
    expect(r.messages).toEqual([posted(2, 'START')]);
    expect(msdb.db.value('SELECT COUNT(*) FROM sysjobhistory')).toBe(0);
    expect(jobServers(msdb, JOB_MULTI).map((s) => s.last_run_outcome)).toEqual([5, 5]);
  });

  it('sp_start_job: @server_name limits START to that target; a target the job is not on gets none', async () => {
    const { msdb, call } = await fixture();
    await call('sp_start_job', { job_id: JOB_MULTI, server_name: ' tsx2 ' });
    expect(queue(msdb)).toEqual([row(4, JOB_MULTI, 'TSX2')]);
    const r = await call('sp_start_job', { job_id: JOB_MULTI, server_name: 'TSX3' });
    expect(r.messages).toEqual([posted(0, 'START')]);
    expect(queue(msdb)).toHaveLength(1);
  });

  it('sp_start_job: an auto-deleting multiserver job is re-posted (INSERT) before START', async () => {
    const { msdb, call } = await fixture();
    msdb.db.run('UPDATE sysjobs SET delete_level = 1 WHERE job_id = ?', [JOB_MULTI]);
    const r = await call('sp_start_job', { job_id: JOB_MULTI, server_name: 'TSX1' });
    expect(queue(msdb)).toEqual([row(1, JOB_MULTI, 'TSX1'), row(4, JOB_MULTI, 'TSX1')]);
    expect(r.messages).toEqual([posted(1, 'INSERT'), posted(1, 'START')]);
  });

  it('sp_start_job: a job without job servers fails 14256', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_start_job', { job_name: 'Fresh' }), 14256,
      `Cannot start the job "Fresh" (ID ${JOB_NEW}) because it does not have any job server or servers defined. Associate the job with a job server by calling sp_add_jobserver.`);
  });

  it('sp_start_job: neither or both of @job_name and @job_id fail 14294', async () => {
    const { msdb, call } = await fixture();
    const text = 'Supply either @job_id or @job_name to identify the job.';
    await expectFailsUnchanged(msdb, () => call('sp_start_job', { job_name: '  ' }), 14294, text);
    await expectFailsUnchanged(msdb, () => call('sp_start_job', { job_name: 'Fresh', job_id: JOB_NEW }), 14294, text);
  });

  it('sp_start_job: an unknown job fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_start_job', { job_name: ' Nope ' }), 14262, "The specified @job_name ('Nope') does not exist.");
  });

  it('sp_start_job: a caller who neither owns the job nor is sysadmin or SQLAgentOperatorRole fails 14393', async () => {
    const { msdb, as } = await fixture();
    const reader = as({ login: 'viewer', isSysadmin: false, roles: new Set(['SQLAgentReaderRole']) });
    await expectFailsUnchanged(msdb, () => reader('sp_start_job', { job_id: JOB_LOCAL }),
      14393, 'Only owner of a job or members of role sysadmin or SQLAgentOperatorRole can start and stop the job.');
  });

  it('sp_start_job: SQLAgentOperatorRole may start a local job but a multiserver job fails 14397', async () => {
    const { msdb, as } = await fixture();
    const operator = as({ login: 'op', isSysadmin: false, roles: new Set(['SQLAgentOperatorRole']) });
    await expectFailsUnchanged(msdb, () => operator('sp_start_job', { job_id: JOB_MULTI }), 14397, SYSADMIN_ONLY);
    const r = await operator('sp_start_job', { job_id: JOB_LOCAL });
    expect(r.messages[0].number).toBe(14243);
  });

  it('sp_start_job: an unknown @server_name fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_start_job', { job_id: JOB_MULTI, server_name: 'tsx9' }),
      14262, "The specified @server_name ('TSX9') does not exist.");
  });
});

describe('sp_stop_job', () => {
  it('sp_stop_job: a multiserver job gets STOP for its targets, or for the one named', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_stop_job', { job_name: 'Nightly ETL' });
    expect(r.messages).toEqual([posted(2, 'STOP')]);
    await call('sp_stop_job', { job_id: JOB_MULTI, server_name: 'tsx1' });
    expect(queue(msdb)).toEqual([row(5, JOB_MULTI, 'TSX1'), row(5, JOB_MULTI, 'TSX2'), row(5, JOB_MULTI, 'TSX1')]);
  });

  it('sp_stop_job: a local job is cancelled on the master (message 14254), nothing is posted', async () => {
    const { msdb, call } = await fixture();
    const before = snapshot(msdb);
    const r = await call('sp_stop_job', { job_id: JOB_LOCAL });
    expect(r).toMatchObject({ returnValue: 0, messages: [{ number: 14254, severity: 0, text: "Job 'Local cleanup' stopped successfully." }] });
    expect(snapshot(msdb).equals(before)).toBe(true);
  });

  it('sp_stop_job: @originating_server cancels every job from that server (14253)', async () => {
    const { call } = await fixture();
    const r = await call('sp_stop_job', { originating_server: ' msx01 ' });
    expect(r.messages).toEqual([{ number: 14253, severity: 0, text: '4 (of 4) job(s) stopped successfully.' }]);
  });

  it('sp_stop_job: an @originating_server with no jobs fails 14268', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { originating_server: 'msx02' }),
      14268, "There are no jobs at this server that originated from server 'MSX02'.");
  });

  it('sp_stop_job: @originating_server by a caller without sysadmin or SQLAgentOperatorRole fails 14393', async () => {
    const { msdb, as } = await fixture();
    await expectFailsUnchanged(msdb, () => as({ login: 'app', isSysadmin: false })('sp_stop_job', { originating_server: 'MSX01' }),
      14393, 'Only owner of a job or members of role sysadmin or SQLAgentOperatorRole can start and stop the job.');
  });

  it('sp_stop_job: none, or more than one, of job name, job id and originating server fails 14232', async () => {
    const { msdb, call } = await fixture();
    const text = 'Specify either a job_name, job_id, or an originating_server.';
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { job_name: ' ', originating_server: '' }), 14232, text);
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { job_name: 'Fresh', job_id: JOB_NEW }), 14232, text);
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { job_id: JOB_NEW, originating_server: 'MSX01' }), 14232, text);
  });

  it('sp_stop_job: an unknown job fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { job_name: 'Nope' }), 14262, "The specified @job_name ('Nope') does not exist.");
  });

  it('sp_stop_job: a job without job servers fails 14257, checked before the caller\'s right', async () => {
    const { msdb, call, as } = await fixture();
    const text = `Cannot stop the job "Fresh" (ID ${JOB_NEW}) because it does not have any job server or servers defined. Associate the job with a job server by calling sp_add_jobserver.`;
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { job_name: 'Fresh' }), 14257, text);
    const reader = as({ login: 'viewer', isSysadmin: false, roles: new Set(['SQLAgentReaderRole']) });
    await expectFailsUnchanged(msdb, () => reader('sp_stop_job', { job_name: 'Fresh' }), 14257, text);
  });

  it('sp_stop_job: a caller who neither owns the job nor is sysadmin or SQLAgentOperatorRole fails 14393', async () => {
    const { msdb, as } = await fixture();
    const reader = as({ login: 'viewer', isSysadmin: false, roles: new Set(['SQLAgentReaderRole']) });
    await expectFailsUnchanged(msdb, () => reader('sp_stop_job', { job_id: JOB_LOCAL }),
      14393, 'Only owner of a job or members of role sysadmin or SQLAgentOperatorRole can start and stop the job.');
  });

  it('sp_stop_job: a multiserver job stopped by a non-sysadmin fails 14397', async () => {
    const { msdb, as } = await fixture();
    const operator = as({ login: 'op', isSysadmin: false, roles: new Set(['SQLAgentOperatorRole']) });
    await expectFailsUnchanged(msdb, () => operator('sp_stop_job', { job_id: JOB_MULTI }), 14397, SYSADMIN_ONLY);
  });

  it('sp_stop_job: an unknown @server_name fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_stop_job', { job_id: JOB_MULTI, server_name: 'tsx9' }),
      14262, "The specified @server_name ('TSX9') does not exist.");
  });
});

describe('sp_multi_server_job_summary', () => {
  async function summaryFixture() {
    const f = await fixture();
    const { msdb } = f;
    const orphan = addJob(msdb, { name: 'Orphan' });
    msdb.db.run('UPDATE sysjobs SET category_id = 2 WHERE job_id = ?', [orphan]);
    const insert = `INSERT INTO sysdownloadlist (source_server, operation_code, object_type, object_id, target_server, date_posted, status, error_message)
                    VALUES ('MSX01', 1, 1, ?, ?, '2026-11-02 10:00:00.000', ?, ?)`;
    msdb.db.run(insert, [JOB_MULTI, 'TSX1', 0, null]);
    msdb.db.run(insert, [JOB_MULTI, 'TSX2', 0, 'Proxy not found.']);
    msdb.db.run(insert, [JOB_MULTI, 'TSX2', 1, null]);
    msdb.db.run('UPDATE sysjobservers SET last_run_outcome = 0, last_run_date = 20261101 WHERE job_id = ? AND server_id = 1', [JOB_MULTI]);
    msdb.db.run('UPDATE sysjobservers SET last_run_outcome = 1, last_run_date = 20261101 WHERE job_id = ? AND server_id = 2', [JOB_MULTI]);
    return { ...f, orphan };
  }

  it('sp_multi_server_job_summary: every job in a multiserver category, with target, pending, error and failure counts', async () => {
    const { call, orphan } = await summaryFixture();
    const r = await call('sp_multi_server_job_summary');
    expect(r.recordsets).toEqual([[
      { job_id: JOB_MULTI, job_name: 'Nightly ETL', enabled: 1, category_name: '[Uncategorized (Multi-Server)]',
        target_servers: 2, pending_download_instructions: 2, download_errors: 1, execution_failures: 1 },
      { job_id: orphan, job_name: 'Orphan', enabled: 1, category_name: '[Uncategorized (Multi-Server)]',
        target_servers: 0, pending_download_instructions: 0, download_errors: 0, execution_failures: 0 },
    ]]);
  });

  it('sp_multi_server_job_summary: one job by name or id; a local job gives no row', async () => {
    const { call } = await summaryFixture();
    expect((await call('sp_multi_server_job_summary', { job_name: 'Nightly ETL' })).recordsets[0].map((j) => j.job_id)).toEqual([JOB_MULTI]);
    expect((await call('sp_multi_server_job_summary', { job_id: JOB_LOCAL })).recordsets).toEqual([[]]);
  });

  it('sp_multi_server_job_summary: both job id and name fail 14294; an unknown job fails 14262', async () => {
    const { msdb, call } = await summaryFixture();
    await expectFailsUnchanged(msdb, () => call('sp_multi_server_job_summary', { job_id: JOB_MULTI, job_name: 'Nightly ETL' }),
      14294, 'Supply either @job_id or @job_name to identify the job.');
    await expectFailsUnchanged(msdb, () => call('sp_multi_server_job_summary', { job_name: 'Nope' }),
      14262, "The specified @job_name ('Nope') does not exist.");
  });
});

describe('sp_help_job', () => {
  it('sp_help_job: the job headers, with type 1 local, 2 multiserver, 0 without job servers', async () => {
    const { call } = await fixture();
    const r = await call('sp_help_job');
    const created = new Date(Date.UTC(2026, 10, 2, 10, 0, 0));
    expect(r.recordsets[0].map((j) => [j.name, j.has_target, j.type])).toEqual([
      ['App report', 0, 0], ['Fresh', 0, 0], ['Local cleanup', 1, 1], ['Nightly ETL', 2, 2],
    ]);
    expect(r.recordsets[0][3]).toEqual({
      job_id: JOB_MULTI, originating_server: 'MSX01', name: 'Nightly ETL', enabled: 1, description: null, start_step_id: 1,
      category: '[Uncategorized (Multi-Server)]', owner: 'sa', notify_level_eventlog: 2, notify_level_email: 0, notify_level_netsend: 0,
      notify_level_page: 0, notify_email_operator: '(unknown)', notify_netsend_operator: '(unknown)', notify_page_operator: '(unknown)',
      delete_level: 0, date_created: created, date_modified: created, version_number: 1,
      has_step: 2, has_schedule: 0, has_target: 2, type: 2,
    });
  });

  it('sp_help_job: one job by name; an unknown job fails 14262; both identifiers fail 14294', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_help_job', { job_name: 'Local cleanup' });
    expect(r.recordsets[0]).toHaveLength(1);
    expect(r.recordsets[0][0]).toMatchObject({ job_id: JOB_LOCAL, category: '[Uncategorized (Local)]', type: 1 });
    await expectFailsUnchanged(msdb, () => call('sp_help_job', { job_name: 'Nope' }), 14262, "The specified @job_name ('Nope') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_help_job', { job_name: 'Fresh', job_id: JOB_NEW }),
      14294, 'Supply either @job_id or @job_name to identify the job.');
  });

  it('sp_help_job: a login without an agent role sees only its own jobs', async () => {
    const { as } = await fixture();
    const r = await as({ login: 'app', isSysadmin: false })('sp_help_job');
    expect(r.recordsets[0].map((j) => [j.name, j.owner])).toEqual([['App report', 'app']]);
  });
});
