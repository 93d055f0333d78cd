import { describe, expect, it } from 'vitest';
import type { MsdbExecutor, ServerInfo } from '../msdb/executor';
import { WorkflowError } from './errors';
import { explorerChildren, NODE_IDS } from './explorer';
import { labFixture, rejection } from './testing';

describe('Object Explorer', () => {
  it('shows the server as SSMS does, then Databases > msdb and the SQL Server Agent with its role', async () => {
    const f = await labFixture();
    expect(await explorerChildren(f.master)).toEqual([
      { id: 'server', parentId: null, label: 'MSX01 (SQL Server 16.0.4135 - sa)', kind: 'server', hasChildren: true, agentRole: 'msx' },
    ]);
    expect(await explorerChildren(f.master, NODE_IDS.server)).toEqual([
      { id: 'server/databases', parentId: 'server', label: 'Databases', kind: 'folder', hasChildren: true },
      { id: 'server/agent', parentId: 'server', label: 'SQL Server Agent (MSX)', kind: 'agent', hasChildren: true, agentRole: 'msx' },
    ]);
    expect(await explorerChildren(f.master, NODE_IDS.databases)).toEqual([
      { id: 'server/databases/msdb', parentId: 'server/databases', label: 'msdb', kind: 'database', hasChildren: false },
    ]);
    expect((await explorerChildren(f.master, NODE_IDS.agent)).map((n) => [n.id, n.label])).toEqual([
      ['server/agent/jobs', 'Jobs'],
      ['server/agent/operators', 'Operators'],
    ]);
    expect(await explorerChildren(f.master, NODE_IDS.msdb)).toEqual([]);
    f.lab.close();
  });

  it('lists local and multiserver jobs under Jobs, multiserver ones marked, with ids that survive a refresh', async () => {
    const f = await labFixture();
    const jobs = await explorerChildren(f.master, NODE_IDS.jobs);
    expect(jobs.map((n) => [n.label, n.kind, n.multiserver, n.enabled])).toEqual([
      ['Collect wait statistics', 'job', true, true],
      ['Nightly DBCC CHECKDB', 'job', true, true],
      ['syspolicy_purge_history', 'job', false, true],
    ]);
    expect(jobs[0].id).toBe(`server/agent/jobs/${jobs[0].jobId}`);
    expect((await explorerChildren(f.master, NODE_IDS.jobs)).map((n) => n.id)).toEqual(jobs.map((n) => n.id));
    expect(await explorerChildren(f.master, jobs[0].id)).toEqual([]);
    f.lab.close();
  });

  it('lists operators from sp_help_operator', async () => {
    const info: ServerInfo = {
      serverName: 'MSX01', machineName: 'MSX01', productVersion: '16.0.4135.4', edition: 'Enterprise Edition (64-bit)', engineEdition: 3,
      isSysadmin: true, login: 'sa', agentRole: 'msx', msxServerName: null,
    };
    const calls: string[] = [];
    const exec: MsdbExecutor = {
      exec: async (proc) => {
        calls.push(proc);
        return { returnValue: 0, messages: [], recordsets: [[{ id: 1, name: 'MSXOperator', enabled: 1, email_address: 'dba-team@contoso.com' }]] };
      },
      serverInfo: async () => info,
      agentRegistry: async () => {
        throw new Error('not used');
      },
    };
    expect(await explorerChildren(exec, NODE_IDS.operators)).toEqual([
      { id: 'server/agent/operators/1', parentId: 'server/agent/operators', label: 'MSXOperator', kind: 'operator', hasChildren: false, operatorId: 1, enabled: true },
    ]);
    expect(calls).toEqual(['sp_help_operator']);
  });

  it('labels a target\'s Agent with its master, and refuses a node it does not have', async () => {
    const f = await labFixture();
    const tokyo = f.lab.targetExecutor('TOKYO-SQL04')!;
    expect(await explorerChildren(tokyo)).toMatchObject([{ label: 'TOKYO-SQL04 (SQL Server 16.0.4135 - sa)', agentRole: 'tsx' }]);
    expect((await explorerChildren(tokyo, NODE_IDS.server))[1]).toMatchObject({ label: 'SQL Server Agent (TSX: MSX01)', agentRole: 'tsx' });
    const e = await rejection(explorerChildren(f.master, 'server/replication'));
    expect(e).toBeInstanceOf(WorkflowError);
    expect((e as WorkflowError).code).toBe('NOT_FOUND');
    f.lab.close();
  });
});
