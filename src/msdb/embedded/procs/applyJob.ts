// sp_apply_job_to_targets / sp_remove_job_from_targets (spec §4.3): a job onto (or off) target
// servers and the members of target server groups, named in comma-separated lists. Each server
// goes through sp_add_jobserver (posts INSERT) or sp_delete_jobserver (posts DELETE); servers the
// job already runs on (or does not) are skipped; 14240 / 14241 count the servers changed.
import type { Args } from '../coerce';
import { trimmed, type ProcContext, type ProcDef } from '../context';
import { requireSysadmin, resolveVisibleJob } from './shared';

function splitList(list: string | null): string[] {
  if (list === null) return [];
  return list.split(',').map((s) => s.trim());
}

function applyJobToTargets(ctx: ProcContext, args: Args): number {
  requireSysadmin(ctx);
  const groupsList = trimmed(args.target_server_groups);
  const serversList = trimmed(args.target_servers)?.toUpperCase() ?? null;
  const operation = (trimmed(args.operation) ?? 'APPLY').toUpperCase();
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  if (operation !== 'APPLY' && operation !== 'REMOVE') ctx.fail(14266, '@operation', 'APPLY, REMOVE');
  if (groupsList === null && serversList === null) ctx.fail(14283);

  const servers = splitList(serversList);
  const groups = splitList(groupsList);
  const unknownGroup = groups.find((g) => ctx.db.value('SELECT 1 FROM systargetservergroups WHERE name = ?', [g]) === undefined);
  if (unknownGroup !== undefined) ctx.fail(14262, '@target_server_groups', unknownGroup);
  for (const g of groups) {
    const members = ctx.db.all<{ server_name: string }>(
      `SELECT DISTINCT s.server_name FROM systargetservergroups g
         JOIN systargetservergroupmembers m ON m.servergroup_id = g.servergroup_id
         JOIN systargetservers s ON s.server_id = m.server_id
        WHERE g.name = ? ORDER BY s.server_name`,
      [g],
    );
    for (const m of members) if (!servers.includes(m.server_name.toUpperCase())) servers.push(m.server_name.toUpperCase());
  }
  const assigned = new Set(
    ctx.db.all<{ server_name: string }>(
      'SELECT s.server_name FROM sysjobservers js JOIN systargetservers s ON s.server_id = js.server_id WHERE js.job_id = ?',
      [job.job_id],
    ).map((r) => r.server_name.toUpperCase()),
  );
  const todo = [...new Set(servers)].filter((s) => (operation === 'APPLY' ? !assigned.has(s) : assigned.has(s)));
  // Unknown server names fail inside sp_add_jobserver (14262 '@server_name'), rolling the whole call back.
  for (const s of todo) {
    ctx.call(operation === 'APPLY' ? 'sp_add_jobserver' : 'sp_delete_jobserver', { job_id: job.job_id, server_name: s });
  }
  ctx.info(operation === 'APPLY' ? 14240 : 14241, todo.length);
  return 0;
}

function removeJobFromTargets(ctx: ProcContext, args: Args): number {
  return applyJobToTargets(ctx, { ...args, operation: 'REMOVE' });
}

export const applyJobProcs: ProcDef[] = [
  { name: 'sp_apply_job_to_targets', handler: applyJobToTargets },
  { name: 'sp_remove_job_from_targets', handler: removeJobFromTargets },
];
