// The server end to end with real clients: the project's own mssql executor and raw tedious,
// against an embedded master, over plain text, TLS (Mandatory) and TDS 8.0 strict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectSqlServer } from '../msdb/sqlserver/connector';
import { ConnectionFailure } from '../msdb/sqlserver/errors';
import type { MsdbExecutor, SqlValue } from '../msdb/executor';
import { SqlServerError } from '../msx/errors';
import { snapshot } from '../msdb/embedded/testing';
import { loadOrCreateCertificate } from './certificate';
import { createTdsServer } from './server';
import { OPERATOR_LOGIN, SA_PASSWORD, startLabServer } from './testing';
import { rawBatch, rawClose, rawConnect, rawProc, rawQuery, TYPES } from './tediousClient';

type Lab = Awaited<ReturnType<typeof startLabServer>>;
const certDir = mkdtempSync(join(tmpdir(), 'msx-tds-cert-'));

describe('the project executor over TDS (encrypt Optional: no TLS)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLabServer();
  });
  afterAll(async () => lab.server.close());

  const connect = (login = 'sa', password = SA_PASSWORD) =>
    connectSqlServer({
      server: `127.0.0.1,${lab.server.port}`,
      authentication: { type: 'sql', login, password },
      encrypt: 'Optional',
      connectTimeoutMs: 5000,
    });

  it('connects; the connect batch gives the in-process server info; sp_help_targetserver rows equal the in-process rows', async () => {
    const s = await connect();
    try {
      expect(s.info).toEqual({ ...(await lab.exec.serverInfo()), agentRoleKnown: true, agentRoleError: null, agentRoleErrorMessage: null });
      const wire = await s.executor.exec('msdb.dbo.sp_help_targetserver');
      const local = await lab.exec.exec('sp_help_targetserver');
      expect(wire).toEqual(local);
      expect(wire.recordsets[0]).toHaveLength(3);
      const one = await s.executor.exec('sp_help_targetserver', { server_name: 'TSX2' });
      expect(one).toEqual(await lab.exec.exec('sp_help_targetserver', { server_name: 'TSX2' }));
    } finally {
      await s.close();
    }
  });

  it('an error arrives as a SqlServerError with SQL Server number, class, state and procedure; nothing changes', async () => {
    const s = await connect();
    try {
      const before = snapshot(lab.msdb);
      const e = await s.executor.exec('sp_help_targetserver', { server_name: 'NOPE' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SqlServerError);
      expect(e).toMatchObject({ number: 14262, severity: 16, state: 1, procName: 'sp_help_targetserver', message: "The specified @server_name ('NOPE') does not exist." });
      expect(snapshot(lab.msdb).equals(before)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('an informational message (14230) arrives with the call, and the post is in the lab', async () => {
    const s = await connect();
    try {
      const queued = async () => (await lab.exec.exec('sp_help_downloadlist')).recordsets[0]?.length ?? 0;
      const before = await queued();
      const r = await s.executor.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', value: 90 });
      expect(r.returnValue).toBe(0);
      expect(r.messages).toEqual([{ number: 14230, severity: 10, text: 'SP_POST_MSX_OPERATION: 3 SET-POLL download instruction(s) posted.' }]);
      expect(await queued()).toBe(before + 3);
    } finally {
      await s.close();
    }
  });

  it('a wrong password is refused with 18456 and SQL Server text', async () => {
    const e = await connect('sa', 'wrong').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectionFailure);
    expect(e).toMatchObject({ kind: 'login', number: 18456 });
    expect((e as Error).message).toContain("Login failed for user 'sa'.");
    const unknown = await connect('nobody', SA_PASSWORD).catch((x: unknown) => x);
    expect(unknown).toMatchObject({ kind: 'login', number: 18456 });
  });

  it('the second login is not sysadmin: the connect batch says so, and its calls run as that login', async () => {
    const s = await connect(OPERATOR_LOGIN);
    try {
      expect(s.info).toMatchObject({ isSysadmin: false, login: OPERATOR_LOGIN, serverName: 'MSX01' });
      const local = await lab.msdb.executor({ login: OPERATOR_LOGIN, isSysadmin: false }).exec('sp_help_targetserver').catch((x: unknown) => x);
      const wire = await s.executor.exec('sp_help_targetserver').catch((x: unknown) => x);
      // whatever msdb does for a non-sysadmin (rows, or an error), it arrives the same over the wire
      if (local instanceof SqlServerError) expect(wire).toMatchObject({ number: local.number, message: local.message });
      else expect(wire).toEqual(local);
    } finally {
      await s.close();
    }
  });
});

describe('raw tedious', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLabServer();
  });
  afterAll(async () => lab.server.close());

  it('RPC by every accepted name spelling; return status; 14262 as an error with its number', async () => {
    const c = await rawConnect(lab.server.port, { password: SA_PASSWORD });
    try {
      for (const name of ['msdb.dbo.sp_help_targetserver', 'sp_help_targetserver', '[msdb].[dbo].[sp_help_targetserver]', 'MSDB.DBO.SP_HELP_TARGETSERVER', 'dbo.sp_help_targetserver']) {
        const r = await rawProc(c, name);
        expect(r.recordsets[0].map((row) => row.server_name)).toEqual(['TSX1', 'TSX2', 'TSX3']);
        expect(r.returnStatus).toBe(0);
      }
      const e = await rawProc(c, 'sp_help_targetserver', [['server_name', TYPES.NVarChar, 'NOPE']]).catch((x: unknown) => x);
      expect(e).toMatchObject({ number: 14262, class: 16, procName: 'sp_help_targetserver', serverName: 'MSX01' });
      // the connection is still usable after an error
      expect((await rawBatch(c, 'SELECT 1 AS one')).recordsets).toEqual([[{ one: 1 }]]);
    } finally {
      await rawClose(c);
    }
  });

  it('batches: the connect statements drivers send, EXEC with literals, USE; anything else is refused with 50000', async () => {
    const c = await rawConnect(lab.server.port, { password: SA_PASSWORD });
    try {
      const r = await rawBatch(c, "SET NOCOUNT ON; SELECT @@SPID AS spid, @@VERSION AS v, SERVERPROPERTY('ProductVersion') AS pv, SERVERPROPERTY(N'EngineEdition') AS ee, SERVERPROPERTY('ServerName') sn, SUSER_SNAME() AS who, DB_NAME() AS db");
      const row = r.recordsets[0][0];
      expect(row).toMatchObject({ pv: '16.0.4135.4', ee: 3, sn: 'MSX01', who: 'sa', db: 'msdb' });
      expect(row.v).toMatch(/^Microsoft SQL Server 2022 .*16\.0\.4135\.4/);
      expect(typeof row.spid).toBe('number');
      const exec = await rawBatch(c, "exec msdb.dbo.sp_help_targetserver @server_name = N'TSX1'; EXECUTE sp_help_targetserver N'TSX3' -- positional");
      expect(exec.recordsets).toEqual([[expect.objectContaining({ server_name: 'TSX1' })], [expect.objectContaining({ server_name: 'TSX3' })]]);
      const quoted = await rawBatch(c, "EXEC [msdb]..[sp_help_targetserver] @server_name = N'TS''X'").catch((x: unknown) => x);
      expect(quoted).toMatchObject({ number: 14262, message: "The specified @server_name ('TS'X') does not exist." });
      expect((await rawBatch(c, 'USE master; SELECT DB_NAME() AS db')).recordsets).toEqual([[{ db: 'master' }]]);
      const bad = await rawBatch(c, 'DELETE FROM msdb.dbo.systargetservers').catch((x: unknown) => x);
      expect(bad).toMatchObject({ number: 50000, class: 16 });
      expect((bad as Error).message).toMatch(/does not run arbitrary T-SQL/);
      const unclosed = await rawBatch(c, "EXEC sp_help_targetserver N'TSX1").catch((x: unknown) => x);
      expect(unclosed).toMatchObject({ number: 105 });
      expect((await rawBatch(c, 'select 1')).recordsets).toEqual([[{ '': 1 }]]);
      expect(await rawBatch(c, "EXEC sp_nope N'x'").catch((x: unknown) => x)).toMatchObject({ number: 2812, message: "Could not find stored procedure 'sp_nope'." });
      expect(await rawBatch(c, "EXEC sp_help_targetserver N'TSX1', N'extra'").catch((x: unknown) => x)).toMatchObject({ number: 8144 });
      expect(await rawProc(c, 'master.dbo.sp_who').catch((x: unknown) => x)).toMatchObject({ number: 2812 });
    } finally {
      await rawClose(c);
    }
  });

  it('sp_executesql with parameters: values are bound, never pasted into text', async () => {
    const c = await rawConnect(lab.server.port, { password: SA_PASSWORD });
    try {
      const r = await rawQuery(c, 'EXEC msdb.dbo.sp_help_targetserver @server_name = @name', [['name', TYPES.NVarChar, 'TSX2']]);
      expect(r.recordsets[0].map((row) => row.server_name)).toEqual(['TSX2']);
      const inj = await rawQuery(c, 'EXEC msdb.dbo.sp_help_targetserver @server_name = @name', [['name', TYPES.NVarChar, "x'; DROP TABLE t; --"]]).catch((x: unknown) => x);
      expect(inj).toMatchObject({ number: 14262 });
      expect((await rawQuery(c, 'SELECT 1;')).recordsets).toEqual([[{ '': 1 }]]);
    } finally {
      await rawClose(c);
    }
  });

  it('parameter types reach the executor decoded: nvarchar (incl. max), varchar, int, tinyint, bit, uniqueidentifier, datetime, NULLs', async () => {
    const seen: Array<Record<string, SqlValue | undefined>> = [];
    const recorder: MsdbExecutor = {
      exec: async (_proc, params) => {
        seen.push({ ...params });
        return { returnValue: 7, recordsets: [], messages: [] };
      },
      serverInfo: () => lab.exec.serverInfo(),
      agentRegistry: () => lab.exec.agentRegistry(),
    };
    const server = await createTdsServer({ port: 0, logins: [{ name: 'sa', password: 'pw', executor: recorder }] });
    const c = await rawConnect(server.port, { password: 'pw' });
    try {
      const long = 'x'.repeat(5000);
      const when = new Date(Date.UTC(2026, 10, 2, 10, 30, 15, 0));
      const r = await rawProc(c, 'sp_x', [
        ['a', TYPES.NVarChar, 'Straße ✓'],
        ['b', TYPES.NVarChar, long],
        ['c', TYPES.VarChar, 'SET-POLL'],
        ['d', TYPES.Int, -123456],
        ['e', TYPES.TinyInt, 200],
        ['f', TYPES.Bit, true],
        ['g', TYPES.UniqueIdentifier, '6F1B8C2E-0A41-4C3B-9D5E-1A2B3C4D5E6F'],
        ['h', TYPES.DateTime, when],
        ['i', TYPES.Int, null],
        ['j', TYPES.NVarChar, null],
        ['k', TYPES.UniqueIdentifier, null],
        ['l', TYPES.DateTime, null],
        ['m', TYPES.BigInt, '9007199254740993'],
        ['n', TYPES.VarChar, 'y'.repeat(9000)],
        ['o', TYPES.DateTime2, when],
      ]);
      expect(r.returnStatus).toBe(7);
      expect(seen[0]).toEqual({
        a: 'Straße ✓',
        b: long,
        c: 'SET-POLL',
        d: -123456,
        e: 200,
        f: true,
        g: '6F1B8C2E-0A41-4C3B-9D5E-1A2B3C4D5E6F',
        h: when,
        i: null,
        j: null,
        k: null,
        l: null,
        m: '9007199254740993',
        n: 'y'.repeat(9000),
        o: when,
      });
    } finally {
      await rawClose(c);
      await server.close();
    }
  });

  it('result column types from JS values: int, bigint, float, bit, datetime, nvarchar(max), varbinary, an all-NULL column', async () => {
    const when = new Date(Date.UTC(2026, 10, 2, 10, 30, 15, 0));
    const rows = [
      { i: 1, big: 2 ** 40, f: 1.5, b: true, d: when, s: 'a'.repeat(4500), bin: Buffer.from([1, 2, 3]), n: null },
      { i: null, big: null, f: null, b: null, d: null, s: null, bin: null, n: null },
    ];
    const ex: MsdbExecutor = { exec: async () => ({ returnValue: 0, recordsets: [rows, []], messages: [] }), serverInfo: () => lab.exec.serverInfo(), agentRegistry: () => lab.exec.agentRegistry() };
    const server = await createTdsServer({ port: 0, logins: [{ name: 'sa', password: 'pw', executor: ex }] });
    const c = await rawConnect(server.port, { password: 'pw' });
    try {
      const r = await rawProc(c, 'sp_rows');
      // bigint comes back as text from tedious, as it does from a real server
      expect(r.recordsets[0]).toEqual([{ ...rows[0], big: String(2 ** 40) }, rows[1]]);
      expect(r.recordsets[1]).toEqual([]);
    } finally {
      await rawClose(c);
      await server.close();
    }
  });

  it('a request timeout cancels cleanly (ATTENTION -> DONE ATTN); the connection stays usable; the slow call still completes', async () => {
    let finished = 0;
    let release!: () => void;
    const slow: MsdbExecutor = {
      exec: async (proc, params) => {
        if (proc === 'sp_slow') {
          await new Promise<void>((r) => (release = r));
          finished++;
          return { returnValue: 0, recordsets: [[{ late: 1 }]], messages: [] };
        }
        return lab.exec.exec(proc, params);
      },
      serverInfo: () => lab.exec.serverInfo(),
      agentRegistry: () => lab.exec.agentRegistry(),
    };
    const server = await createTdsServer({ port: 0, logins: [{ name: 'sa', password: 'pw', executor: slow }] });
    const c = await rawConnect(server.port, { password: 'pw', requestTimeout: 300 });
    try {
      const e = await rawProc(c, 'sp_slow').catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'ETIMEOUT' });
      // The next request waits for the canceled call to finish (one call at a time per session).
      const next = rawProc(c, 'sp_help_targetserver');
      release();
      expect((await next).recordsets[0]).toHaveLength(3);
      expect(finished).toBe(1);
    } finally {
      await rawClose(c);
      await server.close();
    }
  });

  it('a client that disconnects mid-request: the call completes, its output is dropped, the server carries on', async () => {
    let release!: () => void;
    let done = false;
    const slow: MsdbExecutor = {
      exec: async () => {
        await new Promise<void>((r) => (release = r));
        done = true;
        return { returnValue: 0, recordsets: [[{ x: 1 }]], messages: [] };
      },
      serverInfo: () => lab.exec.serverInfo(),
      agentRegistry: () => lab.exec.agentRegistry(),
    };
    const server = await createTdsServer({ port: 0, logins: [{ name: 'sa', password: 'pw', executor: slow }] });
    const c = await rawConnect(server.port, { password: 'pw' });
    const pending = rawProc(c, 'sp_slow').catch((x: unknown) => x);
    await new Promise((r) => setTimeout(r, 100));
    c.close();
    await pending;
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(true);
    const c2 = await rawConnect(server.port, { password: 'pw' });
    expect((await rawBatch(c2, 'SELECT 2 AS two')).recordsets).toEqual([[{ two: 2 }]]);
    await rawClose(c2);
    await server.close();
  });

  it("the project's executor: a call over its timeout is canceled (ATTENTION) and the connection carries on", async () => {
    let release!: () => void;
    const slow: MsdbExecutor = {
      exec: async (proc, params) => {
        if (proc.endsWith('sp_help_downloadlist')) await new Promise<void>((r) => (release = r));
        return lab.exec.exec(proc, params);
      },
      serverInfo: () => lab.exec.serverInfo(),
      agentRegistry: () => lab.exec.agentRegistry(),
    };
    const server = await createTdsServer({ port: 0, logins: [{ name: 'sa', password: 'pw', executor: slow }] });
    const s = await connectSqlServer({ server: `127.0.0.1,${server.port}`, authentication: { type: 'sql', login: 'sa', password: 'pw' }, encrypt: 'Optional', connectTimeoutMs: 5000 });
    try {
      const e = await s.executor.exec('sp_help_downloadlist', {}, { timeoutMs: 300 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConnectionFailure);
      expect(e).toMatchObject({ kind: 'timeout' });
      release();
      expect((await s.executor.exec('sp_help_targetserver')).recordsets[0]).toHaveLength(3);
    } finally {
      await s.close();
      await server.close();
    }
  });

  it('an executor that could not read the Agent role: the connect batch says unknown, with why', async () => {
    const denied = "The SELECT permission was denied on the object 'systargetservers', database 'msdb', schema 'dbo'.";
    const ex: MsdbExecutor = {
      exec: (proc, params) => lab.exec.exec(proc, params),
      serverInfo: async () => ({ ...(await lab.exec.serverInfo()), agentRole: 'standalone', agentRoleKnown: false, agentRoleError: 229, agentRoleErrorMessage: denied }) as Awaited<ReturnType<MsdbExecutor['serverInfo']>>,
      agentRegistry: () => lab.exec.agentRegistry(),
    };
    const server = await createTdsServer({ port: 0, logins: [{ name: 'sa', password: 'pw', executor: ex }] });
    try {
      const s = await connectSqlServer({ server: `127.0.0.1,${server.port}`, authentication: { type: 'sql', login: 'sa', password: 'pw' }, encrypt: 'Optional', connectTimeoutMs: 5000 });
      expect(s.info).toMatchObject({ agentRoleKnown: false, agentRoleError: 229, agentRoleErrorMessage: denied });
      await s.close();
    } finally {
      await server.close();
    }
  });

  it('refuses to listen anywhere but 127.0.0.1', async () => {
    await expect(createTdsServer({ host: '0.0.0.0', logins: [] })).rejects.toThrow(/127\.0\.0\.1 only/);
  });
});

