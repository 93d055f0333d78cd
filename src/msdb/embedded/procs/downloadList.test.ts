import { describe, expect, it } from 'vitest';
import { SqlServerError } from '../../../msx/errors';
import { NIL_GUID } from '../../../msx/guid';
import type { SqlValue } from '../../executor';
import type { EmbeddedMsdb } from '../master';
import { REG } from '../registry';
import { addJob, setAgentRegistry, targetJobAt } from '../seed';
import { createTestMaster, snapshot, testClock } from '../testing';

const JOB_A = 'AAAAAAAA-0000-4000-8000-000000000001';
const JOB_B = 'BBBBBBBB-0000-4000-8000-000000000002';
const JOB_GONE = 'CCCCCCCC-0000-4000-8000-000000000003';

async function failure(p: Promise<unknown>): Promise<SqlServerError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SqlServerError)) throw new Error(`expected a SqlServerError, got ${String(e)}`);
  return e;
}

/**
 * Queue, in instance_id order:
 * 1 INSERT JOB_A→TSX1, 2 INSERT JOB_A→TSX2, 3 DELETE all→TSX1, 4 SET-POLL→TSX2 (posted 10 min later),
 * 5 DELETE JOB_GONE→TSX1 (the job is then deleted), 6 START JOB_GONE→TSX2 (orphaned), 7 an unknown code.
 */
async function fixture() {
  const clock = testClock();
  const m = await createTestMaster(['TSX1', 'TSX2'], clock);
  const { msdb, exec } = m;
  addJob(msdb, { name: 'Nightly ETL', jobId: JOB_A });
  addJob(msdb, { name: 'Backup', jobId: JOB_B });
  addJob(msdb, { name: 'Old job', jobId: JOB_GONE });
  targetJobAt(msdb, JOB_A, ['TSX1', 'TSX2']);
  targetJobAt(msdb, JOB_GONE, ['TSX1', 'TSX2']);
  await exec.exec('sp_post_msx_operation', { operation: 'INSERT', job_id: JOB_A });
  await exec.exec('sp_post_msx_operation', { operation: 'DELETE', job_id: '0x00', specific_target_server: 'TSX1' });
  clock.advance(600_000);
  await exec.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX2', value: 120 });
  await exec.exec('sp_post_msx_operation', { operation: 'DELETE', job_id: JOB_GONE, specific_target_server: 'TSX1' });
  await exec.exec('sp_post_msx_operation', { operation: 'START', job_id: JOB_GONE, specific_target_server: 'TSX2' });
  msdb.db.run('DELETE FROM sysjobservers WHERE job_id = ?', [JOB_GONE]);
  msdb.db.run('DELETE FROM sysjobs WHERE job_id = ?', [JOB_GONE]);
  msdb.db.run(
    "INSERT INTO sysdownloadlist (source_server, operation_code, object_type, object_id, target_server, date_posted) VALUES ('MSX01', 12, 1, ?, 'TSX2', ?)",
    ['12121212-0000-4000-8000-000000000012', '2026-11-02 10:10:00.000'],
  );
  msdb.db.run("UPDATE sysdownloadlist SET status = 1, date_downloaded = '2026-11-02 10:05:00.000' WHERE instance_id = 1");
  msdb.db.run("UPDATE sysdownloadlist SET error_message = 'Proxy not found.' WHERE instance_id = 2");
  const list = async (params: Record<string, SqlValue> = {}) => {
    const r = await exec.exec('sp_help_downloadlist', params);
    return r.recordsets[0];
  };
  const ids = async (params: Record<string, SqlValue> = {}) => (await list(params)).map((r) => r.instance_id);
  return { ...m, list, ids };
}

async function expectFailsUnchanged(msdb: EmbeddedMsdb, params: Record<string, SqlValue>, number: number, message: string) {
  const before = snapshot(msdb);
  const e = await failure(msdb.executor().exec('sp_help_downloadlist', params));
  expect({ number: e.number, severity: e.severity, message: e.message, proc: e.procName }).toEqual({
    number, severity: 16, message, proc: 'sp_help_downloadlist',
  });
  expect(snapshot(msdb).equals(before)).toBe(true);
}

