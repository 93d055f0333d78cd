// Every failure becomes one ApiError value: msdb's errors keep SQL Server's number and severity,
// the workflows' refusals keep their code and field issues, a server that did not answer keeps
// the executor's kind, login error number and hint, and anything unexpected is INTERNAL.
import { SqlServerError } from '../msx/errors';
import { WorkflowError, type FieldIssue } from '../admin/errors';
import { InvalidConnectionOptions } from '../msdb/sqlserver/connection';
import { ConnectionFailure } from '../msdb/sqlserver/errors';
import type { ApiError } from './contract';

/** A failure a handler raises on purpose, with the code the client should see. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly issues?: FieldIssue[],
    /** What to do about it, shown under the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * The executor validates nested options (`authentication.login`); the API's Connect fields are
 * flat (`login`), so issues are renamed to the field the dialog shows.
 */
export function connectFieldPath(path: string): string {
  if (path === 'authentication.type') return 'authentication';
  return path.startsWith('authentication.') ? path.slice('authentication.'.length) : path;
}

export function toApiError(e: unknown): ApiError {
  try {
    if (e instanceof SqlServerError) return { code: 'SQL_ERROR', message: e.message, number: e.number, severity: e.severity };
    if (e instanceof ConnectionFailure) {
      // The message and hint never hold credentials (the executor builds them from the server name).
      const out: ApiError = { code: 'CONNECTION_FAILED', message: e.message, kind: e.kind, hint: e.hint };
      if (e.number !== undefined) out.number = e.number;
      return out;
    }
    if (e instanceof InvalidConnectionOptions) {
      const issues = e.issues.map((i) => ({ path: connectFieldPath(i.path), message: i.message }));
      return { code: 'INVALID_PARAMS', message: `Invalid connection options: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`, issues };
    }
    if (e instanceof WorkflowError || e instanceof ApiFailure) {
      const out: ApiError = e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message };
      if (e instanceof ApiFailure && e.hint !== undefined) out.hint = e.hint;
      return out;
    }
    const message = e instanceof Error ? e.message : String(e);
    return { code: 'INTERNAL', message: `Internal error: ${message}` };
  } catch {
    return { code: 'INTERNAL', message: 'Internal error.' };
  }
}
