// The API over the real mssql executor: connections.connectSqlServer / connections.test with
// SSMS's Connect fields, the failures a DBA sees (with SQL Server's number and a hint), the
// connection state as events, and the sysadmin guard on posting actions. The driver is the fake
// mssql of src/msdb/sqlserver, except in the one real-socket test.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqlServerConnector } from '../msdb/sqlserver/connector';
import { connectionError, FakeDriver } from '../msdb/sqlserver/fakeMssql';
import { responder, SERVER_INFO_ROW } from '../msdb/sqlserver/testSupport';
import type { ApiEvent } from './contract';
import { expectSameState, hostFixture, type HostFixture } from './testing';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.useRealTimers();
});

/** A host whose SQL Server connector is the real one, over a fake mssql driver (answering like MSX01 unless given one). */
async function withDriver(given?: FakeDriver): Promise<{ f: HostFixture; driver: FakeDriver }> {
  const driver = given ?? Object.assign(new FakeDriver(), { responder: responder() });
  const f = await hostFixture({ sqlServerConnector: createSqlServerConnector({ driver, backoff: { baseMs: 1000, maxMs: 1000, maxAttempts: 2 }, random: () => 1 }) });
  cleanup.push(() => f.close());
  return { f, driver };
}

const SA = { server: 'MSX01,1433', login: 'sa', password: 'Secret#1;x' };

