import { z } from 'zod';
import { jobTargets, listMultiserverJobs, startJob, stopJob } from '../../admin/jobs';
import { exactlyOneJob, jobRef, onConnection, serverList } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

const jobOnTargets = z.strictObject({ ...onConnection, ...jobRef, servers: serverList.optional() }).superRefine(exactlyOneJob);

export function jobMethods(core: Core) {
  return [
    method('jobs.list', 'Multiserver jobs with their targets, pending instructions and failures (sp_multi_server_job_summary).', z.strictObject(onConnection), (p) =>
      listMultiserverJobs(core.master(p.connectionId)),
    ),
    method(
      'jobs.targets',
      "A job's target servers with each one's last run (sp_help_jobserver @show_last_run_details = 1).",
      z.strictObject({ ...onConnection, ...jobRef }).superRefine(exactlyOneJob),
      (p) => jobTargets(core.master(p.connectionId), p),
    ),
    method('jobs.start', 'sp_start_job on chosen targets (one call each), or on all of the job\'s targets.', jobOnTargets, (p) =>
      startJob(core.master(p.connectionId), p, p.servers),
    ),
    method('jobs.stop', 'sp_stop_job on chosen targets (one call each), or on all of the job\'s targets.', jobOnTargets, (p) =>
      stopJob(core.master(p.connectionId), p, p.servers),
    ),
  ];
}
