// Failures a workflow reports before (or instead of) calling msdb. msdb's own errors stay
// SqlServerError, with SQL Server's number, so a DBA sees exactly what the server said.
import type { z } from 'zod';

export type WorkflowErrorCode = 'INVALID_PARAMS' | 'NOT_FOUND' | 'BAD_REQUEST';

export interface FieldIssue {
  path: string;
  message: string;
}

export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

export function isWorkflowError(e: unknown): e is WorkflowError {
  return e instanceof WorkflowError;
}

/** Zod issues as `path -> message` pairs; the path is dotted (`recipients.2`), empty for the whole value. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** One readable sentence summarising the issues, for the error's message. */
export function describeIssues(issues: FieldIssue[]): string {
  const parts = issues.slice(0, 3).map((i) => {
    const text = i.message.replace(/\.$/, '');
    return i.path ? `${i.path}: ${text}` : text;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid parameters: ${parts.join('; ')}${more}.`;
}

/** Parses with a schema, or throws INVALID_PARAMS with every issue: validation happens before any call. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = fieldIssues(r.error);
  throw new WorkflowError('INVALID_PARAMS', describeIssues(issues), issues);
}
