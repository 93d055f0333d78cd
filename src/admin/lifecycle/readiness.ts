// Upgrade readiness of a master (seed 004, spec §7): which targets must be upgraded before the
// master, which versions are outside the supported window, and what to do. The rules are pure
// functions of the versions, so they are tested without any server; readReadiness gathers the
// versions (the master's own, each target's from its own connection).
import type { MsdbExecutor } from '../../msdb/executor';
import { knownVersion, targetVersions, type ServerVersion } from './versions';
import type { ServerConnections } from './steps';

export type RuleId = 'upgradeTargetsFirst' | 'masterMostRecent' | 'supportedVersions' | 'ssisSameOrNewer';
export type Verdict = 'pass' | 'fail' | 'warn' | 'unknown';

export interface RuleSource {
  kind: 'seed' | 'docs';
  /** 'Seed 004' or 'Spec §7 (current documentation)'. */
  name: string;
  /** The document the rule comes from. */
  ref: string;
  /** The rule in the source's words (English; the seed itself is French). */
  quote: string;
}

export interface ReadinessRule {
  id: RuleId;
  verdict: Verdict;
  source: RuleSource;
  /** The servers the verdict is about (blocking, outside the window...). */
  servers: string[];
  /** One sentence: what the rule found. */
  finding: string;
  /** What to do; null when nothing is needed. */
  action: string | null;
}

export interface Readiness {
  master: ServerVersion;
  targets: ServerVersion[];
  /** The major version the master is to be upgraded to; null: judged against its current version. */
  upgradeTo: number | null;
  rules: ReadinessRule[];
  /** Seed 004: upgrade these targets before the master. */
  upgradeFirst: string[];
  /** Spec §7: older than the master's two previous versions. */
  outsideWindow: string[];
  /** Newer than the master (spec §7: the master should be the most recent version). */
  newerThanMaster: string[];
  /** Targets whose version could not be read. */
  unknown: string[];
  /** No rule fails: the master can be upgraded (to upgradeTo). */
  ready: boolean;
}

export const SOURCES = {
  seed004: {
    kind: 'seed',
    name: 'Seed 004',
    ref: 'Upgrade all target servers before upgrading the master server (Microsoft Docs, SQL Server 2014; seeds/004, French)',
    quote:
      'If the server is configured as a master server, upgrade all target servers before upgrading the master server. Corrective action: if you cannot upgrade all target servers before the master server, defect all target servers and enlist them again after the upgrade.',
  },
  docsVersions: {
    kind: 'docs',
    name: 'Spec §7 (current documentation)',
    ref: 'Create a multiserver environment (Microsoft Learn)',
    quote: 'Use the most recent version as the master server. The current and two previous versions are supported.',
  },
  docsSsis: {
    kind: 'docs',
    name: 'Spec §7 (current documentation)',
    ref: 'Create a multiserver environment (Microsoft Learn): SSIS',
    quote: 'Job steps that run SSIS packages need target servers of the same version as the master server or newer.',
  },
} as const satisfies Record<string, RuleSource>;

/** How many versions before the master's are supported (spec §7: "the current and two previous"). */
export const SUPPORTED_PREVIOUS_VERSIONS = 2;

export interface ReadinessInput {
  master: ServerVersion;
  targets: readonly ServerVersion[];
  upgradeTo?: number | null;
  /** Targets that run multiserver jobs with SSIS steps; undefined when not known. */
  ssisTargets?: readonly string[];
}

const names = (list: readonly ServerVersion[]) => list.map((t) => t.server);
const listed = (servers: readonly string[]) => servers.join(', ');

/** Seed 004: every target at least at the version the master will run, before the master moves. */
export function ruleUpgradeTargetsFirst(master: ServerVersion, targets: readonly ServerVersion[], upgradeTo: number | null): ReadinessRule {
  const goal = upgradeTo ?? master.major ?? 0;
  const behind = targets.filter((t) => t.major !== null && t.major < goal);
  const target = upgradeTo === null ? `${master.server}'s version (${master.display})` : `version ${upgradeTo}.0`;
  return {
    id: 'upgradeTargetsFirst',
    verdict: behind.length ? 'fail' : targets.some((t) => t.major === null) ? 'unknown' : 'pass',
    source: SOURCES.seed004,
    servers: names(behind),
    finding: behind.length
      ? `${listed(names(behind))} ${behind.length === 1 ? 'is' : 'are'} below ${target}: upgrade ${behind.length === 1 ? 'it' : 'them'} before upgrading ${master.server}.`
      : `Every target whose version is known is at ${target} or later.`,
    action: behind.length
      ? `Upgrade ${listed(names(behind))} first. If that cannot be done, defect every target from ${master.server}, upgrade ${master.server}, then enlist the targets again (the runbook keeps what defection loses).`
      : null,
  };
}

