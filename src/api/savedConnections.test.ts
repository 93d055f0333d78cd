// Saved connections: connections.saved / save / forget / connectSaved, and connectSqlServer's
// save, over a real connections.json in a temporary data folder. The file never holds a password
// unless the user opted in (rememberPasswordUnencrypted, and then the result says so); passwords
// otherwise go to the SecretStore: encrypted by the shell's store, or memory for the session.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MsdbExecutor } from '../msdb/executor';
import type { SqlServerConnectOptions, SqlServerConnector } from './connections';
import { memorySecretStore, type SecretStore } from './secrets';
import { hostFixture, type HostFixture } from './testing';

const PASSWORD = 'Pa55;word-never-on-disk';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.restoreAllMocks();
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msx-saved-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A persistent, "encrypted" store, as the desktop app's: what it holds survives a new host. */
function encryptingStore(): SecretStore & { sealed: Map<string, string> } {
  const sealed = new Map<string, string>();
  return {
    sealed,
    persistent: true,
    get: async (k) => (sealed.has(k) ? Buffer.from(sealed.get(k)!, 'base64').toString('utf8').split('').reverse().join('') : undefined),
    set: async (k, v) => {
      sealed.set(k, Buffer.from(v.split('').reverse().join(''), 'utf8').toString('base64'));
    },
    delete: async (k) => {
      sealed.delete(k);
    },
  };
}

/** A connector that answers as MSX01 and records the options it was given. */
function recordingConnector(): SqlServerConnector & { seen: SqlServerConnectOptions[] } {
  const seen: SqlServerConnectOptions[] = [];
  const executor: MsdbExecutor = {
    exec: async () => ({ returnValue: 0, recordsets: [], messages: [] }),
    serverInfo: async () => ({
      serverName: 'MSX01', machineName: 'MSX01', productVersion: '16.0.4135.4', edition: 'Enterprise Edition (64-bit)', engineEdition: 3,
      isSysadmin: true, login: 'dba', agentRole: 'msx', msxServerName: null,
    }),
    agentRegistry: async () => ({ msxServerName: null, msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: null, readAsSysadmin: true, error: null }),
  };
  return {
    seen,
    connect: async (o) => {
      seen.push(o);
      if (o.password === 'wrong') throw new Error('Login failed.');
      return { executor, close: async () => undefined };
    },
  };
}

async function host(dir: string, opts: { secretStore?: SecretStore; connector?: SqlServerConnector } = {}): Promise<HostFixture> {
  const f = await hostFixture({
    connectionsFile: join(dir, 'connections.json'),
    ...(opts.secretStore ? { secretStore: opts.secretStore } : {}),
    ...(opts.connector ? { sqlServerConnector: opts.connector } : {}),
  });
  cleanup.push(() => f.close());
  return f;
}

const fileText = (dir: string) => readFileSync(join(dir, 'connections.json'), 'utf8');

const DBA = { server: 'MSX01,1433', login: 'dba', password: PASSWORD, encrypt: 'Mandatory', trustServerCertificate: true, connectTimeoutMs: 5000 };

interface Saved {
  id: string;
  passwordStorage: string;
  hasPassword: boolean;
}

