// The lab panel: the simulated targets as the lab sees them (Agent, link, clock, spool, jobs),
// and its controls. Every control is one lab.* method; its answer replaces that target's row.
import type { StateCreator } from 'zustand';
import type { MsxClient } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import type { LabTarget } from '../api/types';
import type { AppState } from '../store';
import { shareRows } from '../targetServers/sharedRows';

export type LabControl =
  | { method: 'lab.stopAgent' | 'lab.startAgent' | 'lab.cutLink' | 'lab.restoreLink'; server: string }
  | { method: 'lab.setLatency'; server: string; latencyMs: number }
  | { method: 'lab.skewClock'; server: string; skewMs: number }
  | { method: 'lab.failNext'; server: string; message: string }
  | { method: 'lab.runJob'; server: string; job: string };

export interface LabSlice {
  labTargets: LabTarget[] | undefined;
  labLoading: boolean;
  labError: ErrorView | undefined;
  labSelected: string | null;
  /** Date.now() when labTargets arrived: "next poll in 5s" counts from here. */
  labFetchedAt: number;
  loadLab(): Promise<void>;
  selectLabTarget(name: string | null): void;
  /** Runs a control; rejects with the API's error (the panel shows it). */
  labControl(c: LabControl): Promise<void>;
  resetLab(): Promise<void>;
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
      labFetchedAt: 0,
      loadLab() {
        if (running) return running;
        set({ labLoading: true });
        running = client
          .invoke('lab.targets', {})
          .then(
            (fresh) => {
              const labTargets = shareRows(get().labTargets, fresh, (t) => t.name);
              const sel = get().labSelected;
              set({
                labTargets,
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
          default:
            t = await client.invoke(method as 'lab.stopAgent', params as { server: string });
        }
        replace(t);
      },
      async resetLab() {
        const labTargets = await client.invoke('lab.reset', {});
        set({ labTargets, labFetchedAt: Date.now() });
      },
    };
  };
