import { encodeIntAsGuid, NIL_GUID } from '../../../msx/guid';
import {
  ALL_OPERATIONS_TEXT,
  isOperationName,
  OPERATIONS_FOR_TYPE,
  POLL_INTERVAL_MAX,
  POLL_INTERVAL_MIN,
  VALID_OPERATIONS_TEXT,
  type ObjectTypeName,
  type OperationName,
} from '../../../msx/operations';
import { trimmed, type ProcContext, type ProcDef } from '../context';
import { getRegistry, REG, setRegistry } from '../registry';
import { insertDownloadRows, targetCount, type PostRow } from './shared';

const OBJECT_TYPE_NAMES: readonly ObjectTypeName[] = ['JOB', 'SERVER', 'SCHEDULE'];

interface PairRow {
  job_id: string;
  name: string;
  server_name: string;
}

/** Rows of sysjobservers joined to sysjobs and systargetservers: (job, target) pairs, jobs then targets. */
function jobTargetPairs(ctx: ProcContext, where: string, params: Array<string | number>): PairRow[] {
  return ctx.db.all<PairRow>(
    `SELECT j.job_id, j.name, t.server_name
     FROM sysjobs j
     JOIN sysjobservers js ON js.job_id = j.job_id COLLATE NOCASE
     JOIN systargetservers t ON t.server_id = js.server_id
     WHERE js.server_id <> 0 AND ${where}
     ORDER BY j.name, j.job_id, t.server_name`,
    params,
  );
}

/** The optional "AND this target" clause, bound to the target's id. */
function targetClause(targetId: number | null): { sql: string; params: number[] } {
  return targetId === null ? { sql: '1 = 1', params: [] } : { sql: 't.server_id = ?', params: [targetId] };
}

function jobRows(ctx: ProcContext, operation: OperationName, jobId: string, targetId: number | null): PostRow[] {
  const tc = targetClause(targetId);
  if (jobId === NIL_GUID && operation === 'DELETE') {
    // One "delete all MSX jobs" row per target that has any job, rather than one per job.
    const targets = ctx.db.all<{ server_name: string }>(
      `SELECT t.server_name FROM systargetservers t
       WHERE ${tc.sql} AND EXISTS (SELECT 1 FROM sysjobservers js WHERE js.server_id = t.server_id)
       ORDER BY t.server_name`,
      tc.params,
    );
    return targets.map((t) => ({ operation, objectType: 'JOB', objectId: NIL_GUID, target: t.server_name }));
  }
  const pairs = jobId === NIL_GUID
    ? jobTargetPairs(ctx, tc.sql, tc.params)
    : jobTargetPairs(ctx, `j.job_id = ? COLLATE NOCASE AND ${tc.sql}`, [jobId, ...tc.params]);
  return pairs.map((p) => ({
    operation,
    objectType: 'JOB',
    objectId: p.job_id.toUpperCase(),
    target: p.server_name,
    deletedObjectName: operation === 'DELETE' && jobId !== NIL_GUID ? p.name : null,
  }));
}

function serverRows(ctx: ProcContext, operation: OperationName, value: number | null, targetId: number | null): PostRow[] {
  const tc = targetClause(targetId);
  const targets = ctx.db.all<{ server_name: string; time_zone_adjustment: number }>(
    `SELECT t.server_name, t.time_zone_adjustment FROM systargetservers t WHERE ${tc.sql} ORDER BY t.server_name`,
    tc.params,
  );
  return targets.map((t) => {
    let objectId = NIL_GUID;
    // SYNC-TIME carries the target's offset from the master in minutes; SET-POLL the new interval (spec §3.3).
    if (operation === 'SYNC-TIME') objectId = encodeIntAsGuid(t.time_zone_adjustment - ctx.server.timeZoneMinutes);
    if (operation === 'SET-POLL') objectId = encodeIntAsGuid(value ?? 0);
    return { operation, objectType: 'SERVER', objectId, target: t.server_name };
  });
}

