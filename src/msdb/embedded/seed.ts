// Direct writes that build a simulated master's starting state: what a DBA would have done
// with sp_add_operator, sp_add_job, sp_add_jobstep and sp_add_schedule, which the simulation
// does not need as procedures. Used by lab scenarios and tests, never by the UI.
import { CATEGORY_UNCATEGORIZED_LOCAL, CATEGORY_UNCATEGORIZED_MULTISERVER } from '../../msx/operations';
import { newGuid } from '../../msx/guid';
import type { EmbeddedMsdb } from './master';
import { setRegistry } from './registry';

export interface SeedStep {
  name: string;
  subsystem?: string;
  command?: string;
  databaseName?: string | null;
  databaseUserName?: string | null;
}

export interface SeedJob {
  name: string;
  jobId?: string;
  description?: string;
  enabled?: boolean;
  owner?: string; // login name; 'sa' by default
  steps?: SeedStep[];
  /** Schedules by uid, created when missing. */
  schedules?: Array<{ uid?: string; name: string; freqType?: number; freqInterval?: number }>;
  notifyEmailOperator?: string;
}

export function addOperator(msdb: EmbeddedMsdb, name: string, email: string | null = null): number {
  msdb.db.run('INSERT INTO sysoperators (name, email_address) VALUES (?, ?)', [name, email]);
  return msdb.db.lastInsertId();
}

export function addLogin(msdb: EmbeddedMsdb, name: string, isSysadmin: boolean): string {
  const sid = `0x${(Number(msdb.db.value('SELECT COUNT(*) FROM sim_logins')) + 0x100).toString(16).toUpperCase()}`;
  msdb.db.run('INSERT INTO sim_logins (name, sid, is_sysadmin) VALUES (?, ?, ?)', [name, sid, isSysadmin ? 1 : 0]);
  return sid;
}

/** Adds a local job (no job servers yet); returns its job_id. */
export function addJob(msdb: EmbeddedMsdb, job: SeedJob, random: () => number = Math.random): string {
  const db = msdb.db;
  const jobId = job.jobId ?? newGuid(random);
  const now = new Date(msdb.nowMs()).toISOString().replace('T', ' ').replace('Z', '');
  const ownerSid = db.value<string>('SELECT sid FROM sim_logins WHERE name = ?', [job.owner ?? 'sa']) ?? '0x01';
  const operatorId = job.notifyEmailOperator
    ? Number(db.value('SELECT id FROM sysoperators WHERE name = ?', [job.notifyEmailOperator]) ?? 0)
    : 0;
  db.run(
    `INSERT INTO sysjobs (job_id, name, enabled, description, category_id, owner_sid, notify_level_email,
       notify_email_operator_id, date_created, date_modified)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [jobId, job.name, job.enabled === false ? 0 : 1, job.description ?? null, CATEGORY_UNCATEGORIZED_LOCAL, ownerSid,
      operatorId ? 2 : 0, operatorId, now, now],
  );
  (job.steps ?? [{ name: 'Step 1', command: 'SELECT 1;' }]).forEach((s, i) => {
    db.run(
      `INSERT INTO sysjobsteps (job_id, step_id, step_name, subsystem, command, database_name, database_user_name, on_success_action)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [jobId, i + 1, s.name, s.subsystem ?? 'TSQL', s.command ?? null, s.databaseName ?? 'master', s.databaseUserName ?? null,
        i + 1 === (job.steps?.length ?? 1) ? 1 : 3],
    );
  });
  for (const sch of job.schedules ?? []) {
    const uid = sch.uid ?? newGuid(random);
    let scheduleId = db.value<number>('SELECT schedule_id FROM sysschedules WHERE schedule_uid = ?', [uid]);
    if (scheduleId === undefined) {
      db.run(
        `INSERT INTO sysschedules (schedule_uid, name, owner_sid, freq_type, freq_interval, date_created, date_modified)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [uid, sch.name, ownerSid, sch.freqType ?? 4, sch.freqInterval ?? 1, now, now],
      );
      scheduleId = db.lastInsertId();
    }
    db.run('INSERT INTO sysjobschedules (schedule_id, job_id) VALUES (?, ?)', [scheduleId, jobId]);
  }
  return jobId;
}

/** Makes a job multiserver for the given targets without posting (the state after sp_add_jobserver downloads). */
export function targetJobAt(msdb: EmbeddedMsdb, jobId: string, targets: readonly string[]): void {
  for (const t of targets) {
    const serverId = msdb.db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [t.toUpperCase()]);
    if (serverId === undefined) throw new Error(`seed: no target ${t}`);
    msdb.db.run('INSERT INTO sysjobservers (job_id, server_id) VALUES (?, ?)', [jobId, serverId]);
  }
  msdb.db.run('UPDATE sysjobs SET category_id = ? WHERE job_id = ? AND category_id = ?', [
    CATEGORY_UNCATEGORIZED_MULTISERVER, jobId, CATEGORY_UNCATEGORIZED_LOCAL]);
}

export interface SeedTarget {
  name: string;
  location?: string | null;
  timeZoneAdjustment?: number;
  pollInterval?: number;
  enlistedBy?: string;
  /** Target wall clock at enlistment, ms; the master's by default. */
  localTimeMs?: number;
}

/** A target row as sp_enlist_tsx action 0 leaves it; for fixtures that skip the enlistment dance. */
export function addTarget(msdb: EmbeddedMsdb, t: SeedTarget): number {
  const now = new Date(msdb.nowMs()).toISOString().replace('T', ' ').replace('Z', '');
  const local = new Date(t.localTimeMs ?? msdb.nowMs()).toISOString().replace('T', ' ').replace('Z', '');
  msdb.db.run(
    `INSERT INTO systargetservers (server_name, location, time_zone_adjustment, enlist_date, last_poll_date, status,
       local_time_at_last_poll, enlisted_by_nt_user, poll_interval)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    [t.name.toUpperCase(), t.location ?? null, t.timeZoneAdjustment ?? 0, now, now, local, t.enlistedBy ?? 'CONTOSO\\sqlagent', t.pollInterval ?? 60],
  );
  return msdb.db.lastInsertId();
}

export function setAgentRegistry(msdb: EmbeddedMsdb, name: string, value: string | number | null): void {
  setRegistry(msdb.db, name, value);
}
