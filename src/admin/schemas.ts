// Shapes of user input the workflows share, as zod schemas: the API's params schemas reuse them,
// so a form, a script and the dispatcher all validate the same way.
import { z } from 'zod';
import { isGuid } from '../msx/guid';
import { dateOrNull } from './values';

/** sysname: trimmed, 1..128 characters. */
export const sysname = z.string().trim().min(1, 'Required.').max(128, 'At most 128 characters (sysname).');

export const serverName = sysname;

/** A job_id as GUID text (braces allowed, any case). */
export const jobId = z.string().trim().refine(isGuid, 'Must be a job_id (GUID text).');

/** Target server names: at least one, no repeats (compared as SQL Server does, ignoring case). */
export const serverList = z
  .array(serverName)
  .min(1, 'Select at least one target server.')
  .max(10_000)
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      const key = n.toUpperCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `'${n}' is listed twice.` });
      seen.add(key);
    });
  });

/** A job named by id or by name, exactly one of them. */
export const jobRef = {
  jobId: jobId.optional(),
  jobName: sysname.optional(),
};

export function exactlyOneJob(v: { jobId?: string; jobName?: string }, ctx: z.RefinementCtx): void {
  if ((v.jobId === undefined) === (v.jobName === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['jobId'], message: 'Give either jobId or jobName.' });
  }
}

/** Named job parameters of msdb's job procedures. */
export function jobParams(job: { jobId?: string; jobName?: string }): { job_id?: string; job_name?: string } {
  return job.jobId !== undefined ? { job_id: job.jobId } : { job_name: job.jobName };
}

/**
 * A SQL Server datetime given as a Date or as text ('2026-11-02 10:00', ISO 8601). Text without a
 * zone is the server's wall clock; the result follows msx/datetime.ts (UTC fields = wall clock).
 */
export const sqlDatetime = z.union([z.date(), z.string().trim().min(1)]).transform((v, ctx) => {
  const d = v instanceof Date ? v : dateOrNull(v);
  if (!d || Number.isNaN(d.getTime()) || (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(v))) {
    ctx.addIssue({ code: 'custom', message: 'Must be a date and time such as 2026-11-02T10:00:00.' });
    return z.NEVER;
  }
  return d;
});
