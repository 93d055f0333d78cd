// Make this a Target… (Target Server Wizard, spec §8.4): Select a Master Server (Pick Server…,
// Description of this server, which becomes the target's location on the master), Master Server
// Login Credentials, Complete the Wizard (the choices and the T-SQL), then the progress page.
// It runs sp_msx_enlist on this server's own connection; the enlistment then reaches the master
// over the network as a poll does.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useApp, useClient } from '../store';
import { Wizard, ProgressList, type ProgressStep } from '../kit/Wizard';
import { lifeApi } from '../lifecycle/lifeApi';
import { failedStep, resultSteps } from '../lifecycle/steps';
import { useActionScript } from '../lifecycle/useActionScript';
import { errorText } from '../i18n/errorText';
import { toErrorView } from '../api/errors';
import { ScriptBox } from '../kit/ScriptBox';
import { PickServerDialog } from './PickServerDialog';
import { CredentialsPage } from './CredentialsPage';
import { afterLifecycleWrite } from '../lifecycle/refresh';

export function MakeTargetWizard({ connectionId, onClose, returnFocus }: { connectionId: string; onClose: () => void; returnFocus?: () => Element | null | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const store = useAppStore();
  const connections = useApp((s) => s.connections);
  const self = connections.find((c) => c.id === connectionId);
  const server = self?.server ?? connectionId;
  const masters = connections.filter((c) => c.id !== connectionId && (c.agentRole === 'msx' || c.agentRole === 'standalone'));
  const [master, setMaster] = useState(() => masters.find((c) => c.agentRole === 'msx')?.server ?? '');
  const [location, setLocation] = useState('');
  const [picking, setPicking] = useState(false);
  const [steps, setSteps] = useState<ProgressStep[]>([]);

  const params = { connectionId, master: master.trim(), location: location.trim() };
  const masterProblem = !params.master ? t('life.enlist.target.masterRequired') : params.master.toUpperCase() === server.toUpperCase() ? t('life.enlist.target.masterSelf') : undefined;
  const script = useActionScript(!masterProblem ? JSON.stringify(params) : null, () => lifeApi.makeTarget(client, params, true).then((r) => r.script));

  const finish = async () => {
    setSteps([{ key: 'run', action: t('life.step.call', { proc: 'sp_msx_enlist', server }), state: 'running' }]);
    try {
      setSteps(resultSteps(await lifeApi.makeTarget(client, params), t));
    } catch (err) {
      setSteps([failedStep(t('life.step.call', { proc: 'sp_msx_enlist', server }), errorText(t, toErrorView(err)))]);
    }
    await afterLifecycleWrite(store, [connectionId, ...connections.filter((c) => c.server.toUpperCase() === params.master.toUpperCase()).map((c) => c.id)]);
  };

  return (
    <>
      <Wizard
        title={t('life.enlist.target.title', { server })}
        onClose={onClose}
        returnFocus={returnFocus}
        progressTitle={t('life.wizard.progress')}
        progress={<ProgressList steps={steps} label={t('life.wizard.progress')} />}
        onFinish={finish}
        script={script}
        pages={[
          {
            id: 'msx',
            title: t('life.enlist.target.pageMaster'),
            description: t('life.enlist.target.pageMasterDescription'),
            problem: masterProblem,
            content: (
              <>
                <div className="form-row">
                  <label htmlFor={`${id}-master`}>{t('life.enlist.target.masterServer')}</label>
                  <div className="input-and-button">
                    <input id={`${id}-master`} value={master} onChange={(e) => setMaster(e.target.value)} autoComplete="off" spellCheck={false} />
                    <button type="button" onClick={() => setPicking(true)}>
                      {t('life.enlist.target.pickServer')}
                    </button>
                  </div>
                </div>
                <div className="form-row">
                  <label htmlFor={`${id}-location`}>{t('life.enlist.target.description')}</label>
                  <div>
                    <input id={`${id}-location`} value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} aria-describedby={`${id}-location-note`} />
                    <p id={`${id}-location-note`} className="field-note">
                      {t('life.enlist.target.descriptionNote')}
                    </p>
                  </div>
                </div>
              </>
            ),
          },
          { id: 'credentials', title: t('life.enlist.credentials.title'), description: t('life.enlist.credentials.description'), content: <CredentialsPage server={server} /> },
          {
            id: 'complete',
            title: t('life.wizard.complete'),
            description: t('life.wizard.completeDescription'),
            content: (
              <>
              <dl className="summary">
                <dt>{t('life.enlist.summary.target')}</dt>
                <dd>{server}</dd>
                <dt>{t('life.enlist.target.masterServer')}</dt>
                <dd>{params.master}</dd>
                <dt>{t('life.enlist.target.description')}</dt>
                <dd>{params.location || t('life.enlist.summary.none')}</dd>
              </dl>
              <ScriptBox script={script.script} loading={script.loading} error={script.error} />
              </>
            ),
          },
        ]}
      />
      {picking && (
        <PickServerDialog
          candidates={masters}
          current={master}
          onClose={() => setPicking(false)}
          onPick={(s) => {
            setMaster(s);
            setPicking(false);
          }}
        />
      )}
    </>
  );
}
