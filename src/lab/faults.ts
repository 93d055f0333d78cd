// The lab's known-failure faults (issue 13; shared/research/dba-field-notes.md §1): each sets up a
// condition DBAs meet, through the same procedures and the same simulated network a real setup
// would go through, or runs the call that fails and returns SQL Server's answer. Nothing here
// writes an error text into a row: the failures come from the simulation doing what SQL Server does.
import type { InfoMessage } from '../msdb/executor';
import { SqlServerError } from '../msx/errors';
import type { Lab } from './lab';

/** What the lab's "Send a job with a proxy step" creates on the master, if absent. */
export const LAB_PROXY = 'LabProxy';
export const LAB_PROXY_CREDENTIAL = 'LabProxyCredential';
export const LAB_PROXY_JOB = 'Lab - step runs as a proxy';
const LAB_PROXY_STEP = 'Run as LabProxy';

/** The login without sysadmin the lab's permission fault runs as (as on the lab's TDS endpoint). */
export const LAB_NON_SYSADMIN = 'labuser';

/** Faults the lab sets up (Apply) and takes back (Undo). */
export type LabStateFault = 'proxyMatching' | 'proxyNotFound' | 'encryption' | 'noMsxOperator' | 'orphanedTarget';
/** Faults whose failing call the lab runs for real (tryFault); the state faults' "Enlist again" too. */
export type LabCallFault = 'masterIntoMaster' | 'alreadyEnlisted' | 'permission' | LabStateFault;

export const LAB_STATE_FAULTS: readonly LabStateFault[] = ['proxyMatching', 'proxyNotFound', 'encryption', 'noMsxOperator', 'orphanedTarget'];
export const LAB_CALL_FAULTS: readonly LabCallFault[] = ['masterIntoMaster', 'alreadyEnlisted', 'permission', ...LAB_STATE_FAULTS];

/** One call the lab ran and what SQL Server answered. */
export interface FaultCallResult {
  /** The server the call ran on. */
  server: string;
  login: string;
  /** The master server the call concerns (the one to enlist into, or the one called). */
  master: string;
  /** The statement as a DBA would type it. */
  statement: string;
  /** The error, when the call failed (the usual outcome). */
  error: { number: number; severity: number; state: number; message: string; procName: string | null } | null;
  /** Informational messages of a call that succeeded. */
  messages: InfoMessage[];
}

const lit = (s: string) => `N'${s.replace(/'/g, "''")}'`;

function statementOf(proc: string, params: Record<string, string | number | null>): string {
  const args = Object.entries(params).map(([k, v]) => `@${k} = ${typeof v === 'number' ? v : v === null ? 'NULL' : lit(v)}`);
  return `EXEC msdb.dbo.${proc}${args.length ? ` ${args.join(', ')}` : ''};`;
}

async function runCall(
  exec: (proc: string, params: Record<string, string | number | null>) => Promise<{ messages: InfoMessage[] }>,
  where: { server: string; login: string; master: string },
  proc: string,
  params: Record<string, string | number | null>,
): Promise<FaultCallResult> {
  const base = { ...where, statement: statementOf(proc, params) };
  try {
    const r = await exec(proc, params);
    return { ...base, error: null, messages: r.messages };
  } catch (e) {
    if (!(e instanceof SqlServerError)) throw e;
    return { ...base, error: { number: e.number, severity: e.severity, state: e.state, message: e.message, procName: e.procName ?? null }, messages: [] };
  }
}

function needTarget(lab: Lab, server: string) {
  const agent = lab.agent(server);
  if (!agent) throw new Error(`The lab has no target server named '${server}'.`);
  return agent;
}

/** Another lab server's name to enlist into (the first standalone server), so the call names a real server. */
function anotherServer(lab: Lab, ...not: Array<string | null>): string {
  const skip = new Set(not.filter((n): n is string => n !== null).map((n) => n.toUpperCase()));
  return lab.servers().find((s) => s.role === 'standalone' && !skip.has(s.name.toUpperCase()))?.name
    ?? lab.servers().find((s) => !skip.has(s.name.toUpperCase()))?.name
    ?? 'MSX02';
}

/**
 * Runs the call that shows a fault, on the lab's real executors, and returns SQL Server's answer:
 * - masterIntoMaster: sp_msx_enlist on the master (an MSX) → 14299;
 * - alreadyEnlisted: sp_msx_enlist on an enlisted target, into another master → 14296;
 * - permission: as labuser (not sysadmin) on the master, sp_help_targetserver → 229 and
 *   sp_resync_targetserver → 15003;
 * - the state faults: "Enlist again", sp_msx_enlist on the target into the master it believes it
 *   is enlisted in (with its own location, so a success changes nothing): 22022 with the reason
 *   (14363, 14364, the encrypted channel), or success when the fault is not applied. The proxy
 *   faults show on a poll, not on a call: they have none.
 */
