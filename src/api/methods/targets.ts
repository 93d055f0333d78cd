import { z } from 'zod';
import { readTargetRegistry } from '../../admin/agentRegistry';
import { forceDefection, planForceDefection } from '../../admin/forceDefection';
import { forcePoll, forcePollNotes, planForcePoll, type TargetResolver } from '../../admin/forcePoll';
import { planStartJob, planStopJob } from '../../admin/jobs';
import { instructionSchema, planPostInstruction, postInstruction } from '../../admin/postInstruction';
import { planResync, resync } from '../../admin/resync';
import { renderScript, sqlComment } from '../../admin/script';
import { listTargets, readTargets } from '../../admin/targets';
import type { PlannedCall } from '../../admin/calls';
import { auditedExecutor } from '../auditLog';
import { exactlyOneJob, jobRef, onConnection, serverList, serverName } from '../schemas';
import { requireSysadmin } from '../sysadmin';
import { method } from '../table';
import type { Core } from './core';

const resyncServers = z.union([z.literal('all'), serverList]);

/** Every action a Script button can show before it runs. */
const scriptAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('forcePoll'), servers: serverList }),
  z.strictObject({ kind: z.literal('forceDefection'), servers: serverList }),
  z.strictObject({ kind: z.literal('resync'), servers: resyncServers }),
  z.strictObject({ kind: z.literal('postInstruction'), instruction: instructionSchema }),
  z.strictObject({ kind: z.literal('startJob'), ...jobRef, servers: serverList.optional() }).superRefine(exactlyOneJob),
  z.strictObject({ kind: z.literal('stopJob'), ...jobRef, servers: serverList.optional() }).superRefine(exactlyOneJob),
]);

/** Force Poll's signals run on each target's own connection: recorded in the audit log too, naming the target. */
function auditedResolver(core: Core, connectionId: string): TargetResolver {
  const resolve = core.connections.resolver(connectionId);
  const info = core.connections.info(connectionId);
  return async (server) => {
    const exec = await resolve(server);
    return exec && auditedExecutor(exec, core.audit, () => ({ connectionId, server: info.server, login: info.login, target: server }));
  };
}

export function targetMethods(core: Core) {
  /** The master for a posting action: refused before any call unless its login is sysadmin (sysadmin.ts). */
  const posting = (connectionId: string, action: string) => {
    requireSysadmin(core.connections.info(connectionId), action);
    return core.master(connectionId);
  };
  return [
    method(
      'targets.list',
      "The master's target servers: sp_help_targetserver's columns in camelCase; with servers, only those (one sp_help_targetserver @server_name call each).",
      z.strictObject({ ...onConnection, servers: serverList.max(100).optional() }),
      (p) => (p.servers ? readTargets(core.master(p.connectionId), p.servers) : listTargets(core.master(p.connectionId))),
    ),
    method(
      'targets.agentRegistry',
      "A target's SQL Server Agent registry values (MSXServerName, MsxEncryptChannelOptions, AllowDownloadedJobsToMatchProxyName), read on the target's own connection as msdb reads them.",
      z.strictObject({ ...onConnection, server: serverName }),
      (p) => readTargetRegistry(p.server, core.connections.info(p.connectionId).server, core.connections.resolver(p.connectionId)),
    ),
    method(
      'targets.forcePoll',
      'Force Poll (spec §8.3): a SET-POLL keeping the interval, then sp_sqlagent_notify @op_type = P on each target.',
      z.strictObject({ ...onConnection, servers: serverList }),
      (p) => forcePoll(posting(p.connectionId, 'Force Poll'), p.servers, auditedResolver(core, p.connectionId)),
    ),
    method(
      'targets.forceDefection',
      'Force Defection: sp_delete_targetserver with the list cleared and a DEFECT posted, per target.',
      z.strictObject({ ...onConnection, servers: serverList }),
      (p) => forceDefection(posting(p.connectionId, 'Force Defection'), p.servers),
    ),
    method(
      'targets.postInstruction',
      'Post Download Instructions (spec §8.2): DEFECT, SET-POLL, SYNC-TIME or START to all or chosen targets.',
      z.strictObject({ ...onConnection, instruction: instructionSchema }),
      (p) => postInstruction(posting(p.connectionId, 'Post Instructions'), p.instruction),
    ),
    method(
      'targets.resync',
      'Resynchronize: sp_resync_targetserver for chosen targets, or ALL.',
      z.strictObject({ ...onConnection, servers: resyncServers }),
      (p) => resync(posting(p.connectionId, 'Resynchronize'), p.servers),
    ),
    method(
      'targets.script',
      'The T-SQL an action would run, without running it.',
      z.strictObject({ ...onConnection, action: scriptAction }),
      async (p): Promise<{ calls: PlannedCall[]; script: string }> => {
        const master = core.master(p.connectionId);
        const a = p.action;
        let calls: PlannedCall[];
        let notes: string[] = [];
        switch (a.kind) {
          case 'forcePoll': {
            const plan = await planForcePoll(master, a.servers);
            calls = plan.calls;
            notes = forcePollNotes(plan.targets);
            break;
          }
          case 'forceDefection':
            calls = planForceDefection(a.servers);
            break;
          case 'resync':
            calls = planResync(a.servers);
            break;
          case 'postInstruction':
            calls = planPostInstruction(a.instruction);
            break;
          case 'startJob':
            calls = planStartJob(a, a.servers);
            break;
          case 'stopJob':
            calls = planStopJob(a, a.servers);
            break;
        }
        const script = renderScript(calls, core.connections.info(p.connectionId).server);
        return { calls, script: notes.length ? `${notes.map(sqlComment).join('\n')}\n\n${script}` : script };
      },
    ),
  ];
}
