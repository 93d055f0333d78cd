// A simulated SQL Server Agent on a target server (spec §6): it polls its master, downloads its
// instructions in instance_id order, applies them, runs jobs and uploads their outcomes.
import { SqlServerError } from '../msx/errors';
import { formatMessage } from '../msx/messages';
import { decodeIntFromGuid, NIL_GUID } from '../msx/guid';
import { DEFAULT_POLL_INTERVAL, operationName } from '../msx/operations';
import { toMicrosoftVersion } from '../msx/version';
import { toProbeLocalTime, toRunDate } from '../msx/datetime';
import type { DownloadListRow } from '../msx/rows';
import { EncryptedChannelError, LinkError, type JobDefinition, type JobOutcome, type MasterLink, type StepOutcome } from './masterLink';
import { SeededRandom } from './random';
import type { Scheduler, Timer } from './scheduler';
import { effectiveRegistry, type AgentLogLine, type LocalJob, type RunningJob, type TargetState } from './targetState';

export const JOBS_FROM_MSX = 1;
const LOG_LINES_KEPT = 20;

/** SQL Server's download errors for a step that runs as a proxy (spec §6, §7; dba-field-notes §1E). */
export const PROXY_MATCHING_DISABLED = 'The job step requires a proxy account, however proxy matching is disabled on the target server.';
export const PROXY_NOT_FOUND = 'Proxy not found.';

export interface JobProfile {
  /** Each step takes between these many seconds. */
  minStepSeconds: number;
  maxStepSeconds: number;
  /** Chance that a step fails, 0..1. */
  failureRate: number;
}

export const DEFAULT_JOB_PROFILE: JobProfile = { minStepSeconds: 1, maxStepSeconds: 8, failureRate: 0.1 };

export type AgentEvent =
  | { type: 'target.polled'; server: string; at: number; pollInterval: number; forced: boolean }
  | { type: 'target.pollFailed'; server: string; at: number; reason: string }
  | { type: 'instruction.downloaded'; server: string; instanceId: number; operation: string }
  | { type: 'instruction.errored'; server: string; instanceId: number; operation: string; message: string }
  | { type: 'job.started'; server: string; jobId: string; jobName: string }
  | { type: 'job.finished'; server: string; jobId: string; jobName: string; runStatus: number; uploaded: boolean }
  | { type: 'target.defected'; server: string }
  | { type: 'target.changed'; server: string };

export interface AgentOptions {
  state: TargetState;
  link: MasterLink;
  scheduler: Scheduler;
  onEvent?: (e: AgentEvent) => void;
  jobProfile?: (jobName: string) => JobProfile;
}

export class TargetAgent {
  readonly state: TargetState;
  private readonly link: MasterLink;
  private readonly scheduler: Scheduler;
  private readonly onEvent: (e: AgentEvent) => void;
  private readonly jobProfile: (jobName: string) => JobProfile;
  private readonly rng: SeededRandom;
  private pollTimer: Timer | undefined;
  private readonly jobTimers = new Map<string, Timer>();
  private polling = false;
  private pollAgain = false;
  private versionChecked = false;
  /** Resolves when the poll in progress (if any) ends; tests and the lab await it. */
  private current: Promise<void> = Promise.resolve();

  constructor(opts: AgentOptions) {
    this.state = opts.state;
    this.link = opts.link;
    this.scheduler = opts.scheduler;
    this.onEvent = opts.onEvent ?? (() => {});
    this.jobProfile = opts.jobProfile ?? (() => DEFAULT_JOB_PROFILE);
    this.rng = new SeededRandom(opts.state.rng);
  }

  get name(): string {
    return this.state.spec.name;
  }

  /** The target's own wall clock, ms: UTC plus its time zone plus any skew. */
  localNow(): number {
    return this.scheduler.now() + this.state.spec.timeZoneMinutes * 60_000 + this.state.clockSkewMs;
  }

  get microsoftVersion(): number {
    return toMicrosoftVersion(this.state.spec.productVersion);
  }

  /**
   * Arms timers from the saved state: the next poll, and the end of any job still running.
   * A poll already overdue (the lab was closed) happens within its first interval, spread out so
   * thousands of agents do not all poll in the same instant.
   */
  resume(): void {
    for (const run of this.state.runningJobs) this.armJobEnd(run);
    if (!this.state.running || !this.state.msxServerName) return;
    const now = this.scheduler.now();
    let at = this.state.nextPollAt;
    if (at === null || at < now) at = now + Math.floor(this.rng.next() * Math.min(this.state.pollInterval, 10) * 1000);
    this.schedulePoll(at);
  }

