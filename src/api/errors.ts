// Every failure becomes one ApiError value: msdb's errors keep SQL Server's number and severity,
// the workflows' refusals keep their code and field issues, and anything unexpected is INTERNAL.
import { SqlServerError } from '../msx/errors';
import { WorkflowError, type FieldIssue } from '../admin/errors';
import type { ApiError } from './contract';

/** A failure a handler raises on purpose, with the code the client should see. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

export function toApiError(e: unknown): ApiError {
  try {
    if (e instanceof SqlServerError) return { code: 'SQL_ERROR', message: e.message, number: e.number, severity: e.severity };
    if (e instanceof WorkflowError || e instanceof ApiFailure) {
      return e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message };
    }
    const message = e instanceof Error ? e.message : String(e);
    return { code: 'INTERNAL', message: `Internal error: ${message}` };
  } catch {
    return { code: 'INTERNAL', message: 'Internal error.' };
  }
}