describe('connections.save / saved / forget', () => {
  it('browser mode (memory store): the password is kept for the session only, never written; gone after a restart', async () => {
    const dir = dataDir();
    const f = await host(dir);
    const r = await f.ok<{ connection: Saved; passwordStorage: string; notice?: string; warning?: string }>('connections.save', { ...DBA, name: 'Prod master', rememberPassword: true });
    expect(r).toMatchObject({
      passwordStorage: 'session',
      notice: expect.stringMatching(/memory for this session only/),
      connection: { name: 'Prod master', server: 'MSX01,1433', authentication: 'sql', login: 'dba', encrypt: 'Mandatory', trustServerCertificate: true, connectTimeoutMs: 5000, rememberPassword: true, hasPassword: true, passwordStorage: 'session' },
    });
    expect(r.warning).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
    expect(fileText(dir)).not.toContain(PASSWORD);
    expect(JSON.parse(fileText(dir))).toMatchObject({ version: 1, connections: [{ id: r.connection.id, secret: 'session', fields: { server: 'MSX01,1433', login: 'dba' } }] });
    expect(JSON.stringify(await f.ok('connections.saved'))).not.toContain(PASSWORD);

    await f.close();
    const again = await host(dir);
    expect(await again.ok('connections.saved')).toMatchObject([{ id: r.connection.id, name: 'Prod master', rememberPassword: true, hasPassword: false, passwordStorage: 'none' }]);
  });

  it('opted in (rememberPasswordUnencrypted): in the file, flagged, and the result warns that it is unencrypted', async () => {
    const dir = dataDir();
    const f = await host(dir);
    const r = await f.ok<{ passwordStorage: string; warning: string }>('connections.save', { ...DBA, rememberPassword: true, rememberPasswordUnencrypted: true });
    expect(r.passwordStorage).toBe('unencrypted');
    expect(r.warning).toMatch(/UNENCRYPTED in .*connections\.json/);
    expect(JSON.parse(fileText(dir)).connections[0]).toMatchObject({ secret: 'unencrypted', unencryptedSecret: PASSWORD });
    await f.close();
    const again = await host(dir);
    expect(await again.ok('connections.saved')).toMatchObject([{ hasPassword: true, passwordStorage: 'unencrypted' }]);
  });

  it("desktop (a persistent, encrypting store): encrypted, survives a restart, never in the file; the opt-in is not needed and not used", async () => {
    const dir = dataDir();
    const store = encryptingStore();
    const f = await host(dir, { secretStore: store });
    const r = await f.ok<{ connection: Saved; passwordStorage: string; warning?: string }>('connections.save', { ...DBA, rememberPassword: true, rememberPasswordUnencrypted: true });
    expect(r).toMatchObject({ passwordStorage: 'encrypted', connection: { hasPassword: true } });
    expect(r.warning).toBeUndefined();
    expect(fileText(dir)).not.toContain(PASSWORD);
    expect(JSON.parse(fileText(dir)).connections[0]).toMatchObject({ secret: 'encrypted' });
    expect(JSON.parse(fileText(dir)).connections[0].unencryptedSecret).toBeUndefined();
    await f.close();

    const connector = recordingConnector();
    const again = await host(dir, { secretStore: store, connector });
    expect(await again.ok('connections.saved')).toMatchObject([{ id: r.connection.id, hasPassword: true, passwordStorage: 'encrypted' }]);
    expect(await again.ok('connections.connectSaved', { id: r.connection.id })).toMatchObject({ id: 'sqlserver:MSX01', address: 'MSX01,1433' });
    expect(connector.seen).toEqual([{ server: 'MSX01,1433', authentication: 'sql', login: 'dba', password: PASSWORD, encrypt: 'Mandatory', trustServerCertificate: true, connectTimeoutMs: 5000 }]);
  });

  it('without Remember password nothing secret is kept; connecting asks for it', async () => {
    const dir = dataDir();
    const connector = recordingConnector();
    const f = await host(dir, { connector });
    const r = await f.ok<{ connection: Saved; passwordStorage: string }>('connections.save', DBA);
    expect(r).toMatchObject({ passwordStorage: 'none', connection: { rememberPassword: false, hasPassword: false } });
    expect(fileText(dir)).not.toContain(PASSWORD);
    expect(await f.fails('connections.connectSaved', { id: r.connection.id })).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: 'password' }] });
    expect(connector.seen).toHaveLength(0);
    await f.ok('connections.connectSaved', { id: r.connection.id, password: 'typed' });
    expect(connector.seen[0].password).toBe('typed');
  });

  it('saving the same server and login again updates it; editing without the password keeps the password', async () => {
    const dir = dataDir();
    const store = encryptingStore();
    const f = await host(dir, { secretStore: store });
    const first = await f.ok<{ connection: Saved }>('connections.save', { ...DBA, rememberPassword: true });
    const second = await f.ok<{ connection: Saved & { name: string; encrypt: unknown } }>('connections.save', { server: 'msx01,1433', login: 'DBA', encrypt: 'Strict', name: 'Renamed', rememberPassword: true });
    expect(second.connection).toMatchObject({ id: first.connection.id, name: 'Renamed', encrypt: 'Strict', hasPassword: true });
    expect(await f.ok<unknown[]>('connections.saved')).toHaveLength(1);
    const third = await f.ok<{ connection: Saved }>('connections.save', { id: first.connection.id, server: 'msx01,1433', login: 'dba' });
    expect(third.connection).toMatchObject({ hasPassword: false, passwordStorage: 'none' });
    expect(store.sealed.size).toBe(0);
  });

  it('forget removes the entry and its secret; an unknown id is NOT_FOUND', async () => {
    const dir = dataDir();
    const store = encryptingStore();
    const f = await host(dir, { secretStore: store });
    const { connection } = await f.ok<{ connection: Saved }>('connections.save', { ...DBA, rememberPassword: true });
    expect(store.sealed.size).toBe(1);
    expect(await f.ok('connections.forget', { id: connection.id })).toEqual({ id: connection.id, forgotten: true });
    expect(store.sealed.size).toBe(0);
    expect(JSON.parse(fileText(dir)).connections).toEqual([]);
    expect(await f.fails('connections.forget', { id: connection.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('invalid details are refused with the field named, and nothing is written', async () => {
    const dir = dataDir();
    const store = encryptingStore();
    const f = await host(dir, { secretStore: store });
    expect(await f.fails('connections.save', { ...DBA, server: 'MSX01,99999', rememberPassword: true })).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: 'server' }] });
    expect(await f.fails('connections.save', { server: 'MSX01', authentication: 'windows', login: 'dba', password: PASSWORD, rememberPassword: true })).toMatchObject({
      code: 'INVALID_PARAMS',
      issues: [{ path: 'login' }],
    });
    expect(await f.fails('connections.save', { server: 'MSX01', authentication: 'sql', password: PASSWORD })).toMatchObject({ code: 'INVALID_PARAMS', issues: [{ path: 'login' }] });
    expect(await f.fails('connections.save', { ...DBA, colour: 'red' })).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(existsSync(join(dir, 'connections.json'))).toBe(false);
    expect(store.sealed.size).toBe(0);
  });

  it('the file is private to the user, written atomically, and an unreadable one is set aside rather than overwritten', async () => {
    const dir = dataDir();
    const f = await host(dir);
    await f.ok('connections.save', DBA);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'connections.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await f.close();

    writeFileSync(join(dir, 'connections.json'), '{ not json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const again = await host(dir);
    expect(await again.ok('connections.saved')).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
    const aside = readdirSync(dir).filter((n) => n.startsWith('connections.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('{ not json');
  });
});

describe('connections.connectSqlServer with save', () => {
  it('saves only once connecting worked; rememberPassword implies save', async () => {
    const dir = dataDir();
    const connector = recordingConnector();
    const f = await host(dir, { connector });
    expect(await f.fails('connections.connectSqlServer', { ...DBA, password: 'wrong', save: true, rememberPassword: true })).toMatchObject({ code: 'INTERNAL' });
    expect(existsSync(join(dir, 'connections.json'))).toBe(false);
    const info = await f.ok<{ id: string; saved: { connection: Saved; passwordStorage: string } }>('connections.connectSqlServer', { ...DBA, rememberPassword: true });
    expect(info).toMatchObject({ id: 'sqlserver:MSX01', saved: { passwordStorage: 'session', connection: { server: 'MSX01,1433', hasPassword: true } } });
    // The connector gets the connection options only, not the save flags.
    expect(connector.seen.at(-1)).toEqual({ server: 'MSX01,1433', authentication: 'sql', login: 'dba', password: PASSWORD, encrypt: 'Mandatory', trustServerCertificate: true, connectTimeoutMs: 5000 });
    expect(fileText(dir)).not.toContain(PASSWORD);
    // Without save, the result is the connection as before, and nothing more is saved.
    expect(await f.ok<Record<string, unknown>>('connections.connectSqlServer', DBA)).not.toHaveProperty('saved');
    expect(await f.ok<unknown[]>('connections.saved')).toHaveLength(1);
  });
});

describe('passwords are never logged', () => {
  it('no console output carries a password, whatever the outcome', async () => {
    const dir = dataDir();
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
    const f = await host(dir, { connector: recordingConnector() });
    await f.call('connections.save', { ...DBA, rememberPassword: true, rememberPasswordUnencrypted: true });
    await f.call('connections.connectSqlServer', { ...DBA, save: true });
    await f.call('connections.connectSqlServer', { ...DBA, password: 'wrong' });
    await f.call('connections.test', DBA);
    const out = spies.flatMap((s) => s.mock.calls.map((c) => JSON.stringify(c))).join('\n');
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain('wrong');
  });
});

describe('the default data folder', () => {
  it('is the lab file\'s folder: connections.json beside lab.msxlab', async () => {
    const dir = dataDir();
    const f = await hostFixture({ labFile: join(dir, 'lab.msxlab'), secretStore: memorySecretStore() });
    cleanup.push(() => f.close());
    await f.ok('connections.save', DBA);
    expect(JSON.parse(fileText(dir)).connections).toHaveLength(1);
  });
});
