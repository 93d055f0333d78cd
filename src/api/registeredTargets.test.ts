// Registered targets: targets.register / unregister / registered, and Force Poll's resolver on a
// SQL Server master. "SQL Server" is a second lab behind a connector: its master answers as
// MSX01 at msx01.contoso.com, each target at its own name, each behind its own session.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { Lab } from '../lab/lab';
import { defaultScenario } from '../lab/scenario';
import type { MsdbExecutor } from '../msdb/executor';
import { ConnectionFailure } from '../msdb/sqlserver/errors';
import type { SqlServerConnectOptions, SqlServerConnector } from './connections';
import type { SecretStore } from './secrets';
import { hostFixture, type HostFixture } from './testing';

const PASSWORD = 'Tsx-Pa55word';
const MSX = 'sqlserver:MSX01';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function remoteFleet() {
  const remote = await Lab.create(defaultScenario(), { scheduler: new VirtualScheduler() });
  cleanup.push(() => remote.close());
  const opened: SqlServerConnectOptions[] = [];
  const closed: string[] = [];
  /** Addresses that refuse connections, as a stopped server would. */
  const down = new Set<string>();
  const connector: SqlServerConnector = {
    connect: async (opts) => {
      opened.push(opts);
      if (down.has(opts.server)) {
        throw new ConnectionFailure('unreachable', `Cannot reach ${opts.server}: the connection was refused.`, 'Check that SQL Server is running.', undefined, 'ESOCKET');
      }
      // Standing in for a standalone server: a second lab's master with no targets is not needed,
      // the "OTHER" address answers as the remote master itself (an MSX, not a TSX).
      const executor: MsdbExecutor | undefined =
        opts.server === 'msx01.contoso.com' || opts.server === 'OTHER' ? remote.executor() : remote.targetExecutor(opts.server.replace(/,\d+$/, ''));
      if (!executor) throw new ConnectionFailure('unreachable', `Cannot resolve the host name of ${opts.server}.`, 'Check the spelling.', undefined, 'ENOTFOUND');
      return {
        executor,
        close: async () => {
          closed.push(opts.server);
        },
      };
    },
  };
  return { remote, connector, opened, closed, down };
}

function persistentStore(): SecretStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    persistent: true,
    get: async (k) => map.get(k),
    set: async (k, v) => {
      map.set(k, v);
    },
    delete: async (k) => {
      map.delete(k);
    },
  };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msx-reg-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function connected(fleet: Awaited<ReturnType<typeof remoteFleet>>, opts: { dir?: string; store?: SecretStore } = {}): Promise<HostFixture> {
  const f = await hostFixture({
    sqlServerConnector: fleet.connector,
    ...(opts.dir ? { connectionsFile: join(opts.dir, 'connections.json') } : {}),
    ...(opts.store ? { secretStore: opts.store } : {}),
  });
  cleanup.push(() => f.close());
  await f.ok('connections.connectSqlServer', { server: 'msx01.contoso.com', login: 'dba', password: 'x' });
  return f;
}

const tsx = (server: string, address = server) => ({ connectionId: MSX, server, connection: { server: address, login: 'sa', password: PASSWORD } });

interface PollResult {
  server: string;
  signal: string;
  reason?: string;
  nextPollDueAt?: Date;
}

