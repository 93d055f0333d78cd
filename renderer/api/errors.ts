// A failure as the UI shows it: SQL Server's own text verbatim, with its number when it has one.
import { ApiCallError } from './client';

export interface ErrorView {
  message: string;
  /** SQL Server's message number (msdb, or a login error such as 18456). */
  number?: number;
  code?: string;
  /** What to check, when the core says (connection failures). */
  hint?: string;
  issues?: Array<{ path: string; message: string }>;
}

export function toErrorView(err: unknown): ErrorView {
  if (err instanceof ApiCallError) {
    const extra = err.error as { hint?: unknown };
    return {
      message: err.message,
      number: err.number,
      code: err.code,
      hint: typeof extra.hint === 'string' ? extra.hint : undefined,
      issues: err.issues,
    };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}