/** sp_post_msx_operation (spec §3.2): validation steps 1-12 in SQL Server's order. */
function postMsxOperation(ctx: ProcContext, args: Record<string, string | number | null>): number {
  // Step 1: trim; the operation compares upper-cased, the object type under a case-insensitive collation.
  const operation = trimmed(args.operation)?.toUpperCase() ?? null;
  const objectTypeText = trimmed(args.object_type);
  let target = trimmed(args.specific_target_server);
  const jobId = args.job_id as string | null;
  const scheduleUid = args.schedule_uid as string | null;
  const value = args.value as number | null;

  // Step 2
  if (!ctx.caller.isSysadmin) return 0;

  // Step 3
  if (operation === null || !isOperationName(operation)) ctx.fail(14266, '@operation_code', ALL_OPERATIONS_TEXT);

  // Step 4. A NULL type slips through SQL Server's `<>` tests; a DBA expects it rejected like any bad type.
  const objectType = OBJECT_TYPE_NAMES.find((t) => t === objectTypeText?.toUpperCase());
  if (!objectType) ctx.fail(14266, '@object_type', 'JOB, SERVER, SCHEDULE');

  // Steps 5-7
  if (objectType === 'JOB' && jobId === null) ctx.fail(14233);
  if (objectType === 'SCHEDULE' && scheduleUid === null) ctx.fail(14365);
  if (operation === 'SET-POLL' && (value === null || value < POLL_INTERVAL_MIN || value > POLL_INTERVAL_MAX)) {
    ctx.fail(14266, '@value', `${POLL_INTERVAL_MIN}..${POLL_INTERVAL_MAX}`);
  }

  // Step 8
  let targetId: number | null = null;
  if (target !== null) {
    target = target.toUpperCase();
    if (target === ctx.server.serverName.toUpperCase()) return 0;
    const id = ctx.db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [target]);
    if (id === undefined) ctx.fail(14262, '@specific_target_server', target);
    targetId = id;
  }

  // Step 9
  if (targetCount(ctx) === 0) return 0;

  // Step 10: the simulation's xp_getnetname "fails" when the identity has no machine name.
  if (!ctx.server.machineName) ctx.fail(14225);

  let rows: PostRow[];
  if (objectType === 'JOB') {
    // Step 11
    if (jobId !== NIL_GUID) {
      if (!ctx.db.value('SELECT 1 FROM sysjobs WHERE job_id = ? COLLATE NOCASE', [jobId])) ctx.fail(14262, '@job_id', jobId);
      const local = ctx.db.value('SELECT 1 FROM sysjobservers WHERE job_id = ? COLLATE NOCASE AND server_id = 0', [jobId]);
      const any = ctx.db.value('SELECT 1 FROM sysjobservers WHERE job_id = ? COLLATE NOCASE', [jobId]);
      if (local || !any) return 0;
    }
    // Step 12
    if (!OPERATIONS_FOR_TYPE.JOB.includes(operation)) ctx.fail(14266, '@operation_code', VALID_OPERATIONS_TEXT.JOB);
    rows = jobRows(ctx, operation, jobId as string, targetId);
  } else if (objectType === 'SCHEDULE') {
    // sysschedules_localserver_view: schedules that originated here.
    const exists = ctx.db.value(
      'SELECT 1 FROM sysschedules WHERE schedule_uid = ? COLLATE NOCASE AND originating_server_id = 0', [scheduleUid]);
    if (!exists) ctx.fail(14262, '@schedule_uid', scheduleUid);
    const using = `j.job_id IN (SELECT js2.job_id FROM sysjobschedules js2 JOIN sysschedules s ON s.schedule_id = js2.schedule_id
                                WHERE s.schedule_uid = ? COLLATE NOCASE)`;
    if (jobTargetPairs(ctx, using, [scheduleUid as string]).length === 0) return 0;
    if (!OPERATIONS_FOR_TYPE.SCHEDULE.includes(operation)) ctx.fail(14266, '@operation_code', VALID_OPERATIONS_TEXT.SCHEDULE);
    // Targets know no schedule object: they re-download every job that uses it.
    const tc = targetClause(targetId);
    rows = jobTargetPairs(ctx, `${using} AND ${tc.sql}`, [scheduleUid as string, ...tc.params]).map((p) => ({
      operation: 'INSERT',
      objectType: 'JOB',
      objectId: p.job_id.toUpperCase(),
      target: p.server_name,
    }));
  } else {
    if (!OPERATIONS_FOR_TYPE.SERVER.includes(operation)) ctx.fail(14266, '@operation_code', VALID_OPERATIONS_TEXT.SERVER);
    rows = serverRows(ctx, operation, value, targetId);
  }

  insertDownloadRows(ctx, rows);

  if (objectType === 'JOB' && jobId === NIL_GUID && rows.length === 0 && target !== null) {
    ctx.info(14231, '@specific_target_server', target);
  } else {
    ctx.info(14230, rows.length, operation);
  }

  if (target !== null) ctx.call('sp_downloaded_row_limiter', { server_name: target });
  return 0;
}

/** sp_downloaded_row_limiter (spec §3.4): keeps at most DownloadedMaxRows downloaded rows per target. */
function downloadedRowLimiter(ctx: ProcContext, args: Record<string, string | number | null>): number {
  const server = trimmed(args.server_name);
  // [code] "unknown" means the name has no sysdownloadlist rows, so a departed target's DEFECT row still counts.
  if (server === null || !ctx.db.value('SELECT 1 FROM sysdownloadlist WHERE target_server = ?', [server])) return 1;

  const raw = getRegistry(ctx.db, REG.DownloadedMaxRows);
  // A value that is not an integer reads as absent (no limit), as a failed regread leaves the variable NULL.
  let max = raw !== null && /^\s*-?\d+\s*$/.test(raw) ? parseInt(raw, 10) : -1;
  if (max === -1) return 0;
  if (max < -1) {
    max = 100;
    setRegistry(ctx.db, REG.DownloadedMaxRows, max);
  }
  ctx.db.run(
    `DELETE FROM sysdownloadlist WHERE instance_id IN (
       SELECT instance_id FROM sysdownloadlist WHERE target_server = ? AND status = 1
       ORDER BY instance_id LIMIT max(0, (SELECT COUNT(*) FROM sysdownloadlist WHERE target_server = ? AND status = 1) - ?))`,
    [server, server, max],
  );
  return 0;
}

export const postMsxOperationProcs: ProcDef[] = [
  { name: 'sp_post_msx_operation', handler: postMsxOperation },
  { name: 'sp_downloaded_row_limiter', handler: downloadedRowLimiter },
];