describe('targets.register', () => {
  it('checks the target (listed by the master, enlisted into it), remembers it, and Force Poll then signals it', async () => {
    const fleet = await remoteFleet();
    const dir = dataDir();
    const f = await connected(fleet, { dir });
    const r = await f.ok('targets.register', tsx('london-sql01', 'LONDON-SQL01,1433'));
    expect(r).toEqual({
      server: 'LONDON-SQL01',
      state: 'connected',
      address: 'LONDON-SQL01,1433',
      agentRole: 'tsx',
      msxServerName: 'MSX01',
      login: 'sa',
      isSysadmin: true,
      passwordStorage: 'session',
      notice: expect.stringMatching(/session only/),
    });
    expect(await f.ok('targets.registered', { connectionId: MSX })).toEqual([
      { server: 'LONDON-SQL01', state: 'connected', address: 'LONDON-SQL01,1433', authentication: 'sql', login: 'sa', passwordStorage: 'session', registeredAt: expect.any(Date) },
    ]);
    const file = readFileSync(join(dir, 'connections.json'), 'utf8');
    expect(JSON.parse(file).registeredTargets).toMatchObject({ MSX01: [{ server: 'LONDON-SQL01', fields: { server: 'LONDON-SQL01,1433', login: 'sa' }, secret: 'session' }] });
    expect(file).not.toContain(PASSWORD);

    const opens = fleet.opened.length;
    const results = await f.ok<PollResult[]>('targets.forcePoll', { connectionId: MSX, servers: ['LONDON-SQL01', 'NYC-SQL02'] });
    expect(results.map((x) => [x.server, x.signal])).toEqual([['LONDON-SQL01', 'signalled'], ['NYC-SQL02', 'notRegistered']]);
    expect(results[1].nextPollDueAt).toBeInstanceOf(Date);
    // The session opened to check the target is the one Force Poll used.
    expect(fleet.opened.length).toBe(opens);
  });

  it('refuses, writing nothing and closing what it opened: a name the master does not list (14262), the wrong server, a server that is not its target', async () => {
    const fleet = await remoteFleet();
    const dir = dataDir();
    const f = await connected(fleet, { dir });
    expect(await f.fails('targets.register', tsx('NOPE-SQL99'))).toMatchObject({ code: 'SQL_ERROR', number: 14262 });
    const wrong = await f.fails('targets.register', tsx('LONDON-SQL01', 'NYC-SQL02'));
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', message: 'NYC-SQL02 is NYC-SQL02, not LONDON-SQL01: register the target with the address of the server the master lists as LONDON-SQL01.' });
    expect(fleet.closed).toContain('NYC-SQL02');
    expect(await f.ok('targets.registered', { connectionId: MSX })).toEqual([]);
    expect(() => readFileSync(join(dir, 'connections.json'))).toThrow();
  });

  it('refuses a target enlisted into another master', async () => {
    const fleet = await remoteFleet();
    const f = await connected(fleet);
    // The target now reports another master.
    fleet.remote.agent('SEA-SQL03')!.state.msxServerName = 'OTHERMSX';
    expect(await f.fails('targets.register', tsx('SEA-SQL03'))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'SEA-SQL03 is enlisted into OTHERMSX, not a target of MSX01, so it was not registered.',
    });
  });

  it('the lab needs none: register refused, registered lists its simulated targets as connected', async () => {
    const f = await hostFixture();
    cleanup.push(() => f.close());
    expect(await f.fails('targets.register', { ...tsx('LONDON-SQL01'), connectionId: 'lab' })).toMatchObject({ code: 'BAD_REQUEST' });
    const list = await f.ok<Array<{ server: string; state: string }>>('targets.registered', { connectionId: 'lab' });
    expect(list.map((t) => [t.server, t.state])).toEqual([
      ['LONDON-SQL01', 'connected'], ['NYC-SQL02', 'connected'], ['SEA-SQL03', 'connected'], ['TOKYO-SQL04', 'connected'], ['SYD-SQL05', 'connected'],
    ]);
  });
});

