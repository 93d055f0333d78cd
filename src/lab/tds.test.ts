// The lab on the wire (lab/tds.ts), through the project's own mssql executor and FreeTDS's tsql:
// the same lab the app sees, its events for writes made over TDS, its targets' own endpoints, the
// two logins, and the command lines' output.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSqlServer, type SqlServerSession } from '../msdb/sqlserver/connector';
import { ConnectionFailure } from '../msdb/sqlserver/errors';
import { SqlServerError } from '../msx/errors';
import { createSelfSignedCertificate } from '../tds';
import { rawBatch, rawClose, rawConnect } from '../tds/tediousClient';
import { endpointsFor, LabTds, tdsLines } from './tds';
import { createTestLab } from './testing';

const PASSWORD = 'Lab-Test-pw1';
const TLS = createSelfSignedCertificate();
const open: Array<{ close(): Promise<void> | void }> = [];

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function labOnTds() {
  const f = await createTestLab();
  const tds = await LabTds.start(f.lab, { port: 0, password: PASSWORD, generated: false, tls: TLS });
  open.push({ close: () => f.lab.close() }, tds);
  const port = (server: string) => tds.status.endpoints.find((e) => e.server === server)!.port;
  const connect = async (server: string, login = 'sa', password = PASSWORD): Promise<SqlServerSession> => {
    const s = await connectSqlServer({
      server: `127.0.0.1,${port(server)}`,
      authentication: { type: 'sql', login, password },
      encrypt: 'Mandatory',
      trustServerCertificate: true,
    });
    open.push(s);
    return s;
  };
  return { ...f, tds, port, connect };
}