export async function tryFault(lab: Lab, fault: LabCallFault, server: string): Promise<FaultCallResult[]> {
  const agent = needTarget(lab, server);
  const masterName = lab.master.identity.serverName;
  switch (fault) {
    case 'masterIntoMaster': {
      const sa = lab.executor();
      const other = anotherServer(lab, masterName);
      return [await runCall((p, a) => sa.exec(p, a), { server: masterName, login: 'sa', master: other }, 'sp_msx_enlist', { msx_server_name: other })];
    }
    case 'alreadyEnlisted': {
      if (!agent.state.msxServerName) throw new Error(`'${agent.name}' is not enlisted into any master: enlist it first.`);
      const tsx = lab.serverExecutor(agent.name)!;
      const other = anotherServer(lab, agent.state.msxServerName, agent.name);
      return [await runCall((p, a) => tsx.exec(p, a), { server: agent.name, login: 'sa', master: other }, 'sp_msx_enlist', { msx_server_name: other })];
    }
    case 'permission': {
      const as = lab.executor({ login: LAB_NON_SYSADMIN, isSysadmin: false });
      const where = { server: masterName, login: LAB_NON_SYSADMIN, master: masterName };
      return [
        await runCall((p, a) => as.exec(p, a), where, 'sp_help_targetserver', { server_name: agent.name }),
        await runCall((p, a) => as.exec(p, a), where, 'sp_resync_targetserver', { server_name: agent.name }),
      ];
    }
    case 'proxyMatching':
    case 'proxyNotFound':
      throw new Error('A proxy fault shows when the target downloads the job, not on a call: apply it, then watch the target in Manage Target Servers.');
    default: {
      if (!agent.state.msxServerName) throw new Error(`'${agent.name}' is not enlisted into any master: enlist it first.`);
      const tsx = lab.serverExecutor(agent.name)!;
      const params = { msx_server_name: agent.state.msxServerName, location: agent.state.spec.location ?? null };
      return [await runCall((p, a) => tsx.exec(p, a), { server: agent.name, login: 'sa', master: params.msx_server_name }, 'sp_msx_enlist', params)];
    }
  }
}

/** Whether a state fault is in place for this target, as the panel shows it. */
export function faultApplied(lab: Lab, fault: LabStateFault, server: string): boolean {
  const info = lab.describe(needTarget(lab, server));
  switch (fault) {
    case 'proxyMatching':
    case 'proxyNotFound':
      return proxyJobTargets(lab).includes(info.name.toUpperCase());
    case 'encryption':
      return !info.trustsMasterCertificate;
    case 'noMsxOperator':
      return !lab.masterInfo().msxOperator;
    case 'orphanedTarget':
      return info.orphaned;
  }
}

/** The targets the lab's proxy job is applied to (upper case). */
export function proxyJobTargets(lab: Lab): string[] {
  return lab.master.db
    .all<{ server_name: string }>(
      `SELECT t.server_name FROM sysjobs j JOIN sysjobservers js ON js.job_id = j.job_id JOIN systargetservers t ON t.server_id = js.server_id
        WHERE j.name = ? ORDER BY t.server_name`,
      [LAB_PROXY_JOB],
    )
    .map((r) => r.server_name);
}

/**
 * Sets a fault up for this target:
 * - proxyMatching / proxyNotFound: the master gets (if absent) the proxy LabProxy and a
 *   multiserver job whose CmdExec step runs as it, through sp_add_proxy, sp_add_job,
 *   sp_add_jobstep @proxy_name; sp_add_jobserver applies it to the target, which posts INSERT JOB
 *   (or, already applied, sp_post_msx_operation posts it again). proxyMatching leaves proxy
 *   matching off on the target (AllowDownloadedJobsToMatchProxyName absent); proxyNotFound turns
 *   it on and takes LabProxy off the target's proxies. The target's next poll fails the INSERT.
 * - encryption: the target no longer trusts the master's certificate, with
 *   MsxEncryptChannelOptions at 2 (deleted, so the default applies, if it was 0 or 1).
 * - noMsxOperator: the master loses MSXOperator (the lab deletes the row directly).
 * - orphanedTarget: the master forgets the target, with sp_delete_targetserver
 *   @post_defection = 0 (no DEFECT posted); the target still believes it is enlisted.
 */