/** Spec §7: the master runs the most recent version. */
export function ruleMasterMostRecent(master: ServerVersion, targets: readonly ServerVersion[]): ReadinessRule {
  const newer = targets.filter((t) => t.major !== null && master.major !== null && t.major > master.major);
  return {
    id: 'masterMostRecent',
    verdict: newer.length ? 'fail' : 'pass',
    source: SOURCES.docsVersions,
    servers: names(newer),
    finding: newer.length
      ? `${listed(names(newer))} ${newer.length === 1 ? 'runs' : 'run'} a newer version than ${master.server} (${master.display}).`
      : `${master.server} (${master.display}) is at least as recent as every target whose version is known.`,
    action: newer.length ? `Upgrade ${master.server} to the most recent version among its servers.` : null,
  };
}

/** Spec §7: targets within the master's version and the two before it. */
export function ruleSupportedVersions(master: ServerVersion, targets: readonly ServerVersion[]): ReadinessRule {
  const floor = (master.major ?? 0) - SUPPORTED_PREVIOUS_VERSIONS;
  const outside = targets.filter((t) => t.major !== null && t.major < floor);
  return {
    id: 'supportedVersions',
    verdict: outside.length ? 'fail' : 'pass',
    source: SOURCES.docsVersions,
    servers: names(outside),
    finding: outside.length
      ? `${listed(names(outside))} ${outside.length === 1 ? 'is' : 'are'} older than the two versions before ${master.server}'s (${master.major}.0): not supported.`
      : `Every target whose version is known is within ${master.server}'s version and the two before it (${floor}.0 to ${master.major}.0).`,
    action: outside.length ? `Upgrade ${listed(names(outside))} to ${floor}.0 or later.` : null,
  };
}

/** Spec §7: SSIS steps need targets at the master's version or newer. */
export function ruleSsisSameOrNewer(master: ServerVersion, targets: readonly ServerVersion[], ssisTargets?: readonly string[]): ReadinessRule {
  const older = targets.filter((t) => t.major !== null && master.major !== null && t.major < master.major);
  const ssis = ssisTargets ? new Set(ssisTargets.map((s) => s.toUpperCase())) : undefined;
  const affected = ssis ? older.filter((t) => ssis.has(t.server.toUpperCase())) : older;
  let verdict: Verdict = 'pass';
  if (affected.length) verdict = ssis ? 'fail' : 'warn';
  return {
    id: 'ssisSameOrNewer',
    verdict,
    source: SOURCES.docsSsis,
    servers: names(affected),
    finding: !affected.length
      ? ssis
        ? 'No target older than the master runs a multiserver job with SSIS steps.'
        : 'No target is older than the master.'
      : ssis
        ? `${listed(names(affected))} ${affected.length === 1 ? 'runs' : 'run'} multiserver jobs with SSIS steps on an older version than ${master.server}.`
        : `${listed(names(affected))} ${affected.length === 1 ? 'is' : 'are'} older than ${master.server}: SSIS job steps sent to ${affected.length === 1 ? 'it' : 'them'} are not supported.`,
    action: affected.length ? `Upgrade ${listed(names(affected))} to ${master.major}.0 or later before sending them SSIS job steps.` : null,
  };
}

/** Every rule over the versions. */
export function assessReadiness(input: ReadinessInput): Readiness {
  const upgradeTo = input.upgradeTo ?? null;
  const { master, targets } = input;
  const rules = [
    ruleUpgradeTargetsFirst(master, targets, upgradeTo),
    ruleMasterMostRecent(master, targets),
    ruleSupportedVersions(master, targets),
    ruleSsisSameOrNewer(master, targets, input.ssisTargets),
  ];
  const by = (id: RuleId) => rules.find((r) => r.id === id)!.servers;
  return {
    master,
    targets: [...targets],
    upgradeTo,
    rules,
    upgradeFirst: by('upgradeTargetsFirst'),
    outsideWindow: by('supportedVersions'),
    newerThanMaster: by('masterMostRecent'),
    unknown: targets.filter((t) => t.major === null).map((t) => t.server),
    ready: !rules.some((r) => r.verdict === 'fail'),
  };
}

/** Reads the master's version and every target's (through their own connections), then judges. */
export async function readReadiness(master: MsdbExecutor, connect: ServerConnections, upgradeTo: number | null = null): Promise<Readiness> {
  const info = await master.serverInfo();
  const targets = await targetVersions(master, connect);
  return assessReadiness({ master: knownVersion(info.serverName, info.productVersion), targets, upgradeTo });
}