describe('connections.connectSqlServer over the mssql executor', () => {
  it('takes every Connect field: Windows (NTLM, domain), Strict, a named instance, a connection timeout', async () => {
    const { f, driver } = await withDriver();
    const info = await f.ok('connections.connectSqlServer', {
      server: 'msx01.corp.example\\PROD',
      authentication: 'windows',
      domain: 'CORP',
      login: 'dba',
      password: 'Secret#1;x',
      encrypt: 'Strict',
      trustServerCertificate: true,
      connectTimeoutMs: 4000,
    });
    expect(info).toMatchObject({ id: 'sqlserver:MSX01', kind: 'sqlserver', server: 'MSX01', address: 'msx01.corp.example\\PROD', isSysadmin: true, agentRole: 'msx' });
    expect(driver.pools[0].config).toMatchObject({
      server: 'msx01.corp.example',
      connectionTimeout: 4000,
      authentication: { type: 'ntlm', options: { domain: 'CORP', userName: 'dba' } },
      // Strict validates the certificate whatever the box says (TDS 8.0).
      options: { encrypt: 'strict', trustServerCertificate: false, instanceName: 'PROD' },
    });
    // Connecting costs the login and one serverInfo batch.
    expect(driver.sent.map((s) => s.kind)).toEqual(['query']);
    expect(JSON.stringify(await f.ok('connections.list'))).not.toContain('Secret#1');
  });

  it('Microsoft Entra: service principal, and default', async () => {
    const { f, driver } = await withDriver();
    await f.ok('connections.connectSqlServer', { server: 'msx01', authentication: 'entra-service-principal', clientId: 'app-id', clientSecret: 's3cret', tenantId: 'tenant' });
    expect(driver.pools[0].config.authentication).toEqual({
      type: 'azure-active-directory-service-principal-secret',
      options: { clientId: 'app-id', clientSecret: 's3cret', tenantId: 'tenant' },
    });
    await f.ok('connections.connectSqlServer', { server: 'msx01', authentication: 'entra-default', encrypt: 'Mandatory' });
    expect(driver.pools[1].config.authentication).toEqual({ type: 'azure-active-directory-default', options: {} });
  });

  it('login failed: CONNECTION_FAILED with 18456 and the hint; nothing opened, no password in the error', async () => {
    const driver = new FakeDriver();
    driver.connectBehaviour = (_pool, conn) => {
      conn.emit('errorMessage', { number: 18456, class: 14, state: 1, message: "Login failed for user 'sa'." });
      throw connectionError('ELOGIN', "Login failed for user 'sa'.");
    };
    const { f } = await withDriver(driver);
    const e = await f.fails('connections.connectSqlServer', SA);
    expect(e).toEqual({
      code: 'CONNECTION_FAILED',
      kind: 'login',
      number: 18456,
      message: "Login failed for user 'sa'.",
      hint: expect.stringMatching(/Check the login name and password/),
    });
    expect(JSON.stringify(e)).not.toContain('Secret#1');
    expect((await f.ok<unknown[]>('connections.list')).length).toBe(1);
    expect(driver.pools[0].closed).toBe(true);
  });

  it('cannot reach the server (ESOCKET): unreachable, with what to check', async () => {
    const driver = new FakeDriver();
    driver.connectBehaviour = () => {
      throw connectionError('ESOCKET', 'Failed to connect to MSX01:1433 - connect ECONNREFUSED 10.0.0.5:1433', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    };
    const { f } = await withDriver(driver);
    const e = await f.fails('connections.connectSqlServer', SA);
    expect(e).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'unreachable', message: 'Cannot reach MSX01,1433: the connection was refused.' });
    expect(e.hint).toMatch(/SQL Server is running.*TCP\/IP.*firewall/);
    expect(e.number).toBeUndefined();
  });

  it('no answer in time (ETIMEOUT): timeout, naming the connection timeout', async () => {
    const driver = new FakeDriver();
    driver.connectBehaviour = () => {
      throw connectionError('ETIMEOUT', 'Failed to connect to MSX01:1433 in 3000ms');
    };
    const { f } = await withDriver(driver);
    const e = await f.fails('connections.connectSqlServer', { ...SA, connectTimeoutMs: 3000 });
    expect(e).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'timeout', message: 'No answer from MSX01,1433 within 3 s.' });
    expect(e.hint).toMatch(/raise the connection timeout/);
  });

  it('certificate not trusted: certificate, with the Trust server certificate hint', async () => {
    const driver = new FakeDriver();
    driver.connectBehaviour = () => {
      throw connectionError('ESOCKET', 'self-signed certificate', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
    };
    const { f } = await withDriver(driver);
    const e = await f.fails('connections.connectSqlServer', SA);
    expect(e).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'certificate' });
    expect(e.hint).toMatch(/Trust server certificate/);
  });

  it('options the executor cannot use: INVALID_PARAMS naming the dialog field, before any connection is tried', async () => {
    const { f, driver } = await withDriver();
    expect(await f.fails('connections.connectSqlServer', { ...SA, server: 'MSX01,0' })).toMatchObject({
      code: 'INVALID_PARAMS',
      issues: [{ path: 'server', message: 'The port after the comma must be a number from 1 to 65535.' }],
    });
    expect((await f.fails('connections.connectSqlServer', { server: 'MSX01', authentication: 'windows', login: 'dba', password: 'x' })).issues).toEqual([
      { path: 'login', message: expect.stringMatching(/DOMAIN\\user/) },
    ]);
    expect((await f.fails('connections.connectSqlServer', { server: 'MSX01', authentication: 'entra-password', login: 'u@corp.example', password: 'x' })).issues?.map((i) => i.path)).toEqual([
      'clientId',
    ]);
    expect(await f.fails('connections.connectSqlServer', { ...SA, encrypt: 'Sometimes' })).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await f.fails('connections.connectSqlServer', { ...SA, connectTimeoutMs: 10 })).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: 'connectTimeoutMs' }] });
    expect(driver.pools).toHaveLength(0);
  });

  it('forwards the session state: reconnecting (with the reason), open again, then closed once', async () => {
    vi.useFakeTimers();
    const { f, driver } = await withDriver();
    await f.ok('connections.connectSqlServer', SA);
    const mine = () => f.events.filter((e): e is Extract<ApiEvent, { type: 'connection' }> => e.type === 'connection' && e.connectionId === 'sqlserver:MSX01');
    driver.pools[0].dropConnection();
    expect(mine().map((e) => e.state)).toEqual(['open', 'reconnecting']);
    expect(mine()[1].message).toMatch(/MSX01,1433 was lost/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(mine().map((e) => e.state)).toEqual(['open', 'reconnecting', 'open']);
    await f.ok('connections.disconnect', { connectionId: 'sqlserver:MSX01' });
    expect(mine().map((e) => e.state)).toEqual(['open', 'reconnecting', 'open', 'closed']);
    expect(JSON.stringify(f.events)).not.toContain('Secret#1');
  });
});

describe('connections.test (the Test button)', () => {
  it("answers the server's identity and opens nothing", async () => {
    const { f, driver } = await withDriver();
    const r = await f.ok('connections.test', SA);
    expect(r).toMatchObject({
      serverName: 'MSX01',
      productName: 'SQL Server 2022',
      label: 'MSX01 (SQL Server 16.0.4135 - sa)',
      isSysadmin: true,
      agentRole: 'msx',
      agentRoleError: null,
      elapsedMs: expect.any(Number),
    });
    expect(driver.pools[0].closed).toBe(true);
    expect((await f.ok<unknown[]>('connections.list')).map((c) => (c as { id: string }).id)).toEqual(['lab']);
  });

  it('fails as connecting would: 18456 with its hint', async () => {
    const driver = new FakeDriver();
    driver.connectBehaviour = (_pool, conn) => {
      conn.emit('errorMessage', { number: 18456, class: 14, state: 1, message: "Login failed for user 'sa'." });
      throw connectionError('ELOGIN', "Login failed for user 'sa'.");
    };
    const { f } = await withDriver(driver);
    expect(await f.fails('connections.test', SA)).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'login', number: 18456, hint: expect.any(String) });
  });
});

