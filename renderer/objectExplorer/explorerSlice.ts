// Object Explorer's state: nodes per connection loaded lazily from explorer.children, which are
// expanded, which are loading, which failed (the error is shown in place of the children).
import type { StateCreator } from 'zustand';
import type { MsxClient } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import type { AgentRole, ExplorerNode } from '../api/types';
import type { AppState } from '../store';

/** `<connectionId>|<nodeId>`; the connection's root (which holds the server node) is `<connectionId>|`. */
export type NodeKey = string;

export const nodeKey = (connectionId: string, nodeId: string) => `${connectionId}|${nodeId}`;
export const rootKey = (connectionId: string) => nodeKey(connectionId, '');

export function parseKey(key: NodeKey): { connectionId: string; nodeId: string } {
  const at = key.indexOf('|');
  return { connectionId: key.slice(0, at), nodeId: key.slice(at + 1) };
}

export interface ExplorerSlice {
  nodes: Record<NodeKey, ExplorerNode>;
  childKeys: Record<NodeKey, NodeKey[]>;
  loadingNodes: Record<NodeKey, boolean>;
  nodeErrors: Record<NodeKey, ErrorView>;
  expanded: Record<NodeKey, boolean>;
  focusedKey: NodeKey | null;
  loadChildren(key: NodeKey): Promise<void>;
  toggleNode(key: NodeKey, expand: boolean): void;
  refreshNode(key: NodeKey): Promise<void>;
  setFocusedKey(key: NodeKey): void;
  /** A new connection opens as SSMS shows it: the server and SQL Server Agent expanded. */
  initConnection(connectionId: string): Promise<void>;
  setAgentRole(connectionId: string, role: AgentRole): void;
  forgetConnection(connectionId: string): void;
}

function without<T>(rec: Record<string, T>, pred: (k: string) => boolean): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(rec)) if (!pred(k)) out[k] = v;
  return out;
}

export const explorerSlice =
  (client: MsxClient): StateCreator<AppState, [], [], ExplorerSlice> =>
  (set, get) => {
    // One load per node at a time: a double-click while a load runs does not start another.
    const inFlight = new Map<NodeKey, Promise<void>>();

    const load = (key: NodeKey): Promise<void> => {
      const running = inFlight.get(key);
      if (running) return running;
      const { connectionId, nodeId } = parseKey(key);
      set((s) => ({ loadingNodes: { ...s.loadingNodes, [key]: true } }));
      const p = client
        .invoke('explorer.children', nodeId ? { connectionId, nodeId } : { connectionId })
        .then(
          (children) => {
            set((s) => {
              const nodes = { ...s.nodes };
              for (const c of children) nodes[nodeKey(connectionId, c.id)] = c;
              const errors = { ...s.nodeErrors };
              delete errors[key];
              return {
                nodes,
                childKeys: { ...s.childKeys, [key]: children.map((c) => nodeKey(connectionId, c.id)) },
                nodeErrors: errors,
              };
            });
          },
          (err: unknown) => {
            set((s) => ({ nodeErrors: { ...s.nodeErrors, [key]: toErrorView(err) } }));
          },
        )
        .finally(() => {
          inFlight.delete(key);
          set((s) => ({ loadingNodes: { ...s.loadingNodes, [key]: false } }));
        });
      inFlight.set(key, p);
      return p;
    };

    return {
      nodes: {},
      childKeys: {},
      loadingNodes: {},
      nodeErrors: {},
      expanded: {},
      focusedKey: null,
      loadChildren: load,
      toggleNode(key, expand) {
        set((s) => ({ expanded: { ...s.expanded, [key]: expand } }));
        const s = get();
        if (expand && (!s.childKeys[key] || s.nodeErrors[key])) void load(key);
      },
      async refreshNode(key) {
        await load(key);
        // Children that are open stay open and are re-read too.
        const s = get();
        await Promise.all((s.childKeys[key] ?? []).filter((k) => s.expanded[k]).map((k) => get().refreshNode(k)));
      },
      setFocusedKey(key) {
        if (get().focusedKey === key) return;
        set({ focusedKey: key });
        get().setActiveConnection(parseKey(key).connectionId);
      },
      async initConnection(connectionId) {
        const server = nodeKey(connectionId, 'server');
        const agent = nodeKey(connectionId, 'server/agent');
        if (get().expanded[server] !== undefined) return;
        get().toggleNode(server, true);
        if (!get().focusedKey) set({ focusedKey: server });
        await load(server);
        if (get().nodes[agent] && get().expanded[agent] === undefined) get().toggleNode(agent, true);
      },
      setAgentRole(connectionId, role) {
        set((s) => {
          const nodes = { ...s.nodes };
          let changed = false;
          for (const id of ['server', 'server/agent']) {
            const k = nodeKey(connectionId, id);
            if (nodes[k] && nodes[k].agentRole !== role) {
              nodes[k] = { ...nodes[k], agentRole: role };
              changed = true;
            }
          }
          return changed ? { nodes } : s;
        });
      },
      forgetConnection(connectionId) {
        const mine = (k: string) => k.startsWith(`${connectionId}|`);
        set((s) => ({
          nodes: without(s.nodes, mine),
          childKeys: without(s.childKeys, mine),
          loadingNodes: without(s.loadingNodes, mine),
          nodeErrors: without(s.nodeErrors, mine),
          expanded: without(s.expanded, mine),
          focusedKey: s.focusedKey && mine(s.focusedKey) ? null : s.focusedKey,
        }));
        for (const d of get().documents.filter((d) => d.connectionId === connectionId)) get().closeDocument(d.id);
      },
    };
  };
