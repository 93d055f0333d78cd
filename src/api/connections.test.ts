import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { Lab } from '../lab/lab';
import { defaultScenario } from '../lab/scenario';
import { SqlServerError } from '../msx/errors';
import type { MsdbExecutor } from '../msdb/executor';
import type { SqlServerConnectOptions, SqlServerConnector } from './connections';
import { hostFixture, type HostFixture } from './testing';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function fixture(connector?: SqlServerConnector): Promise<HostFixture> {
  const f = await hostFixture(connector ? { sqlServerConnector: connector } : {});
  cleanup.push(() => f.close());
  return f;
}

/**
 * Stands in for the mssql executor: "SQL Server" here is a second lab, whose master answers as
 * MSX01 and whose targets answer as themselves, each behind its own session.
 */
async function remoteFleet() {
  const scheduler = new VirtualScheduler();
  const remote = await Lab.create(defaultScenario(), { scheduler });
  cleanup.push(() => remote.close());
  const sessions: Array<{ opts: SqlServerConnectOptions; close: ReturnType<typeof vi.fn> }> = [];
  const connector: SqlServerConnector = {
    connect: async (opts) => {
      const executor: MsdbExecutor | undefined = opts.server === 'msx01.contoso.com' ? remote.executor() : remote.targetExecutor(opts.server);
      if (!executor) throw new Error(`A network-related or instance-specific error occurred while establishing a connection to SQL Server (${opts.server}).`);
      const close = vi.fn(async () => undefined);
      sessions.push({ opts, close });
      return { executor, close };
    },
  };
  return { remote, scheduler, sessions, connector };
}

