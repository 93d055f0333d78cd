// Object Explorer for one connection: the server node, Databases > msdb, and SQL Server Agent >
// Jobs and Operators. Node ids are stable paths (jobs by job_id, operators by id), so a tree can
// keep its expanded nodes across refreshes. The Agent node carries the Agent role (spec §1) so
// the UI knows which Multi Server Administration items to enable.
import type { AgentRole, MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run } from './calls';
import { WorkflowError } from './errors';
import { listJobs } from './jobs';
import { agentLabel, serverLabel } from './serverInfo';
import { num, str } from './values';

export type ExplorerNodeKind = 'server' | 'folder' | 'database' | 'agent' | 'job' | 'operator';

export interface ExplorerNode {
  id: string;
  parentId: string | null;
  label: string;
  kind: ExplorerNodeKind;
  hasChildren: boolean;
  /** Server and SQL Server Agent nodes. */
  agentRole?: AgentRole;
  /** Job nodes. */
  jobId?: string;
  multiserver?: boolean;
  enabled?: boolean;
  /** Operator nodes. */
  operatorId?: number;
}

export const NODE_IDS = {
  server: 'server',
  databases: 'server/databases',
  msdb: 'server/databases/msdb',
  agent: 'server/agent',
  jobs: 'server/agent/jobs',
  operators: 'server/agent/operators',
} as const;

const JOB_NODE = /^server\/agent\/jobs\/[^/]+$/;
const OPERATOR_NODE = /^server\/agent\/operators\/[^/]+$/;

const folder = (id: string, parentId: string, label: string): ExplorerNode => ({ id, parentId, label, kind: 'folder', hasChildren: true });

/** Children of a node; no node (or '') means the connection's root, which holds the server node. */
export async function explorerChildren(exec: MsdbExecutor, nodeId?: string | null): Promise<ExplorerNode[]> {
  const id = nodeId ?? '';
  switch (id) {
    case '': {
      const info = await exec.serverInfo();
      return [{ id: NODE_IDS.server, parentId: null, label: serverLabel(info), kind: 'server', hasChildren: true, agentRole: info.agentRole }];
    }
    case NODE_IDS.server: {
      const info = await exec.serverInfo();
      return [
        folder(NODE_IDS.databases, id, 'Databases'),
        { id: NODE_IDS.agent, parentId: id, label: agentLabel(info.agentRole, info.msxServerName), kind: 'agent', hasChildren: true, agentRole: info.agentRole },
      ];
    }
    case NODE_IDS.databases:
      return [{ id: NODE_IDS.msdb, parentId: id, label: 'msdb', kind: 'database', hasChildren: false }];
    case NODE_IDS.agent:
      return [folder(NODE_IDS.jobs, id, 'Jobs'), folder(NODE_IDS.operators, id, 'Operators')];
    case NODE_IDS.jobs:
      return (await listJobs(exec)).map((j) => ({
        id: `${NODE_IDS.jobs}/${j.jobId}`,
        parentId: id,
        label: j.name,
        kind: 'job',
        hasChildren: false,
        jobId: j.jobId,
        multiserver: j.multiserver,
        enabled: j.enabled,
      }));
    case NODE_IDS.operators:
      return firstRecordset(await run(exec, call('sp_help_operator'))).map((r) => ({
        id: `${NODE_IDS.operators}/${num(r.id)}`,
        parentId: id,
        label: str(r.name),
        kind: 'operator',
        hasChildren: false,
        operatorId: num(r.id),
        enabled: num(r.enabled) === 1,
      }));
    case NODE_IDS.msdb:
      return [];
    default:
      if (JOB_NODE.test(id) || OPERATOR_NODE.test(id)) return [];
      throw new WorkflowError('NOT_FOUND', `Object Explorer has no node '${id}'.`);
  }
}
