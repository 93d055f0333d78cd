// Every method through the dispatcher (issue 3's acceptance): a valid call; an invalid-params
// call refused with a clear error and nothing written; and an error from msdb passed through
// with SQL Server's number (or, for methods that never reach msdb, their own refusal).
// CASES is typed over every method name, so a new method does not compile without its cases.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from './contract';
import type { ApiMethodName } from './types';
import { expectSameState, hostFixture, type HostFixture } from './testing';

type Failure = { params: Record<string, unknown>; code: ApiError['code']; number?: number } | { none: string };

interface Case {
  /** The params, or how to make them (a saved connection's id exists only once saved). */
  valid: Record<string, unknown> | ((f: HostFixture) => Promise<Record<string, unknown>>);
  /** Checks the valid call's result. */
  check?: (result: any, f: HostFixture) => void | Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A valid call whose expected answer is an error (connecting with no SQL Server executor). */
  validError?: ApiError['code'];
  invalid: unknown;
  /** The field the INVALID_PARAMS issue names ('' for the whole object). */
  invalidPath: string;
  failure: Failure;
}

const lab = { connectionId: 'lab' };

/** A port something already listens on (lab.serveTds's failure case). */
const busy = createServer();
await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
const BUSY_PORT = (busy.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

/** The first of `count` consecutive ports that are free now. */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20000 + Math.floor(Math.random() * 40000);
    const held: Server[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const s = createServer();
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(first + i, '127.0.0.1', resolve);
        });
        held.push(s);
      }
      return first;
    } catch {
      // Taken: try another run.
    } finally {
      await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }
  }
  throw new Error(`no run of ${count} free ports found`);
}
const notConnected: Failure = { params: { connectionId: 'sqlserver:NOPE' }, code: 'NOT_CONNECTED' };
/** A plan as runbook.capture makes one, for params that must be valid without a call first. */
const PLAN = {
  format: 'msx-studio.runbook',
  version: 1,
  master: 'MSX01',
  masterVersion: '16.0.4135.4',
  createdAt: '2026-12-05T05:30:00.000Z',
  groups: ['Production'],
  targets: [{ server: 'LONDON-SQL01', location: 'London, rack B4', pollInterval: 60, productVersion: '16.0.4135.4', groups: ['Production'], jobs: ['Nightly DBCC CHECKDB'] }],
};
const posted = (n: number, op: string) => `SP_POST_MSX_OPERATION: ${n} ${op} download instruction(s) posted.`;

