// A target's link to the simulated master. Procedures a real TSX calls on its MSX go through the
// master's executor as the Agent's login; the reads and writes the spec could not confirm as
// procedures (reading its rows, marking them, uploading outcomes) are direct statements, as the
// real Agent does them (spec §2.4, §6).
import { fromSqlDatetime, toRunDate, toRunDuration, toRunTime, toSqlDatetime } from '../msx/datetime';
import type { DownloadListRow, ProbeResult } from '../msx/rows';
import type { Caller } from '../msdb/embedded/context';
import type { EmbeddedMsdb } from '../msdb/embedded/master';
import type { JobDefinition, JobOutcome, MasterLink, OperatorCopy } from '../agent/masterLink';

export function agentCaller(serviceAccount: string): Caller {
  return { login: serviceAccount, isSysadmin: false, roles: new Set(['TargetServersRole']), programName: 'SQLAgent - TSX' };
}

export function embeddedMasterLink(msdb: EmbeddedMsdb, caller: Caller, onWrite: () => void): MasterLink {
  const db = msdb.db;
  const exec = (proc: string, params: Record<string, string | number | null>) => msdb.execSync(caller, proc, params);

  return {
    async checkVersion(required) {
      exec('sp_sqlagent_check_msx_version', { required_microsoft_version: required });
    },

    async probe(req) {
      const r = exec('sp_sqlagent_probe_msx', {
        server_name: req.serverName,
        local_time: req.localTime,
        poll_interval: req.pollInterval,
        time_zone_adjustment: req.timeZoneAdjustment,
      });
      onWrite();
      return r.recordsets[0][0] as unknown as ProbeResult;
    },

    async pendingInstructions(serverName) {
      const rows = db.all<Record<string, string | number | null>>(
        `SELECT instance_id, source_server, operation_code, object_type, object_id, target_server, error_message,
                date_posted, date_downloaded, status, deleted_object_name
           FROM sysdownloadlist WHERE target_server = ? AND status = 0 ORDER BY instance_id`,
        [serverName.toUpperCase()],
      );
      return rows.map((r) => ({
        ...r,
        date_posted: fromSqlDatetime(String(r.date_posted)),
        date_downloaded: r.date_downloaded === null ? null : fromSqlDatetime(String(r.date_downloaded)),
      })) as unknown as DownloadListRow[];
    },

    async markDownloaded(instanceId) {
      db.run('UPDATE sysdownloadlist SET status = 1, date_downloaded = ? WHERE instance_id = ?', [toSqlDatetime(msdb.nowMs()), instanceId]);
      onWrite();
    },

    async markErrored(instanceId, message) {
      db.run('UPDATE sysdownloadlist SET error_message = ? WHERE instance_id = ?', [message.slice(0, 1024), instanceId]);
      onWrite();
    },

    async fetchJobs(serverName, jobId) {
      const r = exec('sp_sqlagent_refresh_job', { job_id: jobId, server_name: serverName });
      const headers = (r.recordsets[0] ?? []) as Array<Record<string, unknown>>;
      return headers.map((h): JobDefinition => {
        const id = String(h.job_id);
        // A step that runs as a proxy carries the proxy's name: the target matches it by name (spec §7).
        const steps = db.all<{ step_id: number; step_name: string; subsystem: string; command: string | null; database_name: string | null; proxy_name: string | null }>(
          `SELECT s.step_id, s.step_name, s.subsystem, s.command, s.database_name, p.name AS proxy_name
             FROM sysjobsteps s LEFT JOIN sysproxies p ON p.proxy_id = s.proxy_id WHERE s.job_id = ? ORDER BY s.step_id`,
          [id],
        );
        const schedules = db.all<{ schedule_uid: string; name: string; enabled: number; freq_type: number; freq_interval: number;
          freq_subday_type: number; freq_subday_interval: number; active_start_time: number }>(
          `SELECT s.schedule_uid, s.name, s.enabled, s.freq_type, s.freq_interval, s.freq_subday_type, s.freq_subday_interval, s.active_start_time
             FROM sysjobschedules js JOIN sysschedules s ON s.schedule_id = js.schedule_id WHERE js.job_id = ? ORDER BY s.schedule_id`,
          [id],
        );
        return {
          jobId: id,
          name: String(h.name),
          enabled: Number(h.enabled) === 1,
          description: (h.description as string | null) ?? null,
          startStepId: Number(h.start_step_id ?? 1),
          versionNumber: Number(h.version_number ?? 1),
          originatingServer: String(h.originating_server ?? msdb.identity.serverName),
          steps: steps.map((s) => ({
            stepId: s.step_id,
            stepName: s.step_name,
            subsystem: s.subsystem,
            command: s.command,
            databaseName: s.database_name,
            ...(s.proxy_name !== null ? { proxyName: s.proxy_name } : {}),
          })),
          schedules: schedules.map((x) => ({
            scheduleUid: x.schedule_uid,
            name: x.name,
            enabled: x.enabled === 1,
            freqType: x.freq_type,
            freqInterval: x.freq_interval,
            freqSubdayType: x.freq_subday_type,
            freqSubdayInterval: x.freq_subday_interval,
            activeStartTime: x.active_start_time,
          })),
        };
      });
    },

    async enlist(req) {
      const r = exec('sp_enlist_tsx', {
        action: req.action,
        servername: req.serverName,
        location: req.location,
        timezoneadjustment: req.timeZoneAdjustment,
        localtime: req.localTime,
        ntusername: req.ntUserName,
        pollinterval: req.pollInterval,
        tsx_version: req.tsxVersion,
      });
      onWrite();
      const op = r.recordsets[0]?.[0] as Record<string, unknown> | undefined;
      if (!op) return null;
      return {
        name: String(op.name),
        email_address: (op.email_address as string | null) ?? null,
        pager_address: (op.pager_address as string | null) ?? null,
        netsend_address: (op.netsend_address as string | null) ?? null,
      } satisfies OperatorCopy;
    },

    async uploadOutcome(o: JobOutcome) {
      db.transaction(() => {
        const serverId = db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [o.server.toUpperCase()]);
        if (serverId !== undefined) {
          db.run(
            `UPDATE sysjobservers SET last_run_outcome = ?, last_outcome_message = ?, last_run_date = ?, last_run_time = ?, last_run_duration = ?
              WHERE job_id = ? AND server_id = ?`,
            [o.runStatus, o.message, toRunDate(o.startMs), toRunTime(o.startMs), toRunDuration(o.durationSeconds), o.jobId, serverId],
          );
        }
        const insert = `INSERT INTO sysjobhistory (job_id, step_id, step_name, message, run_status, run_date, run_time, run_duration, server)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
        for (const s of o.steps) {
          db.run(insert, [o.jobId, s.stepId, s.stepName, s.message, s.runStatus, toRunDate(s.startMs), toRunTime(s.startMs), toRunDuration(s.durationSeconds), o.server.toUpperCase()]);
        }
        db.run(insert, [o.jobId, 0, '(Job outcome)', o.message, o.runStatus, toRunDate(o.startMs), toRunTime(o.startMs), toRunDuration(o.durationSeconds), o.server.toUpperCase()]);
      });
      onWrite();
    },

    async masterTime() {
      return msdb.nowMs();
    },
  };
}
