// SQL Server Agent > Multi Server Administration, by the server's Agent role (spec §1):
// standalone: Make this a Master…, Make this a Target…; master: Add Target Servers…, Manage
// Target Servers…, Manage Target Server Groups…; target: Defect…. An item whose workflow is not
// built yet is there, disabled, with a tooltip saying so: never silently missing.
import type { TFunction } from 'i18next';
import type { AgentRole } from '../api/types';
import type { MenuItem } from '../kit/Menu';

export interface MsxMenuActions {
  manageTargetServers(): void;
  /** Multiserver Job Status (issue 10); absent: no item. */
  jobStatus?(): void;
}

export function multiServerItems(role: AgentRole, t: TFunction, actions: MsxMenuActions): MenuItem[] {
  const notYet = (id: string, label: string): MenuItem => ({ id, label, disabled: true, hint: t('explorer.menu.notBuilt') });
  const manage: MenuItem = { id: 'manage', label: t('explorer.menu.manageTargetServers'), onSelect: actions.manageTargetServers };
  const master = [
    notYet('addTargets', t('explorer.menu.addTargetServers')),
    manage,
    notYet('groups', t('explorer.menu.manageTargetServerGroups')),
    ...(actions.jobStatus ? [{ id: 'jobStatus', label: t('jobs.menu.status'), onSelect: actions.jobStatus, separatorBefore: true }] : []),
  ];
  const defect = notYet('defect', t('explorer.menu.defect'));
  switch (role) {
    case 'standalone':
      return [notYet('makeMaster', t('explorer.menu.makeMaster')), notYet('makeTarget', t('explorer.menu.makeTarget'))];
    case 'msx':
      return master;
    case 'tsx':
      return [defect];
    case 'inconsistent':
      // Both a master and a target (spec §1, sqlagent_type 0): both sets, so either can be undone.
      return [...master, { ...defect, separatorBefore: true }];
  }
}
