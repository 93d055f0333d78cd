// Drift: does each target run what the master holds? (issue 10, docs/real-master.md "Multiserver
// job status and drift"). Read over MsdbExecutor only, so it works on a real master:
//   1. sp_help_job                       every job: type (2 = multiserver), version_number, date_modified
//   2. sp_help_downloadlist              every queued and kept row (one call; @job_id when one job is asked for)
//   3. sp_help_jobserver @job_id, @show_last_run_details = 1   per multiserver job: its targets and last runs
// That is 2 + J round trips for J multiserver jobs, whatever the number of targets.
//
// Per job and target, from the rows for that job (or for all jobs, the nil GUID) and that target:
//   failed    a row errored (the target wrote error_message); it blocks every later row (spec §2.4)
//   waiting   an INSERT / UPDATE / DELETE is queued and unread (status 0)
//   notPosted the job changed on the master (sysjobs.date_modified) after the newest INSERT or
//             UPDATE posted to the target (date_posted)
//   inSync    otherwise
//   unknown   no INSERT or UPDATE for the job is left in the list (DownloadedMaxRows trimmed it or a
//             resync cleared it): the list cannot tell; the target's own copy can (readTargetCopies)
// Limits, said plainly: msdb keeps no per-target version. A header change posted as UPDATE after an
// unposted step change covers it in this reading (the UPDATE is newer than the change), and two
// changes within datetime's 3 ms resolution of a post cannot be told apart.
import { isSqlServerError } from '../msx/errors';
import { NIL_GUID } from '../msx/guid';
import type { MsdbExecutor, ProcResult } from '../msdb/executor';
import { call, firstRecordset, run, type PlannedCall } from './calls';
import { toDownloadInstruction, type DownloadInstruction } from './downloadList';
import type { TargetResolver } from './forcePoll';
import { RUN_OUTCOME_TEXT } from './jobs';
import { parseOrThrow } from './errors';
import { jobId as jobIdSchema, serverList } from './schemas';
import { dateOrNull, fromRunDateTime, fromRunDuration, num, str, strOrNull } from './values';

export type SyncState = 'inSync' | 'notPosted' | 'waiting' | 'failed' | 'unknown';

export const SYNC_STATES: readonly SyncState[] = ['inSync', 'notPosted', 'waiting', 'failed', 'unknown'];

/** What to do about a failed download, in words a DBA can act on. */
export const FAILED_DOWNLOAD_FIX =
  'Fix the cause on the target server, then delete the failed instruction (Download Instructions) or resynchronize the target; Synchronize then posts a fresh INSERT.';

export interface JobTargetStatus {
  server: string;
  /** sysjobservers for this target: last run. */
  lastRunOutcome: number;
  lastRunOutcomeText: string;
  lastRunAt: Date | null;
  lastRunDurationSeconds: number;
  lastOutcomeMessage: string | null;
  /** Unread rows for this job and target (any operation, errored ones excluded). */
  pendingInstructions: number;
  /** Errored rows for this job and target. */
  failedInstructions: number;
  sync: SyncState;
  /** For failed: the newest errored row's error_message, its instance_id, and what to do. */
  error: { instanceId: number; message: string; fix: string } | null;
  /** An errored row of another job that blocks this target's downloads (its instance_id), or null. */
  blockedBy: number | null;
  /** date_posted of the newest INSERT for this job (or all jobs) and target still in sysdownloadlist. */
  lastInsertPosted: Date | null;
}

export interface JobStatus extends JobHeader {
  targets: JobTargetStatus[];
  /** Counts per sync state, for the summary row. */
  counts: Record<SyncState, number>;
}

export interface StatusRead {
  jobs: JobStatus[];
  /** Procedure calls the read made on the master (round trips). */
  roundTrips: number;
}

/** A target's own copy of a job (its own sp_help_job), where the target can be reached. */
export interface TargetCopy {
  server: string;
  /** read: asked the target; notRegistered: no connection to it; unreachable / failed: the read failed. */
  state: 'read' | 'notRegistered' | 'unreachable' | 'failed';
  /** The version of the copy the target runs; null when it has no copy (or could not be read). */
  versionNumber: number | null;
  masterVersionNumber: number;
  message: string | null;
}

