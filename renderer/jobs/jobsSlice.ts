// Which job dialog is open (one at a time, as SSMS's modal ones), and the Multiserver Job Status
// view's job filter per connection. The dialogs read and write through the API themselves.
import type { StateCreator } from 'zustand';
import type { AppState } from '../store';
import type { JobPage } from './jobForm';

export interface JobRef {
  connectionId: string;
  jobId: string;
  jobName: string;
  multiserver: boolean;
  enabled?: boolean;
}

export type JobDialog =
  | { kind: 'properties'; connectionId: string; job?: JobRef; page?: JobPage }
  | { kind: 'history'; job: JobRef; server?: string }
  | { kind: 'start'; job: JobRef; servers?: string[] }
  | { kind: 'stop'; job: JobRef; servers?: string[] }
  | { kind: 'delete'; job: JobRef }
  | { kind: 'script'; job: JobRef };

export interface JobsSlice {
  jobDialog: JobDialog | null;
  openJobDialog(d: JobDialog): void;
  closeJobDialog(): void;
  /** The job the status view shows (null: every multiserver job). */
  jobStatusFilter: Record<string, string | null>;
  openJobStatus(connectionId: string, jobId: string | null): void;
}

export const jobsSlice: StateCreator<AppState, [], [], JobsSlice> = (set, get) => ({
  jobDialog: null,
  openJobDialog: (jobDialog) => set({ jobDialog }),
  closeJobDialog: () => set({ jobDialog: null }),
  jobStatusFilter: {},
  openJobStatus(connectionId, jobId) {
    set((s) => ({ jobStatusFilter: { ...s.jobStatusFilter, [connectionId]: jobId } }));
    get().openDocument({ kind: 'jobStatus', connectionId });
  },
});
