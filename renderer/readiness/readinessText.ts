// What upgrade.readiness found, in the UI's language: each rule's title, finding and action from
// its id, verdict and servers (the core's own sentences are English), each server's verdict, and
// the one-line answer a DBA looks for first: which targets to upgrade before the master.
import type { TFunction } from 'i18next';
import type { ApiWireResult } from '../../src/api/types';

export type Readiness = ApiWireResult<'upgrade.readiness'>;
export type ReadinessRule = Readiness['rules'][number];
export type ServerVersion = Readiness['targets'][number];

/** Major versions MSX Studio names (spec §7's window is counted in these). */
export const PRODUCT_YEARS: Record<number, string> = { 9: '2005', 10: '2008', 11: '2012', 12: '2014', 13: '2016', 14: '2017', 15: '2019', 16: '2022', 17: '2025' };

/** `SQL Server 2022 (16.0)`. */
export function majorName(major: number): string {
  return PRODUCT_YEARS[major] ? `SQL Server ${PRODUCT_YEARS[major]} (${major}.0)` : `SQL Server ${major}.0`;
}

/** Versions the master could be upgraded to: the ones after its own that MSX Studio knows. */
export function upgradeChoices(masterMajor: number | null): number[] {
  if (masterMajor === null) return [];
  return Object.keys(PRODUCT_YEARS)
    .map(Number)
    .filter((m) => m > masterMajor)
    .sort((a, b) => a - b);
}

const list = (servers: readonly string[]) => servers.join(', ');

export interface RuleView {
  id: ReadinessRule['id'];
  verdict: ReadinessRule['verdict'];
  title: string;
  finding: string;
  action: string | null;
  source: string;
  quote: string;
}

export function ruleView(r: ReadinessRule, readiness: Readiness, t: TFunction): RuleView {
  const master = readiness.master.server;
  const masterMajor = readiness.master.major ?? 0;
  const goal = majorName(readiness.upgradeTo ?? masterMajor);
  const servers = list(r.servers);
  const count = r.servers.length;
  let finding: string;
  let action: string | null = null;
  switch (r.id) {
    case 'upgradeTargetsFirst':
      finding =
        r.verdict === 'fail'
          ? t('life.readiness.rule.upgradeTargetsFirst.fail', { count, servers, goal, master })
          : r.verdict === 'unknown'
            ? t('life.readiness.rule.upgradeTargetsFirst.unknown', { servers: list(readiness.unknown), goal })
            : t('life.readiness.rule.upgradeTargetsFirst.pass', { goal });
      if (r.verdict === 'fail') action = t('life.readiness.rule.upgradeTargetsFirst.action', { count, servers, master });
      break;
    case 'masterMostRecent':
      finding =
        r.verdict === 'fail'
          ? t('life.readiness.rule.masterMostRecent.fail', { count, servers, master })
          : t('life.readiness.rule.masterMostRecent.pass', { master, version: readiness.master.display ?? '' });
      if (r.verdict === 'fail') action = t('life.readiness.rule.masterMostRecent.action', { master });
      break;
    case 'supportedVersions': {
      const floor = majorName(masterMajor - 2);
      finding =
        r.verdict === 'fail'
          ? t('life.readiness.rule.supportedVersions.fail', { count, servers, master, floor })
          : t('life.readiness.rule.supportedVersions.pass', { floor, top: majorName(masterMajor) });
      if (r.verdict === 'fail') action = t('life.readiness.rule.supportedVersions.action', { count, servers, floor });
      break;
    }
    case 'ssisSameOrNewer':
      finding = count ? t('life.readiness.rule.ssisSameOrNewer.found', { count, servers, master }) : t('life.readiness.rule.ssisSameOrNewer.pass', { master });
      if (count) action = t('life.readiness.rule.ssisSameOrNewer.action', { count, servers, master });
      break;
  }
  const seed = r.source.kind === 'seed';
  return {
    id: r.id,
    verdict: r.verdict,
    title: t(`life.readiness.rule.${r.id}.title`),
    finding,
    action,
    source: seed ? t('life.readiness.source.seed004') : r.id === 'ssisSameOrNewer' ? t('life.readiness.source.docsSsis') : t('life.readiness.source.docs'),
    quote: seed ? t('life.readiness.quote.seed004') : r.id === 'ssisSameOrNewer' ? t('life.readiness.quote.docsSsis') : t('life.readiness.quote.docs'),
  };
}

export type ServerVerdict = 'upgradeFirst' | 'outsideWindow' | 'newer' | 'unknown' | 'ok';

export function serverVerdicts(r: Readiness, server: string): ServerVerdict[] {
  const has = (names: readonly string[]) => names.some((n) => n.toUpperCase() === server.toUpperCase());
  const out: ServerVerdict[] = [];
  if (has(r.upgradeFirst)) out.push('upgradeFirst');
  if (has(r.outsideWindow)) out.push('outsideWindow');
  if (has(r.newerThanMaster)) out.push('newer');
  if (has(r.unknown)) out.push('unknown');
  return out.length ? out : ['ok'];
}

/** How a target's version reads: 'SQL Server 2019 (15.0.4375)', or why it is not known. */
export function versionText(v: Pick<ServerVersion, 'display' | 'unknown'>, t: TFunction): string {
  if (v.display) return v.display;
  return v.unknown === 'unreachable' ? t('life.version.unreachable') : t('life.version.notRegistered');
}

/** The answer first: ready, or which targets to upgrade before the master. */
export function headline(r: Readiness, t: TFunction): { tone: 'ok' | 'bad' | 'warn'; text: string } {
  const master = r.master.server;
  if (r.upgradeFirst.length) return { tone: 'bad', text: t('life.readiness.headline.upgradeFirst', { count: r.upgradeFirst.length, servers: list(r.upgradeFirst), master }) };
  if (!r.ready) return { tone: 'bad', text: t('life.readiness.headline.notReady', { master }) };
  if (r.unknown.length) return { tone: 'warn', text: t('life.readiness.headline.unknown', { count: r.unknown.length, servers: list(r.unknown), master }) };
  return { tone: 'ok', text: t('life.readiness.headline.ready', { master }) };
}