/** Counts calls, so the read can say how many round trips it made. */
function counting(exec: MsdbExecutor): { exec: MsdbExecutor; count: () => number } {
  let n = 0;
  return {
    exec: {
      exec: (proc, params) => {
        n++;
        return exec.exec(proc, params);
      },
      serverInfo: () => exec.serverInfo(),
      agentRegistry: () => exec.agentRegistry(),
    },
    count: () => n,
  };
}

/** Runs tasks with at most `limit` in flight (a real master's pool serves them side by side). */
async function inParallel<T, R>(items: readonly T[], limit: number, task: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const DEFINITION_OPS = new Set(['INSERT', 'UPDATE', 'DELETE']);

interface RowIndex {
  /** Rows per `${target}|${jobId}` (nil GUID rows under their own key). */
  byTargetJob: Map<string, DownloadInstruction[]>;
  /** The first errored row per target. */
  blockingByTarget: Map<string, DownloadInstruction>;
}

function indexRows(rows: readonly DownloadInstruction[]): RowIndex {
  const byTargetJob = new Map<string, DownloadInstruction[]>();
  const blockingByTarget = new Map<string, DownloadInstruction>();
  for (const r of rows) {
    const target = r.targetServer.toUpperCase();
    const key = `${target}|${r.objectId}`;
    const list = byTargetJob.get(key);
    if (list) list.push(r);
    else byTargetJob.set(key, [r]);
    if (r.errorMessage !== null) {
      const b = blockingByTarget.get(target);
      if (!b || r.instanceId < b.instanceId) blockingByTarget.set(target, r);
    }
  }
  return { byTargetJob, blockingByTarget };
}

/** The sync state of one job on one target, from its rows (see the top of this file). */
export function syncStateOf(
  jobId: string,
  dateModified: Date | null,
  target: string,
  index: RowIndex,
): Pick<JobTargetStatus, 'sync' | 'error' | 'blockedBy' | 'lastInsertPosted' | 'pendingInstructions' | 'failedInstructions'> {
  const t = target.toUpperCase();
  const own = index.byTargetJob.get(`${t}|${jobId}`) ?? [];
  // Rows for "all jobs" (a resync's DELETE + INSERT) count for every job of the target.
  const all = (index.byTargetJob.get(`${t}|${NIL_GUID}`) ?? []).filter((r) => r.operation === 'INSERT' || r.operation === 'DELETE');
  const rows = own.length && all.length ? [...own, ...all] : own.length ? own : all;
  let lastCovered: number | null = null;
  let lastInsert: Date | null = null;
  let pending = 0;
  let pendingDefinition = 0;
  let failed: DownloadInstruction | null = null;
  let failedCount = 0;
  for (const r of rows) {
    if (r.errorMessage !== null) {
      failedCount++;
      if (!failed || r.instanceId > failed.instanceId) failed = r;
      continue;
    }
    if (r.status === 0) {
      pending++;
      if (r.operation !== null && DEFINITION_OPS.has(r.operation)) pendingDefinition++;
    }
    if (r.operation === 'INSERT' || r.operation === 'UPDATE') {
      const posted = r.datePosted.getTime();
      if (lastCovered === null || posted > lastCovered) lastCovered = posted;
      if (r.operation === 'INSERT' && (!lastInsert || posted > lastInsert.getTime())) lastInsert = r.datePosted;
    }
  }
  const blocking = index.blockingByTarget.get(t);
  const blockedBy = blocking && blocking.objectId !== jobId && blocking.objectId !== NIL_GUID ? blocking.instanceId : null;
  let sync: SyncState;
  if (failed) sync = 'failed';
  else if (pendingDefinition > 0) sync = 'waiting';
  else if (lastCovered === null) sync = 'unknown';
  else if (dateModified && dateModified.getTime() > lastCovered) sync = 'notPosted';
  else sync = 'inSync';
  return {
    sync,
    error: failed ? { instanceId: failed.instanceId, message: failed.errorMessage ?? '', fix: FAILED_DOWNLOAD_FIX } : null,
    blockedBy,
    lastInsertPosted: lastInsert,
    pendingInstructions: pending,
    failedInstructions: failedCount,
  };
}

/** A multiserver job as sp_help_job lists it: what its status row shows of the job itself. */
export interface JobHeader {
  jobId: string;
  jobName: string;
  enabled: boolean;
  category: string;
  dateModified: Date | null;
  versionNumber: number;
}

/** The Multiserver Job Status view's data: every multiserver job (or the ones asked for) × its targets. */
export async function readJobStatus(master: MsdbExecutor, jobIds?: readonly string[], opts: { includeTargets?: boolean } = {}): Promise<StatusRead> {
  const includeTargets = opts.includeTargets ?? true;
  const counter = counting(master);
  const exec = counter.exec;
  const wanted = jobIds ? new Set(jobIds.map((j) => j.replace(/[{}]/g, '').toUpperCase())) : null;
  const jobs: JobHeader[] = firstRecordset(await run(exec, call('sp_help_job')))
    .filter((r) => (wanted ? wanted.has(str(r.job_id).toUpperCase()) : num(r.type) === 2))
    .map((r) => ({
      jobId: str(r.job_id).toUpperCase(),
      jobName: str(r.name),
      enabled: num(r.enabled) === 1,
      category: str(r.category),
      dateModified: dateOrNull(r.date_modified),
      versionNumber: num(r.version_number),
    }));
  const only = jobs.length === 1 ? { job_id: jobs[0].jobId } : {};
  const rows = jobs.length ? firstRecordset(await run(exec, call('sp_help_downloadlist', only))).map(toDownloadInstruction) : [];
  const index = indexRows(rows);
  const servers = await inParallel(jobs, 8, (j) => run(exec, call('sp_help_jobserver', { job_id: j.jobId, show_last_run_details: 1 })));
  const out: JobStatus[] = jobs.map((j, i) => {
    const counts = Object.fromEntries(SYNC_STATES.map((s) => [s, 0])) as Record<SyncState, number>;
    const targets = firstRecordset(servers[i] as ProcResult)
      .filter((r) => num(r.server_id) !== 0)
      .map((r): JobTargetStatus => {
        const outcome = num(r.last_run_outcome);
        const server = str(r.server_name).toUpperCase();
        const state = syncStateOf(j.jobId, j.dateModified, server, index);
        counts[state.sync]++;
        return {
          server,
          lastRunOutcome: outcome,
          lastRunOutcomeText: RUN_OUTCOME_TEXT[outcome] ?? String(outcome),
          lastRunAt: fromRunDateTime(r.last_run_date, r.last_run_time),
          lastRunDurationSeconds: fromRunDuration(r.last_run_duration),
          lastOutcomeMessage: strOrNull(r.last_outcome_message),
          ...state,
        };
      });
    // Summary only: the counts, without 1,000 rows per job on the wire.
    return { ...j, targets: includeTargets ? targets : [], counts };
  });
  return { jobs: out, roundTrips: counter.count() };
}

/** Synchronize: exactly the seed's `sp_post_msx_operation 'INSERT', 'JOB', <job id>` for each chosen target. */
export function planSynchronize(jobId: string, servers: readonly string[]): PlannedCall[] {
  const id = parseOrThrow(jobIdSchema, jobId).replace(/[{}]/g, '').toUpperCase();
  return parseOrThrow(serverList, servers).map((s) =>
    call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: id, specific_target_server: s }),
  );
}