describe('sp_help_downloadlist columns (spec §4.2)', () => {
  it('returns every row ordered by instance_id with the spec\'s columns; datetimes as Date', async () => {
    const { list } = await fixture();
    const rows = await list();
    expect(rows.map((r) => r.instance_id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Object.keys(rows[0])).toEqual(['instance_id', 'source_server', 'operation_code', 'object_name', 'object_id',
      'target_server', 'error_message', 'date_posted', 'date_downloaded', 'status']);
    expect(rows[0]).toEqual({
      instance_id: 1,
      source_server: 'MSX01',
      operation_code: '1 (INSERT)',
      object_name: 'Nightly ETL',
      object_id: JOB_A,
      target_server: 'TSX1',
      error_message: null,
      date_posted: new Date('2026-11-02T10:00:00.000Z'),
      date_downloaded: new Date('2026-11-02T10:05:00.000Z'),
      status: 1,
    });
    expect(rows[3].date_posted).toEqual(new Date('2026-11-02T10:10:00.000Z'));
    expect(rows[3].date_downloaded).toBeNull();
  });

  it('§4.2 operation_code is shown as text such as "9 (SET-POLL)"', async () => {
    const { list } = await fixture();
    expect((await list()).map((r) => r.operation_code)).toEqual([
      '1 (INSERT)', '1 (INSERT)', '3 (DELETE)', '9 (SET-POLL)', '3 (DELETE)', '4 (START)', '12 (UNKNOWN)',
    ]);
  });

  it('§4.2 object_name: job name, "(all jobs)", deleted_object_name, target name, "(unknown)"', async () => {
    const { list } = await fixture();
    expect((await list()).map((r) => [r.object_name, r.object_id])).toEqual([
      ['Nightly ETL', JOB_A],
      ['Nightly ETL', JOB_A],
      ['(all jobs)', NIL_GUID],
      ['TSX2', '00000000-0000-0000-0000-000000000078'],
      ['Old job', JOB_GONE],
      ['(unknown)', JOB_GONE],
      ['(unknown)', '12121212-0000-4000-8000-000000000012'],
    ]);
  });
});

describe('sp_help_downloadlist filters (spec §4.2)', () => {
  it('§4.2 @job_id and @job_name filter on the job\'s object_id', async () => {
    const { ids } = await fixture();
    expect(await ids({ job_id: JOB_A.toLowerCase() })).toEqual([1, 2]);
    expect(await ids({ job_name: '  Nightly ETL ' })).toEqual([1, 2]);
    expect(await ids({ job_name: 'Backup' })).toEqual([]);
  });

  it('§4.2 @operation in any case', async () => {
    const { ids } = await fixture();
    expect(await ids({ operation: ' delete ' })).toEqual([3, 5]);
    expect(await ids({ operation: 'SET-POLL' })).toEqual([4]);
  });

  it('§4.2 @object_type filters; @object_name is validated but never used as a filter', async () => {
    const { ids } = await fixture();
    expect(await ids({ object_type: 'server', object_name: 'anything at all' })).toEqual([4]);
    expect(await ids({ object_type: 'JOB', object_name: 'TSX2' })).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('§4.2 @target_server is upper-cased', async () => {
    const { ids } = await fixture();
    expect(await ids({ target_server: ' tsx1 ' })).toEqual([1, 3, 5]);
  });

  it('§4.2 @has_error = 1 keeps rows with an error message', async () => {
    const { ids } = await fixture();
    expect(await ids({ has_error: 1 })).toEqual([2]);
  });

  it('§4.2 @status 0 or 1', async () => {
    const { ids } = await fixture();
    expect(await ids({ status: 1 })).toEqual([1]);
    expect(await ids({ status: 0 })).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('§4.2 @date_posted means on or after', async () => {
    const { ids } = await fixture();
    expect(await ids({ date_posted: new Date('2026-11-02T10:10:00.000Z') })).toEqual([4, 5, 6, 7]);
    expect(await ids({ date_posted: '2026-11-02 10:09:59' })).toEqual([4, 5, 6, 7]);
    expect(await ids({ date_posted: '2026-11-02 10:10:00.003' })).toEqual([]);
  });

  it('§4.2 filters combine; blank strings count as NULL', async () => {
    const { ids } = await fixture();
    expect(await ids({ target_server: 'TSX2', status: 0, operation: 'insert' })).toEqual([2]);
    expect(await ids({ operation: ' ', object_type: '', object_name: '  ', target_server: '' })).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('sp_help_downloadlist errors, in order (spec §4.2)', () => {
  it('§4.2 both job id and job name fail 14294', async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, { job_id: JOB_A, job_name: 'Nightly ETL' }, 14294, 'Supply either @job_id or @job_name to identify the job.');
    // A blank @job_name is not NULL here, so it reaches the job check and fails there (as in SQL Server).
    await expectFailsUnchanged(msdb, { job_name: '  ' }, 14294, 'Supply either @job_id or @job_name to identify the job.');
  });

  it('§4.2 an ambiguous job name fails 14293', async () => {
    const { msdb } = await fixture();
    addJob(msdb, { name: 'Nightly ETL' });
    await expectFailsUnchanged(msdb, { job_name: 'Nightly ETL', operation: 'BOGUS' }, 14293,
      "There are two or more jobs named 'Nightly ETL'. Specify @job_id instead of @job_name to uniquely identify the job.");
  });

  it('§4.2 a job not found fails 14262', async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, { job_name: 'No such job' }, 14262, "The specified @job_name ('No such job') does not exist.");
    await expectFailsUnchanged(msdb, { job_id: JOB_GONE.toLowerCase(), operation: 'BOGUS' }, 14262,
      `The specified @job_id ('${JOB_GONE}') does not exist.`);
  });

  it('§4.2 Agent starting fails 14258 (tested with the job identifiers, before the operation check)', async () => {
    const { msdb, ids } = await fixture();
    setAgentRegistry(msdb, REG.AgentStarting, '1');
    await expectFailsUnchanged(msdb, { job_name: 'Nightly ETL', operation: 'BOGUS' }, 14258,
      'Cannot perform this operation while SQLServerAgent is starting. Try again later.');
    // sp_verify_job_identifiers makes the test, so a call without a job is not affected.
    expect(await ids({ status: 1 })).toEqual([1]);
    setAgentRegistry(msdb, REG.AgentStarting, '0');
    expect(await ids({ job_name: 'Nightly ETL' })).toEqual([1, 2]);
  });

  it('§4.2 a bad operation fails 14266 (\'@operation_code\', the nine names)', async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, { operation: 'POLL', object_type: 'TABLE' }, 14266,
      "The specified '@operation_code' is invalid (valid values are: INSERT, UPDATE, DELETE, START, STOP, RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL).");
  });

  it("§4.2 a bad object type fails 14266 ('@object_type', 'JOB, SERVER'); SCHEDULE is not accepted here", async () => {
    const { msdb } = await fixture();
    for (const object_type of ['SCHEDULE', 'TABLE']) {
      await expectFailsUnchanged(msdb, { object_type, target_server: 'NOPE' }, 14266,
        "The specified '@object_type' is invalid (valid values are: JOB, SERVER).");
    }
  });

  it('§4.2 object type without object name, or the reverse, fails 14272', async () => {
    const { msdb } = await fixture();
    const text = 'Object-type and object-name must be supplied as a pair.';
    await expectFailsUnchanged(msdb, { object_type: 'JOB', target_server: 'NOPE' }, 14272, text);
    await expectFailsUnchanged(msdb, { object_name: 'Nightly ETL' }, 14272, text);
    await expectFailsUnchanged(msdb, { object_type: 'JOB', object_name: '   ' }, 14272, text);
  });

  it("§4.2 an unknown target fails 14262 ('@target_server', upper-cased name)", async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, { target_server: 'tsx9', has_error: 2 }, 14262, "The specified @target_server ('TSX9') does not exist.");
  });

  it("§4.2 a bad @has_error fails 14266 ('@has_error', '1, NULL')", async () => {
    const { msdb } = await fixture();
    for (const has_error of [0, 2]) {
      await expectFailsUnchanged(msdb, { has_error, status: 5 }, 14266, "The specified '@has_error' is invalid (valid values are: 1, NULL).");
    }
  });

  it("§4.2 a bad @status fails 14266 ('@status', '0, 1')", async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, { status: 2 }, 14266, "The specified '@status' is invalid (valid values are: 0, 1).");
  });

  it('§4.2 on a server with an empty queue it returns an empty recordset', async () => {
    const { exec } = await createTestMaster(['TSX1'], testClock());
    const r = await exec.exec('sp_help_downloadlist');
    expect(r).toEqual({ returnValue: 0, recordsets: [[]], messages: [] });
  });
});
