// The multiserver lifecycle (issue 11): build, change and upgrade a multiserver environment.
//
// Every write takes `script: true` to return the exact T-SQL without running anything (the
// wizards' summary pages); without it, it runs and returns each step's outcome (the progress
// pages). Result of every write: LifecycleResult (src/admin/lifecycle/steps.ts):
//   { ran, ok, script, steps: [{ action, server, call, outcome: CallOutcome | null, skipped? }] }
// where `server` is the server whose own connection runs the call, and `outcome` carries SQL
// Server's number and text on failure and its informational messages (14229 "Server enlisted
// into MSX '%s'.", 14227 "Server defected from MSX '%s'. %ld job(s) deleted.") on success.
//
// Servers are named by @@SERVERNAME; each is reached through its own connection: for a lab
// connection, the lab server of that name; for a SQL Server connection, a registered server or
// another open connection to it (as Force Poll does). A server without one is a step `skipped`
// with the reason.
//
//   enlist.makeTarget   { connectionId (the future target), master, location?, script? }
//   enlist.addTargets   { connectionId (the master), targets: [{ server, location? }], script? }
//   enlist.makeMaster   { connectionId (the future master), operator: { email?, pager?, netSend? }, targets: [...], script? }
//   defect.normal       { connectionId (the target), script? }  → DefectResult (masterUnreachable: offer forced)
//   defect.forced       { connectionId (the target), script? }  → DefectResult with onMaster: sp_delete_targetserver @post_defection = 0
//   defect.completeOnMaster { connectionId (the master), server, script? }
//   groups.script       { connectionId, action }  → { calls, script } (the groups dialog's Script button)
//   targets.versions    { connectionId (the master) }  → ServerVersion[] (unknown: 'notRegistered' | 'unreachable')
//   upgrade.readiness   { connectionId (the master), upgradeTo? }  → Readiness (rules with sources, upgradeFirst, outsideWindow)
//   runbook.capture     { connectionId (the master) }  → RunbookPlan
//   runbook.save        { plan, path? }  → { path }  (default: the data folder's runbooks/)
//   runbook.load        { path }  → RunbookPlan (schema-checked)
//   runbook.list        {}  → SavedPlan[]
//   runbook.defectAll   { connectionId (the master), plan, script? }  → LifecycleResult
//   runbook.reenlist    { connectionId (the master), plan, script? }  → LifecycleResult
import { join } from 'node:path';
import { z } from 'zod';
import { renderScript } from '../../admin/script';
import { groupCalls } from '../../admin/groups';
import type { PlannedCall } from '../../admin/calls';
import { defect, deleteTargetServerCall, type DefectResult } from '../../admin/lifecycle/defect';
import { enlistTargets, location, msxOperator, perform, planAddTargets, planMakeMaster, planMakeTarget, withSelf } from '../../admin/lifecycle/enlist';
import { readReadiness } from '../../admin/lifecycle/readiness';
import {
  capturePlan,
  defaultPlanPath,
  defectAll,
  listPlans,
  loadPlan,
  reenlist,
  runbookPlan,
  savePlan,
} from '../../admin/lifecycle/runbook';
import { step, type LifecycleResult, type ServerConnections } from '../../admin/lifecycle/steps';
import { targetVersions } from '../../admin/lifecycle/versions';
import { ApiFailure } from '../errors';
import { onConnection, serverName, sysname } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

const script = z.boolean().optional();

const groupAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('add'), name: sysname }),
  z.strictObject({ kind: z.literal('rename'), name: sysname, newName: sysname }),
  z.strictObject({ kind: z.literal('delete'), name: sysname }),
  z.strictObject({ kind: z.literal('addMember'), group: sysname, server: serverName }),
  z.strictObject({ kind: z.literal('removeMember'), group: sysname, server: serverName }),
]);

const planPath = z
  .string()
  .trim()
  .min(1, 'Required.')
  .max(1000)
  .refine((p) => p.endsWith('.json'), 'A plan file name ends with .json.');

/** Where plans go unless a path is chosen. */
export const RUNBOOKS_FOLDER = 'runbooks';

