// The lab panel: the simulated targets as the lab sees them (Agent, link, clock, spool, jobs),
// and its controls. Every control is one lab.* method; its answer replaces that target's row.
import type { StateCreator } from 'zustand';
import type { MsxClient } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import type { LabTarget } from '../api/types';
import type { ApiParams, ApiWireResult } from '../../src/api/types';
import type { AppState } from '../store';
import { shareRows } from '../targetServers/sharedRows';

export type LabControl =
  | { method: 'lab.stopAgent' | 'lab.startAgent' | 'lab.cutLink' | 'lab.restoreLink'; server: string }
  | { method: 'lab.setLatency'; server: string; latencyMs: number }
  | { method: 'lab.skewClock'; server: string; skewMs: number }
  | { method: 'lab.failNext'; server: string; message: string }
  | { method: 'lab.runJob'; server: string; job: string }
  | { method: 'lab.setRegistry'; server: string; msxEncryptChannelOptions?: 0 | 1 | 2 | null; allowDownloadedJobsToMatchProxyName?: 0 | 1 | null }
  | { method: 'lab.setCertificateTrust'; server: string; trusts: boolean }
  | { method: 'lab.setProxies'; server: string; proxies: string[] }
  | { method: 'lab.applyFault' | 'lab.undoFault'; server: string; fault: LabStateFault };

export type LabMaster = ApiWireResult<'lab.master'>;
export type LabStateFault = ApiParams<'lab.applyFault'>['fault'];
export type LabCallFault = ApiParams<'lab.tryFault'>['fault'];
export type FaultCallResult = ApiWireResult<'lab.tryFault'>['results'][number];

export interface LabSlice {
  labTargets: LabTarget[] | undefined;
  labLoading: boolean;
  labError: ErrorView | undefined;
  labSelected: string | null;
  /** The lab's master as the fault controls show it (MSXOperator, the lab proxy job's targets). */
  labMaster: LabMaster | undefined;
  /** Date.now() when labTargets arrived: "next poll in 5s" counts from here. */
  labFetchedAt: number;
  loadLab(): Promise<void>;
  selectLabTarget(name: string | null): void;
  /** Runs a control; rejects with the API's error (the panel shows it). */
  labControl(c: LabControl): Promise<void>;
  resetLab(): Promise<void>;
  /** Runs the call that shows a fault; resolves with SQL Server's answers. */
  tryLabFault(server: string, fault: LabCallFault): Promise<FaultCallResult[]>;
}

export const labSlice =
  (client: MsxClient): StateCreator<AppState, [], [], LabSlice> =>
  (set, get) => {
    let running: Promise<void> | undefined;
    const replace = (t: LabTarget) => set((s) => ({ labTargets: s.labTargets?.map((x) => (x.name === t.name ? t : x)) }));
    return {
      labTargets: undefined,
      labLoading: false,
      labError: undefined,
      labSelected: null,
      labMaster: undefined,
      labFetchedAt: 0,
      loadLab() {
        if (running) return running;
        set({ labLoading: true });
        running = Promise.all([client.invoke('lab.targets', {}), client.invoke('lab.master', {})])
          .then(
            ([fresh, labMaster]) => {
              const labTargets = shareRows(get().labTargets, fresh, (t) => t.name);
              const sel = get().labSelected;
              set({
                labTargets,
                labMaster,
                labLoading: false,
                labError: undefined,
                labFetchedAt: Date.now(),
                labSelected: sel && labTargets.some((t) => t.name === sel) ? sel : (labTargets[0]?.name ?? null),
              });
            },
            (err: unknown) => set({ labLoading: false, labError: toErrorView(err) }),
          )
          .finally(() => {
            running = undefined;
          });
        return running;
      },
      selectLabTarget(name) {
        set({ labSelected: name });
      },
      async labControl(c) {
        const { method, ...params } = c;
        // Each branch names its method so the params are checked against it.
        let t: LabTarget;
        switch (c.method) {
          case 'lab.setLatency':
            t = await client.invoke('lab.setLatency', { server: c.server, latencyMs: c.latencyMs });
            break;
          case 'lab.skewClock':
            t = await client.invoke('lab.skewClock', { server: c.server, skewMs: c.skewMs });
            break;
          case 'lab.failNext':
            t = await client.invoke('lab.failNext', { server: c.server, message: c.message });
            break;
          case 'lab.runJob':
            t = await client.invoke('lab.runJob', { server: c.server, job: c.job });
            break;
          case 'lab.setRegistry':
            t = await client.invoke('lab.setRegistry', params as ApiParams<'lab.setRegistry'>);
            break;
          case 'lab.setCertificateTrust':
            t = await client.invoke('lab.setCertificateTrust', { server: c.server, trusts: c.trusts });
            break;
          case 'lab.setProxies':
            t = await client.invoke('lab.setProxies', { server: c.server, proxies: c.proxies });
            break;
          case 'lab.applyFault':
          case 'lab.undoFault':
            t = await client.invoke(c.method, { server: c.server, fault: c.fault });
            // A fault may change the master (its operator, the proxy job) or every row (an orphan).
            set({ labMaster: await client.invoke('lab.master', {}) });
            break;
          default:
            t = await client.invoke(method as 'lab.stopAgent', params as { server: string });
        }
        replace(t);
      },
      async resetLab() {
        const labTargets = await client.invoke('lab.reset', {});
        set({ labTargets, labFetchedAt: Date.now(), labMaster: await client.invoke('lab.master', {}) });
      },
      async tryLabFault(server, fault) {
        const { results } = await client.invoke('lab.tryFault', { server, fault });
        // An "Enlist again" that succeeded changes the target; the live view re-reads it.
        void get().loadLab();
        return results;
      },
    };
  };
