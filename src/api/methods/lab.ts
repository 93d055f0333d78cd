// Lab controls: the network faults of the core issue and reset. They act on the host's lab
// whether or not its connection is open; each returns the target as the lab panel shows it.
import { z } from 'zod';
import { applyFault, LAB_CALL_FAULTS, LAB_STATE_FAULTS, proxyJobTargets, tryFault, undoFault } from '../../lab/faults';
import { MAX_LAB_PROXIES, type Lab, type LabTargetInfo } from '../../lab/lab';
import { scenarioByName, type Scenario } from '../../lab/scenario';
import { SqlServerError } from '../../msx/errors';
import { ApiFailure } from '../errors';
import { serverName, sysname } from '../schemas';
import { method } from '../table';
import { LAB_CONNECTION_ID, type Core } from './core';

const onTarget = { server: serverName };
const WEEK_MS = 7 * 24 * 3600_000;

export function labMethods(core: Core) {
  const agent = (server: string) => {
    const a = core.lab().agent(server);
    if (!a) throw new ApiFailure('NOT_FOUND', `The lab has no target server named '${server}'.`);
    return a;
  };

  /** Runs a control on one target; the lab's refusals (Agent stopped...) come back as BAD_REQUEST. */
  const run = (server: string, act: () => void): LabTargetInfo => {
    const a = agent(server);
    try {
      act();
    } catch (e) {
      if (e instanceof SqlServerError || e instanceof ApiFailure) throw e;
      throw new ApiFailure('BAD_REQUEST', e instanceof Error ? e.message : String(e));
    }
    return core.lab().describe(a);
  };

  /** Like run, for a control that goes through msdb (its SQL Server errors pass through with their numbers). */
  const runAsync = async (server: string, act: () => Promise<void>): Promise<LabTargetInfo> => {
    const a = agent(server);
    try {
      await act();
    } catch (e) {
      if (e instanceof SqlServerError || e instanceof ApiFailure) throw e;
      throw new ApiFailure('BAD_REQUEST', e instanceof Error ? e.message : String(e));
    }
    return core.lab().describe(a);
  };

  const masterInfo = () => ({ ...core.lab().masterInfo(), proxyJobTargets: proxyJobTargets(core.lab()) });

  const targetControl = <N extends string>(name: N, summary: string, act: (lab: Lab, server: string) => void) =>
    method(name, summary, z.strictObject(onTarget), async (p) => run(p.server, () => act(core.lab(), p.server)));

  return [
    method('lab.targets', "The lab's simulated targets: Agent, link, clock, interval, jobs and log.", z.strictObject({}), async () => core.lab().targets()),
    targetControl('lab.stopAgent', 'Stops the SQL Server Agent of a lab target.', (lab, s) => lab.stopAgent(s)),
    targetControl('lab.startAgent', 'Starts the SQL Server Agent of a lab target (it polls at once).', (lab, s) => lab.startAgent(s)),
    targetControl('lab.cutLink', 'Cuts the network link between a lab target and the master.', (lab, s) => lab.cutLink(s)),
    targetControl('lab.restoreLink', 'Restores the network link of a lab target.', (lab, s) => lab.restoreLink(s)),
    method(
      'lab.setLatency',
      'Slows a lab target\'s link by a fixed latency each way (0 to 60000 ms).',
      z.strictObject({ ...onTarget, latencyMs: z.int().min(0).max(60_000) }),
      async (p) => run(p.server, () => core.lab().setLatency(p.server, p.latencyMs)),
    ),
    method(
      'lab.skewClock',
      "Sets how far a lab target's clock is off (within ±7 days); SYNC-TIME puts it right.",
      z.strictObject({ ...onTarget, skewMs: z.int().min(-WEEK_MS).max(WEEK_MS) }),
      async (p) => run(p.server, () => core.lab().skewClock(p.server, p.skewMs)),
    ),
    method(
      'lab.failNext',
      'Makes the next instruction a lab target downloads fail with this message (written as error_message).',
      z.strictObject({ ...onTarget, message: z.string().trim().min(1, 'Required.').max(1024) }),
      async (p) => run(p.server, () => core.lab().failNextInstruction(p.server, p.message)),
    ),
    method(
      'lab.runJob',
      'Runs a downloaded job on a lab target now, as its own schedule would.',
      z.strictObject({ ...onTarget, job: sysname }),
      async (p) => {
        const a = agent(p.server);
        if (!a.state.jobs.some((j) => j.name.toUpperCase() === p.job.toUpperCase())) {
          throw new ApiFailure('NOT_FOUND', `Target '${a.name}' has no job named '${p.job}'.`);
        }
        return run(p.server, () => core.lab().runJob(p.server, p.job));
      },
    ),
    method(
      'lab.setRegistry',
      "Writes (or, with null, deletes) a lab target's Agent registry values MsxEncryptChannelOptions (0, 1, 2) and AllowDownloadedJobsToMatchProxyName (0, 1).",
      z
        .strictObject({
          ...onTarget,
          msxEncryptChannelOptions: z.union([z.literal(0), z.literal(1), z.literal(2), z.null()]).optional(),
          allowDownloadedJobsToMatchProxyName: z.union([z.literal(0), z.literal(1), z.null()]).optional(),
        })
        .refine((p) => p.msxEncryptChannelOptions !== undefined || p.allowDownloadedJobsToMatchProxyName !== undefined, 'Name a value to set.'),
      async (p) =>
        run(p.server, () =>
          core.lab().setRegistry(p.server, {
            ...(p.msxEncryptChannelOptions !== undefined ? { msxEncryptChannelOptions: p.msxEncryptChannelOptions } : {}),
            ...(p.allowDownloadedJobsToMatchProxyName !== undefined ? { allowDownloadedJobsToMatchProxyName: p.allowDownloadedJobsToMatchProxyName } : {}),
          }),
        ),
    ),
    method(
      'lab.setCertificateTrust',
      "Sets whether a lab target trusts the master's certificate (with MsxEncryptChannelOptions 2 it cannot reach the master otherwise).",
      z.strictObject({ ...onTarget, trusts: z.boolean() }),
      async (p) => run(p.server, () => core.lab().setTrustsMasterCertificate(p.server, p.trusts)),
    ),
    method(
      'lab.setProxies',
      'Sets the SQL Server Agent proxies a lab target has (by name).',
      z.strictObject({ ...onTarget, proxies: z.array(sysname).max(MAX_LAB_PROXIES) }),
      async (p) => run(p.server, () => core.lab().setProxies(p.server, p.proxies)),
    ),
    method('lab.master', "The lab's master as its fault controls show it: MSXOperator, and the targets of the lab's proxy job.", z.strictObject({}), async () => masterInfo()),
    method(
      'lab.setMsxOperator',
      "Removes the lab master's MSXOperator (enlistment then fails with 14363), or puts it back as it was.",
      z.strictObject({ present: z.boolean() }),
      async (p) => {
        core.lab().setMsxOperatorPresent(p.present);
        return masterInfo();
      },
    ),
    method(
      'lab.applyFault',
      'Sets up a known failure for a lab target through the procedures and network a real setup uses (proxy faults, encryption, no MSXOperator, orphaned target).',
      z.strictObject({ ...onTarget, fault: z.enum(LAB_STATE_FAULTS) }),
      async (p) => runAsync(p.server, () => core.lab().batch(() => applyFault(core.lab(), p.fault, p.server))),
    ),
    method(
      'lab.undoFault',
      'Takes back a fault lab.applyFault set up for a lab target.',
      z.strictObject({ ...onTarget, fault: z.enum(LAB_STATE_FAULTS) }),
      async (p) => runAsync(p.server, () => core.lab().batch(() => undoFault(core.lab(), p.fault, p.server))),
    ),
    method(
      'lab.tryFault',
      "Runs, on the lab's own servers, the call that shows a known failure (14299, 14296, 229/15003, or enlisting again) and returns SQL Server's answer.",
      z.strictObject({ ...onTarget, fault: z.enum(LAB_CALL_FAULTS) }),
      async (p) => {
        agent(p.server);
        try {
          return { results: await tryFault(core.lab(), p.fault, p.server) };
        } catch (e) {
          if (e instanceof SqlServerError || e instanceof ApiFailure) throw e;
          throw new ApiFailure('BAD_REQUEST', e instanceof Error ? e.message : String(e));
        }
      },
    ),
    method(
      'lab.reset',
      'Puts the lab back to its scenario as first built, or builds another one (default, fleet-<targets>[-<poll seconds>]).',
      z.strictObject({ scenario: z.string().regex(/^(default|fleet-\d{1,5}(-\d{1,5})?(-nojobs)?)$/, "A scenario is 'default' or 'fleet-<targets>[-<poll seconds>]'.").optional() }),
      async (p) => {
        let scenario: Scenario | undefined;
        if (p.scenario !== undefined) {
          try {
            scenario = scenarioByName(p.scenario);
          } catch (e) {
            // A poll interval msdb would refuse (10..28,800 s): refused here the same way.
            throw new ApiFailure('BAD_REQUEST', e instanceof Error ? e.message : String(e));
          }
          if (!scenario || scenario.targets.length > 10_000) throw new ApiFailure('BAD_REQUEST', `The lab has no scenario named '${p.scenario}' (at most 10,000 targets).`);
        }
        await core.lab().reset(scenario);
        if (core.connections.has(LAB_CONNECTION_ID)) await core.connections.refresh(LAB_CONNECTION_ID);
        return core.lab().targets();
      },
    ),
  ];
}
