// Object Explorer's tree from the store: a server node per connection (from the connection's
// own info), then what explorer.children returned, labelled in the UI's language. Job and
// operator names are the server's and stay as they are.
import type { TFunction } from 'i18next';
import type { Connection, ExplorerNode } from '../api/types';
import { AgentIcon, DatabaseIcon, FolderIcon, JobIcon, OperatorIcon, ServerIcon } from '../kit/icons';
import type { TreeNode } from '../kit/Tree';
import type { ExplorerSlice } from './explorerSlice';
import { nodeKey } from './explorerSlice';

/** `16.0.4135.4` → `16.0.4135`, as SSMS labels the server node. */
export function shortVersion(productVersion: string): string {
  return productVersion.split('.').slice(0, 3).join('.');
}

export function serverLabel(c: Connection, t: TFunction): string {
  return t('explorer.serverNode', { server: c.server, version: shortVersion(c.productVersion), login: c.login });
}

export function agentLabel(role: Connection['agentRole'], msx: string | null, t: TFunction): string {
  if (role === 'msx') return t('explorer.agentMsx');
  if (role === 'tsx') return t('explorer.agentTsx', { msx: msx ?? '?' });
  return t('explorer.agent');
}

const FOLDER_LABELS: Record<string, 'explorer.databases' | 'explorer.jobs' | 'explorer.operators'> = {
  'server/databases': 'explorer.databases',
  'server/agent/jobs': 'explorer.jobs',
  'server/agent/operators': 'explorer.operators',
};

function labelOf(n: ExplorerNode, c: Connection, t: TFunction): string {
  if (n.kind === 'agent') return agentLabel(n.agentRole ?? c.agentRole, c.msxServerName, t);
  const folder = FOLDER_LABELS[n.id];
  return folder ? t(folder) : n.label;
}

function iconOf(n: ExplorerNode) {
  switch (n.kind) {
    case 'server':
      return <ServerIcon />;
    case 'database':
      return <DatabaseIcon />;
    case 'agent':
      return <AgentIcon />;
    case 'job':
      return <JobIcon multiserver={n.multiserver} />;
    case 'operator':
      return <OperatorIcon />;
    default:
      return <FolderIcon />;
  }
}

/** "MSX" (SQL Server's word, never translated) on screen, the UI's word for screen readers and as a tooltip. */
function MultiserverMark({ label }: { label: string }) {
  return (
    <span className="job-mark-inner" title={label}>
      <span aria-hidden="true">MSX</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

type ExplorerState = Pick<ExplorerSlice, 'nodes' | 'childKeys' | 'loadingNodes' | 'nodeErrors' | 'expanded'>;

export function buildTree(connections: Connection[], s: ExplorerState, t: TFunction, errorText: (e: { message: string; number?: number }) => string): TreeNode[] {
  const build = (key: string, n: ExplorerNode, c: Connection): TreeNode => {
    const children = s.childKeys[key];
    const err = s.nodeErrors[key];
    return {
      key,
      label: labelOf(n, c, t),
      icon: iconOf(n),
      badge: n.kind === 'job' && n.multiserver ? <MultiserverMark label={t('explorer.multiserver')} /> : n.kind === 'job' && n.enabled === false ? t('explorer.disabled') : undefined,
      expandable: n.hasChildren,
      expanded: !!s.expanded[key],
      loading: !!s.loadingNodes[key],
      error: err ? errorText(err) : undefined,
      children: children?.map((k) => build(k, s.nodes[k], c)).filter(Boolean),
    };
  };
  return connections.map((c) => {
    const key = nodeKey(c.id, 'server');
    const node: ExplorerNode = s.nodes[key] ?? { id: 'server', parentId: null, label: c.label, kind: 'server', hasChildren: true, agentRole: c.agentRole };
    return { ...build(key, node, c), label: serverLabel(c, t) };
  });
}