describe('the lab serves TDS', () => {
  it('the master and each target on their own port; one line per server, then the logins', async () => {
    const f = await createTestLab();
    open.push({ close: () => f.lab.close() });
    expect(endpointsFor(f.lab, 47300)).toEqual([
      { server: 'MSX01', port: 47300 },
      { server: 'LONDON-SQL01', port: 47301 },
      { server: 'NYC-SQL02', port: 47302 },
      { server: 'SEA-SQL03', port: 47303 },
      { server: 'TOKYO-SQL04', port: 47304 },
      { server: 'SYD-SQL05', port: 47305 },
    ]);
    expect(() => endpointsFor(f.lab, 65533)).toThrow('The lab needs ports 65533 to 65538 (its master and 5 targets); choose a lower --tds port.');
    expect(tdsLines({ endpoints: [{ server: 'MSX01', port: 47300 }, { server: 'LONDON-SQL01', port: 47301 }], sysadminLogin: 'sa', otherLogin: 'labuser', password: 'pw' })).toEqual([
      'TDS: MSX01 at 127.0.0.1,47300',
      'TDS: LONDON-SQL01 at 127.0.0.1,47301',
      'TDS logins: sa (sysadmin), labuser (not sysadmin); password pw',
    ]);
  });

  it('sa on the master: the project executor sees the lab as an MSX and reads its targets', async () => {
    const f = await labOnTds();
    const sa = await f.connect('MSX01');
    expect(await sa.executor.serverInfo()).toMatchObject({ serverName: 'MSX01', isSysadmin: true, login: 'sa', agentRole: 'msx' });
    const rows = (await sa.executor.exec('msdb.dbo.sp_help_targetserver')).recordsets[0];
    expect(rows.map((r) => r.server_name)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04']);
    expect(rows).toEqual((await f.sa.exec('sp_help_targetserver')).recordsets[0].map((r) => expect.objectContaining({ server_name: r.server_name, status: r.status })));
  });

  it('a post over TDS emits the same master.changed event as one from the app, naming its target', async () => {
    const f = await labOnTds();
    const sa = await f.connect('MSX01');
    f.events.length = 0;
    const r = await sa.executor.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'NYC-SQL02', value: 30 });
    expect(r.messages.map((m) => m.number)).toEqual([14230]);
    expect(f.events).toContainEqual({ type: 'master.changed', proc: 'sp_post_msx_operation', servers: ['NYC-SQL02'] });
  });

  it("a simulated poll shows in a TDS client's next sp_help_targetserver; sp_sqlagent_notify on the target's own port makes it poll", async () => {
    const f = await labOnTds();
    const sa = await f.connect('MSX01');
    const lastPoll = async () => ((await sa.executor.exec('sp_help_targetserver', { server_name: 'LONDON-SQL01' })).recordsets[0][0].last_poll_date as Date).getTime();
    await f.scheduler.advance(5_000);
    const before = await lastPoll();
    const target = await f.connect('LONDON-SQL01');
    expect(await target.executor.serverInfo()).toMatchObject({ serverName: 'LONDON-SQL01', agentRole: 'tsx', msxServerName: 'MSX01' });
    await target.executor.exec('msdb.dbo.sp_sqlagent_notify', { op_type: 'P' });
    await f.scheduler.settle();
    expect(await lastPoll()).toBeGreaterThan(before);
  });

  it("a target's Agent registry over its own port, one batch as msdb reads it: what the lab target holds; labuser reads nothing", async () => {
    const f = await labOnTds();
    const agent = f.lab.agent('LONDON-SQL01')!;
    agent.state.registry = { msxEncryptChannelOptions: 1, allowDownloadedJobsToMatchProxyName: 1 };
    const sa = await f.connect('LONDON-SQL01');
    expect(await sa.executor.agentRegistry()).toEqual({
      msxServerName: 'MSX01',
      msxEncryptChannelOptions: 1,
      allowDownloadedJobsToMatchProxyName: 1,
      readAsSysadmin: true,
      error: null,
    });
    agent.state.registry = { msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 0 };
    expect(await sa.executor.agentRegistry()).toMatchObject({ msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 0 });
    // A denied read looks like an absent value (no_output); the row says the login is not sysadmin.
    const user = await f.connect('LONDON-SQL01', 'labuser');
    expect(await user.executor.agentRegistry()).toEqual({
      msxServerName: null,
      msxEncryptChannelOptions: null,
      allowDownloadedJobsToMatchProxyName: null,
      readAsSysadmin: false,
      error: null,
    });
    // The master is not a target: no MSXServerName.
    expect(await (await f.connect('MSX01')).executor.agentRegistry()).toMatchObject({ msxServerName: null, readAsSysadmin: true });
  });

  it("the diagnosis scripts' registry lines run on a target's port: xp_instance_regwrite changes what the lab's Agent uses, xp_instance_regread reads it back; labuser gets 229", async () => {
    const f = await labOnTds();
    const c = await rawConnect(f.port('NYC-SQL02'), { user: 'sa', password: PASSWORD, encrypt: true, trust: true });
    open.push({ close: () => rawClose(c) });
    const key = "N'HKEY_LOCAL_MACHINE', N'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent'";
    // Absent: no row, as on a fresh install.
    expect((await rawBatch(c, `EXEC master.dbo.xp_instance_regread ${key}, N'AllowDownloadedJobsToMatchProxyName';`)).recordsets).toEqual([[]]);
    await rawBatch(c, `EXEC master.dbo.xp_instance_regwrite ${key}, N'AllowDownloadedJobsToMatchProxyName', N'REG_DWORD', 1;`);
    expect(f.lab.agent('NYC-SQL02')!.state.registry).toMatchObject({ allowDownloadedJobsToMatchProxyName: 1 });
    expect((await rawBatch(c, `EXECUTE master..xp_instance_regread ${key}, N'AllowDownloadedJobsToMatchProxyName';`)).recordsets).toEqual([[{ Value: 'AllowDownloadedJobsToMatchProxyName', Data: 1 }]]);
    expect((await rawBatch(c, `EXEC xp_instance_regread ${key}, N'MSXServerName';`)).recordsets).toEqual([[{ Value: 'MSXServerName', Data: 'MSX01' }]]);
    // The project's read sees the write.
    expect(await (await f.connect('NYC-SQL02')).executor.agentRegistry()).toMatchObject({ allowDownloadedJobsToMatchProxyName: 1 });
    // Refusals change nothing: a value the lab's Agent does not take, another key, MSXServerName, the master's registry.
    const refused = async (port: number, sql: string) => {
      const other = await rawConnect(port, { user: 'sa', password: PASSWORD, encrypt: true, trust: true });
      open.push({ close: () => rawClose(other) });
      return rawBatch(other, sql).then(() => undefined, (e: unknown) => e as Error & { number?: number });
    };
    expect(await refused(f.port('NYC-SQL02'), `EXEC master.dbo.xp_instance_regwrite ${key}, N'MsxEncryptChannelOptions', N'REG_DWORD', 7;`)).toMatchObject({ number: 50000, message: expect.stringContaining('MsxEncryptChannelOptions must be 0, 1, 2 or absent') });
    expect(await refused(f.port('NYC-SQL02'), "EXEC master.dbo.xp_instance_regread N'HKEY_LOCAL_MACHINE', N'SOFTWARE\\Microsoft\\Windows', N'ProductName';")).toMatchObject({ number: 50000, message: expect.stringContaining('simulates only') });
    expect(await refused(f.port('NYC-SQL02'), `EXEC master.dbo.xp_instance_regwrite ${key}, N'MSXServerName', N'REG_SZ', N'MSX02';`)).toMatchObject({ number: 50000 });
    expect(await refused(f.port('MSX01'), `EXEC master.dbo.xp_instance_regwrite ${key}, N'MsxEncryptChannelOptions', N'REG_DWORD', 1;`)).toMatchObject({ number: 50000 });
    expect(f.lab.agent('NYC-SQL02')!.state.registry).toEqual({ msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 1 });
    // Outside sysadmin: 229 on the extended procedure, as SQL Server answers.
    const user = await rawConnect(f.port('NYC-SQL02'), { user: 'labuser', password: PASSWORD, encrypt: true, trust: true });
    open.push({ close: () => rawClose(user) });
    const denied = await rawBatch(user, `EXEC master.dbo.xp_instance_regwrite ${key}, N'AllowDownloadedJobsToMatchProxyName', N'REG_DWORD', 0;`).then(() => undefined, (e: unknown) => e);
    expect(denied).toMatchObject({ number: 229, message: "The EXECUTE permission was denied on the object 'xp_instance_regwrite', database 'mssqlsystemresource', schema 'sys'." });
    expect(f.lab.agent('NYC-SQL02')!.state.registry).toMatchObject({ allowDownloadedJobsToMatchProxyName: 1 });
  });

  it('labuser is not sysadmin: the reads answer 229, a post silently does nothing', async () => {
    const f = await labOnTds();
    const user = await f.connect('MSX01', 'labuser');
    expect(await user.executor.serverInfo()).toMatchObject({ isSysadmin: false, login: 'labuser' });
    const e = await user.executor.exec('sp_help_targetserver').then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(SqlServerError);
    expect(e).toMatchObject({ number: 229, message: "The EXECUTE permission was denied on the object 'sp_help_targetserver', database 'msdb', schema 'dbo'." });
    const before = f.lab.master.db.value('SELECT COUNT(*) FROM sysdownloadlist');
    expect(await user.executor.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER' })).toMatchObject({ returnValue: 0, messages: [] });
    expect(f.lab.master.db.value('SELECT COUNT(*) FROM sysdownloadlist')).toBe(before);
  });

  it('a wrong password or an unknown login is 18456, with its hint', async () => {
    const f = await labOnTds();
    for (const [login, password] of [['sa', 'wrong'], ['nobody', PASSWORD]]) {
      const e = await f.connect('MSX01', login, password).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(ConnectionFailure);
      expect(e).toMatchObject({ kind: 'login', number: 18456 });
      expect((e as ConnectionFailure).message).toContain(`Login failed for user '${login}'.`);
    }
  });

  it('a port in use: says which, and starts nothing', async () => {
    const f = await createTestLab();
    open.push({ close: () => f.lab.close() });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => busy.close(() => resolve())) });
    const port = (busy.address() as AddressInfo).port;
    const e = await LabTds.start(f.lab, { port, password: PASSWORD, generated: false }).then(() => undefined, (x: unknown) => x as Error);
    expect(e?.message).toBe(`Port ${port} (for MSX01) is already in use; choose another --tds port.`);
  });
});

