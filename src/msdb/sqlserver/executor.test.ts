import { describe, expect, it } from 'vitest';
import mssql from 'mssql';
import { NIL_GUID } from '../../msx/guid';
import { SqlServerError } from '../../msx/errors';
import { ConnectionFailure, SqlServerCallError } from './errors';
import { connectionError, sqlError, sqlErrors, type SentRequest } from './fakeMssql';
import { openFake, typesOf, valuesOf } from './testSupport';

const JOB_ID = '6F1B8C2E-0A41-4C3B-9D5E-1A2B3C4D5E6F';

async function sent(proc: string, params: Record<string, unknown>): Promise<SentRequest> {
  const { driver, executor } = await openFake();
  await executor.exec(proc, params as never);
  expect(driver.executed).toHaveLength(1);
  return driver.executed[0];
}

describe('SqlServerExecutor: what each master workflow call sends', () => {
  it('sp_help_targetserver: an RPC of msdb.dbo.sp_help_targetserver, no parameters for the grid', async () => {
    const req = await sent('sp_help_targetserver', {});
    expect(req.kind).toBe('execute');
    expect(req.procedure).toBe('msdb.dbo.sp_help_targetserver');
    expect(req.params).toEqual([]);
  });

  it('sp_help_targetserver @server_name: sysname is NVarChar(128)', async () => {
    const req = await sent('sp_help_targetserver', { server_name: 'TSX1' });
    expect(typesOf(req)).toEqual({ server_name: 'NVarChar(128)' });
    expect(valuesOf(req)).toEqual({ server_name: 'TSX1' });
  });

  it('sp_post_msx_operation SET-POLL for one target: varchar(64), sysname and int', async () => {
    const req = await sent('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 120 });
    expect(req.procedure).toBe('msdb.dbo.sp_post_msx_operation');
    expect(typesOf(req)).toEqual({ operation: 'VarChar(64)', object_type: 'VarChar(64)', specific_target_server: 'NVarChar(128)', value: 'Int' });
    expect(valuesOf(req)).toEqual({ operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 120 });
    // The type objects are mssql's own.
    expect(req.params[0].sqlType.type).toBe(mssql.VarChar);
    expect(req.params[3].sqlType.type).toBe(mssql.Int);
  });

  it('sp_post_msx_operation SERVER forms for all targets: no target parameter is sent (NULL by default)', async () => {
    for (const operation of ['DEFECT', 'SYNC-TIME', 'RE-ENLIST']) {
      const req = await sent('sp_post_msx_operation', { operation, object_type: 'SERVER', specific_target_server: undefined });
      expect(typesOf(req)).toEqual({ operation: 'VarChar(64)', object_type: 'VarChar(64)' });
      expect(valuesOf(req)).toEqual({ operation, object_type: 'SERVER' });
    }
  });

  it('sp_post_msx_operation JOB forms: job_id is UniqueIdentifier; 0x00 (all jobs) becomes the nil GUID', async () => {
    const one = await sent('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: `{${JOB_ID.toLowerCase()}}` });
    expect(typesOf(one)).toEqual({ operation: 'VarChar(64)', object_type: 'VarChar(64)', job_id: 'UniqueIdentifier' });
    expect(valuesOf(one).job_id).toBe(JOB_ID);
    const all = await sent('sp_post_msx_operation', { operation: 'DELETE', object_type: 'JOB', job_id: '0x00', specific_target_server: 'TSX2' });
    expect(valuesOf(all)).toEqual({ operation: 'DELETE', object_type: 'JOB', job_id: NIL_GUID, specific_target_server: 'TSX2' });
    expect(typesOf(all).job_id).toBe('UniqueIdentifier');
  });

  it('sp_post_msx_operation SCHEDULE: schedule_uid is UniqueIdentifier', async () => {
    const req = await sent('sp_post_msx_operation', { operation: 'UPDATE', object_type: 'SCHEDULE', schedule_uid: JOB_ID });
    expect(typesOf(req).schedule_uid).toBe('UniqueIdentifier');
  });

  it('sp_help_downloadlist with every filter, each typed as declared', async () => {
    const posted = new Date(Date.UTC(2026, 10, 2, 10, 0, 0));
    const req = await sent('sp_help_downloadlist', {
      job_id: JOB_ID,
      job_name: 'Nightly backup',
      operation: 'SET-POLL',
      object_type: 'SERVER',
      object_name: 'TSX1',
      target_server: 'TSX1',
      has_error: 1,
      status: 0,
      date_posted: posted,
    });
    expect(req.procedure).toBe('msdb.dbo.sp_help_downloadlist');
    expect(typesOf(req)).toEqual({
      job_id: 'UniqueIdentifier',
      job_name: 'NVarChar(128)',
      operation: 'VarChar(64)',
      object_type: 'VarChar(64)',
      object_name: 'NVarChar(128)',
      target_server: 'NVarChar(128)',
      has_error: 'TinyInt',
      status: 'TinyInt',
      date_posted: 'DateTime',
    });
    expect(valuesOf(req)).toEqual({
      job_id: JOB_ID,
      job_name: 'Nightly backup',
      operation: 'SET-POLL',
      object_type: 'SERVER',
      object_name: 'TSX1',
      target_server: 'TSX1',
      has_error: 1,
      status: 0,
      date_posted: posted,
    });
  });

  it('sp_help_downloadlist @date_posted as wall-clock text becomes a DateTime whose UTC fields are that clock', async () => {
    const req = await sent('sp_help_downloadlist', { date_posted: '2026-11-02 10:00:00' });
    expect(typesOf(req)).toEqual({ date_posted: 'DateTime' });
    expect((valuesOf(req).date_posted as Date).toISOString()).toBe('2026-11-02T10:00:00.000Z');
  });

  it('sp_resync_targetserver: one target, or ALL', async () => {
    expect(valuesOf(await sent('sp_resync_targetserver', { server_name: 'TSX1' }))).toEqual({ server_name: 'TSX1' });
    const all = await sent('sp_resync_targetserver', { server_name: 'ALL' });
    expect(all.procedure).toBe('msdb.dbo.sp_resync_targetserver');
    expect(typesOf(all)).toEqual({ server_name: 'NVarChar(128)' });
  });

  it('sp_delete_targetserver (Force Defection): the bit flags go as booleans', async () => {
    const req = await sent('sp_delete_targetserver', { server_name: 'TSX1', clear_downloadlist: 1, post_defection: 0 });
    expect(typesOf(req)).toEqual({ server_name: 'NVarChar(128)', clear_downloadlist: 'Bit', post_defection: 'Bit' });
    expect(valuesOf(req)).toEqual({ server_name: 'TSX1', clear_downloadlist: true, post_defection: false });
    const fromBool = await sent('sp_delete_targetserver', { server_name: 'TSX1', clear_downloadlist: true, post_defection: 'false' });
    expect(valuesOf(fromBool)).toEqual({ server_name: 'TSX1', clear_downloadlist: true, post_defection: false });
  });

  it("sp_sqlagent_notify @op_type = N'P' on a target: nchar(1)", async () => {
    const req = await sent('sp_sqlagent_notify', { op_type: 'P' });
    expect(req.procedure).toBe('msdb.dbo.sp_sqlagent_notify');
    expect(typesOf(req)).toEqual({ op_type: 'NChar(1)' });
    expect(valuesOf(req)).toEqual({ op_type: 'P' });
  });

  it('sp_start_job for a multiserver job on one target', async () => {
    const byName = await sent('sp_start_job', { job_name: 'Nightly backup', server_name: 'TSX1' });
    expect(typesOf(byName)).toEqual({ job_name: 'NVarChar(128)', server_name: 'NVarChar(128)' });
    const byId = await sent('sp_start_job', { job_id: JOB_ID, server_name: 'TSX1' });
    expect(typesOf(byId)).toEqual({ job_id: 'UniqueIdentifier', server_name: 'NVarChar(128)' });
    expect(valuesOf(byId)).toEqual({ job_id: JOB_ID, server_name: 'TSX1' });
  });

  it('sp_stop_job, sp_add_jobserver, sp_delete_jobserver, sp_help_jobserver, sp_multi_server_job_summary', async () => {
    expect(typesOf(await sent('sp_stop_job', { job_name: 'J', server_name: 'TSX1' }))).toEqual({ job_name: 'NVarChar(128)', server_name: 'NVarChar(128)' });
    const add = await sent('sp_add_jobserver', { job_id: JOB_ID, server_name: 'TSX1', automatic_post: 1 });
    expect(typesOf(add)).toEqual({ job_id: 'UniqueIdentifier', server_name: 'NVarChar(128)', automatic_post: 'Bit' });
    expect(valuesOf(add).automatic_post).toBe(true);
    expect(typesOf(await sent('sp_delete_jobserver', { job_name: 'J', server_name: 'TSX1' }))).toEqual({ job_name: 'NVarChar(128)', server_name: 'NVarChar(128)' });
    const help = await sent('sp_help_jobserver', { job_name: 'J', show_last_run_details: 1 });
    expect(typesOf(help)).toEqual({ job_name: 'NVarChar(128)', show_last_run_details: 'TinyInt' });
    expect(typesOf(await sent('sp_multi_server_job_summary', { job_id: JOB_ID }))).toEqual({ job_id: 'UniqueIdentifier' });
  });

  it('target server group procedures', async () => {
    expect((await sent('sp_help_targetservergroup', {})).params).toEqual([]);
    expect(typesOf(await sent('sp_help_targetservergroup', { name: 'Branches' }))).toEqual({ name: 'NVarChar(128)' });
    expect(typesOf(await sent('sp_add_targetservergroup', { name: 'Branches' }))).toEqual({ name: 'NVarChar(128)' });
    expect(valuesOf(await sent('sp_update_targetservergroup', { name: 'Branches', new_name: 'Shops' }))).toEqual({ name: 'Branches', new_name: 'Shops' });
    expect(typesOf(await sent('sp_delete_targetservergroup', { name: 'Shops' }))).toEqual({ name: 'NVarChar(128)' });
    const add = await sent('sp_add_targetsvrgrp_member', { group_name: 'Shops', server_name: 'TSX1' });
    expect(add.procedure).toBe('msdb.dbo.sp_add_targetsvrgrp_member');
    expect(typesOf(add)).toEqual({ group_name: 'NVarChar(128)', server_name: 'NVarChar(128)' });
    expect(typesOf(await sent('sp_delete_targetsvrgrp_member', { group_name: 'Shops', server_name: 'TSX1' }))).toEqual({
      group_name: 'NVarChar(128)',
      server_name: 'NVarChar(128)',
    });
  });

  it('sp_msx_enlist / sp_msx_defect on a target', async () => {
    const enlist = await sent('sp_msx_enlist', { msx_server_name: 'MSX01', location: 'Building 7' });
    expect(typesOf(enlist)).toEqual({ msx_server_name: 'NVarChar(128)', location: 'NVarChar(100)' });
    const defect = await sent('sp_msx_defect', { forced_defection: 1 });
    expect(typesOf(defect)).toEqual({ forced_defection: 'Bit' });
    expect(valuesOf(defect)).toEqual({ forced_defection: true });
  });
});

describe('SqlServerExecutor: names and values', () => {
  it('accepts sp_x, dbo.sp_x, msdb.dbo.sp_x and brackets, any case, and always sends msdb.dbo.<name>', async () => {
    const { driver, executor } = await openFake();
    for (const p of ['SP_HELP_TARGETSERVER', 'dbo.sp_help_targetserver', 'MSDB.DBO.sp_help_targetserver', '[msdb].[dbo].[sp_help_targetserver]']) {
      await executor.exec(p);
    }
    expect(driver.executed.map((s) => s.procedure)).toEqual(Array(4).fill('msdb.dbo.sp_help_targetserver'));
  });

  it('refuses what is not an msdb procedure name with 2812, sending nothing', async () => {
    const { driver, executor } = await openFake();
    for (const p of ['sp_who; DROP TABLE x', 'master.dbo.sp_who', 'xp_cmdshell', "sp_x'--"]) {
      await expect(executor.exec(p)).rejects.toMatchObject({ name: 'SqlServerError', number: 2812, severity: 16 });
    }
    expect(driver.executed).toHaveLength(0);
  });

  it('takes parameter names with @ and in any case', async () => {
    const req = await sent('sp_help_targetserver', { '@Server_Name': 'TSX1' });
    expect(typesOf(req)).toEqual({ server_name: 'NVarChar(128)' });
  });

  it('sends null for NULL, typed as declared', async () => {
    const req = await sent('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', value: null });
    expect(req.params.find((p) => p.name === 'value')).toMatchObject({ type: 'Int', value: null });
  });

  it('a name the procedure does not declare is passed through for SQL Server to answer 8145', async () => {
    const { driver, executor } = await openFake({
      proc: () => ({ error: sqlError(8145, 16, '@bogus is not a parameter for procedure sp_help_targetserver.', { procName: 'sp_help_targetserver' }) }),
    });
    await expect(executor.exec('sp_help_targetserver', { bogus: 'x' })).rejects.toMatchObject({ number: 8145, severity: 16 });
    expect(typesOf(driver.executed[0])).toEqual({ bogus: 'NVarChar(4000)' });
  });

  it('a procedure not in PROC_SIGNATURES is still called, its parameters typed from their values', async () => {
    const when = new Date(Date.UTC(2026, 0, 1));
    const req = await sent('sp_help_unlisted', { class: 'JOB', count: 5, big: 2 ** 40, ratio: 1.5, flag: true, since: when, none: null });
    expect(req.procedure).toBe('msdb.dbo.sp_help_unlisted');
    expect(typesOf(req)).toEqual({
      class: 'NVarChar(4000)',
      count: 'Int',
      big: 'BigInt',
      ratio: 'Float',
      flag: 'Bit',
      since: 'DateTime',
      none: 'NVarChar(4000)',
    });
  });

  it('leaves conversions that can fail to SQL Server: an out-of-range tinyint, a malformed GUID, text for an int', async () => {
    const dl = await sent('sp_help_downloadlist', { status: 300, job_id: 'not-a-guid' });
    expect(typesOf(dl)).toEqual({ status: 'Int', job_id: 'NVarChar(4000)' });
    expect(valuesOf(dl)).toEqual({ status: 300, job_id: 'not-a-guid' });
    const post = await sent('sp_post_msx_operation', { operation: 'SET-POLL', value: 'soon' });
    expect(typesOf(post).value).toBe('NVarChar(4000)');
    const numeric = await sent('sp_post_msx_operation', { operation: 'SET-POLL', value: ' 120 ' });
    expect(post.params.length).toBe(2);
    expect(valuesOf(numeric).value).toBe(120);
    expect(typesOf(numeric).value).toBe('Int');
  });

  it('truncates a string longer than its declared length, as SQL Server does for a procedure parameter', async () => {
    const req = await sent('sp_help_targetserver', { server_name: 'X'.repeat(200) });
    expect(valuesOf(req).server_name).toBe('X'.repeat(128));
    expect(typesOf(req).server_name).toBe('NVarChar(128)');
  });

  it('applies a per-call timeout to the request', async () => {
    const { driver, executor } = await openFake();
    await executor.exec('sp_help_targetserver', {}, { timeoutMs: 1234 });
    expect(driver.executed[0].requestTimeout).toBe(1234);
  });
});

describe('SqlServerExecutor: what comes back', () => {
  it('hands up the return value, every recordset as plain arrays of plain rows, and every info message in order', async () => {
    const lastPoll = new Date(Date.UTC(2026, 10, 2, 9, 59, 0));
    const { executor } = await openFake({
      proc: () => ({
        returnValue: 0,
        recordsets: [
          [
            { server_id: 1, server_name: 'TSX1', status: 1, last_poll_date: lastPoll },
            { server_id: 2, server_name: 'TSX2', status: 3, last_poll_date: lastPoll },
          ],
          [{ n: 1 }],
        ],
        info: [
          { number: 14230, class: 10, message: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.' },
          { number: 0, class: 0, message: 'a PRINT' },
        ],
      }),
    });
    const r = await executor.exec('sp_help_targetserver');
    expect(r.returnValue).toBe(0);
    expect(r.recordsets).toEqual([
      [
        { server_id: 1, server_name: 'TSX1', status: 1, last_poll_date: lastPoll },
        { server_id: 2, server_name: 'TSX2', status: 3, last_poll_date: lastPoll },
      ],
      [{ n: 1 }],
    ]);
    expect(Object.keys(r.recordsets[0])).toEqual(['0', '1']); // no `columns`, no `toTable`
    expect(r.messages).toEqual([
      { number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.' },
      { number: 0, severity: 0, text: 'a PRINT' },
    ]);
  });

  it('a non-zero return value without an error is a result, not a failure (sp_downloaded_row_limiter returns 1 silently)', async () => {
    const { executor } = await openFake({ proc: () => ({ returnValue: 1 }) });
    await expect(executor.exec('sp_downloaded_row_limiter', { server_name: 'NOPE' })).resolves.toEqual({ returnValue: 1, recordsets: [], messages: [] });
  });

  it.each([
    [14266, "The specified '@operation_code' is invalid (valid values are: INSERT, UPDATE, DELETE, START, STOP, RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL).", 'sp_post_msx_operation', 2, 155],
    [14262, "The specified @specific_target_server ('TSX9') does not exist.", 'sp_post_msx_operation', 1, 190],
    [15003, 'Only members of the sysadmin role can execute this stored procedure.', 'sp_resync_targetserver', 1, 12],
  ])('error %i becomes a SqlServerError with the same number, severity, state, text, procedure and line', async (number, message, procName, state, lineNumber) => {
    const { executor } = await openFake({ proc: () => ({ error: sqlError(number, 16, message, { procName, state, lineNumber }) }) });
    const e = await executor.exec(procName, { operation: 'X' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SqlServerError);
    expect(e).not.toBeInstanceOf(SqlServerCallError);
    expect(e).toMatchObject({ name: 'SqlServerError', number, severity: 16, state, message, procName, lineNumber });
  });

  it('keeps informational messages sent before the error, and the other errors of the call; the first raised is the error', async () => {
    const { executor } = await openFake({
      proc: () => ({
        info: [{ number: 14230, class: 10, message: 'SP_POST_MSX_OPERATION: 1 DEFECT download instruction(s) posted.' }],
        error: sqlErrors(
          sqlError(14262, 16, "The specified @server_name ('TSX9') does not exist.", { procName: 'sp_delete_targetserver' }),
          sqlError(3902, 16, 'The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.', { procName: 'sp_delete_targetserver' }),
        ),
      }),
    });
    const e = (await executor.exec('sp_delete_targetserver', { server_name: 'TSX9' }).catch((x: unknown) => x)) as SqlServerCallError;
    expect(e).toBeInstanceOf(SqlServerCallError);
    expect(e).toBeInstanceOf(SqlServerError);
    expect(e.number).toBe(14262);
    expect(e.otherErrors.map((x) => x.number)).toEqual([3902]);
    expect(e.messages).toEqual([{ number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 1 DEFECT download instruction(s) posted.' }]);
  });

  it('a request timeout is a ConnectionFailure of kind timeout, and the pool is replaced', async () => {
    const { driver, executor } = await openFake({
      proc: () => ({ error: new mssql.RequestError(Object.assign(new Error('Timeout: Request failed to complete in 20000ms'), { code: 'ETIMEOUT' }), 'EREQUEST') }),
    });
    const e = (await executor.exec('sp_help_targetserver').catch((x: unknown) => x)) as ConnectionFailure;
    expect(e).toBeInstanceOf(ConnectionFailure);
    expect(e).toMatchObject({ kind: 'timeout', phase: 'request', code: 'ETIMEOUT' });
    expect(e.message).toContain('20 s');
    await vi_waitFor(() => driver.pools.length === 2 && driver.pools[0].closed);
  });

  it('a connection lost during a call is a ConnectionFailure of kind unreachable', async () => {
    const { executor, connection } = await openFake({
      proc: () => ({ error: new mssql.RequestError(Object.assign(new Error('Connection closed before request completed.'), { code: 'ECLOSE' }), 'EREQUEST') }),
    });
    await expect(executor.exec('sp_help_targetserver')).rejects.toMatchObject({ name: 'ConnectionFailure', kind: 'unreachable', phase: 'request' });
    expect(connection.state).toBe('reconnecting');
    await connection.close();
  });

  it('a pool that cannot get a session (server gone) reports unreachable', async () => {
    const { executor, connection } = await openFake({
      proc: () => ({ error: connectionError('ESOCKET', 'Failed to connect to MSX01:1433 - connect ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) }),
    });
    await expect(executor.exec('sp_help_targetserver')).rejects.toMatchObject({ kind: 'unreachable' });
    await connection.close();
  });
});

describe('SqlServerExecutor: cancellation', () => {
  it('aborting the signal cancels the running request; the call rejects with kind canceled and the pool is replaced', async () => {
    let release!: () => void;
    const { driver, executor } = await openFake({ proc: () => ({ until: new Promise<void>((r) => (release = r)) }) });
    const ac = new AbortController();
    const p = executor.exec('sp_help_downloadlist', { status: 0 }, { signal: ac.signal });
    await vi_waitFor(() => driver.executed.length === 1);
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'ConnectionFailure', kind: 'canceled', code: 'ECANCEL' });
    expect(driver.executed[0].canceled).toBe(true);
    release();
    await vi_waitFor(() => driver.pools.length === 2 && driver.pools[0].closed && driver.pools[1].connected);
  });

  it('an already aborted signal sends nothing', async () => {
    const { driver, executor } = await openFake();
    const ac = new AbortController();
    ac.abort();
    await expect(executor.exec('sp_help_targetserver', {}, { signal: ac.signal })).rejects.toMatchObject({ kind: 'canceled' });
    expect(driver.executed).toHaveLength(0);
  });

  it('the next call after a cancel runs on the fresh pool', async () => {
    let first = true;
    const { driver, executor } = await openFake({
      proc: () => {
        if (first) {
          first = false;
          return { until: new Promise(() => undefined) };
        }
        return { recordsets: [[{ ok: 1 }]] };
      },
    });
    const ac = new AbortController();
    const p = executor.exec('sp_help_targetserver', {}, { signal: ac.signal });
    await vi_waitFor(() => driver.executed.length === 1);
    ac.abort();
    await p.catch(() => undefined);
    await vi_waitFor(() => driver.pools.length === 2 && driver.pools[1].connected && driver.pools[0].closed);
    await expect(executor.exec('sp_help_targetserver')).resolves.toMatchObject({ recordsets: [[{ ok: 1 }]] });
    expect(driver.executed[1].pool).toBe(driver.pools[1]);
  });
});

async function vi_waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('SqlServerExecutor: values that are not SQL values', () => {
  it('NaN, Infinity and an invalid Date are refused before anything is sent (mssql would send NULL)', async () => {
    const { driver, executor } = await openFake();
    await expect(executor.exec('sp_post_msx_operation', { operation: 'SET-POLL', value: Number.NaN })).rejects.toThrow(/@value: NaN is not a SQL value/);
    await expect(executor.exec('sp_post_msx_operation', { operation: 'SET-POLL', value: Infinity })).rejects.toThrow(TypeError);
    await expect(executor.exec('sp_help_downloadlist', { date_posted: new Date('nope') })).rejects.toThrow(/invalid Date/);
    expect(driver.executed).toHaveLength(0);
  });

  it('a Date outside datetime\'s range goes as text, for SQL Server to refuse', async () => {
    const req = await sent('sp_help_downloadlist', { date_posted: new Date(Date.UTC(1600, 0, 1)) });
    expect(typesOf(req)).toEqual({ date_posted: 'NVarChar(4000)' });
    expect(valuesOf(req)).toEqual({ date_posted: '1600-01-01T00:00:00.000Z' });
  });
});
