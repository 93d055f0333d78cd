// The embedded lab: a simulated master and its simulated targets, the network between them,
// persistence to one file, and events for live views.
import { existsSync } from 'node:fs';
import { TargetAgent, DEFAULT_JOB_PROFILE, JOBS_FROM_MSX, type AgentEvent, type JobProfile } from '../agent/agent';
import type { Scheduler, Timer } from '../agent/scheduler';
import { seedFor } from '../agent/random';
import { effectiveRegistry, newTargetState, registryOf, type AgentRegistryValues, type LocalJob, type TargetSpec, type TargetState } from '../agent/targetState';
import { targetExecutor } from '../agent/targetMsdb';
import { fromSqlDatetime, toSqlDatetime } from '../msx/datetime';
import { computeStatus, isOffline, offlineAt } from '../msx/status';
import { isReadOnlyProc, normalizeParams, normalizeProcName, type MsdbExecutor } from '../msdb/executor';
import { bindArgs } from '../msdb/embedded/coerce';
import { PROC_SIGNATURES } from '../msdb/signatures';
import { SqlServerError } from '../msx/errors';
import { formatMessage, severityOf, type MessageNumber } from '../msx/messages';
import { EncryptedChannelError, LinkError, type MasterLink } from '../agent/masterLink';
import { EmbeddedMsdb, SYSADMIN } from '../msdb/embedded/master';
import type { Caller, ServerIdentity } from '../msdb/embedded/context';
import { addJob, addLogin, addOperator, targetJobAt } from '../msdb/embedded/seed';
import { agentCaller, embeddedMasterLink } from './embeddedLink';
import { Emitter, type LabEvent } from './events';
import { throughNetwork, UNREACHABLE, type LinkState } from './network';
import { LabEncoder, readLabFile, removeStaleTemps, writeFileAtomic, type LabDocument } from './persistence';
import { scenarioByName, type Scenario } from './scenario';

/** Background changes (polls, downloads, job outcomes) reach the file at most this late. */
export const CHECKPOINT_MS = 1000;
/** A post's master.changed event names its targets up to this many. */
const POSTED_TO_MAX = 500;

export interface LabOptions {
  scheduler: Scheduler;
  /** Where the lab is saved; none keeps it in memory only. */
  file?: string;
}

export type LabServerRole = 'master' | 'target' | 'standalone';

/** One lab server as Connect > Embedded lab lists it. */
export interface LabServerInfo {
  name: string;
  role: LabServerRole;
  productVersion: string;
  edition: string;
  msxServerName: string | null;
}

/** Procedures a lab server other than the master answers from its Agent (the TSX side, spec §5, §8.3). */
const AGENT_PROCS = new Set(['sp_msx_enlist', 'sp_msx_defect', 'sp_sqlagent_notify', 'sp_get_sqlagent_properties']);

/** What the lab panel shows of one simulated target. */
export interface LabTargetInfo {
  name: string;
  location: string | null;
  productVersion: string;
  timeZoneMinutes: number;
  agentRunning: boolean;
  enlisted: boolean;
  msxServerName: string | null;
  linkUp: boolean;
  latencyMs: number;
  clockSkewMs: number;
  pollInterval: number;
  nextPollAt: number | null;
  lastProbeAt: number | null;
  spooledOutcomes: number;
  runningJobs: string[];
  jobs: string[];
  failNext: string | null;
  /** The Agent registry values as stored (null = absent: the Agent uses 2 and 0). */
  registry: AgentRegistryValues;
  /** The lab's fact: this target trusts the master's certificate (MsxEncryptChannelOptions 2 needs it). */
  trustsMasterCertificate: boolean;
  /** The SQL Server Agent proxies this target has. */
  proxies: string[];
  /** It believes it is enlisted into the lab's master, which has no record of it (an orphaned target). */
  orphaned: boolean;
  log: TargetState['log'];
}

/** The lab's master as its fault controls show it. */
export interface LabMasterInfo {
  name: string;
  /** msdb has an operator named MSXOperator (enlistment needs it: 14363). */
  msxOperator: boolean;
}

/** A value of MsxEncryptChannelOptions the Agent knows (spec §7), or null to delete the value. */
const ENCRYPT_OPTIONS = [0, 1, 2];
const PROXY_MATCH_OPTIONS = [0, 1];
/** The most proxies a lab target keeps (a lab control, not a fleet's worth). */
export const MAX_LAB_PROXIES = 20;

/**
 * sp_msx_enlist and sp_msx_defect on the lab's master: it is an MSX, so enlisting it fails 14299
 * (after the sysadmin check) and it is enlisted nowhere (14298). The lab's master has no
 * simulated Agent of its own, so with every target gone it still cannot be enlisted: said plainly.
 */
function masterTsxProc(master: EmbeddedMsdb, caller: Caller, name: 'sp_msx_enlist' | 'sp_msx_defect', params: Parameters<MsdbExecutor['exec']>[1]): never {
  const args = bindArgs(name, PROC_SIGNATURES[name], normalizeParams(params));
  const fail = (n: MessageNumber, ...a: Array<string | number>): never => {
    throw new SqlServerError(n, severityOf(n), formatMessage(n, ...a), 1, name);
  };
  if (!caller.isSysadmin) fail(15003, 'sysadmin');
  if (name === 'sp_msx_defect') fail(14298);
  const self = master.identity.serverName;
  if (hasTargets(master)) fail(14299, self);
  if (String(args.msx_server_name ?? '').trim().toUpperCase() === self.toUpperCase()) fail(14297);
  return fail(22022, `The enlist operation failed (reason: ${self} is the lab's master server; the lab simulates no Agent to enlist it with)`);
}

