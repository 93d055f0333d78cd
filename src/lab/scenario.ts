// Scenarios are data: the default lab, or N targets for a test or a benchmark.
import type { JobProfile } from '../agent/agent';
import type { TargetSpec } from '../agent/targetState';
import type { ServerIdentity } from '../msdb/embedded/context';
import { MSX01 } from '../msdb/embedded/identity';
import { POLL_INTERVAL_MAX, POLL_INTERVAL_MIN } from '../msx/operations';
import type { SeedStep } from '../msdb/embedded/seed';

export interface ScenarioJob {
  name: string;
  description?: string;
  steps: SeedStep[];
  /** Targets of a multiserver job ('all', or names); absent for a local job of the master. */
  targets?: 'all' | string[];
  profile?: JobProfile;
}

export interface Scenario {
  name: string;
  seed: number;
  master: ServerIdentity;
  operator: { name: 'MSXOperator'; email: string };
  targets: TargetSpec[];
  /** Servers enlisted nowhere, to make targets or masters of (issue 11); absent in older lab files. */
  standalones?: TargetSpec[];
  jobs: ScenarioJob[];
  groups: Array<{ name: string; members: string[] }>;
  /**
   * Build multiserver jobs as sp_add_jobserver @automatic_post = 0 per target followed by one
   * sp_post_msx_operation 'INSERT' per job (the same rows, posted in one statement): what makes
   * 200 jobs × 1,000 targets buildable in seconds. Absent: one sp_add_jobserver per target.
   */
  bulkAssign?: boolean;
}

const MASTER = MSX01;

const SERVICE_ACCOUNT = 'CONTOSO\\svc-sqlagent';

function target(name: string, location: string, timeZoneMinutes: number, productVersion: string, pollInterval = 60): TargetSpec {
  return { name, location, timeZoneMinutes, productVersion, edition: 'Enterprise Edition (64-bit)', pollInterval, serviceAccount: SERVICE_ACCOUNT };
}

const JOBS: ScenarioJob[] = [
  {
    name: 'Nightly DBCC CHECKDB',
    description: 'Integrity check of every user database on each target.',
    steps: [
      { name: 'Check system databases', command: "DBCC CHECKDB (N'master') WITH NO_INFOMSGS;" },
      { name: 'Check user databases', command: 'EXEC dbo.usp_check_user_databases;' },
    ],
    targets: 'all',
    profile: { minStepSeconds: 3, maxStepSeconds: 12, failureRate: 0.05 },
  },
  {
    name: 'Collect wait statistics',
    description: 'Snapshot of sys.dm_os_wait_stats into DBAdmin.',
    steps: [{ name: 'Snapshot', command: 'INSERT INTO DBAdmin.dbo.wait_stats SELECT GETDATE(), * FROM sys.dm_os_wait_stats;' }],
    targets: ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03'],
    profile: { minStepSeconds: 1, maxStepSeconds: 3, failureRate: 0.02 },
  },
  {
    name: 'syspolicy_purge_history',
    description: 'Local maintenance job of the master.',
    steps: [{ name: 'Verify that automation is enabled.', command: 'IF (msdb.dbo.fn_syspolicy_is_automation_enabled() != 1) RAISERROR(34022, 16, 1);' }],
  },
];

/** A server enlisted nowhere: no MSXPollInterval yet, so it would enlist at the default 60 s. */
function standalone(name: string, timeZoneMinutes: number, productVersion: string, edition = 'Enterprise Edition (64-bit)'): TargetSpec {
  return { name, location: null, timeZoneMinutes, productVersion, edition, pollInterval: 60, serviceAccount: SERVICE_ACCOUNT };
}