const CASES: Record<ApiMethodName, Case> = {
  'connections.list': {
    valid: {},
    check: (r) =>
      expect(r).toEqual([
        expect.objectContaining({ id: 'lab', kind: 'lab', server: 'MSX01', login: 'sa', agentRole: 'msx', productVersion: '16.0.4135.4' }),
      ]),
    invalid: { kind: 'lab' },
    invalidPath: '',
    failure: { none: 'lists what is open; it reaches no server' },
  },
  'connections.openLab': {
    valid: {},
    check: (r) => expect(r).toMatchObject({ id: 'lab', label: 'MSX01 (SQL Server 16.0.4135 - sa)' }),
    invalid: { file: '/tmp/x' },
    invalidPath: '',
    failure: { none: 'the lab is always there to open' },
  },
  'connections.connectSqlServer': {
    valid: { server: 'SQL01\\PROD,1433', login: 'sa', password: 'secret' },
    validError: 'NOT_CONNECTED',
    invalid: { server: 'SQL01', authentication: 'sql' },
    invalidPath: 'login',
    failure: { params: { server: 'SQL01', authentication: 'windows' }, code: 'NOT_CONNECTED' },
  },
  'connections.test': {
    valid: { server: 'SQL01,1433', login: 'sa', password: 'secret' },
    // The fixture's connector reaches no server; connections.api.test.ts tests the real answers.
    validError: 'NOT_CONNECTED',
    invalid: { server: 'SQL01', authentication: 'sql' },
    invalidPath: 'login',
    failure: { params: { server: 'SQL01', authentication: 'windows', login: 'CORP\\dba' }, code: 'NOT_CONNECTED' },
  },
  'connections.saved': {
    valid: {},
    check: (r) => expect(r).toEqual([]),
    invalid: { id: 'x' },
    invalidPath: '',
    failure: { none: 'lists what is saved; it reaches no server' },
  },
  'connections.save': {
    valid: { server: 'MSX01,1433', login: 'dba', password: 'S3cret!', rememberPassword: true },
    check: (r) => {
      expect(r).toMatchObject({ connection: { server: 'MSX01,1433', login: 'dba', hasPassword: true, passwordStorage: 'session' }, passwordStorage: 'session' });
      expect(JSON.stringify(r)).not.toContain('S3cret!');
    },
    invalid: { server: 'MSX01', authentication: 'sql' },
    invalidPath: 'login',
    failure: { params: { id: 'no-such-id', server: 'MSX01', login: 'dba' }, code: 'NOT_FOUND' },
  },
  'connections.forget': {
    valid: async (f) => ({ id: (await f.ok<{ connection: { id: string } }>('connections.save', { server: 'MSX01', login: 'dba' })).connection.id }),
    check: async (r, f) => {
      expect(r).toEqual({ id: expect.any(String), forgotten: true });
      expect(await f.ok('connections.saved')).toEqual([]);
    },
    invalid: { id: '' },
    invalidPath: 'id',
    failure: { params: { id: 'no-such-id' }, code: 'NOT_FOUND' },
  },
  'connections.connectSaved': {
    valid: async (f) => ({ id: (await f.ok<{ connection: { id: string } }>('connections.save', { server: 'MSX01', login: 'dba' })).connection.id, password: 'x' }),
    validError: 'NOT_CONNECTED',
    invalid: { id: 'x', password: 5 },
    invalidPath: 'password',
    failure: { params: { id: 'no-such-id' }, code: 'NOT_FOUND' },
  },
  'connections.disconnect': {
    valid: lab,
    check: (r, f) => {
      expect(r).toEqual({ connectionId: 'lab', closed: true });
      expect(f.events).toContainEqual({ type: 'connection', connectionId: 'lab', state: 'closed' });
    },
    invalid: { connectionId: '' },
    invalidPath: 'connectionId',
    failure: notConnected,
  },
  'connections.serverInfo': {
    valid: lab,
    check: (r) => expect(r).toMatchObject({ serverName: 'MSX01', agentRole: 'msx', productName: 'SQL Server 2022', agentLabel: 'SQL Server Agent (MSX)' }),
    invalid: {},
    invalidPath: 'connectionId',
    failure: notConnected,
  },
  'explorer.children': {
    valid: { ...lab, nodeId: 'server/agent/jobs' },
    check: (r) => expect(r.map((n: { label: string; multiserver: boolean }) => [n.label, n.multiserver])).toEqual([
      ['Collect wait statistics', true], ['Nightly DBCC CHECKDB', true], ['syspolicy_purge_history', false],
    ]),
    invalid: { ...lab, nodeId: 7 },
    invalidPath: 'nodeId',
    failure: { params: { ...lab, nodeId: 'server/security' }, code: 'NOT_FOUND' },
  },
  'targets.register': {
    valid: { ...lab, server: 'LONDON-SQL01', connection: { server: 'LONDON-SQL01', login: 'sa', password: 'x' } },
    // The lab's targets need no registration; registeredTargets.api.test.ts registers real ones.
    validError: 'BAD_REQUEST',
    invalid: { ...lab, server: 'LONDON-SQL01', connection: { server: 'LONDON-SQL01', authentication: 'sql' } },
    invalidPath: 'connection.login',
    failure: { params: { connectionId: 'sqlserver:NOPE', server: 'TSX1', connection: { server: 'TSX1', login: 'sa' } }, code: 'NOT_CONNECTED' },
  },
  'targets.unregister': {
    valid: { ...lab, server: 'LONDON-SQL01' },
    validError: 'BAD_REQUEST',
    invalid: lab,
    invalidPath: 'server',
    failure: { params: { connectionId: 'sqlserver:NOPE', server: 'TSX1' }, code: 'NOT_CONNECTED' },
  },
  'targets.registered': {
    valid: lab,
    check: (r) => {
      expect(r).toHaveLength(5);
      expect(r.every((t: { state: string }) => t.state === 'connected')).toBe(true);
    },
    invalid: {},
    invalidPath: 'connectionId',
    failure: notConnected,
  },
  'targets.list': {
    valid: lab,
    check: (r) => {
      expect(r).toHaveLength(5);
      expect(r[0]).toMatchObject({ serverName: 'LONDON-SQL01', pollInterval: 60, unreadInstructions: 0, statusFlags: ['normal'] });
      expect(r[0].lastPollDate).toBeInstanceOf(Date);
    },
    invalid: { ...lab, servers: [] },
    invalidPath: 'servers',
    failure: notConnected,
  },
  'targets.forcePoll': {
    valid: { ...lab, servers: ['LONDON-SQL01'] },
    check: (r) => expect(r).toEqual([{ server: 'LONDON-SQL01', instanceId: expect.any(Number), message: posted(1, 'SET-POLL'), pollInterval: 60, signal: 'signalled' }]),
    invalid: { ...lab, servers: [] },
    invalidPath: 'servers',
    failure: { params: { ...lab, servers: ['NOPE'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'targets.forceDefection': {
    valid: { ...lab, servers: ['NYC-SQL02'] },
    check: (r) => expect(r).toMatchObject([{ ok: true, returnValue: 0 }]),
    invalid: { ...lab, servers: 'NYC-SQL02' },
    invalidPath: 'servers',
    failure: { params: { ...lab, servers: ['NOPE'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'targets.postInstruction': {
    valid: { ...lab, instruction: { type: 'SET-POLL', pollInterval: 120, recipients: ['LONDON-SQL01', 'NYC-SQL02'] } },
    check: (r) => expect(r.map((o: { messages: Array<{ text: string }> }) => o.messages[0].text)).toEqual([posted(1, 'SET-POLL'), posted(1, 'SET-POLL')]),
    invalid: { ...lab, instruction: { type: 'SET-POLL', pollInterval: 5, recipients: 'all' } },
    invalidPath: 'instruction.pollInterval',
    failure: { params: { ...lab, instruction: { type: 'SYNC-TIME', recipients: ['NOPE'] } }, code: 'SQL_ERROR', number: 14262 },
  },
  'targets.resync': {
    valid: { ...lab, servers: 'all' },
    check: (r) => expect(r).toMatchObject([{ ok: true, call: { proc: 'sp_resync_targetserver', params: { server_name: 'ALL' } } }]),
    invalid: { ...lab, servers: 'everything' },
    invalidPath: 'servers',
    failure: { params: { ...lab, servers: ['NOPE'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'targets.script': {
    valid: { ...lab, action: { kind: 'postInstruction', instruction: { type: 'SET-POLL', pollInterval: 120, recipients: ['TSX1'] } } },
    check: (r) =>
      expect(r.script).toBe("EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'TSX1', @value = 120;"),
    invalid: { ...lab, action: { kind: 'reboot' } },
    invalidPath: 'action.kind',
    failure: { params: { ...lab, action: { kind: 'forcePoll', servers: ['NOPE'] } }, code: 'SQL_ERROR', number: 14262 },
  },
  'downloadList.list': {
    valid: { ...lab, status: 1, targetServer: 'SYD-SQL05' },
    check: (r) => {
      expect(r.length).toBeGreaterThan(0);
      expect(r.every((i: { targetServer: string; status: number }) => i.targetServer === 'SYD-SQL05' && i.status === 1)).toBe(true);
    },
    invalid: { ...lab, status: 2 },
    invalidPath: 'status',
    failure: { params: { ...lab, objectType: 'JOB' }, code: 'SQL_ERROR', number: 14272 },
  },
  'groups.list': {
    valid: lab,
    check: (r) => expect(r).toEqual([{ servergroupId: 1, name: 'Production' }]),
    invalid: { ...lab, name: 'Production' },
    invalidPath: '',
    failure: notConnected,
  },
  'groups.members': {
    valid: { ...lab, group: 'Production' },
    check: (r) => expect(r.map((m: { serverName: string }) => m.serverName)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'TOKYO-SQL04']),
    invalid: { ...lab, group: '' },
    invalidPath: 'group',
    failure: { params: { ...lab, group: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'groups.add': {
    valid: { ...lab, name: 'Reporting' },
    check: (r) => expect(r).toEqual({ returnValue: 0, messages: [] }),
    invalid: { ...lab, name: 'x'.repeat(129) },
    invalidPath: 'name',
    failure: { params: { ...lab, name: 'A,B' }, code: 'SQL_ERROR', number: 14289 },
  },
  'groups.rename': {
    valid: { ...lab, name: 'Production', newName: 'Prod' },
    check: async (r, f) => {
      expect(r.returnValue).toBe(0);
      expect(await f.ok('groups.list', lab)).toEqual([{ servergroupId: 1, name: 'Prod' }]);
    },
    invalid: { ...lab, name: 'Production' },
    invalidPath: 'newName',
    failure: { params: { ...lab, name: 'Nope', newName: 'X' }, code: 'SQL_ERROR', number: 14262 },
  },
  'groups.delete': {
    valid: { ...lab, name: 'Production' },
    check: async (_r, f) => expect(await f.ok('groups.list', lab)).toEqual([]),
    invalid: { ...lab, name: 1 },
    invalidPath: 'name',
    failure: { params: { ...lab, name: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'groups.addMember': {
    valid: { ...lab, group: 'Production', server: 'SYD-SQL05' },
    check: (r) => expect(r.returnValue).toBe(0),
    invalid: { ...lab, group: 'Production' },
    invalidPath: 'server',
    failure: { params: { ...lab, group: 'Production', server: 'LONDON-SQL01' }, code: 'SQL_ERROR', number: 14263 },
  },
  'groups.removeMember': {
    valid: { ...lab, group: 'Production', server: 'LONDON-SQL01' },
    check: (r) => expect(r.returnValue).toBe(0),
    invalid: { ...lab, group: 'Production', server: ['LONDON-SQL01'] },
    invalidPath: 'server',
    failure: { params: { ...lab, group: 'Production', server: 'SYD-SQL05' }, code: 'SQL_ERROR', number: 14264 },
  },
  'jobs.list': {
    valid: lab,
    check: (r) => expect(r.map((j: { jobName: string; targetServers: number }) => [j.jobName, j.targetServers])).toEqual([
      ['Collect wait statistics', 3], ['Nightly DBCC CHECKDB', 5],
    ]),
    invalid: { ...lab, local: true },
    invalidPath: '',
    failure: notConnected,
  },
  'jobs.targets': {
    valid: { ...lab, jobName: 'Collect wait statistics' },
    check: (r) => expect(r.map((t: { serverName: string; lastRunOutcomeText: string }) => [t.serverName, t.lastRunOutcomeText])).toEqual([
      ['LONDON-SQL01', 'Unknown'], ['NYC-SQL02', 'Unknown'], ['SEA-SQL03', 'Unknown'],
    ]),
    invalid: { ...lab, jobName: 'Collect wait statistics', jobId: 'AAAAAAAA-0000-4000-8000-000000000001' },
    invalidPath: 'jobId',
    failure: { params: { ...lab, jobName: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.start': {
    valid: { ...lab, jobName: 'Collect wait statistics', servers: ['NYC-SQL02'], stepName: 'Snapshot' },
    check: (r) => {
      expect(r).toMatchObject({ ok: true, outcomes: [{ ok: true, messages: [{ number: 14230, text: posted(1, 'START') }] }] });
      expect(r.script).toBe("EXEC msdb.dbo.sp_start_job @job_name = N'Collect wait statistics', @server_name = N'NYC-SQL02', @step_name = N'Snapshot';");
    },
    invalid: { ...lab, jobId: 'not-a-guid' },
    invalidPath: 'jobId',
    failure: { params: { ...lab, jobName: 'Collect wait statistics', servers: ['NOPE'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.stop': {
    valid: { ...lab, jobName: 'Nightly DBCC CHECKDB' },
    check: (r) => expect(r).toMatchObject({ ok: true, outcomes: [{ ok: true, messages: [{ number: 14230, text: posted(5, 'STOP') }] }] }),
    invalid: { ...lab, jobName: 'Nightly DBCC CHECKDB', servers: [] },
    invalidPath: 'servers',
    failure: { params: { ...lab, jobName: 'Nightly DBCC CHECKDB', servers: ['NOPE'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.all': {
    valid: lab,
    check: (r) => expect(r.map((j: { name: string; kind: string; versionNumber: number }) => [j.name, j.kind, j.versionNumber])).toEqual([
      ['Collect wait statistics', 'multiserver', 1], ['Nightly DBCC CHECKDB', 'multiserver', 1], ['syspolicy_purge_history', 'none', 1],
    ]),
    invalid: { ...lab, multiserver: true },
    invalidPath: '',
    failure: notConnected,
  },
  'jobs.get': {
    valid: { ...lab, jobName: 'Nightly DBCC CHECKDB' },
    check: (r) => {
      expect(r).toMatchObject({ name: 'Nightly DBCC CHECKDB', versionNumber: 1, targets: { kind: 'multiserver' } });
      expect(r.steps.map((s: { name: string }) => s.name)).toEqual(['Check system databases', 'Check user databases']);
      expect(r.targets.servers).toHaveLength(5);
    },
    invalid: { ...lab },
    invalidPath: 'jobId',
    failure: { params: { ...lab, jobName: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.history': {
    valid: { ...lab, jobName: 'Nightly DBCC CHECKDB', server: 'LONDON-SQL01' },
    check: (r) => expect(Array.isArray(r)).toBe(true),
    invalid: { ...lab, jobName: 'Nightly DBCC CHECKDB', runStatus: 7 },
    invalidPath: 'runStatus',
    failure: { params: { ...lab, jobName: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.status': {
    valid: lab,
    check: (r) => {
      expect(r.jobs.map((j: { jobName: string; targets: unknown[] }) => [j.jobName, j.targets.length])).toEqual([
        ['Collect wait statistics', 3], ['Nightly DBCC CHECKDB', 5],
      ]);
      expect(r.roundTrips).toBeGreaterThan(0);
    },
    invalid: { ...lab, jobIds: ['nope'] },
    invalidPath: 'jobIds.0',
    failure: notConnected,
  },
  'jobs.targetCopies': {
    valid: async (f) => ({ ...lab, jobId: (await f.ok<Array<{ name: string; jobId: string }>>('jobs.all', lab)).find((j) => j.name === 'Nightly DBCC CHECKDB')!.jobId, servers: ['LONDON-SQL01'] }),
    check: (r) => expect(r).toMatchObject([{ server: 'LONDON-SQL01', state: 'read', masterVersionNumber: 1 }]),
    invalid: { ...lab, jobId: 'AAAAAAAA-0000-4000-8000-000000000001', servers: [] },
    invalidPath: 'servers',
    failure: { params: { ...lab, jobId: 'AAAAAAAA-0000-4000-8000-000000000001', servers: ['LONDON-SQL01'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.operators': {
    valid: lab,
    check: (r) => expect(r.map((o: { name: string }) => o.name)).toContain('MSXOperator'),
    invalid: { ...lab, name: 'x' },
    invalidPath: '',
    failure: notConnected,
  },
  'jobs.categories': {
    valid: lab,
    check: (r) => expect(r).toContainEqual({ categoryId: 2, categoryType: 'MULTI-SERVER', name: '[Uncategorized (Multi-Server)]' }),
    invalid: { ...lab, class: 'JOB' },
    invalidPath: '',
    failure: notConnected,
  },
  'jobs.schedules': {
    valid: lab,
    check: (r) => expect(Array.isArray(r)).toBe(true),
    invalid: { ...lab, name: 'x' },
    invalidPath: '',
    failure: notConnected,
  },
  'jobs.save': {
    valid: {
      ...lab,
      job: {
        name: 'Rebuild indexes',
        steps: [{ name: 'Rebuild', command: 'EXEC dbo.usp_rebuild;', onSuccessAction: 3 }, { name: 'Report', command: 'SELECT 1;' }],
        targets: { kind: 'multiserver', servers: ['LONDON-SQL01', 'NYC-SQL02'] },
      },
    },
    check: async (r, f) => {
      expect(r.ok).toBe(true);
      const rows = await f.ok<Array<{ targetServer: string; operation: string }>>('downloadList.list', { ...lab, jobName: 'Rebuild indexes' });
      expect(rows.map((x) => [x.operation, x.targetServer])).toEqual([['INSERT', 'LONDON-SQL01'], ['INSERT', 'NYC-SQL02']]);
    },
    invalid: { ...lab, job: { name: '', steps: [] } },
    invalidPath: 'job.name',
    failure: { params: { ...lab, job: { name: 'Nightly DBCC CHECKDB' } }, code: 'SQL_ERROR', number: 14261 },
  },
  'jobs.delete': {
    valid: { ...lab, jobName: 'Collect wait statistics' },
    check: (r) => expect(r.outcomes[0].messages).toContainEqual(expect.objectContaining({ number: 14230, text: posted(3, 'DELETE') })),
    invalid: { ...lab },
    invalidPath: 'jobId',
    failure: { params: { ...lab, jobName: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.setEnabled': {
    valid: { ...lab, jobName: 'Nightly DBCC CHECKDB', enabled: false },
    check: (r) => expect(r.outcomes[0].messages).toContainEqual(expect.objectContaining({ number: 14230, text: posted(5, 'UPDATE') })),
    invalid: { ...lab, jobName: 'Nightly DBCC CHECKDB', enabled: 'no' },
    invalidPath: 'enabled',
    failure: { params: { ...lab, jobName: 'Nope', enabled: true }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.synchronize': {
    valid: async (f) => ({ ...lab, jobId: (await f.ok<Array<{ name: string; jobId: string }>>('jobs.all', lab)).find((j) => j.name === 'Nightly DBCC CHECKDB')!.jobId, servers: ['LONDON-SQL01', 'NYC-SQL02'] }),
    check: (r) => {
      expect(r.outcomes.map((o: { messages: Array<{ text: string }> }) => o.messages[0].text)).toEqual([posted(1, 'INSERT'), posted(1, 'INSERT')]);
      expect(r.script).toMatch(/^EXEC msdb\.dbo\.sp_post_msx_operation @operation = N'INSERT', @object_type = N'JOB', @job_id = N'[0-9A-F-]{36}', @specific_target_server = N'LONDON-SQL01';\n/);
    },
    invalid: { ...lab, jobId: 'AAAAAAAA-0000-4000-8000-000000000001', servers: ['A', 'a'] },
    invalidPath: 'servers.1',
    failure: { params: { ...lab, jobId: 'AAAAAAAA-0000-4000-8000-000000000001', servers: ['LONDON-SQL01'] }, code: 'SQL_ERROR', number: 14262 },
  },
  'jobs.scriptCreate': {
    valid: { ...lab, jobName: 'Collect wait statistics' },
    check: (r) => {
      expect(r.script).toContain("EXEC msdb.dbo.sp_add_job @job_name = N'Collect wait statistics'");
      expect(r.script).toContain("EXEC msdb.dbo.sp_apply_job_to_targets @job_name = N'Collect wait statistics', @target_servers = N'LONDON-SQL01,NYC-SQL02,SEA-SQL03';");
    },
    invalid: { ...lab, jobName: '' },
    invalidPath: 'jobName',
    failure: { params: { ...lab, jobName: 'Nope' }, code: 'SQL_ERROR', number: 14262 },
  },
  'lab.targets': {
    valid: {},
    check: (r) => expect(r.map((t: { name: string }) => t.name)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05']),
    invalid: { server: 'LONDON-SQL01' },
    invalidPath: '',
    failure: { none: 'reads the lab; reaches no msdb' },
  },
  'lab.stopAgent': {
    valid: { server: 'london-sql01' },
    check: (r) => expect(r).toMatchObject({ name: 'LONDON-SQL01', agentRunning: false, nextPollAt: null }),
    invalid: { server: '' },
    invalidPath: 'server',
    failure: { params: { server: 'NOPE' }, code: 'NOT_FOUND' },
  },
  'lab.startAgent': {
    valid: { server: 'LONDON-SQL01' },
    check: (r) => expect(r).toMatchObject({ name: 'LONDON-SQL01', agentRunning: true }),
    invalid: { server: 42 },
    invalidPath: 'server',
    failure: { params: { server: 'NOPE' }, code: 'NOT_FOUND' },
  },
  'lab.cutLink': {
    valid: { server: 'NYC-SQL02' },
    check: (r) => expect(r).toMatchObject({ name: 'NYC-SQL02', linkUp: false }),
    invalid: {},
    invalidPath: 'server',
    failure: { params: { server: 'NOPE' }, code: 'NOT_FOUND' },
  },
  'lab.restoreLink': {
    valid: { server: 'NYC-SQL02' },
    check: (r) => expect(r).toMatchObject({ name: 'NYC-SQL02', linkUp: true }),
    invalid: { server: 'NYC-SQL02', up: true },
    invalidPath: '',
    failure: { params: { server: 'NOPE' }, code: 'NOT_FOUND' },
  },
  'lab.setLatency': {
    valid: { server: 'SEA-SQL03', latencyMs: 250 },
    check: (r) => expect(r).toMatchObject({ name: 'SEA-SQL03', latencyMs: 250 }),
    invalid: { server: 'SEA-SQL03', latencyMs: 60_001 },
    invalidPath: 'latencyMs',
    failure: { params: { server: 'NOPE', latencyMs: 1 }, code: 'NOT_FOUND' },
  },
  'lab.skewClock': {
    valid: { server: 'TOKYO-SQL04', skewMs: -90_000 },
    check: (r) => expect(r).toMatchObject({ name: 'TOKYO-SQL04', clockSkewMs: -90_000 }),
    invalid: { server: 'TOKYO-SQL04', skewMs: 1.5 },
    invalidPath: 'skewMs',
    failure: { params: { server: 'NOPE', skewMs: 0 }, code: 'NOT_FOUND' },
  },
  'lab.failNext': {
    valid: { server: 'SYD-SQL05', message: 'Proxy not found.' },
    check: (r) => expect(r).toMatchObject({ name: 'SYD-SQL05', failNext: 'Proxy not found.' }),
    invalid: { server: 'SYD-SQL05', message: '   ' },
    invalidPath: 'message',
    failure: { params: { server: 'NOPE', message: 'x' }, code: 'NOT_FOUND' },
  },
  'lab.runJob': {
    valid: { server: 'LONDON-SQL01', job: 'nightly dbcc checkdb' },
    check: (r) => expect(r).toMatchObject({ name: 'LONDON-SQL01', runningJobs: ['Nightly DBCC CHECKDB'] }),
    invalid: { server: 'LONDON-SQL01' },
    invalidPath: 'job',
    failure: { params: { server: 'LONDON-SQL01', job: 'Nope' }, code: 'NOT_FOUND' },
  },
  'lab.setRegistry': {
    valid: { server: 'SEA-SQL03', msxEncryptChannelOptions: 1, allowDownloadedJobsToMatchProxyName: null },
    check: (r) => expect(r).toMatchObject({ name: 'SEA-SQL03', registry: { msxEncryptChannelOptions: 1, allowDownloadedJobsToMatchProxyName: null } }),
    invalid: { server: 'SEA-SQL03', msxEncryptChannelOptions: 3 },
    invalidPath: 'msxEncryptChannelOptions',
    failure: { params: { server: 'NOPE', msxEncryptChannelOptions: 0 }, code: 'NOT_FOUND' },
  },
  'lab.setCertificateTrust': {
    valid: { server: 'SEA-SQL03', trusts: false },
    check: (r) => expect(r).toMatchObject({ name: 'SEA-SQL03', trustsMasterCertificate: false }),
    invalid: { server: 'SEA-SQL03', trusts: 'no' },
    invalidPath: 'trusts',
    failure: { params: { server: 'NOPE', trusts: true }, code: 'NOT_FOUND' },
  },
  'lab.setProxies': {
    valid: { server: 'SEA-SQL03', proxies: ['LabProxy', 'ETL'] },
    check: (r) => expect(r).toMatchObject({ name: 'SEA-SQL03', proxies: ['LabProxy', 'ETL'] }),
    invalid: { server: 'SEA-SQL03', proxies: 'LabProxy' },
    invalidPath: 'proxies',
    failure: { params: { server: 'SEA-SQL03', proxies: ['ETL', 'etl'] }, code: 'BAD_REQUEST' },
  },
  'lab.master': {
    valid: {},
    check: (r) => expect(r).toEqual({ name: 'MSX01', msxOperator: true, proxyJobTargets: [] }),
    invalid: { server: 'MSX01' },
    invalidPath: '',
    failure: { none: "reads the lab's master" },
  },
  'lab.setMsxOperator': {
    valid: { present: false },
    check: async (r, f) => {
      expect(r).toMatchObject({ msxOperator: false });
      expect(await f.ok('lab.setMsxOperator', { present: true })).toMatchObject({ msxOperator: true });
    },
    invalid: { present: 1 },
    invalidPath: 'present',
    failure: { none: "the lab's own fault on its master: removes or puts back a row, refusing nothing" },
  },
  'lab.applyFault': {
    valid: { server: 'NYC-SQL02', fault: 'encryption' },
    check: (r) => expect(r).toMatchObject({ name: 'NYC-SQL02', trustsMasterCertificate: false }),
    invalid: { server: 'NYC-SQL02', fault: 'reboot' },
    invalidPath: 'fault',
    failure: { params: { server: 'NOPE', fault: 'encryption' }, code: 'NOT_FOUND' },
  },
  'lab.undoFault': {
    valid: { server: 'NYC-SQL02', fault: 'encryption' },
    check: (r) => expect(r).toMatchObject({ name: 'NYC-SQL02', trustsMasterCertificate: true }),
    invalid: { server: 'NYC-SQL02' },
    invalidPath: 'fault',
    failure: { params: { server: 'NOPE', fault: 'encryption' }, code: 'NOT_FOUND' },
  },
  'lab.tryFault': {
    valid: { server: 'TOKYO-SQL04', fault: 'alreadyEnlisted' },
    check: (r) => expect(r.results).toEqual([expect.objectContaining({ server: 'TOKYO-SQL04', error: expect.objectContaining({ number: 14296 }) })]),
    invalid: { server: 'TOKYO-SQL04', fault: 'alreadyenlisted' },
    invalidPath: 'fault',
    failure: { params: { server: 'TOKYO-SQL04', fault: 'proxyMatching' }, code: 'BAD_REQUEST' },
  },
  'lab.reset': {
    valid: {},
    check: async (r, f) => {
      expect(r).toHaveLength(5);
      expect(f.events).toContainEqual({ type: 'lab', connectionId: 'lab', event: { type: 'lab.reset' } });
      expect(await f.ok('targets.list', lab)).toHaveLength(5);
    },
    invalid: { scenario: 'fleet' },
    invalidPath: 'scenario',
    failure: { none: 'rebuilds the lab from its scenario; reaches no msdb a caller names' },
  },
  'lab.tds': {
    valid: {},
    check: (r) => expect(r).toEqual({ enabled: false }),
    invalid: { port: 1433 },
    invalidPath: '',
    failure: { none: 'reports the switch; reaches no server' },
  },
  'lab.serveTds': {
    valid: async () => ({ enabled: true, port: await freePortRun(6), password: 'Methods-pw-1' }),
    check: async (r, f) => {
      expect(r).toMatchObject({ enabled: true, sysadminLogin: 'sa', otherLogin: 'labuser', password: 'Methods-pw-1' });
      expect(r.endpoints.map((e: { server: string }) => e.server)).toEqual(['MSX01', 'LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05']);
      expect(await f.ok('lab.tds', {})).toEqual(r);
      expect(await f.ok('lab.serveTds', { enabled: false })).toEqual({ enabled: false });
    },
    invalid: { enabled: true, port: 0 },
    invalidPath: 'port',
    failure: { params: { enabled: true, port: BUSY_PORT }, code: 'BAD_REQUEST' },
  },
  'msdb.exec': {
    valid: { ...lab, proc: 'msdb.dbo.sp_help_targetserver', params: { '@server_name': 'tokyo-sql04' } },
    check: (r) => {
      expect(r.returnValue).toBe(0);
      expect(r.messages).toEqual([]);
      expect(r.recordsets[0]).toEqual([expect.objectContaining({ server_name: 'TOKYO-SQL04', poll_interval: 60 })]);
    },
    invalid: { ...lab, proc: 'xp_cmdshell', params: { command: 'dir' } },
    invalidPath: 'proc',
    failure: { params: { ...lab, proc: 'sp_post_msx_operation', params: { operation: 'REBOOT', object_type: 'SERVER' } }, code: 'SQL_ERROR', number: 14266 },
  },
  'msdb.script': {
    valid: { proc: 'dbo.sp_delete_targetserver', params: { server_name: "O'NEIL", post_defection: 0 } },
    check: (r) => expect(r).toEqual({ script: "EXEC msdb.dbo.sp_delete_targetserver @server_name = N'O''NEIL', @post_defection = 0;" }),
    invalid: { proc: 'sp_x; DROP TABLE t' },
    invalidPath: 'proc',
    failure: { none: 'renders text; reaches no server' },
  },
  'app.about': {
    valid: {},
    check: (r) => expect(r).toMatchObject({ product: 'MSX Studio', license: 'MIT', runtime: { node: process.versions.node } }),
    invalid: { verbose: true },
    invalidPath: '',
    failure: { none: 'describes this process; reaches no server' },
  },
  'audit.list': {
    valid: { search: 'sp_post_msx_operation', limit: 10 },
    check: (r) => expect(r).toEqual({ file: null, entries: expect.any(Array) }),
    invalid: { limit: 0 },
    invalidPath: 'limit',
    failure: { none: 'reads what this console recorded; reaches no server' },
  },
  // Issue 11: every lab server its own connection, and the multiserver lifecycle.
  'lab.servers': {
    valid: {},
    check: (r) => {
      expect(r.map((s: { server: string; role: string }) => `${s.server}:${s.role}`)).toEqual([
        'MSX01:master', 'LONDON-SQL01:target', 'NYC-SQL02:target', 'SEA-SQL03:target', 'TOKYO-SQL04:target', 'SYD-SQL05:target', 'BOS-SQL06:standalone', 'PAR-SQL07:standalone',
      ]);
      expect(r[0]).toMatchObject({ connectionId: 'lab', productName: 'SQL Server 2022', running: true });
      expect(r[6]).toMatchObject({ connectionId: null, productName: 'SQL Server 2019', msxServerName: null });
    },
    invalid: { role: 'standalone' },
    invalidPath: '',
    failure: { none: 'reads the lab; reaches no msdb' },
  },
  'connections.openLabServer': {
    valid: { server: 'bos-sql06' },
    check: async (r, f) => {
      expect(r).toMatchObject({ id: 'lab:BOS-SQL06', kind: 'lab', server: 'BOS-SQL06', agentRole: 'standalone', label: 'BOS-SQL06 (SQL Server 15.0.4430 - sa)' });
      expect((await f.ok<Array<{ id: string }>>('connections.list')).map((c) => c.id)).toEqual(['lab', 'lab:BOS-SQL06']);
      expect(await f.ok('connections.openLabServer', { server: 'MSX01' })).toMatchObject({ id: 'lab' });
    },
    invalid: { server: '' },
    invalidPath: 'server',
    failure: { params: { server: 'NOPE' }, code: 'NOT_FOUND' },
  },
  'lab.stopMaster': {
    valid: { server: 'MSX01' },
    check: (r) => expect(r).toMatchObject({ server: 'MSX01', running: false }),
    invalid: { server: 'MSX01', running: false },
    invalidPath: '',
    failure: { params: { server: 'BOS-SQL06' }, code: 'BAD_REQUEST' },
  },
  'lab.startMaster': {
    valid: { server: 'msx01' },
    check: (r) => expect(r).toMatchObject({ server: 'MSX01', running: true }),
    invalid: {},
    invalidPath: 'server',
    failure: { params: { server: 'NOPE' }, code: 'NOT_FOUND' },
  },
  'enlist.makeTarget': {
    valid: async (f) => {
      await f.ok('connections.openLabServer', { server: 'BOS-SQL06' });
      return { connectionId: 'lab:BOS-SQL06', master: 'MSX01', location: 'Boston, DC1' };
    },
    check: async (r, f) => {
      expect(r).toMatchObject({ ran: true, ok: true, steps: [{ action: 'enlist', server: 'BOS-SQL06', outcome: { ok: true, messages: [{ number: 14229 }] } }] });
      expect(r.script).toBe("-- On BOS-SQL06:\nEXEC msdb.dbo.sp_msx_enlist @msx_server_name = N'MSX01', @location = N'Boston, DC1';");
      expect(await f.ok('connections.serverInfo', { connectionId: 'lab:BOS-SQL06' })).toMatchObject({ agentRole: 'tsx', agentLabel: 'SQL Server Agent (TSX: MSX01)' });
    },
    invalid: { ...lab, master: 'MSX01', location: 'x'.repeat(101) },
    invalidPath: 'location',
    failure: { params: { connectionId: 'sqlserver:NOPE', master: 'MSX01' }, code: 'NOT_CONNECTED' },
  },
  'enlist.addTargets': {
    valid: { ...lab, targets: [{ server: 'BOS-SQL06', location: 'Boston' }, { server: 'PAR-SQL07' }] },
    check: async (r, f) => {
      expect(r.ok).toBe(true);
      expect(r.steps.map((x: { server: string }) => x.server)).toEqual(['BOS-SQL06', 'PAR-SQL07']);
      expect((await f.ok<Array<{ serverName: string }>>('targets.list', lab)).map((t) => t.serverName)).toContain('PAR-SQL07');
    },
    invalid: { ...lab, targets: [{ server: 'BOS-SQL06' }, { server: 'bos-sql06' }] },
    invalidPath: 'targets.1.server',
    failure: { params: { connectionId: 'sqlserver:NOPE', targets: [{ server: 'BOS-SQL06' }] }, code: 'NOT_CONNECTED' },
  },
  'enlist.makeMaster': {
    valid: async (f) => {
      await f.ok('connections.openLabServer', { server: 'BOS-SQL06' });
      return { connectionId: 'lab:BOS-SQL06', operator: { email: 'dba@contoso.com', netSend: 'DBA-PC' }, targets: [{ server: 'PAR-SQL07', location: 'Paris' }] };
    },
    check: async (r, f) => {
      expect(r.ok).toBe(true);
      expect(r.steps.map((x: { action: string; server: string }) => `${x.action}@${x.server}`)).toEqual(['addOperator@BOS-SQL06', 'enlist@PAR-SQL07']);
      expect(r.script).toContain("EXEC msdb.dbo.sp_add_operator @name = N'MSXOperator', @enabled = 1, @email_address = N'dba@contoso.com', @netsend_address = N'DBA-PC';");
      expect(await f.ok('connections.serverInfo', { connectionId: 'lab:BOS-SQL06' })).toMatchObject({ agentRole: 'msx' });
    },
    invalid: { ...lab, operator: {}, targets: [] },
    invalidPath: 'operator.email',
    failure: { params: { connectionId: 'sqlserver:NOPE', operator: { email: 'a@b' }, targets: [] }, code: 'NOT_CONNECTED' },
  },
  'defect.normal': {
    valid: async (f) => {
      await f.ok('connections.openLabServer', { server: 'SYD-SQL05' });
      return { connectionId: 'lab:SYD-SQL05' };
    },
    check: (r) => expect(r).toMatchObject({ ran: true, ok: true, masterUnreachable: false, steps: [{ action: 'defect', outcome: { messages: [{ number: 14227 }] } }] }),
    invalid: { ...lab, forced: true },
    invalidPath: '',
    failure: { params: lab, code: 'BAD_REQUEST' },
  },
  'defect.forced': {
    valid: async (f) => {
      await f.ok('connections.openLabServer', { server: 'SEA-SQL03' });
      f.lab().cutLink('SEA-SQL03');
      return { connectionId: 'lab:SEA-SQL03' };
    },
    check: async (r, f) => {
      expect(r.steps.map((x: { outcome: { ok: boolean } }) => x.outcome.ok)).toEqual([true, true]);
      expect(r.onMaster).toMatchObject({ server: 'MSX01', script: "-- On MSX01:\nEXEC msdb.dbo.sp_delete_targetserver @server_name = N'SEA-SQL03', @post_defection = 0;" });
      expect((await f.ok<Array<{ serverName: string }>>('targets.list', lab)).map((t) => t.serverName)).not.toContain('SEA-SQL03');
    },
    invalid: { connectionId: '' },
    invalidPath: 'connectionId',
    failure: { params: lab, code: 'BAD_REQUEST' },
  },
  'defect.completeOnMaster': {
    valid: { ...lab, server: 'TOKYO-SQL04', script: true },
    check: (r) => expect(r).toMatchObject({ ran: false, script: "-- On MSX01:\nEXEC msdb.dbo.sp_delete_targetserver @server_name = N'TOKYO-SQL04', @post_defection = 0;" }),
    invalid: { ...lab },
    invalidPath: 'server',
    failure: { params: { connectionId: 'sqlserver:NOPE', server: 'X' }, code: 'NOT_CONNECTED' },
  },
  'groups.script': {
    valid: { ...lab, action: { kind: 'rename', name: 'Production', newName: "Prod 'EU'" } },
    check: (r) => expect(r.script).toBe("EXEC msdb.dbo.sp_update_targetservergroup @name = N'Production', @new_name = N'Prod ''EU''';"),
    invalid: { ...lab, action: { kind: 'drop', name: 'Production' } },
    invalidPath: 'action.kind',
    failure: { params: { connectionId: 'sqlserver:NOPE', action: { kind: 'add', name: 'G' } }, code: 'NOT_CONNECTED' },
  },
  'targets.agentRegistry': {
    valid: { ...lab, server: 'SEA-SQL03' },
    check: (r) =>
      expect(r).toMatchObject({
        server: 'SEA-SQL03',
        unknown: null,
        read: { msxServerName: 'MSX01', msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: null, readAsSysadmin: true },
        effective: { msxEncryptChannelOptions: 2, allowDownloadedJobsToMatchProxyName: 0 },
        findings: [],
      }),
    invalid: { ...lab, server: '' },
    invalidPath: 'server',
    failure: { params: { connectionId: 'sqlserver:NOPE', server: 'X' }, code: 'NOT_CONNECTED' },
  },
  'targets.versions': {
    valid: lab,
    check: (r) => expect(r.find((t: { server: string }) => t.server === 'SEA-SQL03')).toMatchObject({ display: 'SQL Server 2019 (15.0.4375)', unknown: null }),
    invalid: {},
    invalidPath: 'connectionId',
    failure: notConnected,
  },
  'upgrade.readiness': {
    valid: lab,
    check: (r) => expect(r).toMatchObject({ upgradeFirst: ['SEA-SQL03'], ready: false, master: { server: 'MSX01' } }),
    invalid: { ...lab, upgradeTo: 8 },
    invalidPath: 'upgradeTo',
    failure: notConnected,
  },
  'runbook.capture': {
    valid: lab,
    check: (r) => expect(r).toMatchObject({ format: 'msx-studio.runbook', master: 'MSX01', groups: ['Production'] }),
    invalid: { ...lab, path: '/tmp/x.json' },
    invalidPath: '',
    failure: notConnected,
  },
  'runbook.save': {
    valid: async (f) => ({ plan: await f.ok('runbook.capture', lab) }),
    check: async (r, f) => {
      expect(r.path.startsWith(f.dataDir)).toBe(true);
      expect(r.path).toMatch(/runbooks\/MSX01-\d{8}T\d{6}\.msxplan\.json$/);
      expect(await f.ok('runbook.list')).toEqual([expect.objectContaining({ path: r.path, master: 'MSX01', targets: 5 })]);
    },
    invalid: { plan: { format: 'msx-studio.runbook' } },
    invalidPath: 'plan.version',
    // A folder that cannot be made (its parent is a file): refused with the reason.
    failure: { params: { plan: PLAN, path: '/etc/hostname/msx-studio/plan.json' }, code: 'BAD_REQUEST' },
  },
  'runbook.load': {
    valid: async (f) => ({ path: (await f.ok<{ path: string }>('runbook.save', { plan: await f.ok('runbook.capture', lab) })).path }),
    check: (r) => expect(r).toMatchObject({ master: 'MSX01', targets: expect.arrayContaining([expect.objectContaining({ server: 'SYD-SQL05', pollInterval: 10 })]) }),
    invalid: { path: 'plan.txt' },
    invalidPath: 'path',
    failure: { params: { path: '/nonexistent/msx-plan.json' }, code: 'NOT_FOUND' },
  },
  'runbook.list': {
    valid: {},
    check: (r) => expect(r).toEqual([]),
    invalid: { folder: '/tmp' },
    invalidPath: '',
    failure: { none: 'lists plan files in the data folder' },
  },
  'runbook.defectAll': {
    valid: async (f) => ({ ...lab, plan: await f.ok('runbook.capture', lab), script: true }),
    check: (r) => expect(r).toMatchObject({ ran: false, ok: true, steps: expect.arrayContaining([expect.objectContaining({ action: 'defect', server: 'SEA-SQL03' })]) }),
    invalid: { ...lab, plan: { ...PLAN, targets: [{ ...PLAN.targets[0], pollInterval: 9 }] } },
    invalidPath: 'plan.targets.0.pollInterval',
    failure: { params: { ...lab, plan: { ...PLAN, master: 'OTHERMSX' } }, code: 'BAD_REQUEST' },
  },
  'runbook.reenlist': {
    valid: async (f) => {
      const plan = await f.ok('runbook.capture', lab);
      await f.ok('runbook.defectAll', { ...lab, plan });
      return { ...lab, plan };
    },
    check: async (r, f) => {
      expect(r.ok).toBe(true);
      expect(await f.ok('targets.list', lab)).toHaveLength(5);
    },
    invalid: { ...lab, plan: { ...PLAN, format: 'other' } },
    invalidPath: 'plan.format',
    failure: { params: { ...lab, plan: { ...PLAN, master: 'OTHERMSX' } }, code: 'BAD_REQUEST' },
  },
};

describe.each(Object.entries(CASES))('%s', (name, c) => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await hostFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers a valid call', async () => {
    const valid = typeof c.valid === 'function' ? await c.valid(f) : c.valid;
    if (c.validError) {
      expect((await f.fails(name, valid)).code).toBe(c.validError);
      return;
    }
    const result = await f.ok(name, valid);
    await c.check?.(result, f);
  });

  it('refuses invalid params with a clear error and writes nothing', async () => {
    const before = f.state();
    const e = await f.fails(name, c.invalid);
    expect(e.code).toBe('INVALID_PARAMS');
    expect(e.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: Invalid parameters: `));
    expect(e.issues?.map((i) => i.path)).toContain(c.invalidPath);
    expectSameState(before, f.state());
  });

  const failure = c.failure;
  if (!('none' in failure)) {
    it("passes the server's error through (or its own refusal), writing nothing", async () => {
      // The earlier valid call may have closed the lab connection; reopen so the failure is the one under test.
      await f.ok('connections.openLab');
      const before = f.state();
      const e = await f.fails(name, failure.params);
      expect(e.code).toBe(failure.code);
      if (failure.number !== undefined) {
        expect(e.number).toBe(failure.number);
        expect(e.severity).toBe(16);
      }
      expect(e.message.length).toBeGreaterThan(10);
      expectSameState(before, f.state());
    });
  }
});

describe('the method table', () => {
  it('has exactly the methods these cases cover, each with a summary', async () => {
    const f = await hostFixture();
    const methods = f.host.methods();
    expect(methods.map((m) => m.name).sort()).toEqual(Object.keys(CASES).sort());
    expect(methods.every((m) => m.summary.length > 5)).toBe(true);
    await f.close();
  });

  it('has an error case for every method that can fail once its params are valid', () => {
    const cannotFail = Object.entries(CASES).filter(([, c]) => 'none' in c.failure).map(([n]) => n);
    expect(cannotFail).toEqual(['connections.list', 'connections.openLab', 'connections.saved', 'lab.targets', 'lab.master', 'lab.setMsxOperator', 'lab.reset', 'lab.tds', 'msdb.script', 'app.about', 'audit.list', 'lab.servers', 'runbook.list']);
  });
});
