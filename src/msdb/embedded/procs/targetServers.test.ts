import { describe, expect, it } from 'vitest';
import { SqlServerError } from '../../../msx/errors';
import { NIL_GUID } from '../../../msx/guid';
import { STATUS_BLOCKED, STATUS_NORMAL, STATUS_OFFLINE } from '../../../msx/status';
import type { EmbeddedMsdb } from '../master';
import { addJob, targetJobAt } from '../seed';
import { createTestMaster, snapshot, testClock } from '../testing';

const JOB_A = 'AAAAAAAA-0000-4000-8000-000000000001';
const JOB_B = 'BBBBBBBB-0000-4000-8000-000000000002';

async function failure(p: Promise<unknown>): Promise<SqlServerError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SqlServerError)) throw new Error(`expected a SqlServerError, got ${String(e)}`);
  return e;
}

async function expectFailsUnchanged(msdb: EmbeddedMsdb, call: () => Promise<unknown>, number: number, message: string, proc: string) {
  const before = snapshot(msdb);
  const e = await failure(call());
  expect({ number: e.number, severity: e.severity, message: e.message, proc: e.procName }).toEqual({ number, severity: 16, message, proc });
  expect(snapshot(msdb).equals(before)).toBe(true);
}

function queue(msdb: EmbeddedMsdb) {
  return msdb.db.all<{ instance_id: number; operation_code: number; object_id: string; target_server: string; status: number }>(
    'SELECT instance_id, operation_code, object_id, target_server, status FROM sysdownloadlist ORDER BY instance_id',
  );
}

const posted = (count: number, op: string) => ({
  number: 14230, severity: 10, text: `SP_POST_MSX_OPERATION: ${count} ${op} download instruction(s) posted.`,
});
const notInvolved = (name: string) => ({
  number: 14231, severity: 10,
  text: `SP_POST_MSX_OPERATION Warning: The specified @specific_target_server ('${name}') is not involved in a multiserver job.`,
});

/** TSX1..TSX3; JOB_A on TSX1 and TSX2, JOB_B on TSX1, nothing on TSX3. */
async function fixture(targets: Parameters<typeof createTestMaster>[0] = ['TSX1', 'TSX2', 'TSX3']) {
  const m = await createTestMaster(targets);
  addJob(m.msdb, { name: 'Nightly ETL', jobId: JOB_A });
  addJob(m.msdb, { name: 'Backup', jobId: JOB_B });
  targetJobAt(m.msdb, JOB_A, ['TSX1', 'TSX2']);
  targetJobAt(m.msdb, JOB_B, ['TSX1']);
  return m;
}