/**
 * The version each chosen target runs, from its own msdb (sp_help_job @job_id on the target; a
 * target's copy keeps the version it downloaded), beside the master's version (one sp_help_job).
 */
export async function readTargetCopies(master: MsdbExecutor, jobId: string, servers: readonly string[], resolve: TargetResolver): Promise<TargetCopy[]> {
  const header = firstRecordset(await run(master, call('sp_help_job', { job_id: jobId })))[0];
  const masterVersionNumber = num(header?.version_number);
  return inParallel(servers, 8, async (server): Promise<TargetCopy> => {
    const base = { server: server.toUpperCase(), masterVersionNumber };
    let target: MsdbExecutor | undefined;
    try {
      target = await resolve(server);
    } catch (e) {
      return { ...base, state: 'unreachable', versionNumber: null, message: e instanceof Error ? e.message : String(e) };
    }
    if (!target) return { ...base, state: 'notRegistered', versionNumber: null, message: null };
    try {
      const row = firstRecordset(await target.exec('sp_help_job', { job_id: jobId }))[0];
      return { ...base, state: 'read', versionNumber: row ? num(row.version_number) : null, message: null };
    } catch (e) {
      // 14262: the target has no copy of the job (never downloaded, or deleted).
      if (isSqlServerError(e) && e.number === 14262) return { ...base, state: 'read', versionNumber: null, message: e.message };
      return { ...base, state: isSqlServerError(e) ? 'failed' : 'unreachable', versionNumber: null, message: e instanceof Error ? e.message : String(e) };
    }
  });
}
