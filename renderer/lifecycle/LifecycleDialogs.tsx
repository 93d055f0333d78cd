// Hosts the lifecycle dialog that is open (lifeDialogs.ts): the wizards, Defect…, Manage Target
// Server Groups… and Upgrade readiness. Mounted once in App.
import { DefectDialog } from '../enlist/DefectDialog';
import { MakeMasterWizard } from '../enlist/MakeMasterWizard';
import { MakeTargetWizard } from '../enlist/MakeTargetWizard';
import { GroupsDialog } from '../groups/GroupsDialog';
import { ReadinessDialog } from '../readiness/ReadinessDialog';
import { useLifeDialogs } from './lifeDialogs';

export function LifecycleDialogs() {
  const open = useLifeDialogs((s) => s.open);
  const returnTo = useLifeDialogs((s) => s.returnTo);
  const close = useLifeDialogs((s) => s.close);
  if (!open) return null;
  const returnFocus = () => (returnTo ? document.querySelector(`[data-key="${CSS.escape(returnTo)}"]`) : null);
  const props = { connectionId: open.connectionId, onClose: close, returnFocus };
  switch (open.kind) {
    case 'makeMaster':
      return <MakeMasterWizard key={open.connectionId} mode="master" {...props} />;
    case 'addTargets':
      return <MakeMasterWizard key={open.connectionId} mode="add" {...props} />;
    case 'makeTarget':
      return <MakeTargetWizard key={open.connectionId} {...props} />;
    case 'defect':
      return <DefectDialog key={open.connectionId} {...props} />;
    case 'groups':
      return <GroupsDialog key={open.connectionId} {...props} />;
    case 'readiness':
      return <ReadinessDialog key={open.connectionId} {...props} />;
  }
}