describe('connections', () => {
  it('opens the lab at start: id lab, kind lab, MSX01 as sa, the MSX role', async () => {
    const f = await fixture();
    expect(await f.ok('connections.list')).toEqual([
      {
        id: 'lab',
        kind: 'lab',
        server: 'MSX01',
        login: 'sa',
        agentRole: 'msx',
        productVersion: '16.0.4135.4',
        productName: 'SQL Server 2022',
        edition: 'Enterprise Edition (64-bit)',
        machineName: 'MSX01',
        isSysadmin: true,
        msxServerName: null,
        label: 'MSX01 (SQL Server 16.0.4135 - sa)',
        address: 'MSX01',
        openedAt: new Date(f.scheduler.now()),
      },
    ]);
  });

  it('a host without a SQL Server connector says so plainly, and registers nothing', async () => {
    const f = await fixture();
    const e = await f.fails('connections.connectSqlServer', { server: 'SQL01', authentication: 'windows' });
    expect(e).toEqual({
      code: 'NOT_CONNECTED',
      message: 'SQL Server connections are turned off in this host (it was started without a SQL Server connector). Use the embedded lab.',
    });
    expect((await f.ok<unknown[]>('connections.list')).length).toBe(1);
  });

  it('connects through the injected connector; Force Poll signals the targets that are registered connections', async () => {
    const fleet = await remoteFleet();
    const f = await fixture(fleet.connector);
    const msx = await f.ok<{ id: string }>('connections.connectSqlServer', { server: 'msx01.contoso.com', login: 'dba', password: 'S3cret!' });
    expect(msx).toMatchObject({ id: 'sqlserver:MSX01', kind: 'sqlserver', server: 'MSX01', address: 'msx01.contoso.com', agentRole: 'msx' });
    expect(fleet.sessions[0].opts).toEqual({ server: 'msx01.contoso.com', authentication: 'sql', login: 'dba', password: 'S3cret!', encrypt: true, trustServerCertificate: false });
    await f.ok('connections.connectSqlServer', { server: 'LONDON-SQL01', authentication: 'windows' });

    const list = await f.ok<Array<{ id: string }>>('connections.list');
    expect(list.map((c) => c.id)).toEqual(['lab', 'sqlserver:MSX01', 'sqlserver:LONDON-SQL01']);
    expect(JSON.stringify(list)).not.toContain('S3cret!');

    expect((await f.ok<unknown[]>('targets.list', { connectionId: 'sqlserver:MSX01' })).length).toBe(5);
    const results = await f.ok<Array<{ server: string; signal: string }>>('targets.forcePoll', { connectionId: 'sqlserver:MSX01', servers: ['LONDON-SQL01', 'NYC-SQL02'] });
    expect(results.map((r) => [r.server, r.signal])).toEqual([['LONDON-SQL01', 'signalled'], ['NYC-SQL02', 'notRegistered']]);
    // The posts went to the remote master, not to the lab's.
    expect(fleet.remote.master.db.value("SELECT COUNT(*) FROM sysdownloadlist WHERE operation_code = 9")).toBe(2);
    expect(f.lab().master.db.value("SELECT COUNT(*) FROM sysdownloadlist WHERE operation_code = 9")).toBe(0);
  });

  it('disconnects: the session is closed, the state event sent, and the id refused afterwards', async () => {
    const fleet = await remoteFleet();
    const f = await fixture(fleet.connector);
    await f.ok('connections.connectSqlServer', { server: 'msx01.contoso.com', authentication: 'windows' });
    expect(await f.ok('connections.disconnect', { connectionId: 'sqlserver:MSX01' })).toEqual({ connectionId: 'sqlserver:MSX01', closed: true });
    expect(fleet.sessions[0].close).toHaveBeenCalledOnce();
    expect(f.events).toContainEqual({ type: 'connection', connectionId: 'sqlserver:MSX01', state: 'closed' });
    expect(await f.fails('targets.list', { connectionId: 'sqlserver:MSX01' })).toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('replaces a connection to the same server, closing the old session', async () => {
    const fleet = await remoteFleet();
    const f = await fixture(fleet.connector);
    await f.ok('connections.connectSqlServer', { server: 'msx01.contoso.com', authentication: 'windows' });
    await f.ok('connections.connectSqlServer', { server: 'msx01.contoso.com', login: 'sa', password: 'x' });
    expect(fleet.sessions[0].close).toHaveBeenCalledOnce();
    expect((await f.ok<unknown[]>('connections.list')).length).toBe(2);
  });

  it('passes a login failure through with SQL Server\'s number, and closes what it opened', async () => {
    const close = vi.fn(async () => undefined);
    const connector: SqlServerConnector = {
      connect: async () => ({
        executor: {
          exec: async () => ({ returnValue: 0, recordsets: [], messages: [] }),
          serverInfo: async () => {
            throw new SqlServerError(18456, 14, "Login failed for user 'dba'.");
          },
          agentRegistry: async () => {
            throw new SqlServerError(18456, 14, "Login failed for user 'dba'.");
          },
        },
        close,
      }),
    };
    const f = await fixture(connector);
    expect(await f.fails('connections.connectSqlServer', { server: 'SQL01', login: 'dba', password: 'x' })).toEqual({
      code: 'SQL_ERROR', message: "Login failed for user 'dba'.", number: 18456, severity: 14,
    });
    expect(close).toHaveBeenCalledOnce();
  });

  it('closes and reopens the lab connection; lab events flow only while it is open', async () => {
    const f = await fixture();
    await f.ok('connections.disconnect', { connectionId: 'lab' });
    expect(await f.ok('connections.list')).toEqual([]);
    f.events.length = 0;
    await f.ok('lab.stopAgent', { server: 'LONDON-SQL01' });
    expect(f.events.filter((e) => e.type === 'lab')).toEqual([]);
    await f.ok('connections.openLab');
    expect(f.events).toContainEqual({ type: 'connection', connectionId: 'lab', state: 'open' });
    await f.ok('lab.startAgent', { server: 'LONDON-SQL01' });
    expect(f.events).toContainEqual({ type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'LONDON-SQL01' } });
  });

  it('follows the lab\'s Agent role: once every target is gone the master is standalone', async () => {
    const f = await fixture();
    await f.ok('targets.forceDefection', { connectionId: 'lab', servers: ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05'] });
    expect(await f.ok('connections.list')).toMatchObject([{ id: 'lab', agentRole: 'standalone' }]);
    expect(await f.ok('connections.serverInfo', { connectionId: 'lab' })).toMatchObject({ agentRole: 'standalone', agentLabel: 'SQL Server Agent' });
  });
});
