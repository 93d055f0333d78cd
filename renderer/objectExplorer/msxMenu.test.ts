import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import en from '../i18n/locales/en.json';
import { multiServerItems, type MsxMenuActions } from './msxMenu';

// The English texts themselves, so the test checks the labels a DBA sees.
const t = ((key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en)) as unknown as TFunction;

const actions = (): MsxMenuActions => ({
  manageTargetServers: vi.fn(),
  makeMaster: vi.fn(),
  makeTarget: vi.fn(),
  addTargetServers: vi.fn(),
  manageGroups: vi.fn(),
  upgradeReadiness: vi.fn(),
  defect: vi.fn(),
});

const view = (role: Parameters<typeof multiServerItems>[0]) => multiServerItems(role, t, actions()).map((i) => `${i.label}${i.disabled ? ' (disabled)' : ''}`);

describe('Multi Server Administration menu', () => {
  it('offers what each Agent role can do, with SSMS labels, all enabled', () => {
    expect(view('standalone')).toEqual(['Make this a Master…', 'Make this a Target…']);
    expect(view('msx')).toEqual(['Add Target Servers…', 'Manage Target Servers…', 'Manage Target Server Groups…', 'Upgrade Readiness…']);
    expect(view('tsx')).toEqual(['Defect…']);
    expect(view('inconsistent')).toEqual([...view('msx'), 'Defect…']);
  });

  it('each item opens its workflow', () => {
    const a = actions();
    const pick = (role: Parameters<typeof multiServerItems>[0], id: string) => multiServerItems(role, t, a).find((i) => i.id === id)!.onSelect!();
    pick('msx', 'manage');
    pick('msx', 'addTargets');
    pick('msx', 'groups');
    pick('msx', 'readiness');
    pick('standalone', 'makeMaster');
    pick('standalone', 'makeTarget');
    pick('tsx', 'defect');
    for (const f of Object.values(a)) expect(f).toHaveBeenCalledOnce();
  });

  it('a role that could not be read offers no workflow, only why (a master must not look standalone)', () => {
    const items = multiServerItems('unknown', t, actions());
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'roleUnknown', disabled: true, label: 'Agent role could not be read' });
    expect(items[0]!.hint).toContain('sysadmin');
  });
});
