import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlServerError } from '../msx/errors';
import type { MsdbExecutor } from '../msdb/executor';
import { AuditLog, auditedExecutor, isWrite, MASK, maskSecrets } from './auditLog';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const auditFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'msx-audit-'));
  dirs.push(d);
  return join(d, 'audit.jsonl');
};

/** An msdb that answers 14230 to a post, fails 14262 for server 'NOPE', and reads nothing. */
function fakeMsdb(calls: string[]): MsdbExecutor {
  return {
    serverInfo: async () => {
      throw new Error('not used');
    },
    agentRegistry: async () => {
      throw new Error('not used');
    },
    exec: async (proc, params = {}) => {
      calls.push(proc);
      if (params.specific_target_server === 'NOPE') throw new SqlServerError(14262, 16, "The specified @server_name ('NOPE') does not exist.");
      return { returnValue: 0, recordsets: [], messages: proc === 'sp_post_msx_operation' ? [{ number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.' }] : [] };
    },
  };
}

const context = () => ({ connectionId: 'lab', server: 'MSX01', login: 'sa' });
const at = () => new Date('2026-11-22T07:00:00.000Z');

describe('audit log: every write the console sends, never a password', () => {
  it('tells writes from reads', () => {
    expect(isWrite('sp_post_msx_operation')).toBe(true);
    expect(isWrite('msdb.dbo.sp_resync_targetserver')).toBe(true);
    expect(isWrite('sp_sqlagent_notify')).toBe(true);
    expect(isWrite('sp_help_targetserver')).toBe(false);
    expect(isWrite('sp_get_sqlagent_properties')).toBe(false);
    expect(isWrite('sp_help_downloadlist')).toBe(false);
  });

  it('records a write with connection, login, time, T-SQL, outcome and messages; reads are not recorded', async () => {
    const log = new AuditLog();
    const calls: string[] = [];
    const exec = auditedExecutor(fakeMsdb(calls), log, context, at);
    await exec.exec('sp_help_targetserver', {});
    await exec.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 60, job_id: undefined });
    expect(calls).toEqual(['sp_help_targetserver', 'sp_post_msx_operation']);
    expect(log.list()).toEqual([
      {
        at: '2026-11-22T07:00:00.000Z',
        connectionId: 'lab',
        server: 'MSX01',
        login: 'sa',
        proc: 'sp_post_msx_operation',
        tsql: "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'TSX1', @value = 60;",
        ok: true,
        returnValue: 0,
        messages: [{ number: 14230, text: 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.' }],
      },
    ]);
  });

  it("records a failed write with SQL Server's number and text, and the call still fails", async () => {
    const log = new AuditLog();
    const exec = auditedExecutor(fakeMsdb([]), log, context, at);
    await expect(exec.exec('sp_post_msx_operation', { operation: 'SET-POLL', specific_target_server: 'NOPE', value: 60 })).rejects.toMatchObject({ number: 14262 });
    expect(log.list()[0]).toMatchObject({ ok: false, error: { number: 14262, message: "The specified @server_name ('NOPE') does not exist." } });
  });

  it('never holds a password: secret-named parameters are masked in the T-SQL, in memory and on disk', async () => {
    const file = auditFile();
    const log = new AuditLog(file);
    const exec = auditedExecutor(fakeMsdb([]), log, context, at);
    const secret = 'S3cr3t!Pa55';
    await exec.exec('sp_msx_set_account', { credential_name: 'msx_cred', password: secret });
    await exec.exec('sp_add_proxy', { proxy_name: 'p', Client_Secret: secret, pwd: secret, new_password: secret, token: secret });
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
    expect(JSON.stringify(log.list())).not.toContain(secret);
    expect(log.list()[1].tsql).toBe(`EXEC msdb.dbo.sp_msx_set_account @credential_name = N'msx_cred', @password = N'${MASK}';`);
    expect(maskSecrets({ password: null })).toEqual({ password: null });
  });

  it('keeps JSON lines in the data folder, readable by the user only, read back on open; searchable, newest first', async () => {
    const file = auditFile();
    const log = new AuditLog(file);
    const exec = auditedExecutor(fakeMsdb([]), log, context, at);
    await exec.exec('sp_post_msx_operation', { operation: 'SET-POLL', specific_target_server: 'LONDON', value: 60 });
    await exec.exec('sp_resync_targetserver', { server_name: 'TOKYO' });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { proc: string }).proc)).toEqual(['sp_post_msx_operation', 'sp_resync_targetserver']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = new AuditLog(file);
    expect(reopened.list().map((e) => e.proc)).toEqual(['sp_resync_targetserver', 'sp_post_msx_operation']);
    expect(reopened.list({ search: 'tokyo' }).map((e) => e.proc)).toEqual(['sp_resync_targetserver']);
    expect(reopened.list({ search: 'nothing like it' })).toEqual([]);
  });

  it("reads only the file's end on open (the file keeps everything); a record cut at the start of that end is skipped", async () => {
    const file = auditFile();
    const log = new AuditLog(file);
    const exec = auditedExecutor(fakeMsdb([]), log, context, at);
    for (const server of ['ONE', 'TWO', 'THREE']) await exec.exec('sp_resync_targetserver', { server_name: server });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    // The last two records whole, and a few bytes of the first.
    const tail = lines[1]!.length + lines[2]!.length + 2 + 5;
    expect(new AuditLog(file, tail).list().map((e) => e.tsql)).toEqual([expect.stringContaining("N'THREE'"), expect.stringContaining("N'TWO'")]);
    expect(new AuditLog(file).list()).toHaveLength(3);
  });
});
