// Seed 004's corrective action as a runbook: (1) read what defection loses and save it in a plan
// file, (2) defect every target, (3) upgrade the master (outside MSX Studio), (4) enlist the
// targets again from the plan file, restoring locations, poll intervals, groups and job
// assignments. Each half shows its T-SQL before it runs and each step's outcome after.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiWireResult } from '../../src/api/types';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { ScriptBox } from '../kit/ScriptBox';
import { ProgressList, type ProgressStep } from '../kit/Wizard';
import { afterLifecycleWrite } from '../lifecycle/refresh';
import { failedStep, resultSteps } from '../lifecycle/steps';
import { useActionScript } from '../lifecycle/useActionScript';
import { useApp, useAppStore, useClient } from '../store';

type Plan = ApiWireResult<'runbook.capture'>;
type SavedPlan = ApiWireResult<'runbook.list'>[number];

export function RunbookPanel({ connectionId, master }: { connectionId: string; master: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const client = useClient();
  const store = useAppStore();
  const connections = useApp((s) => s.connections);
  const fail = useCallback((err: unknown) => errorText(t, toErrorView(err)), [t]);

  // First half.
  const [plan, setPlan] = useState<Plan>();
  const [savedPath, setSavedPath] = useState<string>();
  const [defectSteps, setDefectSteps] = useState<ProgressStep[]>();
  // Second half.
  const [saved, setSaved] = useState<SavedPlan[]>();
  const [chosenPath, setChosenPath] = useState('');
  const [loaded, setLoaded] = useState<Plan>();
  const [reenlistSteps, setReenlistSteps] = useState<ProgressStep[]>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const listSaved = useCallback(async () => {
    try {
      const list = await client.invoke('runbook.list', {});
      setSaved(list);
      setChosenPath((p) => p || list.find((x) => x.master.toUpperCase() === master.toUpperCase())?.path || '');
    } catch (err) {
      setError(fail(err));
    }
  }, [client, master, fail]);

  useEffect(() => {
    void listSaved();
  }, [listSaved]);

  const defectScript = useActionScript(plan && savedPath ? `defect:${savedPath}` : null, async () =>
    (await client.invoke('runbook.defectAll', { connectionId, plan: plan!, script: true })).script,
  );
  const reenlistScript = useActionScript(loaded ? `reenlist:${chosenPath}:${loaded.createdAt}` : null, async () =>
    (await client.invoke('runbook.reenlist', { connectionId, plan: loaded!, script: true })).script,
  );

  const step = async (name: string, work: () => Promise<void>) => {
    setBusy(name);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(fail(err));
    } finally {
      setBusy(undefined);
    }
  };

  const capture = () =>
    step('capture', async () => {
      const p = await client.invoke('runbook.capture', { connectionId });
      setPlan(p);
      setSavedPath(undefined);
      setDefectSteps(undefined);
    });

  const save = () =>
    step('save', async () => {
      const r = await client.invoke('runbook.save', { plan: plan! });
      setSavedPath(r.path);
      setChosenPath(r.path);
      await listSaved();
    });

  const refreshAll = () => afterLifecycleWrite(store, connections.map((c) => c.id));

  const defectAll = () =>
    step('defect', async () => {
      try {
        setDefectSteps(resultSteps(await client.invoke('runbook.defectAll', { connectionId, plan: plan! }), t));
      } catch (err) {
        setDefectSteps([failedStep(t('life.runbook.defectAll'), fail(err))]);
      }
      await refreshAll();
    });

  const load = () =>
    step('load', async () => {
      setLoaded(await client.invoke('runbook.load', { path: chosenPath }));
      setReenlistSteps(undefined);
    });

  const reenlist = () =>
    step('reenlist', async () => {
      try {
        setReenlistSteps(resultSteps(await client.invoke('runbook.reenlist', { connectionId, plan: loaded! }), t));
      } catch (err) {
        setReenlistSteps([failedStep(t('life.runbook.reenlist'), fail(err))]);
      }
      await refreshAll();
    });

  return (
    <div className="runbook">
      <p className="muted">{t('life.runbook.intro', { master })}</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}

      <section className="runbook-step" aria-labelledby={`${id}-s1`}>
        <h3 id={`${id}-s1`}>{t('life.runbook.step1', { master })}</h3>
        <div className="button-row">
          <button type="button" onClick={() => void capture()} disabled={!!busy}>
            {busy === 'capture' ? t('common.working') : t('life.runbook.capture')}
          </button>
          <button type="button" onClick={() => void save()} disabled={!plan || !!busy}>
            {busy === 'save' ? t('common.working') : t('life.runbook.save')}
          </button>
          {savedPath && (
            <span className="tone-ok" role="status">
              {t('life.runbook.savedTo', { path: savedPath })}
            </span>
          )}
        </div>
        {plan && <PlanTable plan={plan} label={t('life.runbook.planLabel')} fmtNumber={fmt.number} />}
      </section>

      <section className="runbook-step" aria-labelledby={`${id}-s2`}>
        <h3 id={`${id}-s2`}>{t('life.runbook.step2')}</h3>
        {!savedPath ? (
          <p className="field-note">{t('life.runbook.saveFirst')}</p>
        ) : (
          <>
            <ScriptBox script={defectScript.script} loading={defectScript.loading} error={defectScript.error} label={t('life.runbook.defectScript')} />
            <div className="button-row">
              <button type="button" className="danger" onClick={() => void defectAll()} disabled={!!busy || !!defectSteps}>
                {busy === 'defect' ? t('common.working') : t('life.runbook.defectAll')}
              </button>
            </div>
          </>
        )}
        {defectSteps && <ProgressList steps={defectSteps} label={t('life.runbook.defectAll')} />}
      </section>

      <section className="runbook-step" aria-labelledby={`${id}-s3`}>
        <h3 id={`${id}-s3`}>{t('life.runbook.step3', { master })}</h3>
        <p>{t('life.runbook.upgradeNote', { master })}</p>
      </section>

      <section className="runbook-step" aria-labelledby={`${id}-s4`}>
        <h3 id={`${id}-s4`}>{t('life.runbook.step4')}</h3>
        <div className="form-row">
          <label htmlFor={`${id}-plan`}>{t('life.runbook.planFile')}</label>
          <div className="input-and-button">
            <select id={`${id}-plan`} value={chosenPath} onChange={(e) => setChosenPath(e.target.value)}>
              <option value="">{saved && saved.length === 0 ? t('life.runbook.noPlans') : t('life.runbook.choosePlan')}</option>
              {saved?.map((p) => (
                <option key={p.path} value={p.path}>
                  {t('life.runbook.planOption', { master: p.master, date: fmt.dateTime(p.createdAt), count: p.targets })}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void load()} disabled={!chosenPath || !!busy}>
              {t('life.runbook.load')}
            </button>
          </div>
        </div>
        {loaded && (
          <>
            <PlanTable plan={loaded} label={t('life.runbook.loadedLabel')} fmtNumber={fmt.number} />
            <ScriptBox script={reenlistScript.script} loading={reenlistScript.loading} error={reenlistScript.error} label={t('life.runbook.reenlistScript')} />
            <div className="button-row">
              <button type="button" className="primary" onClick={() => void reenlist()} disabled={!!busy || !!reenlistSteps}>
                {busy === 'reenlist' ? t('common.working') : t('life.runbook.reenlist')}
              </button>
            </div>
          </>
        )}
        {reenlistSteps && <ProgressList steps={reenlistSteps} label={t('life.runbook.reenlist')} />}
      </section>
    </div>
  );
}

function PlanTable({ plan, label, fmtNumber }: { plan: Plan; label: string; fmtNumber: (n: number) => string }) {
  const { t } = useTranslation();
  return (
    <table className="life-table plan-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('life.runbook.col.server')}</th>
          <th scope="col">{t('life.runbook.col.location')}</th>
          <th scope="col">{t('life.runbook.col.pollInterval')}</th>
          <th scope="col">{t('life.runbook.col.groups')}</th>
          <th scope="col">{t('life.runbook.col.jobs')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.targets.map((x) => (
          <tr key={x.server}>
            <th scope="row">{x.server}</th>
            <td>{x.location ?? ''}</td>
            <td className="num">{fmtNumber(x.pollInterval)}</td>
            <td>{x.groups.join(', ')}</td>
            <td>{x.jobs.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
