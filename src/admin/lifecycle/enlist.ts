// Building a multiserver environment (spec §5, §8.4): Make this a Target (sp_msx_enlist on the
// target's own connection), Add Target Servers (the same for each chosen server, from the
// master's side), Make this a Master (MSXOperator through sp_add_operator on the new master,
// then its targets enlist into it). msdb does the checking; these plan the calls and run them.
import { z } from 'zod';
import type { MsdbExecutor } from '../../msdb/executor';
import { call, type PlannedCall } from '../calls';
import { parseOrThrow } from '../errors';
import { serverName, sysname } from '../schemas';
import { runSteps, scriptOnly, step, type LifecycleResult, type LifecycleStep, type ServerConnections } from './steps';

/** sp_msx_enlist's @location is nvarchar(100): the wizard's "Description of this server". */
export const location = z.string().trim().max(100, 'At most 100 characters (sp_msx_enlist @location is nvarchar(100)).');

/** A server to enlist, with the description it sends (NULL: the target describes its hardware and OS). */
export const enlistTarget = z.strictObject({ server: serverName, location: location.nullable().optional() });
export type EnlistTarget = z.input<typeof enlistTarget>;

export const enlistTargets = z
  .array(enlistTarget)
  .min(1, 'Select at least one target server.')
  .max(1000)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const key = t.server.toUpperCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'server'], message: `'${t.server}' is listed twice.` });
      seen.add(key);
    });
  });

/** The Master Server Operator page: MSXOperator's addresses (at least one, as the wizard asks). */
export const msxOperator = z
  .strictObject({
    email: z.string().trim().max(100).optional(),
    pager: z.string().trim().max(100).optional(),
    netSend: z.string().trim().max(100).optional(),
  })
  .refine((o) => !!(o.email || o.pager || o.netSend), { message: 'Give an e-mail, pager or net send address for MSXOperator.', path: ['email'] });
export type MsxOperatorForm = z.input<typeof msxOperator>;

export const MSX_OPERATOR = 'MSXOperator';

export function enlistCall(master: string, loc: string | null | undefined): PlannedCall {
  return call('sp_msx_enlist', { msx_server_name: master, location: loc === undefined || loc === '' ? null : loc });
}

export function addOperatorCall(op: MsxOperatorForm): PlannedCall {
  return call('sp_add_operator', {
    name: MSX_OPERATOR,
    enabled: 1,
    email_address: op.email || undefined,
    pager_address: op.pager || undefined,
    netsend_address: op.netSend || undefined,
  });
}

/** Make this a Target: sp_msx_enlist on the server itself. */
export function planMakeTarget(target: string, master: string, loc?: string | null): LifecycleStep[] {
  const t = parseOrThrow(serverName, target);
  const m = parseOrThrow(sysname, master);
  const l = loc === undefined || loc === null ? null : parseOrThrow(location, loc);
  return [step('enlist', t, enlistCall(m, l))];
}

/** Add Target Servers: each chosen server enlists into the master through its own connection. */
export function planAddTargets(master: string, targets: readonly EnlistTarget[]): LifecycleStep[] {
  const m = parseOrThrow(sysname, master);
  return parseOrThrow(enlistTargets, targets).map((t) => step('enlist', t.server, enlistCall(m, t.location)));
}

/** Make this a Master: MSXOperator first (sp_enlist_tsx refuses enlistments without it, 14363), then the targets. */
export function planMakeMaster(master: string, operator: MsxOperatorForm, targets: readonly EnlistTarget[]): LifecycleStep[] {
  const m = parseOrThrow(serverName, master);
  const op = parseOrThrow(msxOperator, operator);
  const steps = [step('addOperator', m, addOperatorCall(op))];
  if (targets.length) for (const t of parseOrThrow(enlistTargets, targets)) steps.push(step('enlist', t.server, enlistCall(m, t.location), 0));
  return steps;
}

/** Runs the steps, or (script) returns them with their T-SQL without running anything. */
export function perform(steps: LifecycleStep[], connect: ServerConnections, script = false): Promise<LifecycleResult> {
  return script ? Promise.resolve(scriptOnly(steps)) : runSteps(steps, connect);
}

/** One server's connection by name, the given one for `self`. */
export function withSelf(selfName: string, self: MsdbExecutor, others: ServerConnections): ServerConnections {
  return (server) => (server.toUpperCase() === selfName.toUpperCase() ? self : others(server));
}
