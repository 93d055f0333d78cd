// Params pieces shared by the API's methods. Object schemas are strict: a misspelt field is an
// error the caller sees, not a silently ignored option.
import { z } from 'zod';

export { jobId, serverList, serverName, sysname, exactlyOneJob, jobRef } from '../admin/schemas';

export const connectionId = z.string().trim().min(1, 'Required.').max(200);

/** The connection every server method works on. */
export const onConnection = { connectionId };

/** `sp_name`, `dbo.sp_name` or `msdb.dbo.sp_name`, any case (issue 3). */
export const PROC_NAME = /^(msdb\.dbo\.|dbo\.)?sp_[A-Za-z0-9_]+$/i;

export const procName = z.string().trim().regex(PROC_NAME, 'Must be an msdb procedure name: sp_name, dbo.sp_name or msdb.dbo.sp_name.');

/** A JSON value as a procedure argument; the procedure's declared type converts it, as SQL Server would. */
export const procValue = z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null()]);

export const procParams = z
  .record(z.string().regex(/^@?[A-Za-z_][A-Za-z0-9_]*$/, 'Parameter names are letters, digits and _ (with or without @).'), procValue)
  .refine((p) => Object.keys(p).length <= 64, 'At most 64 parameters.');
