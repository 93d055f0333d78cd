import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidConnectionOptions, SqlServerConnection, type ConnectionStateEvent } from './connection';
import { ConnectionFailure } from './errors';
import { connectionError, FakeDriver, type FakePool } from './fakeMssql';
import { APPLICATION_NAME, buildPoolConfig, describeConnection, type SqlServerConnectionOptions } from './options';
import { openFake, SA_OPTIONS } from './testSupport';
import { parseServerName } from './serverName';

const refused = () =>
  connectionError('ESOCKET', 'Failed to connect to MSX01:1433 - connect ECONNREFUSED 10.0.0.5:1433', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

function configFor(o: Partial<SqlServerConnectionOptions>) {
  const options = { ...SA_OPTIONS, ...o };
  const parsed = parseServerName(options.server);
  if (!parsed.ok) throw new Error(parsed.error);
  return buildPoolConfig(options, parsed.address);
}

describe('pool configuration', () => {
  it('host,port with a SQL login: msdb, application name MSX Studio, useUTC, timeouts', () => {
    const c = configFor({});
    expect(c).toMatchObject({
      server: 'MSX01',
      port: 1433,
      database: 'msdb',
      connectionTimeout: 5000,
      requestTimeout: 20000,
      authentication: { type: 'default', options: { userName: 'sa', password: 'Secret#1;x' } },
      options: { encrypt: true, trustServerCertificate: true, appName: APPLICATION_NAME, useUTC: true, connectTimeout: 5000, requestTimeout: 20000 },
    });
    expect(c.options?.appName).toBe('MSX Studio');
    expect(c.options?.instanceName).toBeUndefined();
  });

  it('host\\instance: the instance name, no port (SQL Server Browser resolves it)', () => {
    const c = configFor({ server: 'msx01\\SQL2022' });
    expect(c.server).toBe('msx01');
    expect(c.options?.instanceName).toBe('SQL2022');
    expect(c.port).toBeUndefined();
  });

  it('a bare host is the default instance on 1433', () => {
    expect(configFor({ server: 'msx01.corp.example' })).toMatchObject({ server: 'msx01.corp.example', port: 1433 });
  });

  it('Encrypt: Mandatory -> true, Optional -> false, Strict -> "strict" (and the certificate is then always validated)', () => {
    expect(configFor({ encrypt: 'Mandatory' }).options?.encrypt).toBe(true);
    expect(configFor({ encrypt: 'Optional' }).options?.encrypt).toBe(false);
    const strict = configFor({ encrypt: 'Strict', trustServerCertificate: true });
    expect(strict.options?.encrypt).toBe('strict');
    expect(strict.options?.trustServerCertificate).toBe(false);
    expect(configFor({ encrypt: undefined, trustServerCertificate: undefined }).options).toMatchObject({ encrypt: true, trustServerCertificate: false });
  });

  it('maps each authentication type to tedious', () => {
    expect(configFor({ authentication: { type: 'windows', domain: 'CORP', login: 'dba', password: 'p' } }).authentication).toEqual({
      type: 'ntlm',
      options: { domain: 'CORP', userName: 'dba', password: 'p' },
    });
    expect(configFor({ authentication: { type: 'entra-password', login: 'dba@corp.example', password: 'p', clientId: 'app' } }).authentication).toMatchObject({
      type: 'azure-active-directory-password',
      options: { userName: 'dba@corp.example', password: 'p', clientId: 'app' },
    });
    expect(configFor({ authentication: { type: 'entra-service-principal', clientId: 'app', clientSecret: 's', tenantId: 't' } }).authentication).toEqual({
      type: 'azure-active-directory-service-principal-secret',
      options: { clientId: 'app', clientSecret: 's', tenantId: 't' },
    });
    expect(configFor({ authentication: { type: 'entra-default' } }).authentication).toEqual({ type: 'azure-active-directory-default', options: {} });
  });

  it('hostNameInCertificate goes to tedious serverName', () => {
    expect(configFor({ hostNameInCertificate: 'msx01.corp.example' }).options?.serverName).toBe('msx01.corp.example');
  });

  it('describeConnection never contains the password or secret', () => {
    const text = JSON.stringify([
      describeConnection(SA_OPTIONS),
      describeConnection({ ...SA_OPTIONS, authentication: { type: 'entra-service-principal', clientId: 'app', clientSecret: 'TopSecret', tenantId: 't' } }),
    ]);
    expect(text).not.toContain('Secret#1');
    expect(text).not.toContain('TopSecret');
    expect(text).toContain('"login":"sa"');
  });
});

describe('opening', () => {
  it('validates the options before connecting, with one message per field', async () => {
    const driver = new FakeDriver();
    const e = await SqlServerConnection.open({ server: 'host,99999', authentication: { type: 'sql', login: '', password: 'x' } }, { driver }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidConnectionOptions);
    expect((e as InvalidConnectionOptions).issues.map((i) => i.path)).toEqual(['server', 'authentication.login']);
    expect(driver.pools).toHaveLength(0);
  });

  it('publishes open, and closed on close', async () => {
    const events: ConnectionStateEvent[] = [];
    const { connection, driver } = await openFake({ deps: { onState: (e) => events.push(e) } });
    expect(connection.state).toBe('open');
    await connection.close();
    expect(events.map((e) => e.state)).toEqual(['open', 'closed']);
    expect(driver.pools[0].closed).toBe(true);
    await expect(Promise.resolve().then(() => connection.acquirePool())).rejects.toMatchObject({ kind: 'other', code: 'ECONNCLOSED' });
  });

  it('a login failure carries SQL Server\'s number (18456) from the login error token', async () => {
    const driver = new FakeDriver();
    driver.connectBehaviour = (_pool, conn) => {
      conn.emit('errorMessage', { number: 18456, class: 14, state: 1, message: "Login failed for user 'sa'." });
      throw connectionError('ELOGIN', "Login failed for user 'sa'.");
    };
    const e = (await SqlServerConnection.open(SA_OPTIONS, { driver }).catch((x: unknown) => x)) as ConnectionFailure;
    expect(e).toBeInstanceOf(ConnectionFailure);
    expect(e).toMatchObject({ kind: 'login', number: 18456, code: 'ELOGIN', phase: 'connect', message: "Login failed for user 'sa'." });
    expect(e.hint).toMatch(/login name and password/);
    expect(JSON.stringify(e)).not.toContain('Secret#1');
    expect(driver.pools[0].closed).toBe(true);
  });

  it('a first connection that fails is not retried', async () => {
    vi.useFakeTimers();
    try {
      const driver = new FakeDriver();
      driver.connectBehaviour = () => {
        throw refused();
      };
      await expect(SqlServerConnection.open(SA_OPTIONS, { driver })).rejects.toMatchObject({ kind: 'unreachable' });
      await vi.advanceTimersByTimeAsync(120_000);
      expect(driver.pools).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('reconnecting after a dropped connection', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function dropped(fail: (attempt: number) => unknown, backoff = { baseMs: 1000, maxMs: 8000, maxAttempts: 4 }) {
    vi.useFakeTimers();
    const events: ConnectionStateEvent[] = [];
    const { connection, driver, executor } = await openFake({ deps: { onState: (e) => events.push(e), random: () => 1, backoff } });
    let attempt = 0;
    driver.connectBehaviour = () => {
      attempt++;
      const e = fail(attempt);
      if (e) throw e;
    };
    driver.pools[0].dropConnection();
    return { connection, driver, executor, events, attempts: () => attempt };
  }

  it('goes reconnecting at once, retries with exponential backoff, and is open again when the server is back', async () => {
    const { connection, driver, events, attempts } = await dropped((n) => (n < 3 ? refused() : undefined));
    expect(connection.state).toBe('reconnecting');
    expect(driver.pools[0].closed).toBe(true);
    expect(events.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, maxAttempts: 4, retryInMs: 1000 });
    expect(events.at(-1)?.message).toMatch(/lost/i);

    await vi.advanceTimersByTimeAsync(999);
    expect(attempts()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts()).toBe(1);
    expect(events.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 2, retryInMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(attempts()).toBe(2);
    expect(events.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 3, retryInMs: 4000 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(attempts()).toBe(3);
    expect(connection.state).toBe('open');
    expect(events.map((e) => e.state)).toEqual(['open', 'reconnecting', 'reconnecting', 'reconnecting', 'open']);
    // The failed attempts' pools were closed; the last one serves.
    expect(driver.pools.slice(0, -1).every((p: FakePool) => p.closed)).toBe(true);
    expect(driver.pools.at(-1)?.connected).toBe(true);
    await connection.close();
  });

  it('jitter keeps each delay within [d/2, d]', async () => {
    vi.useFakeTimers();
    const events: ConnectionStateEvent[] = [];
    const { driver } = await openFake({ deps: { onState: (e) => events.push(e), random: () => 0, backoff: { baseMs: 1000, maxMs: 8000, maxAttempts: 3 } } });
    driver.connectBehaviour = () => {
      throw refused();
    };
    driver.pools[0].dropConnection();
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000);
    expect(events.filter((e) => e.state === 'reconnecting').map((e) => e.retryInMs)).toEqual([500, 1000, 2000]);
  });

  it('gives up after maxAttempts and reports error with the last failure', async () => {
    const { connection, events, attempts } = await dropped(() => refused());
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000);
    expect(attempts()).toBe(4);
    expect(connection.state).toBe('error');
    const last = events.at(-1);
    expect(last?.state).toBe('error');
    expect(last?.message).toMatch(/after 4 attempts/);
    expect(last?.failure?.kind).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts()).toBe(4);
  });

  it('stops at once when the server refuses the login (retrying would not help, and could lock the login)', async () => {
    const { connection, events, attempts } = await dropped(() => connectionError('ELOGIN', "Login failed for user 'sa'."));
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts()).toBe(1);
    expect(connection.state).toBe('error');
    expect(events.at(-1)).toMatchObject({ state: 'error', failure: { kind: 'login', number: 18456 } });
  });

  it('refuses calls while reconnecting, saying so, without sending anything', async () => {
    const { executor, driver } = await dropped(() => refused());
    const sentBefore = driver.sent.length;
    await expect(executor.exec('sp_help_targetserver')).rejects.toMatchObject({ name: 'ConnectionFailure', kind: 'unreachable', code: 'ERECONNECTING' });
    expect(driver.sent.length).toBe(sentBefore);
  });

  it('a call in the error state starts a new reconnect cycle', async () => {
    const { connection, executor, driver, events } = await dropped((n) => (n <= 4 ? refused() : undefined));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(connection.state).toBe('error');
    await expect(executor.exec('sp_help_targetserver')).rejects.toMatchObject({ kind: 'unreachable' });
    expect(connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(connection.state).toBe('open');
    expect(events.at(-1)?.state).toBe('open');
    await expect(executor.exec('sp_help_targetserver')).resolves.toMatchObject({ returnValue: 0 });
    expect(driver.executed.at(-1)?.pool).toBe(driver.pools.at(-1));
  });

  it('close() during reconnecting stops the timers and ends closed', async () => {
    const { connection, events, attempts } = await dropped(() => refused());
    await connection.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts()).toBe(0);
    expect(events.at(-1)?.state).toBe('closed');
    expect(connection.state).toBe('closed');
  });

  it('reconnect() resolves once the connection is open again', async () => {
    vi.useFakeTimers();
    const { connection, driver } = await openFake({ deps: { random: () => 1 } });
    const done = connection.reconnect();
    expect(connection.state).toBe('reconnecting');
    expect(driver.pools[0].closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(connection.state).toBe('open');
    expect(driver.pools).toHaveLength(2);
  });

  it('a drop reported by an old pool (already replaced) is ignored', async () => {
    vi.useFakeTimers();
    const events: ConnectionStateEvent[] = [];
    const { driver } = await openFake({ deps: { onState: (e) => events.push(e), random: () => 1 } });
    driver.pools[0].dropConnection();
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.map((e) => e.state)).toEqual(['open', 'reconnecting', 'open']);
    driver.pools[0].dropConnection();
    expect(events.map((e) => e.state)).toEqual(['open', 'reconnecting', 'open']);
  });
});

describe('the pool configuration is one the real driver accepts', () => {
  // mssql turns the pool config into tedious' config (ConnectionPool#_config) and tedious
  // validates it in its constructor, which does not connect: every option combination the
  // Connect dialog can produce must pass that validation.
  const cases: Array<Partial<SqlServerConnectionOptions>> = [
    {},
    { server: 'msx01\\SQL2022', encrypt: 'Optional' },
    { encrypt: 'Strict', hostNameInCertificate: 'msx01.corp.example' },
    { authentication: { type: 'windows', domain: 'corp', login: 'dba', password: 'p' } },
    { authentication: { type: 'entra-password', login: 'dba@corp.example', password: 'p', clientId: '00000000-0000-0000-0000-000000000001' } },
    { authentication: { type: 'entra-password', login: 'dba@corp.example', password: 'p', clientId: 'c', tenantId: 't' } },
    { authentication: { type: 'entra-service-principal', clientId: 'c', clientSecret: 's', tenantId: 't' } },
    { authentication: { type: 'entra-default' } },
    { authentication: { type: 'entra-default', clientId: 'c' } },
    { requestTimeoutMs: 0 },
  ];
  it.each(cases.map((c, i) => [i, c] as const))('case %i', async (_i, o) => {
    const tedious = await import('tedious');
    const mssqlModule = (await import('mssql')).default;
    const pool = new mssqlModule.ConnectionPool(configFor(o));
    const tediousConfig = (pool as unknown as { _config(): unknown })._config();
    expect(() => new tedious.Connection(tediousConfig as never)).not.toThrow();
    expect((tediousConfig as { options: { appName: string } }).options.appName).toBe('MSX Studio');
  });
});
