// Posting needs sysadmin, and msdb does not say so: sp_post_msx_operation returns 0 and posts
// nothing for any other login (spec §3.2 step 2), so Force Poll or Post Instructions would
// "succeed" and change nothing. The API refuses those actions up front on such a connection,
// before any call, with the reason; the UI shows the same reason on its disabled buttons.
import type { ConnectionInfo } from './connections';
import { ApiFailure } from './errors';

export const NOT_SYSADMIN_HINT = 'Connect with a login that is a member of the sysadmin server role to post instructions to target servers.';

export function notSysadminMessage(info: Pick<ConnectionInfo, 'login' | 'server'>, action: string): string {
  return (
    `${action} was not run: ${info.login} is not a member of sysadmin on ${info.server}, and for such a login ` +
    'sp_post_msx_operation silently does nothing (it returns 0 and posts no instruction, spec §3.2).'
  );
}

/** Throws FORBIDDEN (with a hint) unless the connection's login is sysadmin. */
export function requireSysadmin(info: ConnectionInfo, action: string): void {
  if (!info.isSysadmin) throw new ApiFailure('FORBIDDEN', notSysadminMessage(info, action), undefined, NOT_SYSADMIN_HINT);
}
