// Open connections (the lab first), the event stream's state, and which connection the window
// is looking at (the status bar shows it).
import type { StateCreator } from 'zustand';
import type { MsxClient, TransportStatus } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import type { ConnectParams, Connection, RegisteredTarget } from '../api/types';
import type { AppState } from '../store';

export interface ConnectionsSlice {
  connections: Connection[];
  connectionsLoaded: boolean;
  connectionsError: ErrorView | undefined;
  transport: TransportStatus;
  activeConnectionId: string | null;
  setTransport(s: TransportStatus): void;
  setActiveConnection(id: string): void;
  loadConnections(): Promise<void>;
  /** sysadmin: false opens the lab as a login outside sysadmin (what posting looks like then). */
  openLab(as?: { sysadmin?: boolean }): Promise<void>;
  /** targets.registered per master connection: which targets Force Poll can signal. */
  registered: Record<string, RegisteredTarget[] | undefined>;
  loadRegistered(connectionId: string): Promise<void>;
  unregisterTarget(connectionId: string, server: string): Promise<void>;
  /** Rejects with the API's error, for the Connect dialog to show. */
  connectSqlServer(p: ConnectParams): Promise<Connection>;
  disconnect(id: string): Promise<void>;
  /** Re-reads the Agent role (it follows enlistments and defections). */
  refreshServerInfo(id: string): Promise<void>;
}

export const connectionsSlice =
  (client: MsxClient): StateCreator<AppState, [], [], ConnectionsSlice> =>
  (set, get) => ({
    connections: [],
    connectionsLoaded: false,
    connectionsError: undefined,
    transport: 'connecting',
    activeConnectionId: null,
    registered: {},
    setTransport(transport) {
      set({ transport });
    },
    setActiveConnection(id) {
      if (get().activeConnectionId !== id) set({ activeConnectionId: id });
    },
    async loadConnections() {
      try {
        const connections = await client.invoke('connections.list', {});
        const active = get().activeConnectionId;
        set({
          connections,
          connectionsLoaded: true,
          connectionsError: undefined,
          activeConnectionId: active && connections.some((c) => c.id === active) ? active : (connections[0]?.id ?? null),
        });
      } catch (err) {
        set({ connectionsLoaded: true, connectionsError: toErrorView(err) });
      }
    },
    async openLab(as) {
      // Reopening as the other login replaces the lab's connection; its role and rows stay valid.
      const lab = await client.invoke('connections.openLab', as?.sysadmin === undefined ? {} : { sysadmin: as.sysadmin });
      await get().loadConnections();
      set({ activeConnectionId: lab.id });
    },
    async loadRegistered(connectionId) {
      try {
        const list = await client.invoke('targets.registered', { connectionId });
        set((s) => ({ registered: { ...s.registered, [connectionId]: list } }));
      } catch {
        // Without the list the grid shows no indicator; Force Poll's toast still says who is not registered.
      }
    },
    async unregisterTarget(connectionId, server) {
      await client.invoke('targets.unregister', { connectionId, server });
      await get().loadRegistered(connectionId);
      // Its version is no longer known (read through its registration).
      void get().loadVersions(connectionId);
    },
    async connectSqlServer(p) {
      const c = await client.invoke('connections.connectSqlServer', p);
      await get().loadConnections();
      set({ activeConnectionId: c.id });
      return c;
    },
    async disconnect(id) {
      await client.invoke('connections.disconnect', { connectionId: id });
      get().forgetConnection(id);
      await get().loadConnections();
    },
    async refreshServerInfo(id) {
      try {
        const d = await client.invoke('connections.serverInfo', { connectionId: id });
        set((s) => ({
          connections: s.connections.map((c) =>
            c.id === id ? { ...c, agentRole: d.agentRole, msxServerName: d.msxServerName, label: d.label, login: d.login, productVersion: d.productVersion } : c,
          ),
        }));
        get().setAgentRole(id, d.agentRole);
      } catch {
        // The role shown stays as it was; the next action reports the connection's error.
      }
    },
  });
