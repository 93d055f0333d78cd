// The src/admin workflows over the mssql executor: what each one sends to a real master (and to
// a registered target), counted and typed at the seam.
import { describe, expect, it } from 'vitest';
import { encodeIntAsGuid } from '../../msx/guid';
import { listDownloadList } from '../../admin/downloadList';
import { forceDefection } from '../../admin/forceDefection';
import { forcePoll } from '../../admin/forcePoll';
import { addGroupMember, listGroups } from '../../admin/groups';
import { postInstruction } from '../../admin/postInstruction';
import { resync } from '../../admin/resync';
import { listTargets } from '../../admin/targets';
import { sqlError, type FakeResponse, type SentRequest } from './fakeMssql';
import { openFake, typesOf, valuesOf } from './testSupport';

const T0 = new Date(Date.UTC(2026, 10, 2, 10, 0, 0));

const target = (id: number, name: string, pollInterval = 60) => ({
  server_id: id,
  server_name: name,
  location: null,
  time_zone_adjustment: 60,
  enlist_date: T0,
  last_poll_date: T0,
  status: 1,
  unread_instructions: 0,
  local_time: T0,
  enlisted_by_nt_user: 'CORP\\sqlagent',
  poll_interval: pollInterval,
});

const TARGETS = [target(1, 'TSX1'), target(2, 'TSX2', 120)];

/** A master that answers like msdb for the calls the workflows make. */
function master(extra: (req: SentRequest) => FakeResponse | undefined = () => undefined) {
  let nextInstance = 100;
  const posted: Array<{ instance_id: number; target_server: string; object_id: string }> = [];
  return (req: SentRequest): FakeResponse => {
    const answer = extra(req);
    if (answer) return answer;
    const v = valuesOf(req);
    switch (req.procedure) {
      case 'msdb.dbo.sp_help_targetserver': {
        const rows = v.server_name ? TARGETS.filter((t) => t.server_name === String(v.server_name).toUpperCase()) : TARGETS;
        if (v.server_name && rows.length === 0) return { error: sqlError(14262, 16, `The specified @server_name ('${String(v.server_name)}') does not exist.`, { procName: 'sp_help_targetserver' }) };
        return { recordsets: [rows] };
      }
      case 'msdb.dbo.sp_post_msx_operation': {
        const targets = v.specific_target_server ? [String(v.specific_target_server)] : TARGETS.map((t) => t.server_name);
        for (const t of targets) posted.push({ instance_id: nextInstance++, target_server: t, object_id: encodeIntAsGuid(Number(v.value ?? 0)) });
        return { info: [{ number: 14230, class: 10, message: `SP_POST_MSX_OPERATION: ${targets.length} ${String(v.operation)} download instruction(s) posted.` }] };
      }
      case 'msdb.dbo.sp_help_downloadlist': {
        const rows = posted
          .filter((p) => !v.target_server || p.target_server === v.target_server)
          .map((p) => ({ ...p, source_server: 'MSX01', operation_code: '9 (SET-POLL)', object_name: p.target_server, error_message: null, date_posted: T0, date_downloaded: null, status: 0 }));
        return { recordsets: [rows] };
      }
      default:
        return {};
    }
  };
}

