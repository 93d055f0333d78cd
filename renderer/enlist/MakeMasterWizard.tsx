// Make this a Master… (Master Server Wizard, spec §8.4): Master Server Operator (E-mail, Pager,
// Net send address: MSXOperator, which the master must have before any enlistment, 14363),
// Target Servers, Master Server Login Credentials, Complete the Wizard (choices and T-SQL), then
// progress. Add Target Servers… (on a master) is the same wizard with the Target Servers page only.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { ScriptBox } from '../kit/ScriptBox';
import { ProgressList, Wizard, type ProgressStep, type WizardPage } from '../kit/Wizard';
import { lifeApi } from '../lifecycle/lifeApi';
import { afterLifecycleWrite } from '../lifecycle/refresh';
import { failedStep, resultSteps } from '../lifecycle/steps';
import { useActionScript } from '../lifecycle/useActionScript';
import { useApp, useAppStore, useClient } from '../store';
import { CredentialsPage } from './CredentialsPage';
import { useEnlistCandidates } from './candidates';
import { TargetServersPage } from './TargetServersPage';

interface Props {
  connectionId: string;
  /** 'master': Make this a Master…; 'add': Add Target Servers… on a master. */
  mode: 'master' | 'add';
  onClose: () => void;
  returnFocus?: () => Element | null | undefined;
}

export function MakeMasterWizard({ connectionId, mode, onClose, returnFocus }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const store = useAppStore();
  const connections = useApp((s) => s.connections);
  const server = connections.find((c) => c.id === connectionId)?.server ?? connectionId;
  const candidates = useEnlistCandidates(connectionId);
  const [operator, setOperator] = useState({ email: '', pager: '', netSend: '' });
  const [chosen, setChosen] = useState<string[]>([]);
  const [steps, setSteps] = useState<ProgressStep[]>([]);

  const servers = chosen.filter((k) => candidates.some((x) => x.key === k));
  const targets = servers.map((k) => ({ server: candidates.find((x) => x.key === k)!.server }));
  const operatorProblem = !operator.email.trim() && !operator.pager.trim() && !operator.netSend.trim() ? t('life.enlist.master.operatorRequired') : undefined;
  const serversProblem = mode === 'add' && servers.length === 0 ? t('life.enlist.servers.required') : undefined;
  const op = { email: operator.email.trim(), pager: operator.pager.trim(), netSend: operator.netSend.trim() };
  const params = mode === 'master' ? { connectionId, operator: op, targets } : { connectionId, targets };
  const ready = !serversProblem && !(mode === 'master' && operatorProblem);
  const script = useActionScript(ready ? JSON.stringify(params) : null, () =>
    (mode === 'master' ? lifeApi.makeMaster(client, { connectionId, operator: op, targets }, true) : lifeApi.addTargets(client, { connectionId, targets }, true)).then((r) => r.script),
  );

  const finish = async () => {
    const proc = mode === 'master' ? 'sp_add_operator' : 'sp_msx_enlist';
    setSteps([{ key: 'run', action: t('life.step.call', { proc, server }), state: 'running' }]);
    try {
      const out = mode === 'master' ? await lifeApi.makeMaster(client, { connectionId, operator: op, targets }) : await lifeApi.addTargets(client, { connectionId, targets });
      setSteps(resultSteps(out, t));
    } catch (err) {
      setSteps([failedStep(t('life.step.call', { proc, server }), errorText(t, toErrorView(err)))]);
    }
    const enlisted = new Set(targets.map((x) => x.server.toUpperCase()));
    await afterLifecycleWrite(store, [connectionId, ...connections.filter((c) => enlisted.has(c.server.toUpperCase())).map((c) => c.id)]);
  };

  const field = (key: keyof typeof operator, label: string) => (
    <div className="form-row">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={operator[key]} maxLength={100} onChange={(e) => setOperator({ ...operator, [key]: e.target.value })} />
    </div>
  );

  const targetsPage: WizardPage = {
    id: 'targets',
    title: t('life.enlist.servers.title'),
    description: t('life.enlist.servers.description'),
    problem: serversProblem,
    content: <TargetServersPage candidates={candidates} chosen={servers} onChange={setChosen} />,
  };

  const complete: WizardPage = {
    id: 'complete',
    title: t('life.wizard.complete'),
    description: t('life.wizard.completeDescription'),
    content: (
      <>
        <dl className="summary">
          <dt>{t('life.enlist.summary.master')}</dt>
          <dd>{server}</dd>
          {mode === 'master' && (
            <>
              <dt>{t('life.enlist.master.operator')}</dt>
              <dd>{[op.email, op.pager, op.netSend].filter(Boolean).join(' · ')}</dd>
            </>
          )}
          <dt>{t('life.enlist.servers.targets')}</dt>
          <dd>{targets.length ? targets.map((x) => x.server).join(', ') : t('life.enlist.summary.none')}</dd>
        </dl>
        <ScriptBox script={script.script} loading={script.loading} error={script.error} />
      </>
    ),
  };

  const pages: WizardPage[] =
    mode === 'master'
      ? [
          {
            id: 'operator',
            title: t('life.enlist.master.operatorPage'),
            description: t('life.enlist.master.operatorDescription'),
            problem: operatorProblem,
            content: (
              <>
                {field('email', t('life.enlist.master.email'))}
                {field('pager', t('life.enlist.master.pager'))}
                {field('netSend', t('life.enlist.master.netSend'))}
              </>
            ),
          },
          targetsPage,
          { id: 'credentials', title: t('life.enlist.credentials.title'), description: t('life.enlist.credentials.description'), content: <CredentialsPage server={server} /> },
          complete,
        ]
      : [targetsPage, complete];

  return (
    <Wizard
      title={mode === 'master' ? t('life.enlist.master.title', { server }) : t('life.enlist.add.title', { server })}
      onClose={onClose}
      returnFocus={returnFocus}
      progressTitle={t('life.wizard.progress')}
      progress={<ProgressList steps={steps} label={t('life.wizard.progress')} />}
      onFinish={finish}
      script={script}
      pages={pages}
    />
  );
}