describe('a login outside sysadmin (spec §3.2)', () => {
  const POSTING: Array<[string, Record<string, unknown>]> = [
    ['targets.forcePoll', { servers: ['TSX1'] }],
    ['targets.postInstruction', { instruction: { type: 'SET-POLL', pollInterval: 60, recipients: 'all' } }],
    ['targets.forceDefection', { servers: ['TSX1'] }],
    ['targets.resync', { servers: 'all' }],
  ];

  it('on a SQL Server master: isSysadmin false in the list and serverInfo; posting refused with FORBIDDEN before anything is sent', async () => {
    const driver = new FakeDriver();
    driver.responder = (req) => (req.kind === 'query' ? { recordsets: [[{ ...SERVER_INFO_ROW, is_sysadmin: 0, login_name: 'app', role_error: 229 }]] } : {});
    const { f } = await withDriver(driver);
    await f.ok('connections.connectSqlServer', { ...SA, login: 'app' });
    const id = 'sqlserver:MSX01';
    expect((await f.ok<Array<{ id: string; isSysadmin: boolean }>>('connections.list')).find((c) => c.id === id)?.isSysadmin).toBe(false);
    expect(await f.ok('connections.serverInfo', { connectionId: id })).toMatchObject({ isSysadmin: false, login: 'app', agentRoleError: 229 });
    const sent = driver.sent.length;
    for (const [name, params] of POSTING) {
      const e = await f.fails(name, { connectionId: id, ...params });
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/app is not a member of sysadmin on MSX01.*sp_post_msx_operation silently does nothing/);
      expect(e.hint).toMatch(/sysadmin server role/);
    }
    expect(driver.sent.length).toBe(sent);
  });

  it('the lab opened as a non-sysadmin login: the same refusal, nothing written; reading still works; sa again on request', async () => {
    const f = await hostFixture();
    cleanup.push(() => f.close());
    expect(await f.ok('connections.openLab', { sysadmin: false })).toMatchObject({ id: 'lab', login: 'msx_viewer', isSysadmin: false, label: 'MSX01 (SQL Server 16.0.4135 - msx_viewer)' });
    expect(await f.ok('connections.openLab', {})).toMatchObject({ login: 'msx_viewer' });
    expect((await f.ok<Array<{ isSysadmin: boolean }>>('connections.list'))[0].isSysadmin).toBe(false);
    const before = f.state();
    for (const [name, params] of POSTING) {
      expect(await f.fails(name, { connectionId: 'lab', ...params, ...(name === 'targets.forcePoll' || name === 'targets.forceDefection' ? { servers: ['LONDON-SQL01'] } : {}) })).toMatchObject({ code: 'FORBIDDEN' });
    }
    expectSameState(before, f.state());
    expect((await f.ok<unknown[]>('targets.list', { connectionId: 'lab' })).length).toBe(5);
    expect(await f.ok('connections.openLab', { login: 'dba', sysadmin: true })).toMatchObject({ login: 'dba', isSysadmin: true });
    expect(await f.ok('targets.forcePoll', { connectionId: 'lab', servers: ['LONDON-SQL01'] })).toMatchObject([{ server: 'LONDON-SQL01', signal: 'signalled' }]);
  });
});

describe('a real connection attempt through the API (mssql + tedious, real socket)', () => {
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it('127.0.0.1 on a closed port: CONNECTION_FAILED, unreachable, with its hint, well within the connection timeout', async () => {
    const f = await hostFixture({ sqlServerConnector: createSqlServerConnector() });
    cleanup.push(() => f.close());
    const port = await closedPort();
    const params = { server: `127.0.0.1,${port}`, login: 'sa', password: 'Not-a-real-password1', trustServerCertificate: true, connectTimeoutMs: 5000 };
    for (const method of ['connections.connectSqlServer', 'connections.test']) {
      const started = Date.now();
      const e = await f.fails(method, params);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(e).toMatchObject({ code: 'CONNECTION_FAILED', kind: 'unreachable', message: `Cannot reach 127.0.0.1,${port}: the connection was refused.` });
      expect(e.hint).toMatch(/SQL Server is running/);
      expect(JSON.stringify(e)).not.toContain('Not-a-real-password1');
    }
    expect((await f.ok<unknown[]>('connections.list')).length).toBe(1);
  });
});