  /** Starts the Agent service: it polls at once. */
  start(): void {
    if (this.state.running) return;
    this.state.running = true;
    this.log('info', 'SQLServerAgent service started');
    this.changed();
    if (this.state.msxServerName) this.schedulePoll(this.scheduler.now());
  }

  /** Stops the Agent service: no more polls, running jobs are canceled. */
  stop(): void {
    if (!this.state.running) return;
    this.state.running = false;
    this.scheduler.clearTimer(this.pollTimer);
    this.pollTimer = undefined;
    this.state.nextPollAt = null;
    for (const run of [...this.state.runningJobs]) this.finishJob(run, 'Job was canceled: SQLServerAgent service stopped.');
    this.log('info', 'SQLServerAgent service stopped');
    this.changed();
  }

  /** sp_sqlagent_notify @op_type = 'P': poll the master now. False when the Agent is not running. */
  forcePoll(): boolean {
    if (!this.state.running) return false;
    if (this.polling) {
      this.pollAgain = true;
      return true;
    }
    this.scheduler.clearTimer(this.pollTimer);
    this.pollTimer = undefined;
    this.current = this.poll(true);
    return true;
  }

  /** Resolves once the poll in progress, and any poll it chains to, has ended. */
  async idle(): Promise<void> {
    for (;;) {
      const p = this.current;
      await p;
      if (p === this.current) return;
    }
  }

  /** Re-arms the next poll at a random point within the coming interval, as targets enlisted at different times would be. */
  staggerNextPoll(): void {
    if (!this.state.running || !this.state.msxServerName) return;
    this.schedulePoll(this.scheduler.now() + Math.floor(this.rng.next() * this.state.pollInterval * 1000));
    this.state.rng = this.rng.state;
  }

  setPollTimer(): void {
    this.schedulePoll(this.scheduler.now() + this.state.pollInterval * 1000);
  }

  private schedulePoll(at: number): void {
    this.scheduler.clearTimer(this.pollTimer);
    this.state.nextPollAt = at;
    this.pollTimer = this.scheduler.setTimer(at, () => {
      this.pollTimer = undefined;
      this.current = this.poll(false);
    });
  }

  /** One poll cycle (spec §6): version check, probe, uploads, downloads; then the next poll is armed. */
  async poll(forced: boolean): Promise<void> {
    if (!this.state.running || !this.state.msxServerName || this.polling) return;
    this.polling = true;
    try {
      await this.pollOnce(forced);
    } catch (e) {
      this.versionChecked = false;
      const reason = e instanceof EncryptedChannelError ? e.logText : e instanceof Error ? e.message : String(e);
      this.log(e instanceof LinkError ? 'warning' : 'error', `Unable to poll the MSX: ${reason}`);
      this.onEvent({ type: 'target.pollFailed', server: this.name, at: this.scheduler.now(), reason });
    } finally {
      this.polling = false;
      if (this.state.running && this.state.msxServerName) {
        if (this.pollAgain) {
          this.pollAgain = false;
          this.current = this.poll(true);
        } else {
          this.setPollTimer();
        }
      } else {
        this.state.nextPollAt = null;
      }
      this.changed();
    }
  }

  private async pollOnce(forced: boolean): Promise<void> {
    if (!this.versionChecked) {
      await this.link.checkVersion(null);
      this.versionChecked = true;
    }
    const probe = await this.link.probe({
      serverName: this.name,
      localTime: toProbeLocalTime(this.localNow()),
      pollInterval: this.state.pollInterval,
      timeZoneAdjustment: this.state.spec.timeZoneMinutes,
    });
    this.state.lastProbeAt = this.scheduler.now();
    this.onEvent({ type: 'target.polled', server: this.name, at: this.state.lastProbeAt, pollInterval: this.state.pollInterval, forced });
    await this.uploadSpool();
    if (probe.bad_enlistment) {
      this.log('error', `This server is not enlisted at MSX '${this.state.msxServerName}' (no target server row and no pending defection).`);
      return;
    }
    if (probe.blocking_instructions > 0) {
      this.log('warning', `Downloads are blocked: ${probe.blocking_instructions} instruction(s) failed at the MSX.`);
      return;
    }
    if (probe.pending_instructions > 0) await this.download();
  }

