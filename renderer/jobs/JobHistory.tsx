// Job History (View History): the job's runs from sp_help_jobhistory, newest first, each run's
// steps under it, the server that ran it named (for a multiserver job, the target), filtered by
// target and by outcome; the selected row's message is shown in full below the grid.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { JobHistoryRun } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { Dialog } from '../kit/Dialog';
import { Grid, type GridColumn } from '../kit/Grid';
import { EMPTY_SELECTION, type Selection } from '../kit/gridSelection';
import { useClient } from '../store';
import { durationText, historyRows, type HistoryRow } from './historyRows';
import type { JobRef } from './jobsSlice';
import './jobs.css';

type RunStatus = 0 | 1 | 2 | 3 | 4;
const OUTCOMES: readonly RunStatus[] = [0, 1, 2, 3, 4];
const TONE: Record<number, string> = { 0: 'tone-bad', 1: 'tone-ok', 2: 'tone-warn', 3: 'tone-warn', 4: 'tone-muted' };

export function JobHistory({ job, server: initialServer, onClose }: { job: JobRef; server?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useClient();
  const id = useId();
  const [server, setServer] = useState(initialServer ?? '');
  const [outcome, setOutcome] = useState<RunStatus | ''>('');
  const [targets, setTargets] = useState<string[]>();
  const [runs, setRuns] = useState<JobHistoryRun[]>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);

  useEffect(() => {
    if (!job.multiserver) return;
    client.invoke('jobs.targets', { connectionId: job.connectionId, jobId: job.jobId }).then(
      (rows) => setTargets(rows.map((r) => r.serverName).sort()),
      () => setTargets([]),
    );
  }, [client, job]);

  const load = useCallback(() => {
    setLoading(true);
    setError(undefined);
    client
      .invoke('jobs.history', { connectionId: job.connectionId, jobId: job.jobId, ...(server ? { server } : {}), ...(outcome !== '' ? { runStatus: outcome } : {}) })
      .then(
        (r) => setRuns(r),
        (err: unknown) => setError(errorText(t, toErrorView(err))),
      )
      .finally(() => setLoading(false));
  }, [client, job, server, outcome, t]);
  useEffect(load, [load]);

  const rows = useMemo(() => historyRows(runs ?? [], collapsed), [runs, collapsed]);
  const selected = rows.find((r) => r.key === selection.active);
  const statusText = (s: number) => t(`jobs.history.runStatus.${(s in TONE ? s : 5) as 0 | 1 | 2 | 3 | 4 | 5}`);
  const toggle = useCallback(
    (runKey: string) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (next.has(runKey)) next.delete(runKey);
        else next.add(runKey);
        return next;
      }),
    [],
  );

  const columns = useMemo<GridColumn<HistoryRow>[]>(
    () => [
      {
        id: 'date',
        header: t('jobs.history.col.date'),
        width: 190,
        text: (r) => fmt.dateTime(r.runAt),
        extra: 34,
        render: (r) =>
          r.kind === 'run' ? (
            <span className="history-run">
              <button type="button" tabIndex={-1} className="tree-toggle history-toggle" aria-hidden="true" onMouseDown={(e) => e.stopPropagation()} onClick={() => toggle(r.runKey)}>
                {collapsed.has(r.runKey) ? '▸' : '▾'}
              </button>
              {fmt.dateTime(r.runAt)}
            </span>
          ) : (
            <span className="history-step">{fmt.dateTime(r.runAt)}</span>
          ),
      },
      { id: 'server', header: t('jobs.history.col.server'), width: 130, text: (r) => r.server, render: (r) => r.server },
      {
        id: 'step',
        header: t('jobs.history.col.step'),
        width: 200,
        rowHeader: true,
        text: (r) => (r.kind === 'run' ? t('jobs.history.jobOutcome') : `${r.stepId}: ${r.stepName}`),
        render: (r) => (r.kind === 'run' ? t('jobs.history.jobOutcome') : `${r.stepId}: ${r.stepName}`),
      },
      { id: 'outcome', header: t('jobs.history.col.outcome'), width: 100, text: (r) => statusText(r.runStatus), render: (r) => <span className={TONE[r.runStatus] ?? ''}>{statusText(r.runStatus)}</span> },
      { id: 'duration', header: t('jobs.history.col.duration'), width: 80, align: 'end', render: (r) => durationText(r.durationSeconds) },
      { id: 'message', header: t('jobs.history.col.message'), width: 320, render: (r) => <span className="cell-clip">{r.message}</span> },
    ],
    [t, fmt, collapsed, toggle],
  );

  return (
    <Dialog
      title={t('jobs.history.title', { job: job.jobName })}
      onClose={onClose}
      className="dialog-history"
      footer={
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <div className="toolbar history-toolbar">
        {job.multiserver && (
          <label className="field-inline">
            <span>{t('jobs.history.target')}</span>
            <select value={server} onChange={(e) => setServer(e.target.value)} data-autofocus>
              <option value="">{t('jobs.history.allTargets')}</option>
              {targets?.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field-inline">
          <span>{t('jobs.history.outcome')}</span>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value === '' ? '' : (Number(e.target.value) as RunStatus))}>
            <option value="">{t('jobs.history.allOutcomes')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {statusText(o)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={load}>
          {t('jobs.history.refresh')}
        </button>
        <span className="muted" role="status" aria-live="polite">
          {runs === undefined ? (loading ? t('common.loading') : '') : t('jobs.history.count', { count: runs.length })}
        </span>
        {loading && <span className="spinner" aria-hidden="true" />}
      </div>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      <Grid
        label={t('jobs.history.grid')}
        rows={rows}
        rowKey={(r) => r.key}
        columns={columns}
        mode="single"
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={(r) => r.kind === 'run' && toggle(r.runKey)}
        rowClass={(r) => (r.kind === 'run' ? 'history-run-row' : 'history-step-row')}
        empty={runs ? t('jobs.history.none') : undefined}
        className="history-grid"
        describedBy={`${id}-details`}
      />
      <div className="history-details">
        <h3 id={`${id}-details-head`}>{t('jobs.history.selected')}</h3>
        <div id={`${id}-details`} className="history-message" tabIndex={0} role="region" aria-labelledby={`${id}-details-head`}>
          {selected ? (
            <>
              <p className="muted">
                {`${fmt.dateTime(selected.runAt)} · ${selected.server} · ${selected.kind === 'run' ? t('jobs.history.jobOutcome') : `${selected.stepId}: ${selected.stepName}`} · ${statusText(selected.runStatus)} · ${durationText(selected.durationSeconds)}`}
              </p>
              <p className="message-text">{selected.message}</p>
            </>
          ) : (
            <p className="muted">{t('jobs.history.selectRow')}</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}
