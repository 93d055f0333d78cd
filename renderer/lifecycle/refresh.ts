// After an enlistment, a defection or a new master, what the window shows must follow: each
// server's Agent role (Object Explorer's SQL Server Agent label and menu) and the masters'
// target lists.
import type { AppStore } from '../store';
import { nodeKey } from '../objectExplorer/explorerSlice';

export async function afterLifecycleWrite(store: AppStore, connectionIds: readonly string[]): Promise<void> {
  const s = store.getState();
  await s.loadConnections();
  const ids = [...new Set(connectionIds)].filter((id) => store.getState().connections.some((c) => c.id === id));
  await Promise.all(ids.map((id) => s.refreshServerInfo(id)));
  await Promise.all(
    ids.map(async (id) => {
      const c = store.getState().connections.find((x) => x.id === id);
      if (c?.agentRole === 'msx' || c?.agentRole === 'inconsistent') await store.getState().loadTargets(id);
      if (store.getState().nodes[nodeKey(id, 'server')]) await store.getState().refreshNode(nodeKey(id, 'server'));
    }),
  );
}
