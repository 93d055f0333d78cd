// SQL Server Agent proxies on the simulated master, as far as multiserver jobs need them: a step
// can run as a proxy (sp_add_jobstep @proxy_name), and a target downloading that step needs a
// proxy of the same name (spec §7, the lab's proxy faults). Credentials are not simulated: the
// credential name is required and kept as given; grants to subsystems and logins are not kept.
import type { Args } from '../coerce';
import { trimmed, type ProcContext, type ProcDef } from '../context';

/** sp_add_proxy: sysadmin only; a name in use is 14261; a credential is required. */
function addProxy(ctx: ProcContext, args: Args): number {
  if (!ctx.caller.isSysadmin) ctx.fail(15003, 'sysadmin');
  const name = trimmed(args.proxy_name);
  if (name === null) ctx.fail(14043, '@proxy_name');
  if (ctx.db.value('SELECT 1 FROM sysproxies WHERE name = ?', [name]) !== undefined) ctx.fail(14261, '@proxy_name', name);
  const credential = trimmed(args.credential_name);
  if (credential === null) ctx.fail(14043, '@credential_name');
  ctx.db.run('INSERT INTO sysproxies (name, credential_name, enabled, description) VALUES (?, ?, ?, ?)', [
    name,
    credential,
    args.enabled === null || Number(args.enabled) !== 0 ? 1 : 0,
    args.description,
  ]);
  return 0;
}

/**
 * sp_verify_proxy_identifiers as sp_add_jobstep and sp_update_jobstep use it: the proxy named by
 * @proxy_name or @proxy_id, or 14262 for one that does not exist; undefined when neither is given.
 */
export function resolveProxyId(ctx: ProcContext, args: Args): number | undefined {
  const name = trimmed(args.proxy_name);
  const id = args.proxy_id === null ? null : Number(args.proxy_id);
  if (name === null && id === null) return undefined;
  if (name !== null) {
    const found = ctx.db.value<number>('SELECT proxy_id FROM sysproxies WHERE name = ?', [name]);
    if (found === undefined) ctx.fail(14262, '@proxy_name', name);
    if (id !== null && id !== found) ctx.fail(14262, '@proxy_id', id);
    return found;
  }
  if (ctx.db.value('SELECT 1 FROM sysproxies WHERE proxy_id = ?', [id]) === undefined) ctx.fail(14262, '@proxy_id', id);
  return id!;
}

export const proxiesProcs: ProcDef[] = [{ name: 'sp_add_proxy', handler: addProxy }];