describe('sp_help_targetserver (spec §4.1)', () => {
  it('returns every target ordered by server_name, with the spec\'s columns and datetimes as Date', async () => {
    const clock = testClock();
    const { exec } = await createTestMaster([{ name: 'tsx2', location: 'Rack 2', timeZoneAdjustment: -300, pollInterval: 120 }, 'TSX1'], clock);
    const r = await exec.exec('sp_help_targetserver');
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([]);
    const rows = r.recordsets[0];
    expect(rows.map((t) => t.server_name)).toEqual(['TSX1', 'TSX2']);
    const wall = new Date(clock.now() + 60 * 60_000);
    expect(rows[1]).toEqual({
      server_id: 1,
      server_name: 'TSX2',
      location: 'Rack 2',
      time_zone_adjustment: -300,
      enlist_date: wall,
      last_poll_date: wall,
      status: 1,
      unread_instructions: 0,
      local_time: wall,
      enlisted_by_nt_user: 'CONTOSO\\sqlagent',
      poll_interval: 120,
    });
    expect(Object.keys(rows[1])).toEqual(['server_id', 'server_name', 'location', 'time_zone_adjustment', 'enlist_date',
      'last_poll_date', 'status', 'unread_instructions', 'local_time', 'enlisted_by_nt_user', 'poll_interval']);
  });

  it('§4.1 the name is trimmed and upper-cased', async () => {
    const { exec } = await createTestMaster(['TSX1', 'TSX2']);
    const r = await exec.exec('sp_help_targetserver', { server_name: '  tsx2 ' });
    expect(r.recordsets[0].map((t) => t.server_name)).toEqual(['TSX2']);
  });

  it("§4.1 an unknown name fails 14262 ('@server_name', name)", async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    await expectFailsUnchanged(msdb, () => exec.exec('sp_help_targetserver', { server_name: 'nope' }), 14262,
      "The specified @server_name ('NOPE') does not exist.", 'sp_help_targetserver');
    // A blank name is not NULL to SQL Server: it is an unknown name.
    await expectFailsUnchanged(msdb, () => exec.exec('sp_help_targetserver', { server_name: '  ' }), 14262,
      "The specified @server_name ('') does not exist.", 'sp_help_targetserver');
  });

  it('§2.2 Offline (bit 2) appears only when more than 3 × poll_interval seconds passed since last_poll_date', async () => {
    const clock = testClock();
    const { exec } = await createTestMaster([{ name: 'TSX1', pollInterval: 60 }, { name: 'TSX2', pollInterval: 600 }], clock);
    const status = async () => (await exec.exec('sp_help_targetserver')).recordsets[0].map((t) => t.status);
    expect(await status()).toEqual([STATUS_NORMAL, STATUS_NORMAL]);
    clock.advance(180_000);
    expect(await status()).toEqual([1, 1]);
    clock.advance(1_000);
    expect(await status()).toEqual([STATUS_NORMAL | STATUS_OFFLINE, 1]);
    clock.advance(1_620_000);
    expect(await status()).toEqual([3, 3]);
  });

  it('§2.2 Blocked (bit 4) appears while any row of the target has an error_message, whatever its status', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1', 'TSX2']);
    await exec.exec('sp_post_msx_operation', { operation: 'RE-ENLIST', object_type: 'SERVER' });
    const status = async () => (await exec.exec('sp_help_targetserver')).recordsets[0].map((t) => t.status);
    expect(await status()).toEqual([1, 1]);
    msdb.db.run("UPDATE sysdownloadlist SET status = 1, error_message = 'Proxy not found.' WHERE target_server = 'TSX2'");
    expect(await status()).toEqual([1, STATUS_NORMAL | STATUS_BLOCKED]);
    msdb.db.run("DELETE FROM sysdownloadlist WHERE target_server = 'TSX2'");
    expect(await status()).toEqual([1, 1]);
  });

  it('§2.2 Offline and Blocked together give 7', async () => {
    const clock = testClock();
    const { msdb, exec } = await createTestMaster(['TSX1'], clock);
    await exec.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER' });
    msdb.db.run("UPDATE sysdownloadlist SET error_message = 'boom'");
    clock.advance(3_600_000);
    const [row] = (await exec.exec('sp_help_targetserver', { server_name: 'TSX1' })).recordsets[0];
    expect(row.status).toBe(7);
  });

  it('§4.1 unread_instructions counts the target\'s status-0 rows, errored ones included', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1', 'TSX2']);
    for (const value of [60, 90, 120]) {
      await exec.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value });
    }
    const ids = queue(msdb).map((q) => q.instance_id);
    msdb.db.run('UPDATE sysdownloadlist SET status = 1 WHERE instance_id = ?', [ids[0]]);
    msdb.db.run("UPDATE sysdownloadlist SET error_message = 'The job step requires a proxy account.' WHERE instance_id = ?", [ids[1]]);
    const rows = (await exec.exec('sp_help_targetserver')).recordsets[0];
    expect(rows.map((t) => [t.server_name, t.unread_instructions])).toEqual([['TSX1', 2], ['TSX2', 0]]);
  });

  it('§4.1 local_time is local_time_at_last_poll plus the seconds elapsed on the master', async () => {
    const clock = testClock();
    const masterWall = clock.now() + 60 * 60_000;
    const targetWall = masterWall - 6 * 3_600_000; // a target six hours behind
    const { exec } = await createTestMaster([{ name: 'TSX1', localTimeMs: targetWall }], clock);
    clock.advance(90_000);
    const [row] = (await exec.exec('sp_help_targetserver')).recordsets[0];
    expect(row.local_time).toEqual(new Date(targetWall + 90_000));
    expect(row.last_poll_date).toEqual(new Date(masterWall));
  });
});

describe('sp_resync_targetserver (spec §4.3)', () => {
  it('§4.3 a caller who is not sysadmin fails 15003', async () => {
    const { msdb } = await fixture();
    const pleb = msdb.executor({ login: 'app', isSysadmin: false });
    await expectFailsUnchanged(msdb, () => pleb.exec('sp_resync_targetserver', { server_name: 'ALL' }), 15003,
      'Only members of the sysadmin role can execute this stored procedure.', 'sp_resync_targetserver');
  });

  it("§4.3 an unknown target fails 14262 ('@server_name', name as given)", async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER' });
    await expectFailsUnchanged(msdb, () => exec.exec('sp_resync_targetserver', { server_name: ' tsx9 ' }), 14262,
      "The specified @server_name ('tsx9') does not exist.", 'sp_resync_targetserver');
  });

  it('§4.3 one target: deletes its rows (pending SERVER ones too), then posts DELETE all-jobs and INSERT all-jobs', async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', value: 30 });
    msdb.db.run("UPDATE sysdownloadlist SET error_message = 'boom' WHERE target_server = 'TSX1'");
    const r = await exec.exec('sp_resync_targetserver', { server_name: 'tsx1' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([posted(1, 'DELETE'), posted(2, 'INSERT')]);
    expect(queue(msdb).map((q) => [q.operation_code, q.object_id, q.target_server])).toEqual([
      [9, '00000000-0000-0000-0000-00000000001E', 'TSX2'],
      [9, '00000000-0000-0000-0000-00000000001E', 'TSX3'],
      [3, NIL_GUID, 'TSX1'],
      [1, JOB_B, 'TSX1'],
      [1, JOB_A, 'TSX1'],
    ]);
    // §7: resync clears the Blocked bit.
    const [row] = (await exec.exec('sp_help_targetserver', { server_name: 'TSX1' })).recordsets[0];
    expect(row.status).toBe(1);
  });

  it('§4.3 one target with no jobs: its rows go and both posts warn 14231', async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER', specific_target_server: 'TSX3' });
    const r = await exec.exec('sp_resync_targetserver', { server_name: 'TSX3' });
    expect(r.messages).toEqual([notInvolved('TSX3'), notInvolved('TSX3')]);
    expect(queue(msdb)).toEqual([]);
  });

  it("§4.3 'ALL' in any case: empties sysdownloadlist and re-posts for every target", async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER' });
    const r = await exec.exec('sp_resync_targetserver', { server_name: ' aLl ' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([posted(2, 'DELETE'), posted(3, 'INSERT')]);
    // TRUNCATE TABLE restarts the identity.
    expect(queue(msdb).map((q) => [q.instance_id, q.operation_code, q.object_id, q.target_server])).toEqual([
      [1, 3, NIL_GUID, 'TSX1'],
      [2, 3, NIL_GUID, 'TSX2'],
      [3, 1, JOB_B, 'TSX1'],
      [4, 1, JOB_A, 'TSX1'],
      [5, 1, JOB_A, 'TSX2'],
    ]);
  });
});