describe("Force Poll's resolver on a SQL Server master", () => {
  it('after a restart: saved, opened lazily on the first Force Poll, then reused', async () => {
    const fleet = await remoteFleet();
    const dir = dataDir();
    const store = persistentStore();
    const first = await connected(fleet, { dir, store });
    expect(await first.ok('targets.register', tsx('TOKYO-SQL04'))).toMatchObject({ passwordStorage: 'encrypted' });
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).not.toContain(PASSWORD);
    await first.close();
    expect(fleet.closed).toContain('TOKYO-SQL04');

    const f = await connected(fleet, { dir, store });
    expect(await f.ok('targets.registered', { connectionId: MSX })).toMatchObject([{ server: 'TOKYO-SQL04', state: 'saved', passwordStorage: 'encrypted' }]);
    const before = fleet.opened.filter((o) => o.server === 'TOKYO-SQL04').length;
    expect(await f.ok('targets.forcePoll', { connectionId: MSX, servers: ['TOKYO-SQL04'] })).toMatchObject([{ signal: 'signalled' }]);
    expect(await f.ok('targets.forcePoll', { connectionId: MSX, servers: ['TOKYO-SQL04'] })).toMatchObject([{ signal: 'signalled' }]);
    const tokyo = fleet.opened.filter((o) => o.server === 'TOKYO-SQL04');
    expect(tokyo.length - before).toBe(1);
    expect(tokyo.at(-1)).toEqual({ server: 'TOKYO-SQL04', authentication: 'sql', login: 'sa', password: PASSWORD, encrypt: true, trustServerCertificate: false });
    expect(await f.ok('targets.registered', { connectionId: MSX })).toMatchObject([{ state: 'connected' }]);
  });

  it('unreachable: reported with the reason and when the next poll is due; the registration shows the error', async () => {
    const fleet = await remoteFleet();
    const dir = dataDir();
    const store = persistentStore();
    const first = await connected(fleet, { dir, store });
    await first.ok('targets.register', tsx('SYD-SQL05'));
    await first.close();

    fleet.down.add('SYD-SQL05');
    const f = await connected(fleet, { dir, store });
    const [r] = await f.ok<PollResult[]>('targets.forcePoll', { connectionId: MSX, servers: ['SYD-SQL05'] });
    expect(r).toMatchObject({ server: 'SYD-SQL05', signal: 'unreachable', reason: 'Cannot connect to SYD-SQL05: Cannot reach SYD-SQL05: the connection was refused.' });
    expect(r.nextPollDueAt).toBeInstanceOf(Date);
    expect(await f.ok('targets.registered', { connectionId: MSX })).toMatchObject([{ server: 'SYD-SQL05', state: 'error', message: 'Cannot reach SYD-SQL05: the connection was refused.' }]);
    // It comes back: the next Force Poll connects.
    fleet.down.delete('SYD-SQL05');
    expect(await f.ok('targets.forcePoll', { connectionId: MSX, servers: ['SYD-SQL05'] })).toMatchObject([{ signal: 'signalled' }]);
  });

  it('a password kept for the session only is gone after a restart: unreachable, saying to register again', async () => {
    const fleet = await remoteFleet();
    const dir = dataDir();
    const first = await connected(fleet, { dir });
    await first.ok('targets.register', tsx('NYC-SQL02'));
    await first.close();
    const f = await connected(fleet, { dir });
    expect(await f.ok('targets.registered', { connectionId: MSX })).toMatchObject([{ server: 'NYC-SQL02', state: 'saved', passwordStorage: 'none' }]);
    const [r] = await f.ok<PollResult[]>('targets.forcePoll', { connectionId: MSX, servers: ['NYC-SQL02'] });
    expect(r.signal).toBe('unreachable');
    expect(r.reason).toMatch(/no password is at hand for NYC-SQL02.*Register it again/);
  });

  it('unregister: the session is closed, Force Poll is back to notRegistered, a second unregister is NOT_FOUND', async () => {
    const fleet = await remoteFleet();
    const store = persistentStore();
    const f = await connected(fleet, { store });
    await f.ok('targets.register', tsx('LONDON-SQL01'));
    expect(store.map.size).toBe(1);
    expect(await f.ok('targets.unregister', { connectionId: MSX, server: 'london-sql01' })).toEqual({ server: 'london-sql01', unregistered: true });
    expect(fleet.closed).toContain('LONDON-SQL01');
    expect(store.map.size).toBe(0);
    expect(await f.ok('targets.forcePoll', { connectionId: MSX, servers: ['LONDON-SQL01'] })).toMatchObject([{ signal: 'notRegistered' }]);
    expect(await f.fails('targets.unregister', { connectionId: MSX, server: 'LONDON-SQL01' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("disconnecting the master closes its targets' sessions", async () => {
    const fleet = await remoteFleet();
    const f = await connected(fleet);
    await f.ok('targets.register', tsx('LONDON-SQL01'));
    fleet.closed.length = 0;
    await f.ok('connections.disconnect', { connectionId: MSX });
    expect(fleet.closed.sort()).toEqual(['LONDON-SQL01', 'msx01.contoso.com']);
  });
});
