// What a target agent can ask of its master (spec §6). A real TSX reaches its MSX over TDS; in
// the lab the link goes through a simulated network that can be cut or slowed.
import type { DownloadListRow, ProbeResult } from '../msx/rows';

export interface ProbeRequest {
  serverName: string;
  /** The target's wall clock as 'YYYY/MM/DD HH:MM:SS'. */
  localTime: string;
  pollInterval: number;
  timeZoneAdjustment: number;
}

export interface EnlistRequest {
  /** The master the request is addressed to (the lab routes it there; not a parameter of sp_enlist_tsx). */
  msx: string;
  action: 0 | 1 | 2;
  serverName: string;
  location: string | null;
  timeZoneAdjustment: number;
  localTime: string;
  ntUserName: string;
  pollInterval: number;
  tsxVersion: number;
}

export interface OperatorCopy {
  name: string;
  email_address: string | null;
  pager_address: string | null;
  netsend_address: string | null;
}

export interface JobStepDefinition {
  stepId: number;
  stepName: string;
  subsystem: string;
  command: string | null;
  databaseName: string | null;
  /** The proxy the step runs as on the master (sysproxies.name); absent when none. */
  proxyName?: string;
}

/** A schedule as a target's copy keeps it (sysschedules' columns the Agent runs by). */
export interface JobScheduleDefinition {
  scheduleUid: string;
  name: string;
  enabled: boolean;
  freqType: number;
  freqInterval: number;
  freqSubdayType: number;
  freqSubdayInterval: number;
  activeStartTime: number;
}

export interface JobDefinition {
  jobId: string;
  name: string;
  enabled: boolean;
  description: string | null;
  startStepId: number;
  versionNumber: number;
  originatingServer: string;
  steps: JobStepDefinition[];
  /** Absent in copies saved by earlier versions of the lab. */
  schedules?: JobScheduleDefinition[];
}

export interface StepOutcome {
  stepId: number;
  stepName: string;
  runStatus: number;
  message: string;
  startMs: number; // target wall clock
  durationSeconds: number;
}

/** One finished run of a multiserver job on a target, as uploaded to the master. */
export interface JobOutcome {
  jobId: string;
  jobName: string;
  server: string;
  runStatus: number; // 0 failed, 1 succeeded, 3 canceled
  message: string;
  startMs: number; // target wall clock
  durationSeconds: number;
  steps: StepOutcome[];
}

/** A failure to reach the master (cut link, master down): the poll is abandoned and retried later. */
export class LinkError extends Error {
  override readonly name = 'LinkError';
}

/**
 * The target's Agent could not set up the encrypted channel its MsxEncryptChannelOptions asks for
 * (spec §7): with 2 (the default) it validates the master's certificate, and it does not trust it.
 * The message is the reason sp_msx_enlist's 22022 carries; `logText` is what the Agent logs.
 */
export class EncryptedChannelError extends LinkError {
  constructor(readonly master: string) {
    super(`SQLServerAgent Error: The target server cannot establish an encrypted connection to the master server '${master}'`);
  }

  get logText(): string {
    return `The target server cannot establish an encrypted connection to the master server '${this.master}'. Make sure that the MsxEncryptChannelOptions registry subkey is set correctly on the target server.`;
  }
}

export interface MasterLink {
  /** sp_sqlagent_check_msx_version; rejects with SqlServerError 14541 when the MSX is too old. */
  checkVersion(requiredMicrosoftVersion: number | null): Promise<void>;
  /** sp_sqlagent_probe_msx. */
  probe(req: ProbeRequest): Promise<ProbeResult>;
  /** This target's status-0 rows, in instance_id order. */
  pendingInstructions(serverName: string): Promise<DownloadListRow[]>;
  markDownloaded(instanceId: number): Promise<void>;
  markErrored(instanceId: number, message: string): Promise<void>;
  /** sp_sqlagent_refresh_job plus steps; one job, or every job targeted at the server when jobId is null. */
  fetchJobs(serverName: string, jobId: string | null): Promise<JobDefinition[]>;
  /** sp_enlist_tsx; returns the MSXOperator row for actions 0 and 2. */
  enlist(req: EnlistRequest): Promise<OperatorCopy | null>;
  uploadOutcome(outcome: JobOutcome): Promise<void>;
  /** The master's wall clock, for SYNC-TIME. */
  masterTime(): Promise<number>;
}
