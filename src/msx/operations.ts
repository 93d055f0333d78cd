// sysdownloadlist.operation_code and object_type (spec §2.4, §3.1).

export const OPERATION_CODES = {
  INSERT: 1,
  UPDATE: 2,
  DELETE: 3,
  START: 4,
  STOP: 5,
  'RE-ENLIST': 6,
  DEFECT: 7,
  'SYNC-TIME': 8,
  'SET-POLL': 9,
} as const;

export type OperationName = keyof typeof OPERATION_CODES;
export type OperationCode = (typeof OPERATION_CODES)[OperationName];

export const OPERATION_NAMES: readonly OperationName[] = Object.keys(OPERATION_CODES) as OperationName[];

const NAME_BY_CODE = new Map<number, OperationName>(OPERATION_NAMES.map((n) => [OPERATION_CODES[n], n]));

export function operationName(code: number): OperationName | undefined {
  return NAME_BY_CODE.get(code);
}

export function isOperationName(s: string): s is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATION_CODES, s);
}

/** How sp_help_downloadlist shows the code: `9 (SET-POLL)`. */
export function operationLabel(code: number): string {
  return `${code} (${operationName(code) ?? 'UNKNOWN'})`;
}

export const OBJECT_TYPES = { JOB: 1, SERVER: 2 } as const;
export type ObjectTypeName = keyof typeof OBJECT_TYPES | 'SCHEDULE';
export type ObjectTypeCode = (typeof OBJECT_TYPES)[keyof typeof OBJECT_TYPES];

/** Which operations each object type accepts in sp_post_msx_operation (spec §3.2 step 12). */
export const OPERATIONS_FOR_TYPE: Record<ObjectTypeName, readonly OperationName[]> = {
  JOB: ['INSERT', 'UPDATE', 'DELETE', 'START', 'STOP'],
  SERVER: ['RE-ENLIST', 'DEFECT', 'SYNC-TIME', 'SET-POLL'],
  // SQL Server's own list for SCHEDULE says 'UPDATE, DELETE' although INSERT rows are what it posts.
  SCHEDULE: ['INSERT', 'UPDATE', 'DELETE'],
};

/** The lists SQL Server prints in message 14266 for a wrong operation per type. */
export const VALID_OPERATIONS_TEXT: Record<ObjectTypeName, string> = {
  JOB: 'INSERT, UPDATE, DELETE, START, STOP',
  SERVER: 'RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL',
  SCHEDULE: 'UPDATE, DELETE',
};

export const ALL_OPERATIONS_TEXT = 'INSERT, UPDATE, DELETE, START, STOP, RE-ENLIST, DEFECT, SYNC-TIME, SET-POLL';

/** Polling interval limits, seconds (spec §7). */
export const POLL_INTERVAL_MIN = 10;
export const POLL_INTERVAL_MAX = 28800;
export const DEFAULT_POLL_INTERVAL = 60;

/** Fixed job categories (spec §2.6). */
export const CATEGORY_UNCATEGORIZED_LOCAL = 0;
export const CATEGORY_JOBS_FROM_MSX = 1;
export const CATEGORY_UNCATEGORIZED_MULTISERVER = 2;

/** sysjobservers.last_run_outcome (spec §2.5). */
export const RUN_OUTCOME = { FAILED: 0, SUCCEEDED: 1, RETRY: 2, CANCELED: 3, IN_PROGRESS: 4, UNKNOWN: 5 } as const;