/**
 * Whether the target's Agent can set up its channel to the master (spec §7): 2 (the default)
 * encrypts and validates the master's certificate, so it needs the target to trust it; 0 (no
 * encryption) and 1 (encrypt without validation) always succeed here. Simplified: the lab does not
 * model TLS being enabled on each side, which a real 1 or 2 also needs.
 */
function channelAllowed(state: TargetState): boolean {
  return effectiveRegistry(state).msxEncryptChannelOptions !== 2 || state.trustsMasterCertificate !== false;
}

function hasTargets(msdb: EmbeddedMsdb): boolean {
  return msdb.db.value('SELECT 1 FROM systargetservers LIMIT 1') !== undefined;
}

export class Lab {
  readonly events = new Emitter<LabEvent>();
  private readonly agents = new Map<string, TargetAgent>();
  /**
   * The msdb of each standalone server (upper-case name): a full one, so the server can become a
   * master. Targets keep theirs as plain data (targetMsdb.ts), so a 10,000-target lab stays small.
   */
  private readonly ownMsdb = new Map<string, EmbeddedMsdb>();
  /** Masters whose SQL Server service is stopped: no target reaches them (upper-case names). */
  private readonly mastersDown = new Set<string>();
  /** Each target's link to a master, by master and Agent account (cleared on reset). */
  private readonly masterLinks = new Map<string, MasterLink>();
  private readonly network = new Map<string, LinkState>();
  private readonly lastStatus = new Map<string, number>();
  private readonly offlineChecks = new Map<string, Timer>();
  private checkpointTimer: Timer | undefined;
  private closed = false;
  private building = false;
  private statusRefreshQueued = false;
  /** sysdownloadlist's highest instance_id after the last master change: what a post adds is above it. */
  private lastInstance = 0;
  private encoder = new LabEncoder(scenarioByName);
  private unsubscribeMaster: (() => void) | undefined;
  /** The MSXOperator row the lab's fault removed, to put back as it was. */
  private removedMsxOperator: Record<string, string | number | null> | undefined;

  private constructor(
    private scenario: Scenario,
    public master: EmbeddedMsdb,
    private readonly opts: LabOptions,
  ) {}

  get scheduler(): Scheduler {
    return this.opts.scheduler;
  }

  get file(): string | undefined {
    return this.opts.file;
  }

  get scenarioName(): string {
    return this.scenario.name;
  }

  /** A new lab built from a scenario: enlisted targets, jobs downloaded, nothing pending. */
  static async create(scenario: Scenario, opts: LabOptions): Promise<Lab> {
    const master = await EmbeddedMsdb.create({ identity: scenario.master, clock: () => opts.scheduler.now() });
    const lab = new Lab(scenario, master, opts);
    await lab.build();
    lab.save();
    return lab;
  }

  /** Reopens a saved lab exactly where it was. */
  static async open(file: string, opts: Omit<LabOptions, 'file'>): Promise<Lab> {
    removeStaleTemps(file);
    const { doc, msdb } = readLabFile(file, scenarioByName);
    const master = await EmbeddedMsdb.create({ identity: doc.scenario.master, clock: () => opts.scheduler.now(), data: msdb });
    const lab = new Lab(doc.scenario, master, { ...opts, file });
    // A lab saved before its scenario had standalone servers gets them now, as first built.
    const saved = new Set(doc.targets.map((t) => t.spec.name.toUpperCase()));
    const missing = (doc.scenario.standalones ?? []).filter((t) => !saved.has(t.name.toUpperCase()));
    await lab.createOwnMsdbs(doc.scenario.standalones ?? [], doc.servers ?? {});
    for (const m of doc.mastersDown ?? []) lab.mastersDown.add(m.toUpperCase());
    lab.removedMsxOperator = doc.removedMsxOperator;
    lab.attach([...doc.targets, ...missing.map((t) => newTargetState(t, seedFor(doc.scenario.seed, t.name)))], doc.network);
    return lab;
  }

  static async openOrCreate(file: string, scenario: Scenario, opts: Omit<LabOptions, 'file'>): Promise<Lab> {
    // open() removes stale temp files itself; a new lab's folder has its own to remove.
    if (!existsSync(file)) removeStaleTemps(file);
    return existsSync(file) ? Lab.open(file, opts) : Lab.create(scenario, { ...opts, file });
  }

