import { describe, expect, it } from 'vitest';
import { SqlServerError } from '../../../msx/errors';
import { NIL_GUID } from '../../../msx/guid';
import type { SqlValue } from '../../executor';
import { EmbeddedMsdb } from '../master';
import { REG, getRegistry } from '../registry';
import { addJob, addTarget, setAgentRegistry, targetJobAt } from '../seed';
import { createTestMaster, MASTER_IDENTITY, snapshot, testClock } from '../testing';

const JOB_A = 'AAAAAAAA-0000-4000-8000-000000000001';
const JOB_B = 'BBBBBBBB-0000-4000-8000-000000000002';
const JOB_LOCAL = 'CCCCCCCC-0000-4000-8000-000000000003';
const SCHEDULE_UID = 'DDDDDDDD-0000-4000-8000-000000000004';
const UNUSED_SCHEDULE_UID = 'EEEEEEEE-0000-4000-8000-000000000005';

interface QueueRow {
  instance_id: number;
  source_server: string;
  operation_code: number;
  object_type: number;
  object_id: string;
  target_server: string;
  date_posted: string;
  status: number;
  deleted_object_name: string | null;
}

function queue(msdb: EmbeddedMsdb): QueueRow[] {
  return msdb.db.all<QueueRow>(
    `SELECT instance_id, source_server, operation_code, object_type, object_id, target_server, date_posted, status,
       deleted_object_name FROM sysdownloadlist ORDER BY instance_id`,
  );
}

/** TSX1..TSX3; JOB_A on TSX1+TSX2, JOB_B on TSX2, a local job, and a schedule used by JOB_A. */
async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2', { name: 'TSX3', timeZoneAdjustment: 120 }]);
  addJob(m.msdb, { name: 'Nightly ETL', jobId: JOB_A, schedules: [{ uid: SCHEDULE_UID, name: 'Daily' }] });
  addJob(m.msdb, { name: 'Backup', jobId: JOB_B });
  addJob(m.msdb, { name: 'Local cleanup', jobId: JOB_LOCAL, schedules: [{ uid: UNUSED_SCHEDULE_UID, name: 'Hourly' }] });
  targetJobAt(m.msdb, JOB_A, ['TSX1', 'TSX2']);
  targetJobAt(m.msdb, JOB_B, ['TSX2']);
  const post = (params: Record<string, SqlValue>) => m.exec.exec('sp_post_msx_operation', params);
  return { ...m, post };
}

async function failure(p: Promise<unknown>): Promise<SqlServerError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SqlServerError)) throw new Error(`expected a SqlServerError, got ${String(e)}`);
  return e;
}

/** The call fails with exactly this error and leaves the database byte-identical. */
async function expectFailsUnchanged(msdb: EmbeddedMsdb, call: () => Promise<unknown>, number: number, message: string) {
  const before = snapshot(msdb);
  const e = await failure(call());
  expect({ number: e.number, severity: e.severity, message: e.message, proc: e.procName }).toEqual({
    number, severity: 16, message, proc: 'sp_post_msx_operation',
  });
  expect(snapshot(msdb).equals(before)).toBe(true);
}

/** The call returns 0 with no message and leaves the database byte-identical. */
async function expectSilentNoOp(msdb: EmbeddedMsdb, call: () => Promise<{ returnValue: number; messages: unknown[] }>) {
  const before = snapshot(msdb);
  const r = await call();
  expect(r.returnValue).toBe(0);
  expect(r.messages).toEqual([]);
  expect(snapshot(msdb).equals(before)).toBe(true);
}

const posted = (count: number, op: string) => ({
  number: 14230, severity: 10, text: `SP_POST_MSX_OPERATION: ${count} ${op} download instruction(s) posted.`,
});