describe('src/admin workflows over the mssql executor', () => {
  it('the Manage Target Servers grid refresh is one round trip: sp_help_targetserver, no parameters', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    const rows = await listTargets(executor);
    expect(driver.sent).toHaveLength(1);
    expect(driver.sent[0]).toMatchObject({ kind: 'execute', procedure: 'msdb.dbo.sp_help_targetserver', params: [] });
    expect(rows.map((r) => [r.serverName, r.pollInterval, r.lastPollDate.toISOString()])).toEqual([
      ['TSX1', 60, T0.toISOString()],
      ['TSX2', 120, T0.toISOString()],
    ]);
  });

  it("Force Poll: SET-POLL posted on the master, then sp_sqlagent_notify @op_type = N'P' on the registered target's own connection", async () => {
    const m = await openFake({ proc: master() });
    const t = await openFake();
    const results = await forcePoll(m.executor, ['TSX1', 'TSX2'], (server) => (server === 'TSX1' ? t.executor : undefined));

    const posts = m.driver.executed.filter((s) => s.procedure === 'msdb.dbo.sp_post_msx_operation');
    expect(posts.map(valuesOf)).toEqual([
      { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 60 },
      { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX2', value: 120 },
    ]);
    expect(posts.map(typesOf)).toEqual(
      Array(2).fill({ operation: 'VarChar(64)', object_type: 'VarChar(64)', specific_target_server: 'NVarChar(128)', value: 'Int' }),
    );
    // The pending SET-POLL lookup: operation and status typed as declared.
    const lookup = m.driver.executed.find((s) => s.procedure === 'msdb.dbo.sp_help_downloadlist')!;
    expect(typesOf(lookup)).toEqual({ operation: 'VarChar(64)', status: 'TinyInt' });
    // The master never receives the signal; the target receives only the signal.
    expect(m.driver.executed.some((s) => s.procedure === 'msdb.dbo.sp_sqlagent_notify')).toBe(false);
    expect(t.driver.executed).toHaveLength(1);
    expect(t.driver.executed[0]).toMatchObject({ procedure: 'msdb.dbo.sp_sqlagent_notify' });
    expect(typesOf(t.driver.executed[0])).toEqual({ op_type: 'NChar(1)' });
    expect(valuesOf(t.driver.executed[0])).toEqual({ op_type: 'P' });

    expect(results.map((r) => [r.server, r.signal, r.message])).toEqual([
      ['TSX1', 'signalled', 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.'],
      ['TSX2', 'notRegistered', 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.'],
    ]);
    expect(results[0].instanceId).toBe(100);
  });

  it('Force Poll: a target whose Agent is stopped answers 22022, reported as unreachable', async () => {
    const m = await openFake({ proc: master() });
    const t = await openFake({ proc: () => ({ error: sqlError(22022, 16, 'SQLServerAgent Error: The SQL Server Agent service is not running.', { procName: 'xp_sqlagent_notify' }) }) });
    const [r] = await forcePoll(m.executor, ['TSX1'], () => t.executor);
    expect(r).toMatchObject({ signal: 'unreachable', errorNumber: 22022 });
  });

  it('Post Instructions SET-POLL to chosen targets: checked on the master, then one typed post per target', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    const out = await postInstruction(executor, { type: 'SET-POLL', pollInterval: 300, recipients: ['TSX1', 'TSX2'] });
    expect(out.every((o) => o.ok)).toBe(true);
    expect(driver.executed.map((s) => s.procedure)).toEqual([
      'msdb.dbo.sp_help_targetserver',
      'msdb.dbo.sp_post_msx_operation',
      'msdb.dbo.sp_post_msx_operation',
    ]);
    expect(valuesOf(driver.executed[1])).toEqual({ operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 300 });
    expect(out[0].messages).toEqual([{ number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.' }]);
  });

  it('Post Instructions DEFECT to all targets: one post, no target parameter', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    await postInstruction(executor, { type: 'DEFECT', recipients: 'all' });
    expect(driver.executed).toHaveLength(1);
    expect(valuesOf(driver.executed[0])).toEqual({ operation: 'DEFECT', object_type: 'SERVER' });
  });

  it('Post Instructions START: sp_start_job with @server_name per target', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    await postInstruction(executor, { type: 'START', jobName: 'Nightly backup', recipients: ['TSX2'] });
    const start = driver.executed.at(-1)!;
    expect(start.procedure).toBe('msdb.dbo.sp_start_job');
    expect(typesOf(start)).toEqual({ job_name: 'NVarChar(128)', server_name: 'NVarChar(128)' });
    expect(valuesOf(start)).toEqual({ job_name: 'Nightly backup', server_name: 'TSX2' });
  });

  it('Force Defection: sp_delete_targetserver with both bits set', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    await forceDefection(executor, ['TSX1']);
    const del = driver.executed.at(-1)!;
    expect(del.procedure).toBe('msdb.dbo.sp_delete_targetserver');
    expect(typesOf(del)).toEqual({ server_name: 'NVarChar(128)', clear_downloadlist: 'Bit', post_defection: 'Bit' });
    expect(valuesOf(del)).toEqual({ server_name: 'TSX1', clear_downloadlist: true, post_defection: true });
  });

  it('Force Defection of an unknown target: msdb refuses with 14262 before anything is written', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    await expect(forceDefection(executor, ['TSX9'])).rejects.toMatchObject({ name: 'SqlServerError', number: 14262, severity: 16, procName: 'sp_help_targetserver' });
    expect(driver.executed.some((s) => s.procedure === 'msdb.dbo.sp_delete_targetserver')).toBe(false);
  });

  it('Resync all targets: one sp_resync_targetserver @server_name = ALL; 15003 for a non-sysadmin comes back as a failed outcome', async () => {
    const { driver, executor } = await openFake({
      proc: master((req) =>
        req.procedure === 'msdb.dbo.sp_resync_targetserver'
          ? { error: sqlError(15003, 16, 'Only members of the sysadmin role can execute this stored procedure.', { procName: 'sp_resync_targetserver' }) }
          : undefined,
      ),
    });
    const [o] = await resync(executor, 'all');
    expect(valuesOf(driver.executed[0])).toEqual({ server_name: 'ALL' });
    expect(o).toMatchObject({ ok: false, error: { number: 15003, severity: 16 } });
  });

  it('Download Instructions tab: sp_help_downloadlist with the filters typed', async () => {
    const { driver, executor } = await openFake({ proc: master() });
    await listDownloadList(executor, { targetServer: 'TSX1', hasError: true, status: 0, operation: 'SET-POLL', objectType: 'SERVER', objectName: 'TSX1', datePosted: T0 });
    expect(typesOf(driver.executed[0])).toEqual({
      operation: 'VarChar(64)',
      object_type: 'VarChar(64)',
      object_name: 'NVarChar(128)',
      target_server: 'NVarChar(128)',
      has_error: 'TinyInt',
      status: 'TinyInt',
      date_posted: 'DateTime',
    });
    expect(valuesOf(driver.executed[0])).toMatchObject({ has_error: 1, status: 0, date_posted: T0 });
  });

  it('target server groups', async () => {
    const { driver, executor } = await openFake({
      proc: master((req) => (req.procedure === 'msdb.dbo.sp_help_targetservergroup' ? { recordsets: [[{ servergroup_id: 1, name: 'Shops' }]] } : undefined)),
    });
    expect(await listGroups(executor)).toEqual([{ servergroupId: 1, name: 'Shops' }]);
    await addGroupMember(executor, 'Shops', 'TSX1');
    expect(driver.executed.map((s) => [s.procedure, typesOf(s)])).toEqual([
      ['msdb.dbo.sp_help_targetservergroup', {}],
      ['msdb.dbo.sp_add_targetsvrgrp_member', { group_name: 'NVarChar(128)', server_name: 'NVarChar(128)' }],
    ]);
  });
});
