// Jobs (issue 10). What the UI calls, in one place:
//
// Reading
// - jobs.list        multiserver jobs only (sp_multi_server_job_summary), as before.
// - jobs.all         every job of the server (sp_help_job): kind local/multiserver/none, enabled,
//                    category, versionNumber, dateModified. Object Explorer's Jobs folder.
// - jobs.get         one job's whole definition (JobDefinition, src/admin/jobDefinition.ts):
//                    header, steps, schedules, notifications (operator names), targets.
// - jobs.targets     a job's targets with each one's last run (sp_help_jobserver).
// - jobs.history     runs (newest first) with their step rows; `server` = one target's rows;
//                    `runStatus` filters by outcome (src/admin/jobHistory.ts).
// - jobs.status      the Multiserver Job Status view: every multiserver job (or `jobIds`) × its
//                    targets: last outcome, when, duration, message, pending / failed rows for
//                    that job, sync state inSync | notPosted | waiting | failed | unknown (+ error
//                    text and fix; blockedBy: another job's failed row blocks the target), and
//                    `roundTrips` (src/admin/jobSync.ts). ONE API call; 2 + J msdb round trips.
//                    includeTargets: false → per-job counts only (targets: []), e.g. a summary
//                    row per job first, then jobIds: [one] for the rows of an expanded job.
// - jobs.targetCopies  for chosen targets of one job: the version of the copy each target runs
//                    (its own sp_help_job), where the target is registered or a lab target. Call it
//                    for the rows on screen, not for 1,000 targets at once (max 200).
// - jobs.operators / jobs.categories / jobs.schedules   pickers for Job Properties.
// Writing (each takes `script: true` to get { calls, script } without running anything)
// - jobs.save        create (no jobId) or update (jobId) from the Job Properties dialog; posts
//                    INSERT JOB to the job's kept targets when steps or schedules of a multiserver
//                    job changed (new targets get theirs from sp_add_jobserver).
// - jobs.delete      sp_delete_job (posts DELETE to a multiserver job's targets).
// - jobs.setEnabled  sp_update_job @enabled (posts UPDATE for a multiserver job).
// - jobs.start       sp_start_job, optionally @step_name, on chosen targets or all.
// - jobs.stop        sp_stop_job on chosen targets or all.
// - jobs.synchronize sp_post_msx_operation 'INSERT', 'JOB', <job id>, @specific_target_server per target.
// - jobs.scriptCreate  "Script Job as > CREATE To": the T-SQL that creates the job as it stands.
// Every write answers { calls, script, outcomes?, ok }: outcomes are per call with SQL Server's
// messages (14547 warnings, 14230 counts) so the UI can show them where they belong. When the first
// call fails nothing changed and the method fails with SQL_ERROR (number, text); a later failure
// answers ok: false with the outcomes so far (the last one holds the error). jobs.save also returns
// the jobId (of a new job once created). Owners: a text field (logins live in master, not msdb).
import { z } from 'zod';
import {
  jobInputSchema,
  readJob,
  saveJob,
} from '../../admin/jobDefinition';
import { readJobHistory } from '../../admin/jobHistory';
import {
  listAllJobs,
  listCategories,
  listOperators,
  listSchedules,
  planDeleteJob,
  planSetEnabled,
  scriptCreateJob,
  runPlanned,
} from '../../admin/jobActions';
import { jobTargets, listMultiserverJobs, planStartJob, planStopJob, startJob, stopJob } from '../../admin/jobs';
import { planSynchronize, readJobStatus, readTargetCopies } from '../../admin/jobSync';
import { renderScript } from '../../admin/script';
import { exactlyOneJob, jobId, jobRef, onConnection, serverList, serverName, sysname } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

const script = { script: z.boolean().default(false) };
const jobOnTargets = z
  .strictObject({ ...onConnection, ...jobRef, servers: serverList.optional(), stepName: sysname.optional(), ...script })
  .superRefine(exactlyOneJob);
const stopOnTargets = z.strictObject({ ...onConnection, ...jobRef, servers: serverList.optional(), ...script }).superRefine(exactlyOneJob);
const oneJob = z.strictObject({ ...onConnection, ...jobRef }).superRefine(exactlyOneJob);