  private async build(): Promise<void> {
    const s = this.scenario;
    const m = this.master;
    m.db.transaction(() => {
      addOperator(m, s.operator.name, s.operator.email);
      addLogin(m, s.targets[0]?.serviceAccount ?? 'CONTOSO\\svc-sqlagent', false);
    });
    const states = s.targets.map((t) => newTargetState(t, seedFor(s.seed, t.name)));
    const standalones = (s.standalones ?? []).map((t) => newTargetState(t, seedFor(s.seed, t.name)));
    await this.createOwnMsdbs(s.standalones ?? [], {});
    this.building = true;
    this.attach([...states, ...standalones], {});
    for (const t of s.targets) await this.agents.get(t.name.toUpperCase())!.enlist(s.master.serverName, t.location);
    const sa = this.master.executor();
    for (const job of s.jobs) {
      const jobId = addJob(m, { name: job.name, description: job.description, steps: job.steps });
      if (!job.targets) continue;
      const names = job.targets === 'all' ? s.targets.map((t) => t.name) : job.targets;
      if (s.bulkAssign) {
        m.db.transaction(() => targetJobAt(m, jobId, names));
        await sa.exec('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: jobId });
        continue;
      }
      for (const name of names) await sa.exec('sp_add_jobserver', { job_id: jobId, server_name: name });
    }
    for (const g of s.groups) {
      await sa.exec('sp_add_targetservergroup', { name: g.name });
      for (const member of g.members) await sa.exec('sp_add_targetsvrgrp_member', { group_name: g.name, server_name: member });
    }
    if (s.bulkAssign) await this.downloadInBulk();
    // Every target downloads its jobs once, so a new lab starts with an empty queue.
    for (const agent of this.agents.values()) await agent.poll(false);
    // Spread first regular polls from the end of the build, so none starts overdue.
    for (const agent of this.agents.values()) agent.staggerNextPoll();
    this.building = false;
    this.refreshAllStatus();
  }

  /**
   * For a bulk scenario (jobs-200x1000): the state every target would reach by downloading its
   * INSERT rows one by one — a copy of each of its jobs (one shared copy per job, as the lab file
   * stores them) and its rows marked downloaded — in one pass, so 200,000 downloads take seconds.
   */
  private async downloadInBulk(): Promise<void> {
    const first = this.scenario.targets[0];
    if (!first) return;
    const link = embeddedMasterLink(this.master, agentCaller(first.serviceAccount), () => undefined);
    const copies = new Map<string, LocalJob>();
    const jobsOf = new Map<string, string[]>();
    const rows = this.master.db.all<{ job_id: string; server_name: string }>(
      'SELECT js.job_id, t.server_name FROM sysjobservers js JOIN systargetservers t ON t.server_id = js.server_id ORDER BY t.server_id, js.job_id',
    );
    for (const r of rows) {
      const list = jobsOf.get(r.server_name.toUpperCase()) ?? [];
      list.push(r.job_id);
      jobsOf.set(r.server_name.toUpperCase(), list);
      if (!copies.has(r.job_id)) {
        const [d] = await link.fetchJobs(r.server_name, r.job_id);
        if (d) copies.set(r.job_id, { ...d, categoryId: JOBS_FROM_MSX });
      }
    }
    for (const agent of this.agents.values()) {
      const mine = (jobsOf.get(agent.name.toUpperCase()) ?? []).map((id) => copies.get(id)).filter((j): j is LocalJob => j !== undefined);
      agent.state.jobs = [...agent.state.jobs.filter((j) => !mine.some((m) => m.jobId === j.jobId)), ...mine];
    }
    this.master.db.run("UPDATE sysdownloadlist SET status = 1, date_downloaded = ? WHERE status = 0 AND operation_code = 1 AND object_type = 1",
      [toSqlDatetime(this.master.nowMs())]);
  }

  /** Creates the agents over saved (or new) state and arms their timers. */
  private attach(states: TargetState[], network: Record<string, LinkState>): void {
    const profiles = new Map<string, JobProfile>(this.scenario.jobs.map((j) => [j.name.toUpperCase(), j.profile ?? DEFAULT_JOB_PROFILE]));
    for (const state of states) {
      const name = state.spec.name;
      this.network.set(name, network[name] ?? { up: true, latencyMs: 0 });
      const link = throughNetwork(this.routedLink(state), () => this.network.get(name)!, this.scheduler);
      const agent = new TargetAgent({
        state,
        link,
        scheduler: this.scheduler,
        onEvent: (e) => this.onAgentEvent(e),
        jobProfile: (job) => profiles.get(job.toUpperCase()) ?? DEFAULT_JOB_PROFILE,
      });
      this.agents.set(name.toUpperCase(), agent);
      agent.resume();
    }
    this.unsubscribeMaster = this.master.onCommit((info) => {
      if (!info.changed) return;
      this.markDirty();
      if (info.caller.programName.startsWith('SQLAgent')) return;
      const posted = info.proc === 'sp_post_msx_operation';
      this.events.emit({ type: 'master.changed', proc: info.proc, servers: posted ? this.postedTo() : undefined });
      this.lastInstance = this.maxInstance();
      // A post only adds pending rows (status 0, no error): no target's status can change, and a
      // pass over the whole fleet (40 ms at 10,000 targets) would sit between a Force Poll's post
      // and its signal.
      if (!posted) this.queueStatusRefresh();
    });
    this.primeStatus();
    this.lastInstance = this.maxInstance();
  }

  /** Standalone servers' own msdb: from the saved images, or new. */
  private async createOwnMsdbs(specs: readonly TargetSpec[], saved: Record<string, string>): Promise<void> {
    for (const t of specs) {
      const key = t.name.toUpperCase();
      const identity: ServerIdentity = {
        serverName: key,
        machineName: key.split('\\')[0],
        productVersion: t.productVersion,
        edition: t.edition,
        engineEdition: 3,
        timeZoneMinutes: t.timeZoneMinutes,
      };
      const data = saved[key] ? new Uint8Array(Buffer.from(saved[key], 'base64')) : undefined;
      const msdb = await EmbeddedMsdb.create({ identity, clock: () => this.scheduler.now(), ...(data ? { data } : {}) });
      if (!data) addLogin(msdb, t.serviceAccount, false);
      this.ownMsdb.set(key, msdb);
    }
  }

  /** The msdb a master name reaches in the lab: MSX01's, or a standalone server's that became a master. */
  private masterMsdb(name: string): EmbeddedMsdb | undefined {
    const key = name.trim().toUpperCase();
    if (key === this.master.identity.serverName.toUpperCase()) return this.master;
    return this.ownMsdb.get(key);
  }

  /**
   * A target's link to whichever master it is enlisted into (an enlistment: the master it asks),
   * so a standalone server made a master takes enlistments and polls like MSX01. A master the lab
   * does not have is unreachable, as a wrong name is on a real network.
   */
  private routedLink(state: TargetState): MasterLink {
    const to = (msx: string | null): MasterLink => {
      const msdb = msx ? this.masterMsdb(msx) : undefined;
      if (!msdb || this.mastersDown.has(msdb.identity.serverName.toUpperCase())) throw new LinkError(UNREACHABLE);
      if (!channelAllowed(state)) throw new EncryptedChannelError(msx!.toUpperCase());
      const key = `${msdb.identity.serverName}|${state.spec.serviceAccount}`;
      let link = this.masterLinks.get(key);
      if (!link) {
        link = embeddedMasterLink(msdb, agentCaller(state.spec.serviceAccount), () => this.markDirty());
        this.masterLinks.set(key, link);
      }
      return link;
    };
    const current = () => to(state.msxServerName);
    return {
      checkVersion: (required) => current().checkVersion(required),
      probe: (req) => current().probe(req),
      pendingInstructions: (server) => current().pendingInstructions(server),
      markDownloaded: (id) => current().markDownloaded(id),
      markErrored: (id, message) => current().markErrored(id, message),
      fetchJobs: (server, jobId) => current().fetchJobs(server, jobId),
      enlist: (req) => to(req.msx || state.msxServerName).enlist(req),
      uploadOutcome: (o) => current().uploadOutcome(o),
      masterTime: () => current().masterTime(),
    };
  }

  private maxInstance(): number {
    return this.master.db.value<number>('SELECT MAX(instance_id) FROM sysdownloadlist') ?? 0;
  }

  /**
   * The targets a post just queued rows for (only posts add rows, agents never do), so live views
   * re-read those rows, not a 10,000-target list for a Force Poll of one. Past a few hundred,
   * undefined: the list is cheaper to re-read than that many rows.
   */
  private postedTo(): string[] | undefined {
    const names = this.master.db.all<{ target_server: string }>(
      'SELECT DISTINCT target_server FROM sysdownloadlist WHERE instance_id > ? LIMIT ?',
      [this.lastInstance, POSTED_TO_MAX + 1],
    );
    return names.length > POSTED_TO_MAX ? undefined : names.map((n) => n.target_server);
  }

  private onAgentEvent(e: AgentEvent): void {
    this.encoder.invalidate(this.agents.get(e.server.toUpperCase())?.name ?? e.server);
    this.markDirty();
    this.events.emit(e);
    switch (e.type) {
      case 'target.polled':
        this.refreshStatus(e.server);
        this.armOfflineCheck(e.server, e.at, e.pollInterval);
        break;
      case 'instruction.errored':
      case 'target.defected':
        this.refreshStatus(e.server);
        break;
    }
  }

  /**
   * The Offline bit appears by itself when no probe comes: wake up when a read would show it
   * (isOffline counts whole seconds). The master stored the probe within the same second as the
   * agent's `at`, or the next one: waking for the later of the two, a status event is never
   * sent before sp_help_targetserver would say Offline, and is at most a second late.
   */
  private armOfflineCheck(server: string, at: number, pollInterval: number): void {
    this.scheduler.clearTimer(this.offlineChecks.get(server));
    this.offlineChecks.set(server, this.scheduler.setTimer(offlineAt(at + 999, pollInterval), () => this.refreshStatus(server)));
  }

  private statusRows(server?: string): Array<{ server_name: string; last_poll_date: string; poll_interval: number; status: number; blocked: number }> {
    const sql = `SELECT t.server_name, t.last_poll_date, t.poll_interval, t.status,
                        EXISTS (SELECT 1 FROM sysdownloadlist d WHERE d.target_server = t.server_name AND d.error_message IS NOT NULL) AS blocked
                   FROM systargetservers t`;
    return server ? this.master.db.all(`${sql} WHERE t.server_name = ?`, [server.toUpperCase()]) : this.master.db.all(sql);
  }

  private statusOf(row: { last_poll_date: string; poll_interval: number; status: number; blocked: number }): number {
    const offline = isOffline(fromSqlDatetime(row.last_poll_date).getTime(), this.master.nowMs(), row.poll_interval);
    return computeStatus(row.status, offline, row.blocked === 1);
  }

  private primeStatus(): void {
    for (const row of this.statusRows()) {
      this.lastStatus.set(row.server_name, this.statusOf(row));
      const agent = this.agents.get(row.server_name);
      const last = fromSqlDatetime(row.last_poll_date).getTime() - this.scenario.master.timeZoneMinutes * 60_000;
      if (agent) this.armOfflineCheck(row.server_name, last, row.poll_interval);
    }
  }

  /** A burst of master changes costs one status pass over the fleet. */
  private queueStatusRefresh(): void {
    if (this.statusRefreshQueued || this.building) return;
    this.statusRefreshQueued = true;
    queueMicrotask(() => {
      this.statusRefreshQueued = false;
      if (!this.closed) this.refreshAllStatus();
    });
  }

  private refreshStatus(server: string): void {
    if (this.building) return;
    const [row] = this.statusRows(server);
    this.noteStatus(server.toUpperCase(), row ? this.statusOf(row) : 0);
  }

  private refreshAllStatus(): void {
    const seen = new Set<string>();
    for (const row of this.statusRows()) {
      seen.add(row.server_name);
      this.noteStatus(row.server_name, this.statusOf(row));
    }
    for (const name of this.lastStatus.keys()) if (!seen.has(name)) this.noteStatus(name, 0);
  }

  private noteStatus(server: string, status: number): void {
    const previous = this.lastStatus.get(server) ?? 0;
    if (previous === status) return;
    if (status === 0) this.lastStatus.delete(server);
    else this.lastStatus.set(server, status);
    this.events.emit({ type: 'target.status', server, status, previous });
  }

  /** The master's msdb for a login (sysadmin `sa` by default). Writes are on disk before a call returns. */
  executor(caller: Partial<Caller> = {}): MsdbExecutor {
    // The master is looked up on every call: reset() replaces it.
    return {
      exec: async (proc, params) => {
        const master = this.master;
        const name = normalizeProcName(proc);
        if (name === 'sp_msx_enlist' || name === 'sp_msx_defect') return masterTsxProc(master, { ...SYSADMIN, ...caller }, name, params);
        const before = master.db.totalChanges();
        const result = await master.executor(caller).exec(proc, params);
        if (master.db.totalChanges() !== before) this.save();
        return result;
      },
      serverInfo: () => this.master.executor(caller).serverInfo(),
      agentRegistry: () => this.master.executor(caller).agentRegistry(),
    };
  }

  /** A connection to a simulated target's own msdb (for sp_sqlagent_notify), or undefined. */
  targetExecutor(server: string, caller: { login: string; isSysadmin: boolean } = SYSADMIN): MsdbExecutor | undefined {
    return this.agents.has(server.toUpperCase()) ? this.serverExecutor(server, caller) : undefined;
  }

  /**
   * A connection to any lab server by name, or undefined: the master's msdb, or another server's,
   * whose Agent answers the TSX-side procedures (sp_msx_enlist, sp_msx_defect, sp_sqlagent_notify,
   * sp_get_sqlagent_properties) and whose own msdb (standalone servers) answers the rest.
   * Looked up on every call: reset() replaces the servers.
   */
  serverExecutor(server: string, caller: { login: string; isSysadmin: boolean } = SYSADMIN): MsdbExecutor | undefined {
    const key = server.trim().toUpperCase();
    if (key === this.master.identity.serverName.toUpperCase()) return this.executor(caller);
    if (!this.agents.has(key)) return undefined;
    const parts = () => {
      const agent = this.agents.get(key);
      if (!agent) throw new Error(`The lab has no server named '${server}' any more.`);
      const own = this.ownMsdb.get(key);
      return { agent, own, tsx: targetExecutor(agent, caller, { isMsx: () => !!own && hasTargets(own) }) };
    };
    return {
      exec: async (proc, params) => {
        const { agent, own, tsx } = parts();
        const name = normalizeProcName(proc) ?? '';
        const onAgent = AGENT_PROCS.has(name) || !own;
        const before = own?.db.totalChanges() ?? 0;
        const enlisted = agent.state.msxServerName;
        try {
          return await (onAgent ? tsx : own.executor(caller)).exec(proc, params);
        } finally {
          // A notify is a signal (poll now), nothing to keep: the poll it causes is checkpointed
          // like any other, and a 40 ms save of a big lab would sit between the signal and the
          // poll. Enlist, defect and a standalone's own writes are on disk before the call returns;
          // a read (sp_help_job: the version of a target's copy) changes nothing to keep.
          if (name === 'sp_sqlagent_notify') this.markDirty();
          else if (onAgent ? !isReadOnlyProc(name) : own.db.totalChanges() !== before) this.save();
          if (agent.state.msxServerName !== enlisted) this.enlistmentChanged(agent.name, enlisted, agent.state.msxServerName);
        }
      },
      serverInfo: async () => {
        const { agent, tsx } = parts();
        const info = await tsx.serverInfo();
        return { ...info, productVersion: agent.state.spec.productVersion, edition: agent.state.spec.edition };
      },
      // The registry belongs to the server's Agent, standalone or not.
      agentRegistry: () => parts().tsx.agentRegistry(),
      setAgentRegistry: async (name, value) => {
        const { agent } = parts();
        // xp_instance_regwrite is sysadmin's: anyone else gets 229, as on SQL Server.
        if (!caller.isSysadmin) throw SqlServerError.of(229, 'xp_instance_regwrite', 'mssqlsystemresource', 'sys');
        try {
          this.setRegistry(agent.name, name === 'MsxEncryptChannelOptions' ? { msxEncryptChannelOptions: value } : { allowDownloadedJobsToMatchProxyName: value });
        } catch (e) {
          // The lab's Agent takes only the values it knows (a real DWORD would take any number).
          throw new SqlServerError(50000, 16, e instanceof Error ? e.message : String(e), 1, 'xp_instance_regwrite');
        }
      },
    };
  }

  /** A server enlisted or defected on its own connection: the masters' lists and the lab panel change. */
  private enlistmentChanged(server: string, from: string | null, to: string | null): void {
    this.encoder.invalidate(server);
    const mine = this.master.identity.serverName.toUpperCase();
    if (from === mine || to === mine) {
      this.events.emit({ type: 'master.changed', proc: 'sp_enlist_tsx' });
      this.lastInstance = this.maxInstance();
      this.queueStatusRefresh();
    }
    this.events.emit({ type: 'lab.target', server });
  }

  /** Every lab server, the master first. */
  servers(): LabServerInfo[] {
    const m = this.master.identity;
    const out: LabServerInfo[] = [{ name: m.serverName, role: 'master', productVersion: m.productVersion, edition: m.edition, msxServerName: null }];
    for (const a of this.agents.values()) {
      const own = this.ownMsdb.get(a.name.toUpperCase());
      const role: LabServerRole = own && hasTargets(own) ? 'master' : a.state.msxServerName ? 'target' : 'standalone';
      out.push({ name: a.name, role, productVersion: a.state.spec.productVersion, edition: a.state.spec.edition, msxServerName: a.state.msxServerName });
    }
    return out;
  }

  /** A standalone server of the scenario that is enlisted nowhere: not on the lab panel's target list. */
  private isIdleStandalone(a: TargetAgent): boolean {
    return this.ownMsdb.has(a.name.toUpperCase()) && !a.state.msxServerName;
  }

  agent(server: string): TargetAgent | undefined {
    return this.agents.get(server.toUpperCase());
  }

  /** The lab's target servers (standalone servers once they are enlisted). */
  targetNames(): string[] {
    return [...this.agents.values()].filter((a) => !this.isIdleStandalone(a)).map((a) => a.name);
  }

  targets(): LabTargetInfo[] {
    const known = new Set(this.master.db.all<{ server_name: string }>('SELECT server_name FROM systargetservers').map((r) => r.server_name));
    return [...this.agents.values()].filter((a) => !this.isIdleStandalone(a)).map((a) => this.describe(a, known));
  }

  /**
   * Enlisted into the lab's master (as the target believes) while the master has no row for it
   * and no DEFECT waiting: what sp_sqlagent_probe_msx answers with bad_enlistment = 1.
   */
  private isOrphaned(a: TargetAgent, known?: ReadonlySet<string>): boolean {
    const name = a.name.toUpperCase();
    if (a.state.msxServerName?.toUpperCase() !== this.master.identity.serverName.toUpperCase()) return false;
    if (known ? known.has(name) : this.master.db.value('SELECT 1 FROM systargetservers WHERE server_name = ?', [name]) !== undefined) return false;
    return this.master.db.value('SELECT 1 FROM sysdownloadlist WHERE target_server = ? AND operation_code = 7 AND object_type = 2', [name]) === undefined;
  }

  describe(a: TargetAgent, known?: ReadonlySet<string>): LabTargetInfo {
    const s = a.state;
    const link = this.network.get(a.name) ?? { up: true, latencyMs: 0 };
    return {
      name: a.name,
      location: s.spec.location,
      productVersion: s.spec.productVersion,
      timeZoneMinutes: s.spec.timeZoneMinutes,
      agentRunning: s.running,
      enlisted: s.msxServerName !== null,
      msxServerName: s.msxServerName,
      linkUp: link.up,
      latencyMs: link.latencyMs,
      clockSkewMs: s.clockSkewMs,
      pollInterval: s.pollInterval,
      nextPollAt: s.nextPollAt,
      lastProbeAt: s.lastProbeAt,
      spooledOutcomes: s.spool.length,
      runningJobs: s.runningJobs.map((r) => s.jobs.find((j) => j.jobId === r.jobId)?.name ?? r.jobId),
      jobs: s.jobs.map((j) => j.name),
      failNext: s.failNext,
      registry: { ...registryOf(s) },
      trustsMasterCertificate: s.trustsMasterCertificate !== false,
      proxies: [...(s.proxies ?? [])],
      orphaned: this.isOrphaned(a, known),
      log: s.log,
    };
  }

  private need(server: string): TargetAgent {
    const a = this.agents.get(server.toUpperCase());
    if (!a) throw new Error(`The lab has no target server named '${server}'.`);
    return a;
  }

  private labChanged(server: string): void {
    this.encoder.invalidate(this.need(server).name);
    this.events.emit({ type: 'lab.target', server: this.need(server).name });
    this.save();
  }

  // Faults and controls: each is a user's write, saved before it returns.
  stopAgent(server: string): void {
    this.need(server).stop();
    this.labChanged(server);
  }

  startAgent(server: string): void {
    this.need(server).start();
    this.labChanged(server);
  }

  cutLink(server: string): void {
    this.network.set(this.need(server).name, { ...this.link(server), up: false });
    this.labChanged(server);
  }

  restoreLink(server: string): void {
    this.network.set(this.need(server).name, { ...this.link(server), up: true });
    this.labChanged(server);
  }

  setLatency(server: string, latencyMs: number): void {
    if (!(latencyMs >= 0 && latencyMs <= 60_000)) throw new Error('Latency must be between 0 and 60000 ms.');
    this.network.set(this.need(server).name, { ...this.link(server), latencyMs });
    this.labChanged(server);
  }

  skewClock(server: string, skewMs: number): void {
    if (!Number.isFinite(skewMs) || Math.abs(skewMs) > 7 * 24 * 3600_000) throw new Error('Clock skew must be within ±7 days.');
    this.need(server).state.clockSkewMs = skewMs;
    this.labChanged(server);
  }

  failNextInstruction(server: string, message: string): void {
    const text = message.trim();
    if (!text) throw new Error('A failure message is required.');
    this.need(server).state.failNext = text.slice(0, 1024);
    this.labChanged(server);
  }

  /**
   * Writes (or, with null, deletes) the target's Agent registry values, as xp_instance_regwrite /
   * xp_instance_regdeletevalue would on the target. Values the Agent does not know are refused
   * and nothing changes. The Agent reads them on its next connection to the master.
   */
  setRegistry(server: string, values: Partial<AgentRegistryValues>): void {
    const agent = this.need(server);
    const check = (name: keyof AgentRegistryValues, label: string, allowed: number[]) => {
      const v = values[name];
      if (v !== undefined && v !== null && !allowed.includes(v)) throw new Error(`${label} must be ${allowed.join(', ')} or absent.`);
    };
    check('msxEncryptChannelOptions', 'MsxEncryptChannelOptions', ENCRYPT_OPTIONS);
    check('allowDownloadedJobsToMatchProxyName', 'AllowDownloadedJobsToMatchProxyName', PROXY_MATCH_OPTIONS);
    const next = { ...registryOf(agent.state) };
    if (values.msxEncryptChannelOptions !== undefined) next.msxEncryptChannelOptions = values.msxEncryptChannelOptions;
    if (values.allowDownloadedJobsToMatchProxyName !== undefined) next.allowDownloadedJobsToMatchProxyName = values.allowDownloadedJobsToMatchProxyName;
    agent.state.registry = next;
    this.labChanged(server);
  }

  /** The lab's fact "this target trusts the master's certificate" (with MsxEncryptChannelOptions 2, polls and enlistment need it). */
  setTrustsMasterCertificate(server: string, trusts: boolean): void {
    this.need(server).state.trustsMasterCertificate = trusts;
    this.labChanged(server);
  }

  /**
   * The SQL Server Agent proxies the target has (by name; names compare case-insensitively).
   * Names are sysnames: 1 to 128 characters, well-formed, no duplicates, at most MAX_LAB_PROXIES.
   */
  setProxies(server: string, names: readonly string[]): void {
    const agent = this.need(server);
    const list = names.map((n) => n.trim());
    if (list.length > MAX_LAB_PROXIES) throw new Error(`A lab target keeps at most ${MAX_LAB_PROXIES} proxies.`);
    const seen = new Set<string>();
    for (const n of list) {
      if (n === '' || n.length > 128) throw new Error('A proxy name is 1 to 128 characters.');
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(n)) throw new Error(`The proxy name '${n}' has characters a name cannot have.`);
      if (seen.has(n.toUpperCase())) throw new Error(`The proxy name '${n}' is given twice.`);
      seen.add(n.toUpperCase());
    }
    agent.state.proxies = list;
    this.labChanged(server);
  }

