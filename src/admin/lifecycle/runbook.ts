// Seed 004's corrective action as a runbook: defect every target, upgrade the master, enlist the
// targets again. Defection loses what the master knew of each target (its row with the location
// and poll interval, its group memberships, its multiserver job assignments: spec §4.3
// sp_delete_targetserver), so the first half saves it in a plan file and the second half reads
// the file back and restores it. The plan holds names and settings only: no logins, no passwords.
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { MsdbExecutor } from '../../msdb/executor';
import { DEFAULT_POLL_INTERVAL, POLL_INTERVAL_MAX, POLL_INTERVAL_MIN } from '../../msx/operations';
import { call } from '../calls';
import { parseOrThrow, WorkflowError } from '../errors';
import { groupCalls, groupMembers, listGroups } from '../groups';
import { jobTargets, listMultiserverJobs } from '../jobs';
import { serverName, sysname } from '../schemas';
import { listTargets } from '../targets';
import { writeFileAtomic } from '../../lab/persistence';
import { defectCall } from './defect';
import { enlistCall, perform } from './enlist';
import { step, type LifecycleResult, type LifecycleStep, type ServerConnections } from './steps';
import { readVersion } from './versions';

/** A target enlists with MSXPollInterval, which defection deletes: back at DEFAULT_POLL_INTERVAL (spec §5). */
export { DEFAULT_POLL_INTERVAL };

export const PLAN_FORMAT = 'msx-studio.runbook';

const planTarget = z.strictObject({
  server: serverName,
  location: z.string().max(200).nullable(),
  pollInterval: z.int().min(POLL_INTERVAL_MIN).max(POLL_INTERVAL_MAX),
  productVersion: z.string().max(40).nullable(),
  groups: z.array(sysname).max(1000),
  jobs: z.array(sysname).max(10_000),
});

export const runbookPlan = z.strictObject({
  format: z.literal(PLAN_FORMAT),
  version: z.literal(1),
  /** The master the targets defect from and enlist into again. */
  master: sysname,
  masterVersion: z.string().max(40).nullable(),
  /** ISO 8601, when the plan was read from the master. */
  createdAt: z.string().max(40),
  /** Every target server group of the master, members or not, so empty groups come back too. */
  groups: z.array(sysname).max(1000),
  targets: z.array(planTarget).max(10_000),
});

export type RunbookPlan = z.output<typeof runbookPlan>;
export type RunbookPlanTarget = RunbookPlan['targets'][number];

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** Reads what defection would lose, from the master. */
export async function capturePlan(master: MsdbExecutor, connect: ServerConnections, now: Date = new Date()): Promise<RunbookPlan> {
  const info = await master.serverInfo();
  const targets = await listTargets(master);
  const groups = await listGroups(master);
  const memberOf = new Map<string, string[]>();
  for (const g of groups) {
    for (const m of await groupMembers(master, g.name)) {
      const key = m.serverName.toUpperCase();
      memberOf.set(key, [...(memberOf.get(key) ?? []), g.name]);
    }
  }
  const jobsOf = new Map<string, string[]>();
  for (const j of await listMultiserverJobs(master)) {
    for (const t of await jobTargets(master, { jobId: j.jobId })) {
      if (t.serverId === 0) continue;
      const key = t.serverName.toUpperCase();
      jobsOf.set(key, [...(jobsOf.get(key) ?? []), j.jobName]);
    }
  }
  const out: RunbookPlan['targets'] = [];
  for (const t of targets) {
    const key = t.serverName.toUpperCase();
    out.push({
      server: t.serverName,
      location: t.location,
      pollInterval: t.pollInterval,
      productVersion: (await readVersion(t.serverName, connect)).productVersion,
      // Sorted, so two plans of the same master compare equal whatever order msdb listed them in.
      groups: (memberOf.get(key) ?? []).sort(byName),
      jobs: (jobsOf.get(key) ?? []).sort(byName),
    });
  }
  return {
    format: PLAN_FORMAT,
    version: 1,
    master: info.serverName,
    masterVersion: info.productVersion,
    createdAt: now.toISOString(),
    groups: groups.map((g) => g.name),
    targets: out,
  };
}

function requireMaster(plan: RunbookPlan, masterName: string): void {
  if (plan.master.toUpperCase() !== masterName.toUpperCase()) {
    throw new WorkflowError('BAD_REQUEST', `This plan was made for master '${plan.master}', not '${masterName}'.`);
  }
}

/**
 * First half: each target defects through its own connection (sp_msx_defect tells the master,
 * which drops the target's row, memberships and job servers). A target without a connection is
 * removed on the master with a DEFECT posted for it (sp_delete_targetserver), so it defects at
 * its next poll.
 */