describe('encryption', () => {
  let lab: Lab;
  let cert: string;
  beforeAll(async () => {
    const c = await loadOrCreateCertificate(certDir);
    cert = c.cert.toString();
    lab = await startLabServer({ tls: c });
  });
  afterAll(async () => lab.server.close());

  const connect = (encrypt: 'Mandatory' | 'Optional' | 'Strict', trustServerCertificate: boolean) =>
    connectSqlServer({
      server: `127.0.0.1,${lab.server.port}`,
      authentication: { type: 'sql', login: 'sa', password: SA_PASSWORD },
      encrypt,
      trustServerCertificate,
      connectTimeoutMs: 5000,
    });

  it('Mandatory with Trust server certificate: TLS inside PRELOGIN, then the same rows', async () => {
    const s = await connect('Mandatory', true);
    try {
      expect(await s.executor.exec('sp_help_targetserver')).toEqual(await lab.exec.exec('sp_help_targetserver'));
      expect(lab.logs.some((l) => l.includes("login 'sa'") && l.includes(', TLS,'))).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('Mandatory without trusting the self-signed certificate: the client refuses it (certificate failure)', async () => {
    const e = await connect('Mandatory', false).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectionFailure);
    expect(e).toMatchObject({ kind: 'certificate' });
  });

  it('a wrong password inside TLS (Mandatory) and inside strict TLS: 18456 all the same', async () => {
    const e = await connectSqlServer({ server: `127.0.0.1,${lab.server.port}`, authentication: { type: 'sql', login: 'sa', password: 'wrong' }, encrypt: 'Mandatory', trustServerCertificate: true, connectTimeoutMs: 5000 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'login', number: 18456 });
    const strict = await rawConnect(lab.server.port, { password: 'wrong', encrypt: 'strict', ca: cert }).catch((x: unknown) => x);
    expect((strict as Error).message).toContain("Login failed for user 'sa'.");
  });

  it('Optional with a certificate: the client asks for no encryption and gets none', async () => {
    const s = await connect('Optional', false);
    try {
      expect((await s.executor.exec('sp_help_targetserver')).recordsets[0]).toHaveLength(3);
    } finally {
      await s.close();
    }
  });

  it('TDS 8.0 strict: TLS first with ALPN tds/8.0, the certificate validated against its own CA', async () => {
    const c = await rawConnect(lab.server.port, { password: SA_PASSWORD, encrypt: 'strict', ca: cert });
    try {
      expect((await rawProc(c, 'sp_help_targetserver')).recordsets[0]).toHaveLength(3);
    } finally {
      await rawClose(c);
    }
    expect(lab.logs.some((l) => l.includes('strict TLS'))).toBe(true);
    // Strict through the project's executor cannot trust a self-signed certificate (TDS 8.0 always validates).
    const e = await connect('Strict', true).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'certificate' });
  });

  it('a server that requires encryption turns away a client that will not encrypt', async () => {
    const strictLab = await startLabServer({ tls: { key: (await loadOrCreateCertificate(certDir)).key, cert }, encryption: 'required' });
    try {
      const e = await connectSqlServer({ server: `127.0.0.1,${strictLab.server.port}`, authentication: { type: 'sql', login: 'sa', password: SA_PASSWORD }, encrypt: 'Optional', connectTimeoutMs: 5000 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConnectionFailure);
    } finally {
      await strictLab.server.close();
    }
  });

  it('the certificate is kept and reused', async () => {
    const again = await loadOrCreateCertificate(certDir);
    expect(again.created).toBe(false);
    expect(again.cert.toString()).toBe(cert);
  });
});
