import { describe, expect, it } from 'vitest';
import { connectSqlServer, testSqlServerConnection } from './connector';
import { FakeDriver, sqlError } from './fakeMssql';
import { SERVER_INFO_BATCH, toServerInfo } from './serverInfo';
import { openFake, responder, SA_OPTIONS, SERVER_INFO_ROW } from './testSupport';

describe('serverInfo', () => {
  it('is exactly one round trip: one constant batch, no parameters', async () => {
    const { driver, executor } = await openFake();
    const info = await executor.serverInfo();
    expect(driver.sent).toHaveLength(1);
    expect(driver.sent[0]).toMatchObject({ kind: 'query', command: SERVER_INFO_BATCH, params: [] });
    expect(info).toEqual({
      serverName: 'MSX01',
      machineName: 'MSX01',
      productVersion: '16.0.4135.4',
      edition: 'Enterprise Edition (64-bit)',
      engineEdition: 3,
      isSysadmin: true,
      login: 'sa',
      agentRole: 'msx',
      msxServerName: null,
      agentRoleKnown: true,
      agentRoleError: null,
      agentRoleErrorMessage: null,
    });
  });

  it('the batch reads every property the console needs, and the role as sp_get_sqlagent_properties computes it', () => {
    for (const part of [
      '@@SERVERNAME',
      "SERVERPROPERTY('MachineName')",
      "SERVERPROPERTY('ProductVersion')",
      "SERVERPROPERTY('Edition')",
      "SERVERPROPERTY('EngineEdition')",
      "IS_SRVROLEMEMBER(N'sysadmin')",
      'SUSER_SNAME()',
      'msdb.dbo.systargetservers',
      'master.dbo.xp_instance_regread',
      "N''MSXServerName''",
      'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent',
      'BEGIN TRY',
      'BEGIN CATCH',
    ]) {
      expect(SERVER_INFO_BATCH).toContain(part);
    }
    // Constant text: nothing is ever interpolated into it.
    expect(SERVER_INFO_BATCH).not.toMatch(/\$\{/);
  });

  it("the server name is SERVERPROPERTY('ServerName'), what msdb and the Agent use; @@SERVERNAME only when that is NULL", () => {
    expect(SERVER_INFO_BATCH).toContain("COALESCE(SERVERPROPERTY('ServerName'), @@SERVERNAME)");
  });

  it('a denied read makes the role unknown (sqlagent_type NULL), with the error number and text', () => {
    expect(SERVER_INFO_BATCH).toContain('WHEN @role_error IS NOT NULL THEN NULL');
    expect(SERVER_INFO_BATCH).toContain('@role_error_message = ERROR_MESSAGE()');
    expect(SERVER_INFO_BATCH).toContain('role_error_message = @role_error_message');
  });

  it.each([
    [1, null, 'standalone'],
    [2, 'MSX01', 'tsx'],
    [3, null, 'msx'],
    [0, 'MSX01', 'inconsistent'],
  ] as const)('sqlagent_type %i maps to %s', (type, msx, _role) => {
    const info = toServerInfo([[{ ...SERVER_INFO_ROW, sqlagent_type: type, msx_server_name: msx }]]);
    expect(info.agentRole).toBe(_role);
    expect(info.msxServerName).toBe(msx);
  });

  it('a login that is not sysadmin, whose read of systargetservers was denied: the role is unknown, with why', () => {
    const denied = "The SELECT permission was denied on the object 'systargetservers', database 'msdb', schema 'dbo'.";
    const info = toServerInfo([[{ ...SERVER_INFO_ROW, is_sysadmin: 0, login_name: 'CORP\\op', sqlagent_type: null, role_error: 229, role_error_message: denied }]]);
    expect(info).toMatchObject({ isSysadmin: false, login: 'CORP\\op', agentRole: 'unknown', agentRoleKnown: false, agentRoleError: 229, agentRoleErrorMessage: denied });
    // What could be read still says "target" when MSXServerName was read.
    const tsx = toServerInfo([[{ ...SERVER_INFO_ROW, sqlagent_type: null, msx_server_name: 'MSX01', role_error: 229, role_error_message: denied }]]);
    expect(tsx).toMatchObject({ agentRoleKnown: false, agentRole: 'tsx', msxServerName: 'MSX01' });
  });

  it('a row from a batch before role_error_message existed still maps (no message)', () => {
    const info = toServerInfo([[{ ...SERVER_INFO_ROW, sqlagent_type: 1, role_error: 229 }]]);
    expect(info).toMatchObject({ agentRoleKnown: false, agentRoleError: 229, agentRoleErrorMessage: null });
  });

  it('a row without a result is an error, not an empty server', () => {
    expect(() => toServerInfo([])).toThrow(/no row/);
  });
});

describe('connectSqlServer', () => {
  it('returns the executor, the server info and close(): one pool, then one batch', async () => {
    const driver = new FakeDriver();
    driver.responder = responder();
    const states: string[] = [];
    const session = await connectSqlServer(SA_OPTIONS, { driver, onState: (e) => states.push(e.state) });
    expect(session.info.serverName).toBe('MSX01');
    expect(driver.pools).toHaveLength(1);
    expect(driver.sent.map((s) => s.kind)).toEqual(['query']);
    await session.executor.exec('sp_help_targetserver');
    expect(driver.sent.map((s) => s.kind)).toEqual(['query', 'execute']);
    await session.close();
    expect(states).toEqual(['open', 'closed']);
    expect(driver.pools[0].closed).toBe(true);
  });

  it('closes the pool when the server information cannot be read', async () => {
    const driver = new FakeDriver();
    driver.responder = () => ({ error: sqlError(208, 16, "Invalid object name 'x'.") });
    await expect(connectSqlServer(SA_OPTIONS, { driver })).rejects.toMatchObject({ name: 'SqlServerError', number: 208 });
    expect(driver.pools[0].closed).toBe(true);
  });

  it('Test: connects, reads, disconnects', async () => {
    const driver = new FakeDriver();
    driver.responder = responder();
    const info = await testSqlServerConnection(SA_OPTIONS, { driver });
    expect(info.agentRole).toBe('msx');
    expect(driver.pools[0].closed).toBe(true);
  });
});