  private async download(): Promise<void> {
    const rows = await this.link.pendingInstructions(this.name);
    for (const row of rows) {
      if (row.error_message !== null) break;
      const op = operationName(row.operation_code) ?? String(row.operation_code);
      let failure: string | undefined;
      try {
        await this.apply(row);
      } catch (e) {
        if (e instanceof LinkError) throw e;
        failure = e instanceof Error ? e.message : String(e);
      }
      if (failure !== undefined) {
        await this.link.markErrored(row.instance_id, failure);
        this.log('error', `Instruction ${row.instance_id} (${op}) failed: ${failure}`);
        this.onEvent({ type: 'instruction.errored', server: this.name, instanceId: row.instance_id, operation: op, message: failure });
        return;
      }
      // A DEFECT has already told the master; its row went with the target row.
      if (row.operation_code !== 7) await this.link.markDownloaded(row.instance_id);
      this.onEvent({ type: 'instruction.downloaded', server: this.name, instanceId: row.instance_id, operation: op });
      if (!this.state.msxServerName) return;
    }
  }

  /** Applies one instruction (spec §6 table); throws to write error_message. */
  private async apply(row: DownloadListRow): Promise<void> {
    if (this.state.failNext !== null) {
      const message = this.state.failNext;
      this.state.failNext = null;
      throw new Error(message);
    }
    const s = this.state;
    const allJobs = row.object_id === NIL_GUID;
    switch (row.operation_code) {
      case 1: {
        const defs = await this.link.fetchJobs(this.name, allJobs ? null : row.object_id);
        if (!allJobs && defs.length === 0) throw new Error(formatMessage(14262, '@job_id', row.object_id));
        // Nothing is created unless every step can run here (a partly created job would run wrong).
        for (const d of defs) this.checkProxies(d);
        for (const d of defs) {
          const job: LocalJob = { ...d, categoryId: JOBS_FROM_MSX };
          const i = s.jobs.findIndex((j) => j.jobId === d.jobId);
          if (i >= 0) s.jobs[i] = job;
          else s.jobs.push(job);
        }
        break;
      }
      case 2: {
        const [d] = await this.link.fetchJobs(this.name, row.object_id);
        const i = s.jobs.findIndex((j) => j.jobId === row.object_id);
        if (i < 0 || !d) throw new Error(formatMessage(14262, '@job_id', row.object_id));
        // Job copies are replaced, never changed in place: the lab file shares identical copies.
        s.jobs[i] = { ...s.jobs[i], name: d.name, enabled: d.enabled, description: d.description, startStepId: d.startStepId, versionNumber: d.versionNumber };
        break;
      }
      case 3:
        s.jobs = allJobs ? s.jobs.filter((j) => j.categoryId !== JOBS_FROM_MSX) : s.jobs.filter((j) => j.jobId !== row.object_id);
        break;
      case 4: {
        const job = s.jobs.find((j) => j.jobId === row.object_id);
        if (!job) throw new Error(formatMessage(14262, '@job_id', row.object_id));
        // A START for a job already running is logged, not failed: failing would block the target.
        // Start Job at Step: the step name rides on the START row (jobServers.ts says why).
        const atStep = row.deleted_object_name ?? null;
        const step = atStep === null ? undefined : job.steps.find((st) => st.stepName.toUpperCase() === atStep.toUpperCase());
        if (atStep !== null && !step) throw new Error(formatMessage(14262, '@step_name', atStep));
        if (s.runningJobs.some((r) => r.jobId === job.jobId)) this.log('warning', `Job '${job.name}' is already running.`);
        else this.startJob(job, step?.stepId);
        break;
      }
      case 5: {
        const run = s.runningJobs.find((r) => r.jobId === row.object_id);
        if (run) this.finishJob(run, `The job was stopped prior to completion by User MSX.`);
        break;
      }
      case 6: {
        const op = await this.link.enlist(this.enlistRequest(2));
        if (op) s.operators = [op, ...s.operators.filter((o) => o.name !== op.name)];
        break;
      }
      case 7:
        await this.defectLocally(false);
        break;
      case 8: {
        const offsetMinutes = decodeIntFromGuid(row.object_id);
        const masterWall = await this.link.masterTime();
        const wanted = masterWall + offsetMinutes * 60_000;
        s.clockSkewMs = wanted - (this.scheduler.now() + s.spec.timeZoneMinutes * 60_000);
        break;
      }
      case 9:
        // The master learns the new interval at the next probe (spec §10 rule 5).
        s.pollInterval = decodeIntFromGuid(row.object_id);
        break;
      default:
        throw new Error(`Unknown operation code ${row.operation_code}.`);
    }
  }

