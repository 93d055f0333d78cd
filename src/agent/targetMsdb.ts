// A simulated target server's own msdb, as far as the product talks to it (spec §5, §8.3):
// sp_sqlagent_notify, sp_msx_enlist, sp_msx_defect and sp_get_sqlagent_properties. Its state
// is the agent's TargetState (kept as plain data rather than a database per target, so a lab
// of 10,000 targets stays small).
import { SqlServerError } from '../msx/errors';
import { formatMessage, severityOf, type MessageNumber } from '../msx/messages';
import { bindArgs, type Args } from '../msdb/embedded/coerce';
import { PROC_SIGNATURES } from '../msdb/signatures';
import {
  agentRoleFromType,
  normalizeParams,
  type AgentRegistryRead,
  normalizeProcName,
  type InfoMessage,
  type MsdbExecutor,
  type ProcResult,
  type ServerInfo,
} from '../msdb/executor';
import { EncryptedChannelError, LinkError } from './masterLink';
import type { TargetAgent } from './agent';
import { registryOf } from './targetState';

export interface TargetCaller {
  login: string;
  isSysadmin: boolean;
}

const NOTIFY_OP_TYPES = ['J', 'S', 'A', 'G', 'D', 'P', 'L', 'T', 'M'];

/** 1 standalone, 2 TSX, 3 MSX, 0 both (spec §1). */
function sqlagentType(agent: TargetAgent, opts: TargetExecutorOptions = {}): number {
  const tsx = !!agent.state.msxServerName;
  const msx = !!opts.isMsx?.();
  if (tsx && msx) return 0;
  return msx ? 3 : tsx ? 2 : 1;
}

function fail(proc: string, number: MessageNumber, ...args: Array<string | number | null>): never {
  throw new SqlServerError(number, severityOf(number), formatMessage(number, ...args), 1, proc);
}

function info(number: MessageNumber, ...args: Array<string | number | null>): InfoMessage {
  return { number, severity: severityOf(number), text: formatMessage(number, ...args) };
}

/** A connection to the target server, as the product would open one to run sp_sqlagent_notify. */
export function targetExecutor(agent: TargetAgent, caller: TargetCaller = { login: 'sa', isSysadmin: true }, opts: TargetExecutorOptions = {}): MsdbExecutor {
  const serverInfo = async (): Promise<ServerInfo> => ({
    serverName: agent.name,
    machineName: agent.name.split('\\')[0],
    productVersion: agent.state.spec.productVersion,
    edition: agent.state.spec.edition,
    engineEdition: 3,
    isSysadmin: caller.isSysadmin,
    login: caller.login,
    agentRole: agentRoleFromType(sqlagentType(agent, opts)),
    msxServerName: agent.state.msxServerName,
  });

  const exec = async (proc: string, params?: Parameters<MsdbExecutor['exec']>[1]): Promise<ProcResult> => {
    const name = normalizeProcName(proc);
    const decls = name ? PROC_SIGNATURES[name] : undefined;
    if (!name || !decls || !HANDLERS[name]) throw SqlServerError.of(2812, proc.trim());
    const args = bindArgs(name, decls, normalizeParams(params));
    try {
      return await HANDLERS[name](agent, caller, args, opts);
    } catch (e) {
      if (e instanceof SqlServerError && !e.procName) throw new SqlServerError(e.number, e.severity, e.message, e.state, name);
      throw e;
    }
  };

  // xp_instance_regread with 'no_output' (executor.ts): absent values and, for a login outside
  // sysadmin, denied reads come back as NULL.
  const agentRegistry = async (): Promise<AgentRegistryRead> => {
    const values = registryOf(agent.state);
    const ok = caller.isSysadmin;
    return {
      msxServerName: ok ? agent.state.msxServerName : null,
      msxEncryptChannelOptions: ok ? values.msxEncryptChannelOptions : null,
      allowDownloadedJobsToMatchProxyName: ok ? values.allowDownloadedJobsToMatchProxyName : null,
      readAsSysadmin: ok,
      error: null,
    };
  };

  return { exec, serverInfo, agentRegistry };
}

type Handler = (agent: TargetAgent, caller: TargetCaller, args: Args, opts: TargetExecutorOptions) => Promise<ProcResult>;

/** What sp_msx_enlist writes as @location when none is given. [inferred: the real text names the CPU and OS] */
export function generatedLocation(agent: TargetAgent): string {
  return `${agent.name.split('\\')[0]}: X64, ${agent.state.spec.platform ?? 'Windows'} NT`;
}

export interface TargetExecutorOptions {
  /** The server is a master (it has targets of its own): sp_msx_enlist refuses with 14299. */
  isMsx?: () => boolean;
}

const ok = (messages: InfoMessage[] = [], returnValue = 0, recordsets: ProcResult['recordsets'] = []): ProcResult => ({
  returnValue,
  recordsets,
  messages,
});

