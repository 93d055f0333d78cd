// EXECUTE permission (spec §8 "Permissions", [code]): these procedures check no role in their
// bodies. What keeps other logins out is EXECUTE permission on the object, which msdb grants to
// no one by default (sysadmin needs none), so a login outside sysadmin gets the engine's 229 —
// not rows, not 15003 — before the procedure runs or its parameters are bound, unless a DBA
// granted it EXECUTE on that procedure.
import { SqlServerError } from '../../../msx/errors';
import type { Caller } from '../context';

export const EXECUTE_PERMISSION_ONLY: ReadonlySet<string> = new Set([
  'sp_help_targetserver',
  'sp_help_downloadlist',
  'sp_help_targetservergroup',
  'sp_add_targetsvrgrp_member',
  'sp_delete_targetsvrgrp_member',
  'sp_delete_targetserver',
]);

/** The read procedures a monitoring login is typically granted EXECUTE on. */
export const READ_PROCS: ReadonlySet<string> = new Set(['sp_help_targetserver', 'sp_help_downloadlist', 'sp_help_targetservergroup']);

/** 229 for a top-level call the caller may not execute. Nested calls (ownership chaining) are not checked. */
export function checkExecutePermission(caller: Caller, proc: string): void {
  if (caller.isSysadmin || !EXECUTE_PERMISSION_ONLY.has(proc) || caller.executeGranted?.has(proc)) return;
  // The engine raises it at the EXEC, with state 5 and no procedure of its own.
  const e = SqlServerError.of(229, proc, 'msdb', 'dbo');
  throw new SqlServerError(e.number, e.severity, e.message, 5);
}