  /**
   * A downloaded step that runs as a proxy needs AllowDownloadedJobsToMatchProxyName = 1 and a
   * proxy of the same name here (names compare case-insensitively, as msdb's collation does).
   */
  private checkProxies(job: JobDefinition): void {
    const proxied = job.steps.filter((st) => st.proxyName);
    if (proxied.length === 0) return;
    if (effectiveRegistry(this.state).allowDownloadedJobsToMatchProxyName !== 1) throw new Error(PROXY_MATCHING_DISABLED);
    const mine = new Set((this.state.proxies ?? []).map((p) => p.toUpperCase()));
    if (proxied.some((st) => !mine.has(st.proxyName!.toUpperCase()))) throw new Error(PROXY_NOT_FOUND);
  }

  enlistRequest(action: 0 | 1 | 2, msx: string = this.state.msxServerName ?? ''): import('./masterLink').EnlistRequest {
    return {
      msx,
      action,
      serverName: this.name,
      location: this.state.spec.location,
      timeZoneAdjustment: this.state.spec.timeZoneMinutes,
      localTime: toProbeLocalTime(this.localNow()),
      ntUserName: this.state.spec.serviceAccount,
      pollInterval: this.state.pollInterval,
      tsxVersion: this.microsoftVersion,
    };
  }

  /** sp_msx_enlist's xp_msx_enlist call: asks the master to add this target. */
  async enlist(msxServerName: string, location: string | null): Promise<{ changedFrom: string | null }> {
    const s = this.state;
    const previous = s.msxServerName;
    const req = this.enlistRequest(previous && previous.toUpperCase() === msxServerName.toUpperCase() ? 2 : 0, msxServerName.toUpperCase());
    // Nothing changes here unless the master accepted the enlistment.
    const op = await this.link.enlist(location === null ? req : { ...req, location });
    if (location !== null) s.spec = { ...s.spec, location };
    if (previous && previous.toUpperCase() !== msxServerName.toUpperCase()) {
      s.jobs = s.jobs.filter((j) => j.categoryId !== JOBS_FROM_MSX);
    }
    s.msxServerName = msxServerName.toUpperCase();
    s.dateEnlisted = String(toRunDate(this.localNow()));
    if (op) s.operators = [op, ...s.operators.filter((o) => o.name !== op.name)];
    this.versionChecked = false;
    this.log('info', `Server enlisted into MSX '${s.msxServerName}'.`);
    if (s.running) this.schedulePoll(this.scheduler.now() + s.pollInterval * 1000);
    this.changed();
    return { changedFrom: previous && previous.toUpperCase() !== msxServerName.toUpperCase() ? previous : null };
  }

  /**
   * sp_msx_defect (and the DEFECT instruction): tell the master (action 1), then forget it.
   * When the master cannot be told and the defection is not forced, nothing changes.
   */
  async defectLocally(forced: boolean): Promise<{ informed: boolean; jobsDeleted: number; msx: string }> {
    const s = this.state;
    const msx = s.msxServerName ?? '';
    let informed = true;
    try {
      await this.link.enlist(this.enlistRequest(1));
    } catch (e) {
      informed = false;
      if (!forced && e instanceof LinkError) throw e;
    }
    const before = s.jobs.length;
    for (const run of s.runningJobs.filter((r) => s.jobs.some((j) => j.jobId === r.jobId && j.categoryId === JOBS_FROM_MSX))) {
      this.finishJob(run, 'The job was canceled because the server defected from its MSX.', false);
    }
    s.jobs = s.jobs.filter((j) => j.categoryId !== JOBS_FROM_MSX);
    s.msxServerName = null;
    s.dateEnlisted = null;
    // sp_msx_defect deletes MSXPollInterval: a later enlistment starts at the default (spec §5).
    s.pollInterval = DEFAULT_POLL_INTERVAL;
    s.operators = s.operators.filter((o) => o.name !== 'MSXOperator');
    s.spool = [];
    this.scheduler.clearTimer(this.pollTimer);
    this.pollTimer = undefined;
    s.nextPollAt = null;
    const jobsDeleted = before - s.jobs.length;
    this.log('info', formatMessage(14227, msx, jobsDeleted));
    this.onEvent({ type: 'target.defected', server: this.name });
    this.changed();
    return { informed, jobsDeleted, msx };
  }

