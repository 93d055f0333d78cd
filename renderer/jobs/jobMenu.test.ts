import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import en from '../i18n/locales/en.json';
import type { MenuItem } from '../kit/Menu';
import { multiServerItems } from '../objectExplorer/msxMenu';
import { jobItems, jobsFolderItems, type JobMenuActions } from './jobMenu';

const t = ((key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en)) as unknown as TFunction;

const actions = (): JobMenuActions => ({
  newJob: vi.fn(),
  properties: vi.fn(),
  start: vi.fn(),
  stop: vi.fn(),
  history: vi.fn(),
  setEnabled: vi.fn(),
  delete: vi.fn(),
  scriptToWindow: vi.fn(),
  scriptToClipboard: vi.fn(),
  status: vi.fn(),
  refresh: vi.fn(),
});

const labels = (items: MenuItem[]): string[] => items.map((i) => `${i.label}${i.disabled ? ' (disabled)' : ''}${i.items ? ` > [${labels(i.items).join(', ')}]` : ''}`);

describe('job context menu', () => {
  it("has SSMS's items for a multiserver job, with Multiserver Job Status", () => {
    expect(labels(jobItems({ multiserver: true, enabled: true }, t, actions()))).toEqual([
      'New Job…',
      'Start Job at Step…',
      'Stop Job',
      'Script Job as > [CREATE To > [New Query Editor Window, Clipboard]]',
      'View History',
      'Multiserver Job Status',
      'Enable (disabled)',
      'Disable',
      'Delete',
      'Refresh',
      'Properties',
    ]);
  });

  it('offers Enable on a disabled local job and no status view', () => {
    const items = labels(jobItems({ multiserver: false, enabled: false }, t, actions()));
    expect(items).toContain('Enable');
    expect(items).toContain('Disable (disabled)');
    expect(items).not.toContain('Multiserver Job Status');
  });

  it('runs the chosen action', () => {
    const a = actions();
    const items = jobItems({ multiserver: true, enabled: true }, t, a);
    items.find((i) => i.id === 'disable')!.onSelect!();
    expect(a.setEnabled).toHaveBeenCalledWith(false);
    items.find((i) => i.id === 'script')!.items![0]!.items!.find((i) => i.id === 'clipboard')!.onSelect!();
    expect(a.scriptToClipboard).toHaveBeenCalledOnce();
  });

  it('the Jobs folder offers New Job…, and on a master the status view', () => {
    expect(labels(jobsFolderItems(t, { newJob: vi.fn(), refresh: vi.fn(), status: vi.fn() }))).toEqual(['New Job…', 'Multiserver Job Status', 'Refresh']);
    expect(labels(jobsFolderItems(t, { newJob: vi.fn(), refresh: vi.fn() }))).toEqual(['New Job…', 'Refresh']);
  });

  it('Multi Server Administration on a master offers Multiserver Job Status after the target server items', () => {
    const jobStatus = vi.fn();
    const noop = { manageTargetServers: vi.fn(), makeMaster: vi.fn(), makeTarget: vi.fn(), addTargetServers: vi.fn(), manageGroups: vi.fn(), upgradeReadiness: vi.fn(), defect: vi.fn() };
    const items = multiServerItems('msx', t, { ...noop, jobStatus });
    const at = items.findIndex((i) => i.id === 'jobStatus');
    expect(items[at]!.label).toBe('Multiserver Job Status');
    expect(items.slice(0, at).map((i) => i.id)).toEqual(['addTargets', 'manage', 'groups']);
    items[at]!.onSelect!();
    expect(jobStatus).toHaveBeenCalledOnce();
  });
});
