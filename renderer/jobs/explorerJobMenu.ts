// Object Explorer's menus for the Jobs folder and each job node: which items, and what each one
// opens (the job dialogs live in the store's jobDialog; the status view is a document).
import type { TFunction } from 'i18next';
import type { MsxClient } from '../api/client';
import type { ExplorerNode } from '../api/types';
import type { MenuItem } from '../kit/Menu';
import { parseKey } from '../objectExplorer/explorerSlice';
import type { AppState, AppStore } from '../store';
import { copyCreateScript, setJobEnabled } from './JobDialogs';
import { jobItems, jobsFolderItems } from './jobMenu';
import type { JobRef } from './jobsSlice';

const JOBS_FOLDER = 'server/agent/jobs';

/** The menu of a Jobs folder or job node; null for any other node. */
export function jobMenuFor(key: string, node: ExplorerNode | undefined, s: AppState, t: TFunction, client: MsxClient, store?: AppStore): MenuItem[] | null {
  const { connectionId, nodeId } = parseKey(key);
  const role = s.connections.find((c) => c.id === connectionId)?.agentRole;
  if (nodeId === JOBS_FOLDER) {
    return jobsFolderItems(t, {
      newJob: () => s.openJobDialog({ kind: 'properties', connectionId }),
      refresh: () => void s.refreshNode(key),
      status: role === 'msx' || role === 'inconsistent' ? () => s.openJobStatus(connectionId, null) : undefined,
    });
  }
  if (node?.kind !== 'job' || !node.jobId) return null;
  const job: JobRef = { connectionId, jobId: node.jobId, jobName: node.label, multiserver: !!node.multiserver, enabled: node.enabled };
  const st = store ?? ({ getState: () => s } as unknown as AppStore);
  return jobItems(job, t, {
    newJob: () => s.openJobDialog({ kind: 'properties', connectionId }),
    properties: () => s.openJobDialog({ kind: 'properties', connectionId, job }),
    start: () => s.openJobDialog({ kind: 'start', job }),
    stop: () => s.openJobDialog({ kind: 'stop', job }),
    history: () => s.openJobDialog({ kind: 'history', job }),
    setEnabled: (enabled) => void setJobEnabled(client, st, t, job, enabled),
    delete: () => s.openJobDialog({ kind: 'delete', job }),
    scriptToWindow: () => s.openJobDialog({ kind: 'script', job }),
    scriptToClipboard: () => void copyCreateScript(client, st, t, job),
    status: () => s.openJobStatus(connectionId, job.jobId),
    refresh: () => void s.refreshNode(`${connectionId}|${JOBS_FOLDER}`),
  });
}