const HANDLERS: Record<string, Handler> = {
  async sp_sqlagent_notify(agent, caller, args) {
    // Allowed: sysadmin, msdb db_owner or dbo (spec §8.3); our callers are sysadmin or not.
    if (!caller.isSysadmin) fail('sp_sqlagent_notify', 14260);
    const op = String(args.op_type ?? '').toUpperCase();
    if (!NOTIFY_OP_TYPES.includes(op)) fail('sp_sqlagent_notify', 14266, '@op_type', NOTIFY_OP_TYPES.join(', '));
    if (op !== 'P') return ok();
    // xp_sqlagent_notify cannot reach a stopped Agent. [inferred: the exact number is not in the spec]
    if (!agent.forcePoll()) fail('sp_sqlagent_notify', 22022, 'The SQLServerAgent is not currently running so it cannot be notified of this action.');
    return ok();
  },

  // sp_msx_enlist (spec §5), in msdb's order: sysadmin; Windows NT; edition; an MSX cannot
  // enlist; not into itself; not while enlisted elsewhere. Then xp_msx_enlist reaches the master
  // over the network like a poll does: a cut link or an unknown master fails as a real target's
  // Agent reports it, "The enlist operation failed (reason: ...)", and nothing changes here.
  async sp_msx_enlist(agent, caller, args, opts) {
    const p = 'sp_msx_enlist';
    if (!caller.isSysadmin) fail(p, 15003, 'sysadmin');
    if ((agent.state.spec.platform ?? 'Windows') !== 'Windows') fail(p, 14540);
    if (/desktop|express/i.test(agent.state.spec.edition)) fail(p, 14539);
    if (opts.isMsx?.()) fail(p, 14299, agent.name);
    const msx = String(args.msx_server_name ?? '').trim().toUpperCase();
    if (msx === '') fail(p, 14043, '@msx_server_name');
    if (msx === agent.name.toUpperCase() || msx === agent.name.split('\\')[0].toUpperCase()) fail(p, 14297);
    const current = agent.state.msxServerName;
    if (current && current !== msx) fail(p, 14296, current);
    // A NULL location becomes a description of the hardware and OS. [inferred wording]
    const location = args.location === null || String(args.location).trim() === '' ? generatedLocation(agent) : String(args.location);
    try {
      const { changedFrom } = await agent.enlist(msx, location);
      return ok([changedFrom ? info(14228, changedFrom, msx) : info(14229, msx)]);
    } catch (e) {
      // The encryption failure's text as DBAs report it: the reason, then the hint after the parenthesis.
      if (e instanceof EncryptedChannelError) {
        fail(p, 22022, `The enlist operation failed (reason: ${e.message}). Make sure that the MsxEncryptChannelOptions registry subkey is set correctly on the target server`);
      }
      if (e instanceof LinkError) fail(p, 22022, `The enlist operation failed (reason: ${e.message})`);
      if (e instanceof SqlServerError) fail(p, 22022, `The enlist operation failed (reason: ${e.message})`);
      throw e;
    }
  },

  async sp_msx_defect(agent, caller, args) {
    const p = 'sp_msx_defect';
    if (!caller.isSysadmin) fail(p, 15003, 'sysadmin');
    if (!agent.state.msxServerName) fail(p, 14298);
    const forced = args.forced_defection === 1;
    try {
      const r = await agent.defectLocally(forced);
      const messages = [info(14227, r.msx, r.jobsDeleted)];
      if (forced && !r.informed) messages.push(info(14217, agent.name, agent.name));
      return ok(messages);
    } catch (e) {
      // Not forced and the MSX could not be told: return 1, nothing changed (spec §5).
      if (e instanceof LinkError) return ok([], 1);
      throw e;
    }
  },

  /**
   * The target's own sp_help_job over its downloaded copies (spec §12): version_number is the
   * version of the copy it downloaded, which is how a console tells "runs version N, master has M".
   * Columns: the master's sp_help_job subset (jobServers.ts); copies are in category "Jobs from MSX",
   * originate at the MSX, have no owner (spec §12: multiserver jobs arrive with a blank owner) and
   * run locally (type 1).
   */
  async sp_help_job(agent, _caller, args) {
    const jobId = args.job_id === null ? null : String(args.job_id).toUpperCase();
    const jobName = args.job_name === null ? null : String(args.job_name).trim();
    if (jobId !== null && jobName !== null) fail('sp_help_job', 14294, '@job_id', '@job_name');
    const jobs = agent.state.jobs.filter((j) => (jobId === null || j.jobId.toUpperCase() === jobId) && (jobName === null || j.name.toUpperCase() === jobName.toUpperCase()));
    if (jobId !== null && jobs.length === 0) fail('sp_help_job', 14262, '@job_id', jobId);
    if (jobName !== null && jobs.length === 0) fail('sp_help_job', 14262, '@job_name', jobName);
    const rows = [...jobs]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((j) => ({
        job_id: j.jobId,
        originating_server: j.originatingServer,
        name: j.name,
        enabled: j.enabled ? 1 : 0,
        description: j.description,
        start_step_id: j.startStepId,
        category: j.categoryId === 1 ? 'Jobs from MSX' : '[Uncategorized (Local)]',
        owner: null,
        version_number: j.versionNumber,
        has_step: j.steps.length,
        has_schedule: j.schedules?.length ?? 0,
        has_target: 1,
        type: 1,
      }));
    return ok([], 0, [rows]);
  },

  async sp_get_sqlagent_properties(agent, _caller, _args, opts) {
    return ok([], 0, [
      [
        {
          auto_start: 1,
          // '' when not enlisted, as the registry read returns it.
          msx_server_name: agent.state.msxServerName ?? '',
          sqlagent_type: sqlagentType(agent, opts),
          startup_account: agent.state.spec.serviceAccount,
          local_host_server: agent.name,
        },
      ],
    ]);
  },
};
