// Start Job at Step: the job's steps to start at and, for a multiserver job, on which targets
// (all of the job's targets, or the ones checked). sp_start_job posts a START row per target; the
// Script expander shows those calls before anything runs.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import type { GridColumn } from '../kit/Grid';
import { selectedInOrder, type Selection } from '../kit/gridSelection';
import { ScriptBox } from '../kit/ScriptBox';
import { ScriptExpander } from '../kit/ScriptExpander';
import { checkColumn, TargetChecklist, type Which } from '../kit/TargetChecklist';
import { useAppStore, useClient } from '../store';
import { saveToast } from './jobToasts';
import type { JobRef } from './jobsSlice';
import type { ScriptState } from './ScriptDialog';

interface Named {
  name: string;
}
const nameOf = (r: Named) => r.name;

export function StartJobDialog({ job, servers: preselected, onClose }: { job: JobRef; servers?: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const store = useAppStore();
  const id = useId();
  const [steps, setSteps] = useState<Array<{ stepId: number; name: string }>>();
  const [stepName, setStepName] = useState('');
  const [targets, setTargets] = useState<Named[]>();
  const [which, setWhich] = useState<Which>(preselected?.length ? 'these' : 'all');
  const [checked, setChecked] = useState<Selection>(() => ({ selected: new Set(preselected ?? []), active: preselected?.[0] ?? null, anchor: preselected?.[0] ?? null }));
  const [showScript, setShowScript] = useState(false);
  const [script, setScript] = useState<ScriptState>({ loading: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const { connectionId, jobId } = job;
    client.invoke('jobs.get', { connectionId, jobId }).then(
      (def) => {
        setSteps(def.steps.map((s) => ({ stepId: s.stepId, name: s.name })));
        setStepName(def.steps.find((s) => s.stepId === def.startStepId)?.name ?? def.steps[0]?.name ?? '');
        // The definition already holds the job's targets (its sp_help_jobserver): no second read.
        if (job.multiserver) setTargets((def.targets.kind === 'multiserver' ? def.targets.servers : []).map((name) => ({ name })).sort((a, b) => a.name.localeCompare(b.name)));
      },
      (err: unknown) => setError(errorText(t, toErrorView(err))),
    );
  }, [client, job, t]);

  const keys = useMemo(() => (targets ?? []).map(nameOf), [targets]);
  const chosen = useMemo(() => selectedInOrder(checked, keys), [checked, keys]);
  const servers = job.multiserver && which === 'these' ? chosen : undefined;
  const params = { connectionId: job.connectionId, jobId: job.jobId, ...(stepName ? { stepName } : {}), ...(servers ? { servers } : {}) };
  const paramsKey = JSON.stringify(params);
  const ready = !!steps?.length && (!servers || servers.length > 0);

  useEffect(() => {
    if (!showScript || !ready) return;
    let live = true;
    setScript({ loading: true });
    client.invoke('jobs.start', { ...(JSON.parse(paramsKey) as typeof params), script: true }).then(
      (r) => live && setScript({ loading: false, script: r.script }),
      (err: unknown) => live && setScript({ loading: false, error: errorText(t, toErrorView(err)) }),
    );
    return () => {
      live = false;
    };
  }, [client, showScript, ready, paramsKey, t]);

  const columns = useMemo<GridColumn<Named>[]>(
    () => [
      checkColumn<Named>(t('jobs.targets.col.select'), (r) => checked.selected.has(r.name)),
      { id: 'name', header: t('jobs.targets.col.server'), width: 220, rowHeader: true, text: nameOf, render: nameOf },
    ],
    [t, checked],
  );

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await client.invoke('jobs.start', params);
      store.getState().pushToast(saveToast(t('jobs.start.done', { job: job.jobName }), r, t));
      if (r.ok) onClose();
      else {
        const failed = r.outcomes?.find((o) => !o.ok);
        setError(failed && !failed.ok ? errorText(t, failed.error) : undefined);
        setBusy(false);
      }
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('jobs.start.title', { job: job.jobName })}
      onClose={onClose}
      className="dialog-wide"
      footer={
        <>
          {error && (
            <p className="error-text foot-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="primary" disabled={!ready || busy} onClick={() => void start()}>
            {busy ? t('common.working') : t('jobs.start.start')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <div className="form job-form">
        <div className="form-row">
          <label htmlFor={`${id}-step`}>{t('jobs.start.steps')}</label>
          <div>
            <select id={`${id}-step`} value={stepName} onChange={(e) => setStepName(e.target.value)} disabled={!steps?.length} data-autofocus>
              {!steps && <option value="">{t('common.loading')}</option>}
              {steps?.map((s) => (
                <option key={s.stepId} value={s.name}>
                  {`${s.stepId}: ${s.name}`}
                </option>
              ))}
            </select>
            {steps && steps.length === 0 && <p className="field-error">{t('jobs.start.noStep')}</p>}
          </div>
        </div>
        {job.multiserver && (
          <TargetChecklist
            id={id}
            legend={t('jobs.start.servers')}
            allLabel={t('jobs.start.all')}
            theseLabel={t('jobs.start.these')}
            which={which}
            onWhich={setWhich}
            rows={targets ?? []}
            keys={keys}
            rowKey={nameOf}
            columns={columns}
            checked={checked}
            onChecked={setChecked}
            note={which === 'these' && chosen.length === 0 ? t('jobs.start.chooseTarget') : which === 'these' ? t('jobs.targets.checkedCount', { count: chosen.length }) : ''}
            noteIsError={which === 'these' && chosen.length === 0}
          />
        )}
        <ScriptExpander open={showScript} onToggle={setShowScript}>
          <ScriptBox script={ready ? script.script : undefined} loading={script.loading} error={script.error} />
        </ScriptExpander>
      </div>
    </Dialog>
  );
}