describe('sp_post_msx_operation validation (spec §3.2)', () => {
  it('§3.2 step 1: strings are trimmed, @operation upper-cased, @object_type accepted in any case', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: '  set-poll ', object_type: ' server ', specific_target_server: '  tsx1  ', value: 120 });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([posted(1, 'SET-POLL')]);
    expect(queue(msdb).map((q) => q.target_server)).toEqual(['TSX1']);
  });

  it('§3.2 step 1: an empty or blank target becomes NULL, so every target gets the row', async () => {
    const { msdb, post } = await fixture();
    await post({ operation: 'RE-ENLIST', object_type: 'SERVER', specific_target_server: '   ' });
    expect(queue(msdb).map((q) => q.target_server)).toEqual(['TSX1', 'TSX2', 'TSX3']);
  });

  it('§3.2 step 2: a caller who is not sysadmin gets return 0 silently, even for an invalid call', async () => {
    const { msdb } = await fixture();
    const pleb = msdb.executor({ login: 'app', isSysadmin: false });
    await expectSilentNoOp(msdb, () => pleb.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER' }));
    await expectSilentNoOp(msdb, () => pleb.exec('sp_post_msx_operation', { operation: 'EXPLODE', object_type: 'TABLE' }));
  });

  it("§3.2 step 3: an unknown operation fails 14266 ('@operation_code', the nine names)", async () => {
    const { msdb, post } = await fixture();
    const text = "The specified '@operation_code' is invalid (valid values are: INSERT, UPDATE, DELETE, START, STOP, RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL).";
    await expectFailsUnchanged(msdb, () => post({ operation: 'POLL', object_type: 'SERVER' }), 14266, text);
    await expectFailsUnchanged(msdb, () => post({ operation: null, object_type: 'SERVER' }), 14266, text);
    // Checked before the object type.
    await expectFailsUnchanged(msdb, () => post({ operation: 'POLL', object_type: 'TABLE' }), 14266, text);
  });

  it("§3.2 step 4: a bad object type fails 14266 ('@object_type', 'JOB, SERVER, SCHEDULE')", async () => {
    const { msdb, post } = await fixture();
    const text = "The specified '@object_type' is invalid (valid values are: JOB, SERVER, SCHEDULE).";
    await expectFailsUnchanged(msdb, () => post({ operation: 'INSERT', object_type: 'TABLE' }), 14266, text);
    await expectFailsUnchanged(msdb, () => post({ operation: 'INSERT', object_type: null }), 14266, text);
  });

  it('§3.2 step 5: JOB with a NULL job id fails 14233', async () => {
    const { msdb, post } = await fixture();
    await expectFailsUnchanged(msdb, () => post({ operation: 'START', object_type: 'JOB' }), 14233,
      'Specify a valid job_id (or 0x00 for all jobs).');
    // @object_type defaults to JOB.
    await expectFailsUnchanged(msdb, () => post({ operation: 'START' }), 14233, 'Specify a valid job_id (or 0x00 for all jobs).');
  });

  it('§3.2 step 6: SCHEDULE with a NULL schedule uid fails 14365', async () => {
    const { msdb, post } = await fixture();
    await expectFailsUnchanged(msdb, () => post({ operation: 'UPDATE', object_type: 'SCHEDULE' }), 14365,
      'Specify a valid schedule_uid.');
  });

  it("§3.2 step 7: SET-POLL with @value 5 fails 14266 ('@value', '10..28800')", async () => {
    const { msdb, post } = await fixture();
    const text = "The specified '@value' is invalid (valid values are: 10..28800).";
    for (const value of [5, 9, 28801, null]) {
      await expectFailsUnchanged(msdb, () => post({ operation: 'SET-POLL', object_type: 'SERVER', value }), 14266, text);
    }
    // Checked before the target: an unknown target does not get as far as 14262.
    await expectFailsUnchanged(msdb, () => post({ operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'NOPE', value: 5 }), 14266, text);
  });

  it('§3.2 step 7: SET-POLL accepts the bounds 10 and 28800', async () => {
    const { msdb, post } = await fixture();
    await post({ operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 10 });
    await post({ operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 28800 });
    expect(queue(msdb).map((q) => q.object_id)).toEqual([
      '00000000-0000-0000-0000-00000000000A',
      '00000000-0000-0000-0000-000000007080',
    ]);
  });

  it('§3.2 step 8: the target is upper-cased', async () => {
    const { msdb, post } = await fixture();
    await post({ operation: 'DEFECT', object_type: 'SERVER', specific_target_server: 'tsx2' });
    expect(queue(msdb).map((q) => q.target_server)).toEqual(['TSX2']);
  });

  it('§3.2 step 8: a target equal to the local ServerName returns 0 silently', async () => {
    const { msdb, post } = await fixture();
    await expectSilentNoOp(msdb, () => post({ operation: 'DEFECT', object_type: 'SERVER', specific_target_server: 'msx01' }));
    // Before the MSX check and the job checks.
    await expectSilentNoOp(msdb, () => post({ operation: 'START', job_id: '11111111-2222-3333-4444-555555555555', specific_target_server: 'MSX01' }));
  });

  it("§3.2 step 8: a target not in systargetservers fails 14262 ('@specific_target_server', name)", async () => {
    const { msdb, post } = await fixture();
    await expectFailsUnchanged(msdb, () => post({ operation: 'DEFECT', object_type: 'SERVER', specific_target_server: 'tsx9' }), 14262,
      "The specified @specific_target_server ('TSX9') does not exist.");
  });

  it('§3.2 step 8: an unknown target fails 14262 even on a server with no targets (before step 9)', async () => {
    const { msdb, exec } = await createTestMaster();
    const before = snapshot(msdb);
    const e = await failure(exec.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER', specific_target_server: 'TSX1' }));
    expect(e.number).toBe(14262);
    expect(snapshot(msdb).equals(before)).toBe(true);
  });

  it('§3.2 step 9: with no rows in systargetservers it returns 0 silently', async () => {
    const { msdb, exec } = await createTestMaster();
    addJob(msdb, { name: 'Anything', jobId: JOB_A });
    await expectSilentNoOp(msdb, () => exec.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER' }));
    await expectSilentNoOp(msdb, () => exec.exec('sp_post_msx_operation', { operation: 'INSERT', job_id: '0x00' }));
  });

  it('§3.2 step 10: when xp_getnetname fails it raises 14225 at severity 16', async () => {
    const clock = testClock();
    const msdb = await EmbeddedMsdb.create({ identity: { ...MASTER_IDENTITY, machineName: '' }, clock: clock.now });
    addTarget(msdb, { name: 'TSX1' });
    await expectFailsUnchanged(msdb, () => msdb.executor().exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER' }),
      14225, 'Warning: Could not determine local machine name. This prevents MSX operations from being posted.');
    // Before the job checks: an unknown job does not get as far as 14262.
    await expectFailsUnchanged(msdb, () => msdb.executor().exec('sp_post_msx_operation', { operation: 'START', job_id: JOB_A }),
      14225, 'Warning: Could not determine local machine name. This prevents MSX operations from being posted.');
  });

  it("§3.2 step 11: a job not in sysjobs_view fails 14262 ('@job_id', id)", async () => {
    const { msdb, post } = await fixture();
    const id = '11111111-2222-3333-4444-555555555555';
    await expectFailsUnchanged(msdb, () => post({ operation: 'START', job_id: id.toLowerCase() }), 14262,
      `The specified @job_id ('${id}') does not exist.`);
    // Before step 12: a wrong operation for JOB still reports the missing job.
    await expectFailsUnchanged(msdb, () => post({ operation: 'DEFECT', job_id: id }), 14262,
      `The specified @job_id ('${id}') does not exist.`);
  });

  it('§3.2 step 11: a local job (no job servers) returns 0 silently', async () => {
    const { msdb, post } = await fixture();
    await expectSilentNoOp(msdb, () => post({ operation: 'START', job_id: JOB_LOCAL }));
    // Before step 12.
    await expectSilentNoOp(msdb, () => post({ operation: 'DEFECT', job_id: JOB_LOCAL }));
  });

  it('§3.2 step 11: a job targeted at the local server (server_id 0) returns 0 silently', async () => {
    const { msdb, post } = await fixture();
    msdb.db.run('INSERT INTO sysjobservers (job_id, server_id) VALUES (?, 0)', [JOB_LOCAL]);
    await expectSilentNoOp(msdb, () => post({ operation: 'UPDATE', job_id: JOB_LOCAL }));
  });

  it("§3.2 step 12: a wrong operation for JOB fails 14266 ('@operation_code', 'INSERT, UPDATE, DELETE, START, STOP')", async () => {
    const { msdb, post } = await fixture();
    const text = "The specified '@operation_code' is invalid (valid values are: INSERT, UPDATE, DELETE, START, STOP).";
    await expectFailsUnchanged(msdb, () => post({ operation: 'DEFECT', job_id: '0x00' }), 14266, text);
    await expectFailsUnchanged(msdb, () => post({ operation: 'SYNC-TIME', object_type: 'JOB', job_id: JOB_A }), 14266, text);
  });

  it("§3.2 step 12: a wrong operation for SERVER fails 14266 ('@operation_code', 'RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL')", async () => {
    const { msdb, post } = await fixture();
    await expectFailsUnchanged(msdb, () => post({ operation: 'START', object_type: 'SERVER' }), 14266,
      "The specified '@operation_code' is invalid (valid values are: RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL).");
  });

  it("§3.2 step 12: a wrong operation for SCHEDULE fails 14266 ('@operation_code', 'UPDATE, DELETE')", async () => {
    const { msdb, post } = await fixture();
    await expectFailsUnchanged(msdb, () => post({ operation: 'START', object_type: 'SCHEDULE', schedule_uid: SCHEDULE_UID }), 14266,
      "The specified '@operation_code' is invalid (valid values are: UPDATE, DELETE).");
  });
});

describe('sp_post_msx_operation rows (spec §3.2 table)', () => {
  it('JOB, all jobs, DELETE: one nil-GUID row per target that has at least one job', async () => {
    const { msdb, post, clock } = await fixture();
    const r = await post({ operation: 'DELETE', job_id: '0x00' });
    expect(r.messages).toEqual([posted(2, 'DELETE')]);
    const rows = queue(msdb);
    expect(rows.map((q) => [q.target_server, q.operation_code, q.object_type, q.object_id, q.deleted_object_name])).toEqual([
      ['TSX1', 3, 1, NIL_GUID, null],
      ['TSX2', 3, 1, NIL_GUID, null],
    ]);
    // source_server is the master's machine name; date_posted the master's wall clock; pending.
    const wall = new Date(clock.now() + MASTER_IDENTITY.timeZoneMinutes * 60_000).toISOString().replace('T', ' ').replace('Z', '');
    expect(rows.every((q) => q.source_server === 'MSX01' && q.date_posted === wall && q.status === 0)).toBe(true);
  });

  it('JOB, all jobs, other operation: one row per (job, target) pair, jobs then targets', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'INSERT', job_id: NIL_GUID });
    expect(r.messages).toEqual([posted(3, 'INSERT')]);
    expect(queue(msdb).map((q) => [q.object_id, q.target_server])).toEqual([
      [JOB_B, 'TSX2'], // "Backup" sorts before "Nightly ETL"
      [JOB_A, 'TSX1'],
      [JOB_A, 'TSX2'],
    ]);
  });

  it('JOB, all jobs, other operation, limited to the target given', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'UPDATE', job_id: '0x00', specific_target_server: 'TSX2' });
    expect(r.messages).toEqual([posted(2, 'UPDATE')]);
    expect(queue(msdb).map((q) => [q.object_id, q.target_server])).toEqual([[JOB_B, 'TSX2'], [JOB_A, 'TSX2']]);
  });

  it('JOB, all jobs, 0 rows, a target given: 14231 warning instead of 14230', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'DELETE', job_id: '0x00', specific_target_server: 'tsx3' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([{ number: 14231, severity: 10,
      text: "SP_POST_MSX_OPERATION Warning: The specified @specific_target_server ('TSX3') is not involved in a multiserver job." }]);
    expect(queue(msdb)).toEqual([]);
  });

  it('JOB, all jobs, 0 rows, no target: 14230 with a count of 0', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    const r = await exec.exec('sp_post_msx_operation', { operation: 'INSERT', job_id: '0x00' });
    expect(r.messages).toEqual([posted(0, 'INSERT')]);
    expect(queue(msdb)).toEqual([]);
  });

  it('JOB, one job: one row per target of the job', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'start', job_id: JOB_A.toLowerCase() });
    expect(r.messages).toEqual([posted(2, 'START')]);
    expect(queue(msdb).map((q) => [q.operation_code, q.object_id, q.target_server, q.deleted_object_name])).toEqual([
      [4, JOB_A, 'TSX1', null],
      [4, JOB_A, 'TSX2', null],
    ]);
  });

  it('JOB, one job, DELETE: sets deleted_object_name', async () => {
    const { msdb, post } = await fixture();
    await post({ operation: 'DELETE', job_id: JOB_A, specific_target_server: 'TSX1' });
    expect(queue(msdb).map((q) => [q.object_id, q.target_server, q.deleted_object_name])).toEqual([[JOB_A, 'TSX1', 'Nightly ETL']]);
  });

  it('JOB, one job, a target it is not assigned to: 14230 with a count of 0', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'START', job_id: JOB_B, specific_target_server: 'TSX1' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([posted(0, 'START')]);
    expect(queue(msdb)).toEqual([]);
  });

  it("SCHEDULE: an unknown uid fails 14262 ('@schedule_uid', uid)", async () => {
    const { msdb, post } = await fixture();
    const uid = '99999999-0000-4000-8000-000000000009';
    await expectFailsUnchanged(msdb, () => post({ operation: 'UPDATE', object_type: 'SCHEDULE', schedule_uid: uid }), 14262,
      `The specified @schedule_uid ('${uid}') does not exist.`);
  });

  it('SCHEDULE: a schedule no multiserver job uses returns 0 silently', async () => {
    const { msdb, post } = await fixture();
    await expectSilentNoOp(msdb, () => post({ operation: 'UPDATE', object_type: 'SCHEDULE', schedule_uid: UNUSED_SCHEDULE_UID }));
    // Before step 12.
    await expectSilentNoOp(msdb, () => post({ operation: 'START', object_type: 'SCHEDULE', schedule_uid: UNUSED_SCHEDULE_UID }));
  });

  it('SCHEDULE: becomes JOB INSERT rows, one per (job using it, target); the message names the operation given', async () => {
    const { msdb, post } = await fixture();
    addJob(msdb, { name: 'Archive', jobId: JOB_LOCAL.replace('CCCCCCCC', 'FFFFFFFF'), schedules: [{ uid: SCHEDULE_UID, name: 'Daily' }] });
    targetJobAt(msdb, JOB_LOCAL.replace('CCCCCCCC', 'FFFFFFFF'), ['TSX3']);
    const r = await post({ operation: 'UPDATE', object_type: 'SCHEDULE', schedule_uid: SCHEDULE_UID });
    expect(r.messages).toEqual([posted(3, 'UPDATE')]);
    expect(queue(msdb).map((q) => [q.operation_code, q.object_type, q.object_id, q.target_server])).toEqual([
      [1, 1, 'FFFFFFFF-0000-4000-8000-000000000003', 'TSX3'],
      [1, 1, JOB_A, 'TSX1'],
      [1, 1, JOB_A, 'TSX2'],
    ]);
  });

  it('SCHEDULE: limited to the target given', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'DELETE', object_type: 'SCHEDULE', schedule_uid: SCHEDULE_UID, specific_target_server: 'TSX2' });
    expect(r.messages).toEqual([posted(1, 'DELETE')]);
    expect(queue(msdb).map((q) => [q.operation_code, q.object_id, q.target_server])).toEqual([[1, JOB_A, 'TSX2']]);
  });

  it('SERVER: one row per target, ordered by name, nil GUID for DEFECT and RE-ENLIST', async () => {
    const { msdb, post } = await fixture();
    const r = await post({ operation: 'DEFECT', object_type: 'SERVER' });
    expect(r.messages).toEqual([posted(3, 'DEFECT')]);
    expect(queue(msdb).map((q) => [q.operation_code, q.object_type, q.object_id, q.target_server])).toEqual([
      [7, 2, NIL_GUID, 'TSX1'],
      [7, 2, NIL_GUID, 'TSX2'],
      [7, 2, NIL_GUID, 'TSX3'],
    ]);
    await post({ operation: 'RE-ENLIST', object_type: 'SERVER', specific_target_server: 'TSX3' });
    expect(queue(msdb).at(-1)).toMatchObject({ operation_code: 6, object_id: NIL_GUID, target_server: 'TSX3' });
  });

  it('SERVER: the message reads like SQL Server\'s ("SP_POST_MSX_OPERATION: 2 SET-POLL download instruction(s) posted.")', async () => {
    const { post } = await createTestMaster(['TSX1', 'TSX2']).then((m) => ({
      post: (p: Record<string, SqlValue>) => m.exec.exec('sp_post_msx_operation', p),
    }));
    const r = await post({ operation: 'SET-POLL', object_type: 'SERVER', value: 300 });
    expect(r).toEqual({ returnValue: 0, recordsets: [], messages: [posted(2, 'SET-POLL')] });
    expect(r.messages[0].text).toBe('SP_POST_MSX_OPERATION: 2 SET-POLL download instruction(s) posted.');
  });
});