/** The lab a DBA sees on first launch: MSX01 (SQL Server 2022), five targets, two standalone servers. */
export function defaultScenario(): Scenario {
  return {
    name: 'default',
    seed: 20261122,
    master: MASTER,
    operator: { name: 'MSXOperator', email: 'dba-team@contoso.com' },
    targets: [
      target('LONDON-SQL01', 'London, rack B4', 0, '16.0.4135.4'),
      target('NYC-SQL02', 'New York, DC2', -300, '16.0.4135.4'),
      // Older than the master: the upgrade-order check has something to find.
      target('SEA-SQL03', 'Seattle, branch office', -480, '15.0.4375.4'),
      target('TOKYO-SQL04', 'Tokyo, Otemachi', 540, '16.0.4135.4'),
      target('SYD-SQL05', 'Sydney, reporting', 660, '16.0.4135.4', 10),
    ],
    // Enlisted nowhere, at two older versions: to make a target or a master of.
    standalones: [standalone('BOS-SQL06', -300, '15.0.4430.1', 'Standard Edition (64-bit)'), standalone('PAR-SQL07', 60, '14.0.3465.1')],
    jobs: JOBS,
    groups: [{ name: 'Production', members: ['LONDON-SQL01', 'NYC-SQL02', 'TOKYO-SQL04'] }],
  };
}

/** N targets (TSX00001…), all at one poll interval, for tests and benchmarks. */
export function fleetScenario(count: number, pollInterval = 10, opts: { jobs?: boolean } = {}): Scenario {
  // msdb refuses a poll interval outside 10..28,800 s (sp_post_msx_operation's 14266); a lab must too.
  if (!Number.isInteger(pollInterval) || pollInterval < POLL_INTERVAL_MIN || pollInterval > POLL_INTERVAL_MAX) {
    throw new RangeError(`The specified '@value' is invalid (valid values are: ${POLL_INTERVAL_MIN}..${POLL_INTERVAL_MAX}): a fleet's poll interval is ${POLL_INTERVAL_MIN} to ${POLL_INTERVAL_MAX} seconds, not ${pollInterval}.`);
  }
  const zones = [0, 60, -300, -480, 330, 540, 660];
  const targets = Array.from({ length: count }, (_, i) => {
    const name = `TSX${String(i + 1).padStart(5, '0')}`;
    return target(name, `Fleet rack ${1 + (i % 40)}`, zones[i % zones.length], '16.0.4135.4', pollInterval);
  });
  return {
    name: `fleet-${count}-${pollInterval}${opts.jobs === false ? '-nojobs' : ''}`,
    seed: 7,
    master: MASTER,
    operator: { name: 'MSXOperator', email: 'dba-team@contoso.com' },
    targets,
    jobs: opts.jobs === false ? [] : [{ ...JOBS[0], targets: 'all' }],
    groups: [],
  };
}

/**
 * J multiserver jobs on every one of T targets ('jobs-200x1000'): the Multiserver Job Status
 * view's benchmark (issue 10). Targets poll every 60 s; jobs have two steps and rarely fail.
 */
export function jobsFleetScenario(jobCount: number, targetCount: number): Scenario {
  const fleet = fleetScenario(targetCount, 60, { jobs: false });
  const jobs: ScenarioJob[] = Array.from({ length: jobCount }, (_, i) => ({
    name: `Fleet job ${String(i + 1).padStart(3, '0')}`,
    description: 'Benchmark job: two steps, on every target.',
    steps: [
      { name: 'Collect', command: `EXEC DBAdmin.dbo.usp_collect @set = ${i + 1};` },
      { name: 'Report', command: 'EXEC DBAdmin.dbo.usp_report;' },
    ],
    targets: 'all',
    profile: { minStepSeconds: 1, maxStepSeconds: 5, failureRate: 0.01 },
  }));
  return { ...fleet, name: `jobs-${jobCount}x${targetCount}`, jobs, bulkAssign: true };
}

/** Rebuilds a scenario from its name ('default', 'fleet-N', 'fleet-N-I' or 'jobs-JxT'), or undefined. */
export function scenarioByName(name: string): Scenario | undefined {
  if (name === 'default') return defaultScenario();
  const jobs = /^jobs-(\d+)x(\d+)$/.exec(name);
  if (jobs) return jobsFleetScenario(Number(jobs[1]), Number(jobs[2]));
  const m = /^fleet-(\d+)(?:-(\d+))?(-nojobs)?$/.exec(name);
  if (!m) return undefined;
  return fleetScenario(Number(m[1]), m[2] ? Number(m[2]) : 10, { jobs: !m[3] });
}
