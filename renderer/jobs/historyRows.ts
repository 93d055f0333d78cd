// Job history as the grid shows it: each run (its "(Job outcome)" row) followed by its steps,
// newest run first, so a run's steps sit under it; rows are keyed by instance id.
import type { JobHistoryRun } from '../api/types';

export interface HistoryRow {
  key: string;
  kind: 'run' | 'step';
  runKey: string;
  instanceId: number;
  stepId: number;
  stepName: string;
  server: string;
  runStatus: number;
  runAt: string | null;
  durationSeconds: number;
  message: string;
  sqlMessageId: number;
  sqlSeverity: number;
  retriesAttempted: number;
}

export function historyRows(runs: readonly JobHistoryRun[], collapsed: ReadonlySet<string> = new Set()): HistoryRow[] {
  const out: HistoryRow[] = [];
  for (const r of runs) {
    const runKey = `r${r.instanceId}`;
    out.push({ ...pick(r), key: runKey, kind: 'run', runKey });
    if (collapsed.has(runKey)) continue;
    for (const s of r.steps) out.push({ ...pick(s), key: `s${s.instanceId}`, kind: 'step', runKey });
  }
  return out;
}

function pick(s: JobHistoryRun['steps'][number]) {
  return {
    instanceId: s.instanceId,
    stepId: s.stepId,
    stepName: s.stepName,
    server: s.server,
    runStatus: s.runStatus,
    runAt: s.runAt,
    durationSeconds: s.durationSeconds,
    message: s.message,
    sqlMessageId: s.sqlMessageId,
    sqlSeverity: s.sqlSeverity,
    retriesAttempted: s.retriesAttempted,
  };
}

/** hh:mm:ss, hours unbounded (a run of 30 hours is 30:00:00), as SSMS shows durations. */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