describe('SERVER object_id encoding (spec §3.3)', () => {
  it('§3.3 SET-POLL encodes @value in the last four bytes', async () => {
    const { msdb, post } = await fixture();
    await post({ operation: 'SET-POLL', object_type: 'SERVER', value: 120 });
    expect(new Set(queue(msdb).map((q) => q.object_id))).toEqual(new Set(['00000000-0000-0000-0000-000000000078']));
  });

  it('§3.3 SYNC-TIME encodes tsx.time_zone_adjustment − the master\'s offset, per target', async () => {
    const { msdb, post } = await fixture();
    // The master is at +60; TSX1 and TSX2 at 0 (−60), TSX3 at +120 (+60).
    await post({ operation: 'SYNC-TIME', object_type: 'SERVER' });
    expect(queue(msdb).map((q) => [q.target_server, q.object_id])).toEqual([
      ['TSX1', '00000000-0000-0000-0000-0000FFFFFFC4'],
      ['TSX2', '00000000-0000-0000-0000-0000FFFFFFC4'],
      ['TSX3', '00000000-0000-0000-0000-00000000003C'],
    ]);
  });
});

describe('sp_downloaded_row_limiter (spec §3.4)', () => {
  /** n downloaded rows and one pending row for a target. */
  function seedQueue(msdb: EmbeddedMsdb, target: string, downloaded: number) {
    for (let i = 0; i < downloaded; i++) {
      msdb.db.run(
        `INSERT INTO sysdownloadlist (source_server, operation_code, object_type, object_id, target_server, date_posted, date_downloaded, status)
         VALUES ('MSX01', 9, 2, ?, ?, '2026-11-01 00:00:00.000', '2026-11-01 00:01:00.000', 1)`,
        [`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, target],
      );
    }
    msdb.db.run(
      `INSERT INTO sysdownloadlist (source_server, operation_code, object_type, object_id, target_server, date_posted)
       VALUES ('MSX01', 7, 2, ?, ?, '2026-11-01 00:00:00.000')`,
      [NIL_GUID, target],
    );
  }
  const countFor = (msdb: EmbeddedMsdb, target: string, status: number) =>
    Number(msdb.db.value('SELECT COUNT(*) FROM sysdownloadlist WHERE target_server = ? AND status = ?', [target, status]));

  it('§3.4 absent DownloadedMaxRows means no limit', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    seedQueue(msdb, 'TSX1', 5);
    const r = await exec.exec('sp_downloaded_row_limiter', { server_name: 'TSX1' });
    expect(r).toEqual({ returnValue: 0, recordsets: [], messages: [] });
    expect(countFor(msdb, 'TSX1', 1)).toBe(5);
  });

  it('§3.4 DownloadedMaxRows −1 means no limit', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    setAgentRegistry(msdb, REG.DownloadedMaxRows, -1);
    seedQueue(msdb, 'TSX1', 5);
    await exec.exec('sp_downloaded_row_limiter', { server_name: 'TSX1' });
    expect(countFor(msdb, 'TSX1', 1)).toBe(5);
    expect(getRegistry(msdb.db, REG.DownloadedMaxRows)).toBe('-1');
  });

  it('§3.4 deletes the oldest downloaded rows over the limit; pending rows are never removed', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1', 'TSX2']);
    setAgentRegistry(msdb, REG.DownloadedMaxRows, 2);
    seedQueue(msdb, 'TSX1', 5);
    seedQueue(msdb, 'TSX2', 5);
    const r = await exec.exec('sp_downloaded_row_limiter', { server_name: ' tsx1 ' });
    expect(r.returnValue).toBe(0);
    const kept = msdb.db.all<{ object_id: string }>(
      "SELECT object_id FROM sysdownloadlist WHERE target_server = 'TSX1' AND status = 1 ORDER BY instance_id");
    expect(kept.map((k) => k.object_id)).toEqual(['00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004']);
    expect(countFor(msdb, 'TSX1', 0)).toBe(1);
    expect(countFor(msdb, 'TSX2', 1)).toBe(5);
  });

  it('§3.4 a limit of 0 removes every downloaded row of that target', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    setAgentRegistry(msdb, REG.DownloadedMaxRows, 0);
    seedQueue(msdb, 'TSX1', 3);
    await exec.exec('sp_downloaded_row_limiter', { server_name: 'TSX1' });
    expect(countFor(msdb, 'TSX1', 1)).toBe(0);
    expect(countFor(msdb, 'TSX1', 0)).toBe(1);
  });

  it('§3.4 DownloadedMaxRows below −1 is rewritten to 100 and applied', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    setAgentRegistry(msdb, REG.DownloadedMaxRows, -5);
    seedQueue(msdb, 'TSX1', 103);
    await exec.exec('sp_downloaded_row_limiter', { server_name: 'TSX1' });
    expect(getRegistry(msdb.db, REG.DownloadedMaxRows)).toBe('100');
    expect(countFor(msdb, 'TSX1', 1)).toBe(100);
  });

  it('§3.4 an unknown target returns 1 silently', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    setAgentRegistry(msdb, REG.DownloadedMaxRows, 0);
    seedQueue(msdb, 'TSX1', 3);
    const before = snapshot(msdb);
    for (const server_name of ['TSX9', '  ']) {
      const r = await exec.exec('sp_downloaded_row_limiter', { server_name });
      expect(r).toEqual({ returnValue: 1, recordsets: [], messages: [] });
    }
    expect(snapshot(msdb).equals(before)).toBe(true);
  });
});

describe('spec §10 rules for posting', () => {
  it('§10 rule 1: posting is a silent no-op for a non-sysadmin, no targets, the master itself, a local job, an unused schedule', async () => {
    const { msdb, post } = await fixture();
    const pleb = msdb.executor({ login: 'app', isSysadmin: false });
    await expectSilentNoOp(msdb, () => pleb.exec('sp_post_msx_operation', { operation: 'INSERT', job_id: JOB_A }));
    await expectSilentNoOp(msdb, () => post({ operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'MSX01', value: 60 }));
    await expectSilentNoOp(msdb, () => post({ operation: 'INSERT', job_id: JOB_LOCAL }));
    await expectSilentNoOp(msdb, () => post({ operation: 'INSERT', object_type: 'SCHEDULE', schedule_uid: UNUSED_SCHEDULE_UID }));
    const empty = await createTestMaster();
    await expectSilentNoOp(empty.msdb, () => empty.exec.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER' }));
  });

  it('§10 rule 8: DownloadedMaxRows trimming happens only after posts that named a target', async () => {
    const { msdb, post } = await fixture();
    await post({ operation: 'DEFECT', object_type: 'SERVER' });
    await post({ operation: 'RE-ENLIST', object_type: 'SERVER' });
    msdb.db.run("UPDATE sysdownloadlist SET status = 1, date_downloaded = '2026-11-02 10:00:01.000'");
    setAgentRegistry(msdb, REG.DownloadedMaxRows, 0);
    const downloaded = () => msdb.db.all<{ target_server: string }>(
      'SELECT target_server FROM sysdownloadlist WHERE status = 1 ORDER BY instance_id').map((r) => r.target_server);

    await post({ operation: 'SET-POLL', object_type: 'SERVER', value: 90 });
    expect(downloaded()).toEqual(['TSX1', 'TSX2', 'TSX3', 'TSX1', 'TSX2', 'TSX3']);

    await post({ operation: 'SET-POLL', object_type: 'SERVER', value: 90, specific_target_server: 'TSX2' });
    expect(downloaded()).toEqual(['TSX1', 'TSX3', 'TSX1', 'TSX3']);
    // The new pending rows are all still there.
    expect(Number(msdb.db.value('SELECT COUNT(*) FROM sysdownloadlist WHERE status = 0'))).toBe(4);
  });
});