export function lifecycleMethods(core: Core) {
  /** Servers by name as connection `id` reaches them; the connection's own server is itself. */
  const connectionsFrom = (id: string): ServerConnections => {
    const info = core.connections.info(id);
    const resolve = core.connections.resolver(id);
    return withSelf(info.server, core.master(id), (server) => resolve(server));
  };
  const self = (id: string) => core.connections.info(id).server;

  const requireTarget = (id: string) => {
    const info = core.connections.info(id);
    if (!info.msxServerName) throw new ApiFailure('BAD_REQUEST', `${info.server} is not a target server: its SQL Server Agent is not enlisted into a master server (14298).`);
    return info;
  };

  /** After a write the connections' Agent roles may have changed (standalone → target, master...). */
  const refreshed = async <T>(ids: string[], r: T): Promise<T> => {
    for (const id of ids) if (core.connections.has(id)) await core.connections.refresh(id).catch(() => undefined);
    return r;
  };
  const all = () => core.connections.ids();

  return [
    method(
      'enlist.makeTarget',
      'Make this a Target: sp_msx_enlist @msx_server_name, @location on this server (script: only the T-SQL).',
      z.strictObject({ ...onConnection, master: sysname, location: location.nullable().optional(), script }),
      async (p): Promise<LifecycleResult> =>
        refreshed(all(), await perform(planMakeTarget(self(p.connectionId), p.master, p.location), connectionsFrom(p.connectionId), p.script)),
    ),
    method(
      'enlist.addTargets',
      'Add Target Servers: each server runs sp_msx_enlist into this master through its own connection.',
      z.strictObject({ ...onConnection, targets: enlistTargets, script }),
      async (p): Promise<LifecycleResult> =>
        refreshed(all(), await perform(planAddTargets(self(p.connectionId), p.targets), connectionsFrom(p.connectionId), p.script)),
    ),
    method(
      'enlist.makeMaster',
      'Make this a Master: sp_add_operator MSXOperator here, then each chosen target enlists into this server.',
      z.strictObject({ ...onConnection, operator: msxOperator, targets: z.array(z.strictObject({ server: serverName, location: location.nullable().optional() })).max(1000), script }),
      async (p): Promise<LifecycleResult> => {
        if (p.targets.length) enlistTargets.parse(p.targets);
        return refreshed(all(), await perform(planMakeMaster(self(p.connectionId), p.operator, p.targets), connectionsFrom(p.connectionId), p.script));
      },
    ),
    method(
      'defect.normal',
      'Defect: sp_msx_defect on this target (it tells its master); masterUnreachable when the master could not be told.',
      z.strictObject({ ...onConnection, script }),
      async (p): Promise<DefectResult> => {
        const info = requireTarget(p.connectionId);
        return refreshed(all(), await defect(info.server, info.msxServerName!, false, connectionsFrom(p.connectionId), p.script));
      },
    ),
    method(
      'defect.forced',
      'Forced defection: sp_msx_defect @forced_defection = 1 here, then sp_delete_targetserver @post_defection = 0 on the master (when reachable).',
      z.strictObject({ ...onConnection, script }),
      async (p): Promise<DefectResult> => {
        const info = requireTarget(p.connectionId);
        return refreshed(all(), await defect(info.server, info.msxServerName!, true, connectionsFrom(p.connectionId), p.script));
      },
    ),
    method(
      'defect.completeOnMaster',
      'Completes a forced defection on the master: sp_delete_targetserver @server_name, @post_defection = 0.',
      z.strictObject({ ...onConnection, server: serverName, script }),
      async (p): Promise<LifecycleResult> =>
        refreshed(
          all(),
          await perform([step('deleteTargetServer', self(p.connectionId), deleteTargetServerCall(p.server))], connectionsFrom(p.connectionId), p.script),
        ),
    ),
    method(
      'groups.script',
      'The T-SQL of a Manage Target Server Groups action, without running it.',
      z.strictObject({ ...onConnection, action: groupAction }),
      async (p): Promise<{ calls: PlannedCall[]; script: string }> => {
        core.connections.info(p.connectionId);
        const a = p.action;
        const c =
          a.kind === 'add'
            ? groupCalls.add(a.name)
            : a.kind === 'rename'
              ? groupCalls.rename(a.name, a.newName)
              : a.kind === 'delete'
                ? groupCalls.remove(a.name)
                : a.kind === 'addMember'
                  ? groupCalls.addMember(a.group, a.server)
                  : groupCalls.removeMember(a.group, a.server);
        return { calls: [c], script: renderScript([c]) };
      },
    ),
    method(
      'targets.versions',
      "Each target's version from its own connection ('SQL Server 2019 (15.0.4375)'); unknown when it has none.",
      z.strictObject(onConnection),
      (p) => targetVersions(core.master(p.connectionId), connectionsFrom(p.connectionId)),
    ),
    method(
      'upgrade.readiness',
      'Upgrade readiness of a master: its version, each target\'s, and the rules (seed 004, spec §7) with their verdicts.',
      z.strictObject({ ...onConnection, upgradeTo: z.int().min(9).max(99).optional() }),
      (p) => readReadiness(core.master(p.connectionId), connectionsFrom(p.connectionId), p.upgradeTo ?? null),
    ),
    method(
      'runbook.capture',
      'Reads what defecting every target would lose: locations, poll intervals, group memberships, multiserver jobs.',
      z.strictObject(onConnection),
      (p) => capturePlan(core.master(p.connectionId), connectionsFrom(p.connectionId), new Date(core.lab().scheduler.now())),
    ),
    method(
      'runbook.save',
      "Saves a plan file (JSON; no secrets) to the path given, or to the data folder's runbooks folder.",
      z.strictObject({ plan: runbookPlan, path: planPath.optional() }),
      async (p) => ({ path: savePlan(p.plan, p.path ?? defaultPlanPath(join(core.dataDir(), RUNBOOKS_FOLDER), p.plan)) }),
    ),
    method('runbook.load', 'Reads a plan file back (schema-checked).', z.strictObject({ path: planPath }), async (p) => loadPlan(p.path)),
    method('runbook.list', "The plan files in the data folder's runbooks folder, newest first.", z.strictObject({}), async () =>
      listPlans(join(core.dataDir(), RUNBOOKS_FOLDER)),
    ),
    method(
      'runbook.defectAll',
      "The runbook's first half: every target of the plan defects (sp_msx_defect on its own connection).",
      z.strictObject({ ...onConnection, plan: runbookPlan, script }),
      async (p): Promise<LifecycleResult> => refreshed(all(), await defectAll(p.plan, self(p.connectionId), connectionsFrom(p.connectionId), p.script)),
    ),
    method(
      'runbook.reenlist',
      "The runbook's second half: every target enlists again; its poll interval, groups and jobs are restored on the master.",
      z.strictObject({ ...onConnection, plan: runbookPlan, script }),
      async (p): Promise<LifecycleResult> =>
        refreshed(all(), await reenlist(p.plan, core.master(p.connectionId), self(p.connectionId), connectionsFrom(p.connectionId), p.script)),
    ),
  ];
}