export async function planDefectAll(plan: RunbookPlan, masterName: string, connect: ServerConnections): Promise<LifecycleStep[]> {
  requireMaster(plan, masterName);
  const steps: LifecycleStep[] = [];
  for (const t of plan.targets) {
    if (await connect(t.server)) steps.push(step('defect', t.server, defectCall(false)));
    else steps.push(step('deleteTargetServer', masterName, call('sp_delete_targetserver', { server_name: t.server, clear_downloadlist: 1, post_defection: 1 })));
  }
  return steps;
}

/**
 * Second half: each target enlists again with its location; then, on the master, its poll
 * interval (SET-POLL, when not the default), the groups that are missing, its group memberships
 * and its multiserver jobs. A target's master-side steps wait for its enlistment.
 */
export async function planReenlist(plan: RunbookPlan, master: MsdbExecutor, masterName: string): Promise<LifecycleStep[]> {
  requireMaster(plan, masterName);
  const existing = new Set((await listGroups(master)).map((g) => g.name.toUpperCase()));
  const steps: LifecycleStep[] = [];
  for (const g of plan.groups) if (!existing.has(g.toUpperCase())) steps.push(step('addGroup', masterName, groupCalls.add(g)));
  for (const t of plan.targets) {
    const enlisted = steps.push(step('enlist', t.server, enlistCall(masterName, t.location))) - 1;
    if (t.pollInterval !== DEFAULT_POLL_INTERVAL) {
      steps.push(
        step(
          'setPollInterval',
          masterName,
          call('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: t.server, value: t.pollInterval }),
          enlisted,
        ),
      );
    }
    for (const g of t.groups) steps.push(step('addGroupMember', masterName, groupCalls.addMember(g, t.server), enlisted));
    for (const j of t.jobs) steps.push(step('addJobServer', masterName, call('sp_add_jobserver', { job_name: j, server_name: t.server }), enlisted));
  }
  return steps;
}

export async function defectAll(plan: RunbookPlan, masterName: string, connect: ServerConnections, script = false): Promise<LifecycleResult> {
  return perform(await planDefectAll(parseOrThrow(runbookPlan, plan), masterName, connect), connect, script);
}

export async function reenlist(plan: RunbookPlan, master: MsdbExecutor, masterName: string, connect: ServerConnections, script = false): Promise<LifecycleResult> {
  return perform(await planReenlist(parseOrThrow(runbookPlan, plan), master, masterName), connect, script);
}

// The plan file ---------------------------------------------------------------------------------

export const PLAN_EXTENSION = '.msxplan.json';

/** `MSX01-20261205T0530.msxplan.json` in the runbooks folder. */
export function defaultPlanPath(folder: string, plan: RunbookPlan): string {
  const stamp = plan.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, '').slice(0, 15);
  const safe = plan.master.replace(/[^A-Za-z0-9_.-]/g, '_');
  return join(folder, `${safe}-${stamp}${PLAN_EXTENSION}`);
}

/** Writes the plan (validated first) atomically; returns the path. */
export function savePlan(plan: RunbookPlan, path: string): string {
  const valid = parseOrThrow(runbookPlan, plan);
  if (!path.endsWith('.json')) throw new WorkflowError('INVALID_PARAMS', 'A plan file name ends with .json.', [{ path: 'path', message: 'Must end with .json.' }]);
  try {
    writeFileAtomic(path, [Buffer.from(JSON.stringify(valid, null, 2) + '\n', 'utf8')]);
  } catch (e) {
    throw new WorkflowError('BAD_REQUEST', `Cannot write the plan file '${path}': ${(e as Error).message}`);
  }
  return path;
}

/** Reads a plan file back; a file that is not a plan (or was edited out of shape) is refused with what is wrong. */
export function loadPlan(path: string): RunbookPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new WorkflowError('NOT_FOUND', `Cannot read the plan file '${path}': ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WorkflowError('BAD_REQUEST', `'${path}' is not a plan file (not JSON).`);
  }
  return parseOrThrow(runbookPlan, json);
}

export interface SavedPlan {
  path: string;
  master: string;
  createdAt: string;
  targets: number;
}

/** The plan files in a folder, newest first; files that do not read as plans are left out. */
export function listPlans(folder: string): SavedPlan[] {
  mkdirSync(folder, { recursive: true });
  const out: Array<SavedPlan & { mtime: number }> = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith(PLAN_EXTENSION)) continue;
    const path = join(folder, name);
    try {
      const p = loadPlan(path);
      out.push({ path, master: p.master, createdAt: p.createdAt, targets: p.targets.length, mtime: statSync(path).mtimeMs });
    } catch {
      // Not a plan: not listed.
    }
  }
  return out.sort((a, b) => b.mtime - a.mtime).map(({ mtime: _m, ...p }) => p);
}