  /** Runs a downloaded job: its outcome is decided now from the seeded random source. */
  startJob(job: LocalJob, atStepId?: number): void {
    const profile = this.jobProfile(job.name);
    const startMs = this.localNow();
    const steps: StepOutcome[] = [];
    let elapsed = 0;
    let runStatus = 1;
    const first = atStepId ?? job.startStepId;
    for (const step of job.steps.filter((st) => st.stepId >= first)) {
      const duration = this.rng.int(profile.minStepSeconds, profile.maxStepSeconds);
      const failed = this.rng.next() < profile.failureRate;
      steps.push({
        stepId: step.stepId,
        stepName: step.stepName,
        runStatus: failed ? 0 : 1,
        message: failed
          ? `Executed as user: NT SERVICE\\SQLSERVERAGENT. The step failed. [SQLSTATE 42000] (Error 50000).`
          : `Executed as user: NT SERVICE\\SQLSERVERAGENT. The step succeeded.`,
        startMs: startMs + elapsed * 1000,
        durationSeconds: duration,
      });
      elapsed += duration;
      if (failed) {
        runStatus = 0;
        break;
      }
    }
    this.state.rng = this.rng.state;
    const outcome: JobOutcome = {
      jobId: job.jobId,
      jobName: job.name,
      server: this.name,
      runStatus,
      message:
        runStatus === 1
          ? `The job succeeded.  The Job was invoked by MSX.  The last step to run was step ${steps.at(-1)?.stepId ?? 0} (${steps.at(-1)?.stepName ?? ''}).`
          : `The job failed.  The Job was invoked by MSX.  The last step to run was step ${steps.at(-1)?.stepId ?? 0} (${steps.at(-1)?.stepName ?? ''}).`,
      startMs,
      durationSeconds: elapsed,
      steps,
    };
    const now = this.scheduler.now();
    const run: RunningJob = { jobId: job.jobId, startedAt: now, endsAt: now + elapsed * 1000, outcome };
    this.state.runningJobs.push(run);
    this.armJobEnd(run);
    this.log('info', `Job '${job.name}' started (invoked by MSX).`);
    this.onEvent({ type: 'job.started', server: this.name, jobId: job.jobId, jobName: job.name });
  }

  private armJobEnd(run: RunningJob): void {
    this.jobTimers.set(run.jobId, this.scheduler.setTimer(run.endsAt, () => this.finishJob(run)));
  }

  /** Ends a run (at its planned end, or early with a cancel message) and uploads or spools its outcome. */
  private finishJob(run: RunningJob, cancelMessage?: string, report = true): void {
    this.scheduler.clearTimer(this.jobTimers.get(run.jobId));
    this.jobTimers.delete(run.jobId);
    this.state.runningJobs = this.state.runningJobs.filter((r) => r !== run);
    let outcome = run.outcome;
    if (cancelMessage) {
      const seconds = Math.round((this.scheduler.now() - run.startedAt) / 1000);
      outcome = { ...outcome, runStatus: 3, message: cancelMessage, durationSeconds: seconds, steps: outcome.steps.filter((st) => st.startMs - outcome.startMs <= seconds * 1000) };
    }
    if (!report) return;
    this.state.spool.push(outcome);
    void this.uploadSpool().then((uploaded) => {
      this.onEvent({ type: 'job.finished', server: this.name, jobId: run.jobId, jobName: outcome.jobName, runStatus: outcome.runStatus, uploaded });
      this.changed();
    });
  }

  private uploads: Promise<boolean> = Promise.resolve(true);

  /** Uploads spooled outcomes in order, one upload at a time; keeps what could not be sent (spec §6). */
  private uploadSpool(): Promise<boolean> {
    this.uploads = this.uploads.then(() => this.drainSpool());
    return this.uploads;
  }

  private async drainSpool(): Promise<boolean> {
    while (this.state.spool.length) {
      try {
        await this.link.uploadOutcome(this.state.spool[0]);
      } catch (e) {
        if (!(e instanceof LinkError) && !(e instanceof SqlServerError)) throw e;
        this.log('warning', `Job outcome spooled: the MSX cannot be reached (${e.message}).`);
        return false;
      }
      this.state.spool.shift();
    }
    return true;
  }

  log(severity: AgentLogLine['severity'], text: string): void {
    const log = this.state.log;
    log.push({ at: this.localNow(), severity, text });
    if (log.length > LOG_LINES_KEPT) log.splice(0, log.length - LOG_LINES_KEPT);
  }

  private changed(): void {
    this.onEvent({ type: 'target.changed', server: this.name });
  }

  /** Stops every timer; the state stays as it is (the lab saves it). */
  dispose(): void {
    this.scheduler.clearTimer(this.pollTimer);
    for (const t of this.jobTimers.values()) this.scheduler.clearTimer(t);
    this.jobTimers.clear();
  }
}
