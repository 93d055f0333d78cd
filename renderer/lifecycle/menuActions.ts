// The lifecycle items of Multi Server Administration: each opens its dialog for the connection
// whose SQL Server Agent node was right-clicked; focus goes back to that node when it closes.
import type { MsxMenuActions } from '../objectExplorer/msxMenu';
import { useLifeDialogs, type LifeDialog } from './lifeDialogs';

export function lifecycleActions(connectionId: string, nodeKey: string): Omit<MsxMenuActions, 'manageTargetServers'> {
  const show = (kind: LifeDialog['kind']) => () => useLifeDialogs.getState().show({ kind, connectionId }, nodeKey);
  return {
    makeMaster: show('makeMaster'),
    makeTarget: show('makeTarget'),
    addTargetServers: show('addTargets'),
    manageGroups: show('groups'),
    upgradeReadiness: show('readiness'),
    defect: show('defect'),
  };
}