describe('sp_delete_targetserver (spec §4.3)', () => {
  function groupWith(msdb: EmbeddedMsdb, serverIds: number[]) {
    msdb.db.run("INSERT INTO systargetservergroups (name) VALUES ('Web farm')");
    const groupId = msdb.db.lastInsertId();
    for (const id of serverIds) msdb.db.run('INSERT INTO systargetservergroupmembers (servergroup_id, server_id) VALUES (?, ?)', [groupId, id]);
  }

  it("§4.3 an unknown target fails 14262 ('@server_name', upper-cased name)", async () => {
    const { msdb, exec } = await fixture();
    await expectFailsUnchanged(msdb, () => exec.exec('sp_delete_targetserver', { server_name: 'tsx9' }), 14262,
      "The specified @server_name ('TSX9') does not exist.", 'sp_delete_targetserver');
  });

  it('§4.3 by default: clears its rows, posts DEFECT, removes the target, its group memberships and job servers', async () => {
    const { msdb, exec } = await fixture();
    groupWith(msdb, [1, 2]);
    await exec.exec('sp_post_msx_operation', { operation: 'INSERT', job_id: '0x00' });
    const r = await exec.exec('sp_delete_targetserver', { server_name: ' tsx1 ' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([posted(1, 'DEFECT')]);
    expect(queue(msdb).map((q) => [q.operation_code, q.object_id, q.target_server])).toEqual([
      [1, JOB_A, 'TSX2'],
      [7, NIL_GUID, 'TSX1'],
    ]);
    expect(msdb.db.all('SELECT server_name FROM systargetservers ORDER BY server_name')).toEqual([{ server_name: 'TSX2' }, { server_name: 'TSX3' }]);
    expect(msdb.db.all('SELECT server_id FROM systargetservergroupmembers')).toEqual([{ server_id: 2 }]);
    expect(msdb.db.all('SELECT job_id, server_id FROM sysjobservers ORDER BY job_id')).toEqual([{ job_id: JOB_A, server_id: 2 }]);
  });

  it('§10 rule 6: the DEFECT row outlives the target', async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_delete_targetserver', { server_name: 'TSX2' });
    expect(Number(msdb.db.value("SELECT COUNT(*) FROM systargetservers WHERE server_name = 'TSX2'"))).toBe(0);
    const list = (await exec.exec('sp_help_downloadlist')).recordsets[0];
    expect(list).toEqual([expect.objectContaining({ operation_code: '7 (DEFECT)', object_name: 'TSX2', target_server: 'TSX2', status: 0 })]);
  });

  it('§4.3 @clear_downloadlist = 0 keeps the target\'s rows', async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_post_msx_operation', { operation: 'START', job_id: JOB_B });
    await exec.exec('sp_delete_targetserver', { server_name: 'TSX1', clear_downloadlist: 0 });
    expect(queue(msdb).map((q) => [q.operation_code, q.target_server])).toEqual([[4, 'TSX1'], [7, 'TSX1']]);
  });

  it('§4.3 @post_defection = 0 posts nothing', async () => {
    const { msdb, exec } = await fixture();
    await exec.exec('sp_post_msx_operation', { operation: 'START', job_id: JOB_B });
    const r = await exec.exec('sp_delete_targetserver', { server_name: 'TSX1', post_defection: 0 });
    expect(r).toEqual({ returnValue: 0, recordsets: [], messages: [] });
    expect(queue(msdb)).toEqual([]);
    expect(Number(msdb.db.value('SELECT COUNT(*) FROM sysjobservers WHERE server_id = 1'))).toBe(0);
  });

  it('§4.3 deleting the last target turns the master back into a standalone server', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    await exec.exec('sp_delete_targetserver', { server_name: 'TSX1' });
    expect((await msdb.executor().serverInfo()).agentRole).toBe('standalone');
    expect(queue(msdb).map((q) => q.operation_code)).toEqual([7]);
  });
});