export async function applyFault(lab: Lab, fault: LabStateFault, server: string): Promise<void> {
  const agent = needTarget(lab, server);
  const sa = lab.executor();
  switch (fault) {
    case 'proxyMatching':
    case 'proxyNotFound': {
      if (!agent.state.msxServerName || agent.state.msxServerName.toUpperCase() !== lab.master.identity.serverName.toUpperCase()) {
        throw new Error(`'${agent.name}' is not a target of ${lab.master.identity.serverName}: a job cannot be sent to it.`);
      }
      if (fault === 'proxyMatching') {
        if (agent.state.registry?.allowDownloadedJobsToMatchProxyName === 1) lab.setRegistry(agent.name, { allowDownloadedJobsToMatchProxyName: null });
      } else {
        lab.setRegistry(agent.name, { allowDownloadedJobsToMatchProxyName: 1 });
        const without = (agent.state.proxies ?? []).filter((p) => p.toUpperCase() !== LAB_PROXY.toUpperCase());
        if (without.length !== (agent.state.proxies ?? []).length) lab.setProxies(agent.name, without);
      }
      if (lab.master.db.value('SELECT 1 FROM sysproxies WHERE name = ?', [LAB_PROXY]) === undefined) {
        await sa.exec('sp_add_proxy', { proxy_name: LAB_PROXY, credential_name: LAB_PROXY_CREDENTIAL, description: 'Created by the lab to reproduce the proxy faults.' });
      }
      if (lab.master.db.value('SELECT 1 FROM sysjobs WHERE name = ?', [LAB_PROXY_JOB]) === undefined) {
        await sa.exec('sp_add_job', { job_name: LAB_PROXY_JOB, description: 'A multiserver job whose step runs as a proxy (lab fault).' });
        await sa.exec('sp_add_jobstep', { job_name: LAB_PROXY_JOB, step_name: LAB_PROXY_STEP, subsystem: 'CmdExec', command: 'whoami', proxy_name: LAB_PROXY });
      }
      if (proxyJobTargets(lab).includes(agent.name.toUpperCase())) {
        const jobId = lab.master.db.value<string>('SELECT job_id FROM sysjobs WHERE name = ?', [LAB_PROXY_JOB]);
        await sa.exec('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: jobId ?? null, specific_target_server: agent.name });
      } else {
        await sa.exec('sp_add_jobserver', { job_name: LAB_PROXY_JOB, server_name: agent.name });
      }
      return;
    }
    case 'encryption':
      if (agent.state.registry?.msxEncryptChannelOptions !== null && agent.state.registry?.msxEncryptChannelOptions !== undefined && agent.state.registry.msxEncryptChannelOptions !== 2) {
        lab.setRegistry(agent.name, { msxEncryptChannelOptions: null });
      }
      lab.setTrustsMasterCertificate(agent.name, false);
      return;
    case 'noMsxOperator':
      lab.setMsxOperatorPresent(false);
      return;
    case 'orphanedTarget':
      if (!lab.describe(agent).enlisted || agent.state.msxServerName?.toUpperCase() !== lab.master.identity.serverName.toUpperCase()) {
        throw new Error(`'${agent.name}' is not a target of ${lab.master.identity.serverName}.`);
      }
      await sa.exec('sp_delete_targetserver', { server_name: agent.name, post_defection: 0 });
      return;
  }
}

/**
 * Takes a fault back:
 * - proxy faults: the lab's proxy job is removed from the target (sp_delete_jobserver posts
 *   DELETE JOB) and, if the failed INSERT blocks the target, sp_resync_targetserver clears it;
 * - encryption: the target trusts the master's certificate again;
 * - noMsxOperator: MSXOperator is back as it was;
 * - orphanedTarget: the documented recovery: sp_msx_defect @forced_defection = 1 on the target,
 *   then sp_msx_enlist into the master again (the jobs it had come back only when they are
 *   applied to it again: the master's sysjobservers rows went with its target row).
 */
export async function undoFault(lab: Lab, fault: LabStateFault, server: string): Promise<void> {
  const agent = needTarget(lab, server);
  const sa = lab.executor();
  switch (fault) {
    case 'proxyMatching':
    case 'proxyNotFound': {
      const name = agent.name.toUpperCase();
      if (proxyJobTargets(lab).includes(name)) await sa.exec('sp_delete_jobserver', { job_name: LAB_PROXY_JOB, server_name: agent.name });
      const blocked = lab.master.db.value('SELECT 1 FROM sysdownloadlist WHERE target_server = ? AND error_message IS NOT NULL', [name]) !== undefined;
      if (blocked) await sa.exec('sp_resync_targetserver', { server_name: agent.name });
      return;
    }
    case 'encryption':
      lab.setTrustsMasterCertificate(agent.name, true);
      return;
    case 'noMsxOperator':
      lab.setMsxOperatorPresent(true);
      return;
    case 'orphanedTarget': {
      if (!lab.describe(agent).orphaned) return;
      const msx = agent.state.msxServerName!;
      const tsx = lab.serverExecutor(agent.name)!;
      await tsx.exec('sp_msx_defect', { forced_defection: 1 });
      await tsx.exec('sp_msx_enlist', { msx_server_name: msx, location: agent.state.spec.location ?? null });
      return;
    }
  }
}
