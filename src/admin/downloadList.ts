// The download instructions queue (spec §2.4, §4.2): sp_help_downloadlist with any of its filters,
// rows in camelCase. msdb validates the filters itself (14266, 14272, 14262...), so a filter a DBA
// could type in a query window fails here with the same number.
import { z } from 'zod';
import { decodeIntFromGuid } from '../msx/guid';
import { OPERATION_NAMES, type OperationName, isOperationName } from '../msx/operations';
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, type PlannedCall } from './calls';
import { jobId, serverName, sqlDatetime, sysname } from './schemas';
import { dateOrNull, date, num, str, strOrNull } from './values';

export const downloadListFilterSchema = z.strictObject({
  jobId: jobId.optional(),
  jobName: sysname.optional(),
  operation: z.enum(OPERATION_NAMES as [OperationName, ...OperationName[]]).optional(),
  objectType: z.enum(['JOB', 'SERVER']).optional(),
  /** msdb checks it is given together with objectType, then ignores it (spec §4.2). */
  objectName: sysname.optional(),
  targetServer: serverName.optional(),
  /** Only rows whose download failed. */
  hasError: z.boolean().optional(),
  /** 0 = not yet downloaded, 1 = downloaded. */
  status: z.union([z.literal(0), z.literal(1)]).optional(),
  /** Posted on or after (master clock). */
  datePosted: sqlDatetime.optional(),
});

export type DownloadListFilter = z.output<typeof downloadListFilterSchema>;

export interface DownloadInstruction {
  instanceId: number;
  sourceServer: string;
  /** As msdb shows it: `9 (SET-POLL)`. */
  operationCode: string;
  /** The operation's name, parsed from operationCode. */
  operation: OperationName | null;
  objectName: string | null;
  objectId: string;
  /** SET-POLL: the interval in seconds; SYNC-TIME: the offset in minutes (spec §3.3). */
  value: number | null;
  targetServer: string;
  errorMessage: string | null;
  datePosted: Date;
  dateDownloaded: Date | null;
  /** 0 = not yet downloaded, 1 = downloaded. */
  status: number;
}

export function downloadListCall(f: DownloadListFilter = {}): PlannedCall {
  return call('sp_help_downloadlist', {
    job_id: f.jobId,
    job_name: f.jobName,
    operation: f.operation,
    object_type: f.objectType,
    object_name: f.objectName,
    target_server: f.targetServer,
    has_error: f.hasError ? 1 : undefined,
    status: f.status,
    date_posted: f.datePosted,
  });
}

export function toDownloadInstruction(r: Record<string, unknown>): DownloadInstruction {
  const operationCode = str(r.operation_code);
  const name = /\(([^)]+)\)/.exec(operationCode)?.[1] ?? '';
  const operation = isOperationName(name) ? name : null;
  const objectId = str(r.object_id).toUpperCase();
  return {
    instanceId: num(r.instance_id),
    sourceServer: str(r.source_server),
    operationCode,
    operation,
    objectName: strOrNull(r.object_name),
    objectId,
    value: operation === 'SET-POLL' || operation === 'SYNC-TIME' ? decodeIntFromGuid(objectId) : null,
    targetServer: str(r.target_server),
    errorMessage: strOrNull(r.error_message),
    datePosted: date(r.date_posted),
    dateDownloaded: dateOrNull(r.date_downloaded),
    status: num(r.status),
  };
}

export async function listDownloadList(master: MsdbExecutor, filter: DownloadListFilter = {}): Promise<DownloadInstruction[]> {
  return firstRecordset(await run(master, downloadListCall(filter))).map(toDownloadInstruction);
}
