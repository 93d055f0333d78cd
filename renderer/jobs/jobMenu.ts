// The context menus of Object Explorer's Jobs folder and of each job, with SSMS's items that
// apply here and in SSMS's order. Script Job as > CREATE To > New Query Editor Window shows the
// script in a dialog (MSX Studio has no query editor); Clipboard copies it.
import type { TFunction } from 'i18next';
import type { MenuItem } from '../kit/Menu';
import type { JobRef } from './jobsSlice';

export interface JobMenuActions {
  newJob(): void;
  properties(): void;
  start(): void;
  stop(): void;
  history(): void;
  setEnabled(enabled: boolean): void;
  delete(): void;
  scriptToWindow(): void;
  scriptToClipboard(): void;
  status(): void;
  refresh(): void;
}

export function jobsFolderItems(t: TFunction, actions: Pick<JobMenuActions, 'newJob' | 'refresh'> & { status?: () => void }): MenuItem[] {
  return [
    { id: 'newJob', label: t('jobs.menu.newJob'), onSelect: actions.newJob },
    ...(actions.status ? [{ id: 'status', label: t('jobs.menu.status'), onSelect: actions.status, separatorBefore: true }] : []),
    { id: 'refresh', label: t('explorer.menu.refresh'), onSelect: actions.refresh, separatorBefore: true },
  ];
}

export function jobItems(job: Pick<JobRef, 'multiserver' | 'enabled'>, t: TFunction, a: JobMenuActions): MenuItem[] {
  const enabled = job.enabled !== false;
  return [
    { id: 'newJob', label: t('jobs.menu.newJob'), onSelect: a.newJob },
    { id: 'start', label: t('jobs.menu.startAtStep'), onSelect: a.start, separatorBefore: true },
    { id: 'stop', label: t('jobs.menu.stop'), onSelect: a.stop },
    {
      id: 'script',
      label: t('jobs.menu.scriptAs'),
      separatorBefore: true,
      items: [
        {
          id: 'create',
          label: t('jobs.menu.createTo'),
          items: [
            { id: 'window', label: t('jobs.menu.toWindow'), onSelect: a.scriptToWindow },
            { id: 'clipboard', label: t('jobs.menu.toClipboard'), onSelect: a.scriptToClipboard },
          ],
        },
      ],
    },
    { id: 'history', label: t('jobs.menu.history'), onSelect: a.history, separatorBefore: true },
    ...(job.multiserver ? [{ id: 'status', label: t('jobs.menu.status'), onSelect: a.status }] : []),
    { id: 'enable', label: t('jobs.menu.enable'), disabled: enabled, hint: t('jobs.menu.alreadyEnabled'), onSelect: () => a.setEnabled(true), separatorBefore: true },
    { id: 'disable', label: t('jobs.menu.disable'), disabled: !enabled, hint: t('jobs.menu.alreadyDisabled'), onSelect: () => a.setEnabled(false) },
    { id: 'delete', label: t('jobs.menu.delete'), onSelect: a.delete, separatorBefore: true },
    { id: 'refresh', label: t('explorer.menu.refresh'), onSelect: a.refresh },
    { id: 'properties', label: t('jobs.menu.properties'), onSelect: a.properties, separatorBefore: true },
  ];
}