export function jobMethods(core: Core) {
  const m = (id: string) => core.master(id);
  const masterName = (id: string) => core.connections.info(id).server;
  return [
    method('jobs.list', 'Multiserver jobs with their targets, pending instructions and failures (sp_multi_server_job_summary).', z.strictObject(onConnection), (p) =>
      listMultiserverJobs(m(p.connectionId)),
    ),
    method('jobs.all', 'Every job of the server (sp_help_job): kind, enabled, category, version_number, date_modified.', z.strictObject(onConnection), (p) =>
      listAllJobs(m(p.connectionId)),
    ),
    method('jobs.get', "A job's whole definition: header, steps, schedules, notifications, targets.", oneJob, (p) => readJob(m(p.connectionId), p)),
    method(
      'jobs.targets',
      "A job's target servers with each one's last run (sp_help_jobserver @show_last_run_details = 1).",
      oneJob,
      (p) => jobTargets(m(p.connectionId), p),
    ),
    method(
      'jobs.history',
      "A job's runs with their steps (sp_help_jobhistory @mode = 'FULL'); server = one target; runStatus = one outcome.",
      z
        .strictObject({
          ...onConnection,
          ...jobRef,
          server: serverName.optional(),
          runStatus: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
          limit: z.number().int().min(1).max(10_000).default(500),
        })
        .superRefine(exactlyOneJob),
      (p) => readJobHistory(m(p.connectionId), p, { server: p.server, runStatus: p.runStatus, limit: p.limit }),
    ),
    method(
      'jobs.status',
      'Multiserver job status: jobs × targets with last outcome, pending and failed instructions, and sync state.',
      z.strictObject({ ...onConnection, jobIds: z.array(jobId).min(1).max(10_000).optional(), includeTargets: z.boolean().default(true) }),
      (p) => readJobStatus(m(p.connectionId), p.jobIds, { includeTargets: p.includeTargets }),
    ),
    method(
      'jobs.targetCopies',
      "The version of a job's copy on chosen targets, read from each target's own msdb (registered or lab targets).",
      z.strictObject({ ...onConnection, jobId, servers: serverList.max(200) }),
      (p) => readTargetCopies(m(p.connectionId), p.jobId, p.servers, core.connections.resolver(p.connectionId)),
    ),
    method('jobs.operators', 'Operators for the Notifications page (sp_help_operator).', z.strictObject(onConnection), (p) => listOperators(m(p.connectionId))),
    method('jobs.categories', 'Job categories (sp_help_category @class = JOB).', z.strictObject(onConnection), (p) => listCategories(m(p.connectionId))),
    method('jobs.schedules', 'Shared schedules for "Pick…" (sp_help_schedule).', z.strictObject(onConnection), (p) => listSchedules(m(p.connectionId))),
    method(
      'jobs.save',
      'Create (no jobId) or update a job from Job Properties; posts INSERT JOB to kept targets when steps or schedules of a multiserver job changed.',
      z.strictObject({ ...onConnection, jobId: jobId.optional(), job: jobInputSchema, ...script }),
      (p) => saveJob(m(p.connectionId), p.jobId ?? null, p.job, p.script, masterName(p.connectionId)),
    ),
    method('jobs.delete', 'sp_delete_job (a multiserver job: DELETE posted to its targets).', z.strictObject({ ...onConnection, ...jobRef, ...script }).superRefine(exactlyOneJob), (p) =>
      runPlanned(m(p.connectionId), planDeleteJob(p), p.script, masterName(p.connectionId)),
    ),
    method(
      'jobs.setEnabled',
      'Enable / Disable: sp_update_job @enabled (a multiserver job: UPDATE posted).',
      z.strictObject({ ...onConnection, ...jobRef, enabled: z.boolean(), ...script }).superRefine(exactlyOneJob),
      (p) => runPlanned(m(p.connectionId), planSetEnabled(p, p.enabled), p.script, masterName(p.connectionId)),
    ),
    method('jobs.start', "Start Job (at Step): sp_start_job on chosen targets (one call each), or on all of the job's targets.", jobOnTargets, (p) =>
      p.script
        ? runPlanned(m(p.connectionId), planStartJob(p, p.servers, p.stepName), true, masterName(p.connectionId))
        : startJob(m(p.connectionId), p, p.servers, p.stepName).then((outcomes) => ({
          calls: outcomes.map((o) => o.call),
          script: renderScript(outcomes.map((o) => o.call), masterName(p.connectionId)),
          outcomes,
          ok: outcomes.every((o) => o.ok),
        })),
    ),
    method('jobs.stop', "Stop Job: sp_stop_job on chosen targets (one call each), or on all of the job's targets.", stopOnTargets, (p) =>
      p.script
        ? runPlanned(m(p.connectionId), planStopJob(p, p.servers), true, masterName(p.connectionId))
        : stopJob(m(p.connectionId), p, p.servers).then((outcomes) => ({
          calls: outcomes.map((o) => o.call),
          script: renderScript(outcomes.map((o) => o.call), masterName(p.connectionId)),
          outcomes,
          ok: outcomes.every((o) => o.ok),
        })),
    ),
    method(
      'jobs.synchronize',
      "Synchronize: sp_post_msx_operation 'INSERT', 'JOB', <job id> for each chosen target.",
      z.strictObject({ ...onConnection, jobId, servers: serverList, ...script }),
      (p) => runPlanned(m(p.connectionId), planSynchronize(p.jobId, p.servers), p.script, masterName(p.connectionId)),
    ),
    method('jobs.scriptCreate', 'Script Job as > CREATE To: the T-SQL that creates the job as it stands on the master.', oneJob, (p) =>
      scriptCreateJob(m(p.connectionId), p, masterName(p.connectionId)),
    ),
  ];
}