const tsql = spawnSync('tsql', ['-C'], { encoding: 'utf8' });
const haveTsql = tsql.status === 0;

describe.runIf(haveTsql)("FreeTDS's tsql against the lab", () => {
  /** tsql in its own process (the lab answers from this one, so never spawnSync). */
  function runTsql(port: number, login: string, password: string, sql: string): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('tsql', ['-H', '127.0.0.1', '-p', String(port), '-U', login, '-P', password], { env: { ...process.env, TDSVER: '7.4' } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill(), 20_000);
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolve({ stdout, stderr });
      });
      child.stdin.end(`${sql}\ngo\nexit\n`);
    });
  }

  it('EXEC msdb.dbo.sp_help_targetserver returns the targets', async () => {
    const f = await labOnTds();
    const r = await runTsql(f.port('MSX01'), 'sa', PASSWORD, 'EXEC msdb.dbo.sp_help_targetserver');
    for (const name of ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04']) expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('(5 rows affected)');
    expect(r.stdout).toContain('(return status = 0)');
  });

  it('an unknown target comes back as error 14262', async () => {
    const f = await labOnTds();
    const r = await runTsql(f.port('MSX01'), 'sa', PASSWORD, "EXEC msdb.dbo.sp_help_targetserver @server_name = 'NOPE'");
    expect(r.stderr).toContain('Msg 14262 (severity 16, state 1) from MSX01, Procedure sp_help_targetserver');
    expect(r.stderr).toContain("The specified @server_name ('NOPE') does not exist.");
    expect(r.stdout).toContain('(return status = 1)');
  });

  it("the encryption fix's registry line, as a DBA runs it on the target: the lab target stops validating the master's certificate", async () => {
    const f = await labOnTds();
    const key = "N'HKEY_LOCAL_MACHINE', N'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent'";
    const r = await runTsql(
      f.port('SEA-SQL03'),
      'sa',
      PASSWORD,
      `EXEC master.dbo.xp_instance_regwrite ${key}, N'MsxEncryptChannelOptions', N'REG_DWORD', 1\ngo\nEXEC master.dbo.xp_instance_regread ${key}, N'MsxEncryptChannelOptions'`,
    );
    expect(r.stdout).toMatch(/MsxEncryptChannelOptions\s+1/);
    expect(f.lab.agent('SEA-SQL03')!.state.registry).toMatchObject({ msxEncryptChannelOptions: 1 });
  });

  it('a wrong password is refused with 18456', async () => {
    const f = await labOnTds();
    const r = await runTsql(f.port('MSX01'), 'sa', 'wrong', 'SELECT 1');
    expect(`${r.stdout}${r.stderr}`).toContain('18456');
    expect(`${r.stdout}${r.stderr}`).toContain("Login failed for user 'sa'.");
  });
});

describe.skipIf(haveTsql)("FreeTDS's tsql against the lab: skipped, tsql is not installed (apt-get install freetds-bin)", () => {
  it('runs where tsql is installed', () => undefined);
});
