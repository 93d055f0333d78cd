// Defect… on a target (SSMS asks Yes/No): sp_msx_defect on the target's own connection, which
// tells the master. When the master cannot be reached the defection fails, and the dialog
// offers forced defection (sp_msx_defect @forced_defection = 1): the target leaves on its own,
// and the master keeps its row until sp_delete_targetserver @post_defection = 0 runs there,
// which the dialog shows as a script (and runs, when the master is connected here).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import { ScriptBox } from '../kit/ScriptBox';
import { ProgressList, type ProgressStep } from '../kit/Wizard';
import { lifeApi } from '../lifecycle/lifeApi';
import { afterLifecycleWrite } from '../lifecycle/refresh';
import { failedStep, resultSteps } from '../lifecycle/steps';
import { useActionScript } from '../lifecycle/useActionScript';
import { useApp, useAppStore, useClient } from '../store';

type Phase = 'ask' | 'running' | 'done' | 'failed' | 'askForced';

export function DefectDialog({ connectionId, onClose, returnFocus }: { connectionId: string; onClose: () => void; returnFocus?: () => Element | null | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const store = useAppStore();
  const connections = useApp((s) => s.connections);
  const self = connections.find((c) => c.id === connectionId);
  const server = self?.server ?? connectionId;
  // The master as it was when the dialog opened: once the target defects, its connection no longer names one.
  const [master] = useState(() => self?.msxServerName ?? '?');
  const masterConnection = connections.find((c) => c.server.toUpperCase() === master.toUpperCase());
  const [phase, setPhase] = useState<Phase>('ask');
  const [forced, setForced] = useState(false);
  const [showScript, setShowScript] = useState(false);
  const [steps, setSteps] = useState<ProgressStep[]>([]);
  const [unreachable, setUnreachable] = useState(false);
  // Forced: what must still run on the master (sp_delete_targetserver @post_defection = 0).
  const [onMaster, setOnMaster] = useState<string>();
  const [cleanedUp, setCleanedUp] = useState(false);
  const script = useActionScript(showScript || forced ? JSON.stringify({ connectionId, forced }) : null, () => lifeApi.defect(client, { connectionId, forced }, true).then((r) => r.script));

  const run = async (force: boolean) => {
    setPhase('running');
    setSteps([{ key: 'run', action: t('life.step.call', { proc: 'sp_msx_defect', server }), state: 'running' }]);
    let ok = false;
    try {
      const out = await lifeApi.defect(client, { connectionId, forced: force });
      setSteps(resultSteps(out, t));
      ok = force ? out.steps[0]?.outcome?.ok === true && out.steps[0].outcome.returnValue === 0 : out.ok;
      setUnreachable(out.masterUnreachable);
      // The master's clean-up ran with it when the master was reachable; otherwise it is the DBA's to run.
      const cleanup = out.steps[1];
      setOnMaster(force ? out.onMaster?.script : undefined);
      setCleanedUp(!!(cleanup?.outcome?.ok && cleanup.outcome.returnValue === 0));
    } catch (err) {
      setSteps([failedStep(t('life.step.call', { proc: 'sp_msx_defect', server }), errorText(t, toErrorView(err)))]);
    }
    await afterLifecycleWrite(store, [connectionId, ...(masterConnection ? [masterConnection.id] : [])]);
    setPhase(ok ? 'done' : 'failed');
  };

  const footer =
    phase === 'ask' || phase === 'askForced' ? (
      <>
        <button type="button" className="wizard-script" aria-expanded={showScript} aria-controls={`${id}-script`} onClick={() => setShowScript(!showScript)}>
          {t('script.button')}
        </button>
        <span className="wizard-foot-gap" />
        <button type="button" className="danger" onClick={() => void run(phase === 'askForced')}>
          {phase === 'askForced' ? t('life.enlist.defect.forceYes') : t('life.enlist.defect.yes')}
        </button>
        <button type="button" onClick={onClose} data-autofocus>
          {t('life.enlist.defect.no')}
        </button>
      </>
    ) : (
      <>
        {phase === 'failed' && !forced && unreachable && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              setForced(true);
              setShowScript(true);
              setPhase('askForced');
            }}
          >
            {t('life.enlist.defect.offerForced')}
          </button>
        )}
        <button type="button" disabled={phase === 'running'} onClick={onClose}>
          {t('common.close')}
        </button>
      </>
    );

  return (
    <Dialog title={t('life.enlist.defect.title', { server })} onClose={() => phase !== 'running' && onClose()} returnFocus={returnFocus} role="alertdialog" className="dialog-medium defect-dialog" footer={footer}>
      {phase === 'ask' && <p>{t('life.enlist.defect.question', { server, master })}</p>}
      {phase === 'askForced' && (
        <>
          <p>{t('life.enlist.defect.forcedQuestion', { server, master })}</p>
          <p className="warn-box">{t('life.enlist.defect.forcedThen', { master, server })}</p>
        </>
      )}
      {(phase === 'running' || phase === 'done' || phase === 'failed') && <ProgressList steps={steps} label={t('life.wizard.progress')} />}
      {phase === 'failed' && !forced && unreachable && <p className="warn-box">{t('life.enlist.defect.unreachable', { master })}</p>}
      {forced && (phase === 'done' || phase === 'failed') && onMaster && (
        <>
          <p className={cleanedUp ? 'muted' : 'warn-box'}>{cleanedUp ? t('life.enlist.defect.forcedCleaned', { master, server }) : t('life.enlist.defect.forcedDone', { master, server })}</p>
          <ScriptBox script={onMaster} label={t('life.enlist.defect.onMasterScript', { master })} />
        </>
      )}
      {((showScript && phase === 'ask') || phase === 'askForced') && (
        <div id={`${id}-script`}>
          <ScriptBox script={script.script} loading={script.loading} error={script.error} />
        </div>
      )}
    </Dialog>
  );
}
