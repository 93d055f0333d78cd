import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import en from '../i18n/locales/en.json';
import { multiServerItems } from './msxMenu';

// The English texts themselves, so the test checks the labels a DBA sees.
const t = ((key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en)) as unknown as TFunction;

const view = (role: Parameters<typeof multiServerItems>[0]) =>
  multiServerItems(role, t, { manageTargetServers: vi.fn() }).map((i) => `${i.label}${i.disabled ? ' (disabled)' : ''}`);

describe('Multi Server Administration menu', () => {
  it('offers what each Agent role can do, with SSMS labels', () => {
    expect(view('standalone')).toEqual(['Make this a Master… (disabled)', 'Make this a Target… (disabled)']);
    expect(view('msx')).toEqual(['Add Target Servers… (disabled)', 'Manage Target Servers…', 'Manage Target Server Groups… (disabled)']);
    expect(view('tsx')).toEqual(['Defect… (disabled)']);
    expect(view('inconsistent')).toContain('Manage Target Servers…');
  });

  it('says why an item is disabled', () => {
    const items = multiServerItems('standalone', t, { manageTargetServers: vi.fn() });
    for (const i of items) expect(i.hint).toMatch(/not/i);
  });

  it('opens Manage Target Servers', () => {
    const manageTargetServers = vi.fn();
    multiServerItems('msx', t, { manageTargetServers }).find((i) => i.id === 'manage')!.onSelect!();
    expect(manageTargetServers).toHaveBeenCalledOnce();
  });
});