  /** The lab's master as its fault controls show it. */
  masterInfo(): LabMasterInfo {
    return { name: this.master.identity.serverName, msxOperator: this.master.db.value("SELECT 1 FROM sysoperators WHERE name = 'MSXOperator'") !== undefined };
  }

  /**
   * The lab's fault "the master has no MSXOperator" (14363 on enlistment): the row is deleted
   * directly, bypassing sp_delete_operator's refusal on a master (14223); put back, it returns
   * with the id it had, so jobs that notify it still do. Saved before it returns.
   */
  setMsxOperatorPresent(present: boolean): void {
    const db = this.master.db;
    const row = db.get<Record<string, string | number | null>>("SELECT * FROM sysoperators WHERE name = 'MSXOperator'");
    if (!present && row) {
      this.removedMsxOperator = row;
      db.run('DELETE FROM sysoperators WHERE id = ?', [row.id]);
    } else if (present && !row) {
      const was = this.removedMsxOperator ?? { id: null, enabled: 1, email_address: this.scenario.operator.email, pager_address: null, netsend_address: null, category_id: 0 };
      const idFree = was.id !== null && db.value('SELECT 1 FROM sysoperators WHERE id = ?', [was.id]) === undefined;
      db.run('INSERT INTO sysoperators (id, name, enabled, email_address, pager_address, netsend_address, category_id) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        idFree ? was.id : null, 'MSXOperator', was.enabled, was.email_address, was.pager_address, was.netsend_address, was.category_id,
      ]);
    }
    if (present) this.removedMsxOperator = undefined;
    this.events.emit({ type: 'master.changed', proc: 'sp_delete_operator' });
    this.save();
  }

  /** Runs a downloaded job on a target now, as its local schedule would. */
  runJob(server: string, jobName: string): void {
    const agent = this.need(server);
    const job = agent.state.jobs.find((j) => j.name.toUpperCase() === jobName.toUpperCase());
    if (!job) throw new Error(`Target '${agent.name}' has no job named '${jobName}'.`);
    if (!agent.state.running) throw new Error(`The SQL Server Agent of '${agent.name}' is stopped.`);
    if (agent.state.runningJobs.some((r) => r.jobId === job.jobId)) throw new Error(`Job '${job.name}' is already running on '${agent.name}'.`);
    agent.startJob(job);
    this.labChanged(server);
  }

  /**
   * Stops (or starts) a lab master's SQL Server service as its targets see it: polls and
   * enlistments fail as unreachable. The console's own connection to it stays open, so what the
   * targets do meanwhile can be watched.
   */
  setMasterRunning(server: string, running: boolean): void {
    const msdb = this.masterMsdb(server);
    if (!msdb) throw new Error(`The lab has no server named '${server}'.`);
    const key = msdb.identity.serverName.toUpperCase();
    if (running) this.mastersDown.delete(key);
    else this.mastersDown.add(key);
    this.save();
  }

  masterRunning(server: string): boolean {
    return !this.mastersDown.has(server.trim().toUpperCase());
  }

  link(server: string): LinkState {
    return this.network.get(this.need(server).name) ?? { up: true, latencyMs: 0 };
  }

  /** Back to the scenario as first built. */
  async reset(scenario: Scenario = this.scenario): Promise<void> {
    this.stopAll();
    this.agents.clear();
    this.network.clear();
    for (const m of this.ownMsdb.values()) m.db.close();
    this.ownMsdb.clear();
    this.masterLinks.clear();
    this.mastersDown.clear();
    this.removedMsxOperator = undefined;
    this.lastStatus.clear();
    this.unsubscribeMaster?.();
    this.master.db.close();
    this.scenario = scenario;
    this.encoder = new LabEncoder(scenarioByName);
    this.master = await EmbeddedMsdb.create({ identity: scenario.master, clock: () => this.scheduler.now() });
    await this.build();
    this.save();
    this.events.emit({ type: 'lab.reset' });
  }

  private markDirty(): void {
    if (this.checkpointTimer || !this.opts.file || this.closed) return;
    this.checkpointTimer = this.scheduler.setTimer(this.scheduler.now() + CHECKPOINT_MS, () => {
      this.checkpointTimer = undefined;
      this.save();
    });
  }

  document(): LabDocument {
    return {
      scenario: this.scenario,
      savedAt: this.scheduler.now(),
      targets: [...this.agents.values()].map((a) => a.state),
      network: Object.fromEntries(this.network),
      ...(this.mastersDown.size ? { mastersDown: [...this.mastersDown] } : {}),
      ...(this.removedMsxOperator ? { removedMsxOperator: this.removedMsxOperator } : {}),
      ...(this.ownMsdb.size ? { servers: Object.fromEntries([...this.ownMsdb].map(([k, m]) => [k, Buffer.from(m.db.export()).toString('base64')])) } : {}),
    };
  }

  private batchDepth = 0;
  private savePending = false;

  /**
   * Runs several writes (a lab fault set up through the master's procedures and the target's
   * settings) and saves the lab once at the end instead of after each: every save writes the
   * whole file.
   */
  async batch<T>(writes: () => Promise<T>): Promise<T> {
    this.batchDepth++;
    try {
      return await writes();
    } finally {
      if (--this.batchDepth === 0 && this.savePending) {
        this.savePending = false;
        this.save();
      }
    }
  }

  /** Writes the whole lab to its file now (atomically); inside batch(), once the batch ends. */
  save(): void {
    if (!this.opts.file || this.closed) return;
    if (this.batchDepth > 0) {
      this.savePending = true;
      return;
    }
    this.scheduler.clearTimer(this.checkpointTimer);
    this.checkpointTimer = undefined;
    writeFileAtomic(this.opts.file, this.encoder.encodeChunks(this.document(), this.master.db.export()));
  }

  private stopAll(): void {
    for (const a of this.agents.values()) a.dispose();
    for (const t of this.offlineChecks.values()) this.scheduler.clearTimer(t);
    this.offlineChecks.clear();
    this.scheduler.clearTimer(this.checkpointTimer);
    this.checkpointTimer = undefined;
  }

  /** Saves and stops every timer. */
  close(): void {
    if (this.closed) return;
    this.save();
    this.closed = true;
    this.stopAll();
    this.unsubscribeMaster?.();
  }
}
