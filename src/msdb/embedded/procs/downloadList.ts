import { NIL_GUID } from '../../../msx/guid';
import { ALL_OPERATIONS_TEXT, isOperationName, OBJECT_TYPES, OPERATION_CODES, operationLabel } from '../../../msx/operations';
import { trimmed, withDates, type ProcContext, type ProcDef } from '../context';
import type { DbValue } from '../db';
import { getRegistry, REG } from '../registry';
import { resolveJob } from './shared';

interface ListedRow {
  instance_id: number;
  source_server: string;
  operation_code: number;
  object_id: string;
  target_server: string;
  error_message: string | null;
  date_posted: string;
  date_downloaded: string | null;
  status: number;
  deleted_object_name: string | null;
  job_name: string | null;
}

/** The object_name column (spec §4.2): job name, "(all jobs)", deleted job's name, target name, "(unknown)". */
function objectName(r: ListedRow): string | null {
  if (r.job_name !== null) return r.job_name;
  const jobOp = r.operation_code >= 1 && r.operation_code <= 5;
  if (jobOp && r.object_id === NIL_GUID) return '(all jobs)';
  if (r.operation_code === OPERATION_CODES.DELETE) return r.deleted_object_name;
  if (r.operation_code >= 6 && r.operation_code <= 9) return r.target_server;
  return '(unknown)';
}

/** sp_help_downloadlist (spec §4.2): every check in SQL Server's order, then the filtered queue. */
function helpDownloadList(ctx: ProcContext, args: Record<string, string | number | null>) {
  const operation = trimmed(args.operation);
  const objectType = trimmed(args.object_type);
  const objectNameArg = trimmed(args.object_name);
  const target = trimmed(args.target_server)?.toUpperCase() ?? null;
  const hasError = args.has_error as number | null;
  const status = args.status as number | null;
  const datePosted = args.date_posted as string | null;

  let jobId: string | null = null;
  if (args.job_id !== null || args.job_name !== null) {
    jobId = resolveJob(ctx, args.job_id as string | null, args.job_name as string | null).job_id.toUpperCase();
    // [code] sp_verify_job_identifiers makes this test, so it applies only when a job is named.
    if (getRegistry(ctx.db, REG.AgentStarting) === '1') ctx.fail(14258);
  }

  let operationCode: number | null = null;
  if (operation !== null) {
    const op = operation.toUpperCase();
    if (!isOperationName(op)) ctx.fail(14266, '@operation_code', ALL_OPERATIONS_TEXT);
    operationCode = OPERATION_CODES[op];
  }

  let objectTypeCode: number | null = null;
  if (objectType !== null) {
    const t = objectType.toUpperCase();
    if (t !== 'JOB' && t !== 'SERVER') ctx.fail(14266, '@object_type', 'JOB, SERVER');
    objectTypeCode = OBJECT_TYPES[t];
  }

  // Checked as a pair, yet @object_name never filters anything (as in SQL Server).
  if ((objectType === null) !== (objectNameArg === null)) ctx.fail(14272);

  if (target !== null && !ctx.db.value('SELECT 1 FROM systargetservers WHERE server_name = ?', [target])) {
    ctx.fail(14262, '@target_server', target);
  }
  if (hasError !== null && hasError !== 1) ctx.fail(14266, '@has_error', '1, NULL');
  if (status !== null && status !== 0 && status !== 1) ctx.fail(14266, '@status', '0, 1');

  const params: DbValue[] = [operationCode, operationCode, objectTypeCode, objectTypeCode, jobId, jobId, target, target,
    hasError, status, status, datePosted, datePosted];
  const rows = ctx.db.all<ListedRow>(
    `SELECT d.instance_id, d.source_server, d.operation_code, d.object_id, d.target_server, d.error_message,
       d.date_posted, d.date_downloaded, d.status, d.deleted_object_name, NULL AS job_name
     FROM sysdownloadlist d
     WHERE (? IS NULL OR d.operation_code = ?)
       AND (? IS NULL OR d.object_type = ?)
       AND (? IS NULL OR d.object_id = ? COLLATE NOCASE)
       AND (? IS NULL OR d.target_server = ?)
       AND (? IS NULL OR length(d.error_message) >= 1)
       AND (? IS NULL OR d.status = ?)
       AND (? IS NULL OR d.date_posted >= ?)
     ORDER BY d.instance_id`,
    params,
  );
  // Job names by upper-cased id, looked up once: a correlated subquery under NOCASE cannot use
  // sysjobs' key and made a list of 200,000 rows scan every job for every row.
  const names = new Map(ctx.db.all<{ job_id: string; name: string }>('SELECT job_id, name FROM sysjobs').map((j) => [j.job_id.toUpperCase(), j.name]));
  for (const r of rows) r.job_name = names.get(r.object_id.toUpperCase()) ?? null;
  const recordset = rows.map((r) =>
    withDates(
      {
        instance_id: r.instance_id,
        source_server: r.source_server,
        operation_code: operationLabel(r.operation_code),
        object_name: objectName(r),
        object_id: r.object_id,
        target_server: r.target_server,
        error_message: r.error_message,
        date_posted: r.date_posted,
        date_downloaded: r.date_downloaded,
        status: r.status,
      },
      ['date_posted', 'date_downloaded'],
    ),
  );
  return { returnValue: 0, recordsets: [recordset] };
}

export const downloadListProcs: ProcDef[] = [{ name: 'sp_help_downloadlist', handler: helpDownloadList }];
