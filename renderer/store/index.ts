// ONE zustand store built from the features' slices (zustand's slices pattern). Components
// select the smallest piece they need: useApp((s) => s.transport).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MsxClient } from '../api/client';
import { connectionsSlice, type ConnectionsSlice } from '../connect/connectionsSlice';
import { labSlice, type LabSlice } from '../lab/labSlice';
import { explorerSlice, type ExplorerSlice } from '../objectExplorer/explorerSlice';
import { jobsSlice, type JobsSlice } from '../jobs/jobsSlice';
import { targetServersSlice, type TargetServersSlice } from '../targetServers/targetServersSlice';
import { uiSlice, type UiSlice } from './uiSlice';

export type AppState = ConnectionsSlice & ExplorerSlice & TargetServersSlice & LabSlice & UiSlice & JobsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(client: MsxClient): AppStore {
  return createStore<AppState>()((...a) => ({
    ...connectionsSlice(client)(...a),
    ...explorerSlice(client)(...a),
    ...targetServersSlice(client)(...a),
    ...labSlice(client)(...a),
    ...uiSlice(...a),
    ...jobsSlice(...a),
  }));
}

export interface AppContextValue {
  store: AppStore;
  client: MsxClient;
}

export const AppContext = createContext<AppContextValue | null>(null);

function useAppContext(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside <AppContext.Provider>');
  return ctx;
}

/** The smallest piece of state a component needs; it re-renders only when that piece changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

/** The store itself, for reading current state inside event handlers. */
export function useAppStore(): AppStore {
  return useAppContext().store;
}

export function useClient(): MsxClient {
  return useAppContext().client;
}
