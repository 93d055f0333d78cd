import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import { headline, ruleView, serverVerdicts, upgradeChoices, versionText, type Readiness } from './readinessText';

const tr = (lng: string, translation: object) => {
  const i = createInstance();
  void i.init({ lng, resources: { [lng]: { translation } }, initAsync: false, interpolation: { escapeValue: false } });
  return i.t as TFunction;
};
const t = tr('en', en);

const v = (server: string, productVersion: string | null, major: number | null, display: string | null) => ({
  server,
  productVersion,
  productName: display ? display.split(' (')[0] : null,
  display,
  major,
  unknown: productVersion ? null : ('notRegistered' as const),
});

// The lab's default: MSX01 at 16.0, SEA-SQL03 at 15.0, the others at 16.0, one unknown.
const readiness: Readiness = {
  master: v('MSX01', '16.0.4135.4', 16, 'SQL Server 2022 (16.0.4135)'),
  targets: [v('LONDON-SQL01', '16.0.4135.4', 16, 'SQL Server 2022 (16.0.4135)'), v('SEA-SQL03', '15.0.4375.4', 15, 'SQL Server 2019 (15.0.4375)'), v('REMOTE9', null, null, null)],
  upgradeTo: null,
  rules: [
    {
      id: 'upgradeTargetsFirst',
      verdict: 'fail',
      servers: ['SEA-SQL03'],
      finding: '',
      action: '',
      source: { kind: 'seed', name: 'Seed 004', ref: '', quote: '' },
    },
    { id: 'supportedVersions', verdict: 'pass', servers: [], finding: '', action: null, source: { kind: 'docs', name: '', ref: '', quote: '' } },
  ],
  upgradeFirst: ['SEA-SQL03'],
  outsideWindow: [],
  newerThanMaster: [],
  unknown: ['REMOTE9'],
  ready: false,
};

describe('Upgrade readiness in words', () => {
  it('names the target to upgrade before the master first', () => {
    expect(headline(readiness, t)).toEqual({ tone: 'bad', text: 'Upgrade SEA-SQL03 before upgrading MSX01.' });
  });

  it("words each rule from its id and servers, with seed 004's own French in French", () => {
    const seed = ruleView(readiness.rules[0], readiness, t);
    expect(seed.title).toBe('Upgrade all target servers before upgrading the master server');
    expect(seed.finding).toBe('SEA-SQL03 is below SQL Server 2022 (16.0).');
    expect(seed.action).toContain('defect every target server from MSX01');
    expect(seed.source).toContain('seed 004');
    const frSeed = ruleView(readiness.rules[0], readiness, tr('fr', fr));
    expect(frSeed.title).toBe('Mettre à niveau tous les serveurs cibles avant de mettre à niveau le serveur maître');
    expect(frSeed.quote).toContain('vous devez désinscrire tous les serveurs cibles et les réinscrire après la mise à niveau');
    const window = ruleView(readiness.rules[1], readiness, t);
    expect(window.finding).toBe('Every target server whose version is known is between SQL Server 2017 (14.0) and SQL Server 2022 (16.0).');
    expect(window.action).toBeNull();
  });

  it("gives each server its verdicts and an unknown version its reason", () => {
    expect(serverVerdicts(readiness, 'sea-sql03')).toEqual(['upgradeFirst']);
    expect(serverVerdicts(readiness, 'LONDON-SQL01')).toEqual(['ok']);
    expect(versionText(readiness.targets[2], t)).toBe('unknown — register this target to read it');
  });

  it('offers the versions after the master as upgrade targets', () => {
    expect(upgradeChoices(16)).toEqual([17]);
    expect(upgradeChoices(null)).toEqual([]);
  });
});
