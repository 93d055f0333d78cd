// SQL Server Agent > Multi Server Administration, by the server's Agent role (spec §1):
// standalone: Make this a Master…, Make this a Target…; master: Add Target Servers…, Manage
// Target Servers…, Manage Target Server Groups…, Upgrade Readiness…; target: Defect….
import type { TFunction } from 'i18next';
import type { AgentRole } from '../api/types';
import type { MenuItem } from '../kit/Menu';

export interface MsxMenuActions {
  manageTargetServers(): void;
  makeMaster(): void;
  makeTarget(): void;
  addTargetServers(): void;
  manageGroups(): void;
  upgradeReadiness(): void;
  defect(): void;
  /** Multiserver Job Status (issue 10); absent: no item. */
  jobStatus?(): void;
}

export function multiServerItems(role: AgentRole, t: TFunction, actions: MsxMenuActions): MenuItem[] {
  const manage: MenuItem = { id: 'manage', label: t('explorer.menu.manageTargetServers'), onSelect: actions.manageTargetServers };
  const master: MenuItem[] = [
    { id: 'addTargets', label: t('explorer.menu.addTargetServers'), onSelect: actions.addTargetServers },
    manage,
    { id: 'groups', label: t('explorer.menu.manageTargetServerGroups'), onSelect: actions.manageGroups },
    ...(actions.jobStatus ? [{ id: 'jobStatus', label: t('jobs.menu.status'), onSelect: actions.jobStatus, separatorBefore: true }] : []),
    { id: 'readiness', label: t('life.menu.upgradeReadiness'), onSelect: actions.upgradeReadiness, separatorBefore: true },
  ];
  const defect: MenuItem = { id: 'defect', label: t('explorer.menu.defect'), onSelect: actions.defect };
  switch (role) {
    case 'standalone':
      return [
        { id: 'makeMaster', label: t('explorer.menu.makeMaster'), onSelect: actions.makeMaster },
        { id: 'makeTarget', label: t('explorer.menu.makeTarget'), onSelect: actions.makeTarget },
      ];
    case 'msx':
      return master;
    case 'tsx':
      return [defect];
    case 'inconsistent':
      // Both a master and a target (spec §1, sqlagent_type 0): both sets, so either can be undone.
      return [...master, { ...defect, separatorBefore: true }];
    case 'unknown':
      // The role could not be read (a denied read): offer nothing rather than the wrong set.
      return [{ id: 'roleUnknown', label: t('explorer.menu.roleUnknown'), disabled: true, hint: t('explorer.menu.roleUnknownHint') }];
  }
}
