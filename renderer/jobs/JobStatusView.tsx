// Multiserver Job Status - <master>: every multiserver job × its targets in one virtualized grid
// (one jobs.status read: the master's round trips are counted by the core and shown), with each
// target's last run, the job's pending and failed instructions for it and its sync state. Start /
// Stop on chosen targets, Synchronize chosen rows (with the script first), Read Versions of the
// targets' own copies, View History of one target. It re-reads as the lab's targets poll.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { JobStatusRead, TargetCopyWire } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { Grid, type GridColumn } from '../kit/Grid';
import { EMPTY_SELECTION, selectedInOrder, type Selection } from '../kit/gridSelection';
import { useApp, useAppStore, useClient } from '../store';
import { Refresher } from '../store/refresher';
import { durationText } from './historyRows';
import { saveToast } from './jobToasts';
import type { JobRef } from './jobsSlice';
import { byJob, filterStatusRows, rowKey, statusRows, SYNC_STATES, syncText, type StatusRow, type SyncState } from './statusRows';
import './jobs.css';

const keyOf = (r: StatusRow) => r.key;
const TONE: Record<SyncState, string> = { inSync: 'tone-ok', notPosted: 'tone-warn', waiting: 'tone-muted', failed: 'tone-bad', unknown: 'tone-muted' };
const OUTCOME_TONE: Record<number, string> = { 0: 'tone-bad', 1: 'tone-ok', 2: 'tone-warn', 3: 'tone-warn' };
/** Lab events come in bursts as targets poll: one re-read after the burst. */
const REREAD_AFTER_MS = 800;
/** Lab events that change a job's status on a target (a poll alone does not). */
const CHANGES_STATUS: ReadonlySet<string> = new Set(['instruction.downloaded', 'instruction.errored', 'job.finished', 'target.defected', 'master.changed', 'lab.reset']);
/** A lab this big re-reads on Refresh only, unless asked. */
const AUTO_REFRESH_MAX_ROWS = 20_000;

export function JobStatusView({ docId, connectionId }: { docId: string; connectionId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useClient();
  const store = useAppStore();
  const titleId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const connection = useApp((s) => s.connections.find((c) => c.id === connectionId));
  const jobFilter = useApp((s) => s.jobStatusFilter[connectionId] ?? null);
  const [read, setRead] = useState<JobStatusRead>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [sync, setSync] = useState<SyncState | null>(null);
  const [text, setText] = useState('');
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [copies, setCopies] = useState<ReadonlyMap<string, TargetCopyWire>>(new Map());
  const [autoRefresh, setAutoRefresh] = useState<boolean | null>(null);
  const [confirmSync, setConfirmSync] = useState<StatusRow[] | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  // The job picker's list: from a full read, or a counts-only read when the view shows one job.
  const [jobList, setJobList] = useState<Array<{ jobId: string; jobName: string }>>();
  const filterRef = useRef(jobFilter);
  filterRef.current = jobFilter;

  const load = useCallback((): Promise<void> => {
    // One read at a time; a request during a read runs once after it.
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    setLoading(true);
    // One job's rows when the view shows one job: 3 round trips to the master instead of 2 + J.
    const one = filterRef.current;
    const p = client
      .invoke('jobs.status', one ? { connectionId, jobIds: [one] } : { connectionId })
      .then(
        (r) => {
          setRead(r);
          if (!one) setJobList(r.jobs.map((j) => ({ jobId: j.jobId, jobName: j.jobName })));
          setError(undefined);
        },
        (err: unknown) => setError(errorText(t, toErrorView(err))),
      )
      .finally(() => {
        inFlight.current = null;
        setLoading(false);
        if (again.current) {
          again.current = false;
          void load();
        }
      });
    inFlight.current = p;
    return p;
  }, [client, connectionId, t]);

  useEffect(() => {
    void load();
  }, [load, jobFilter]);
  useEffect(() => {
    if (jobList || !jobFilter) return;
    // The picker needs only the multiserver jobs' names: one sp_help_job, not the whole status read.
    client.invoke('jobs.all', { connectionId }).then(
      (jobs) => setJobList(jobs.filter((j) => j.kind === 'multiserver').map((j) => ({ jobId: j.jobId, jobName: j.name }))),
      () => undefined,
    );
  }, [client, connectionId, jobFilter, jobList]);

  const all = useMemo(() => (read ? statusRows(read) : []), [read]);
  const live = autoRefresh ?? all.length <= AUTO_REFRESH_MAX_ROWS;
  useEffect(() => {
    if (!live) return;
    // Coalesced, with a gap after each read: a fleet's events come every few milliseconds, and a
    // restarted timer would never fire (the view would never refresh).
    const r = new Refresher(() => load(), undefined, { minGapMs: REREAD_AFTER_MS, spacing: 2 });
    const off = client.on((e) => {
      if (e.type === 'refresh' && e.connectionId === connectionId) r.request();
      else if (e.type === 'lab' && e.connectionId === connectionId && CHANGES_STATUS.has(e.event.type)) r.request();
    });
    return () => {
      off();
      r.stop();
    };
  }, [client, connectionId, live, load]);

  const rows = useMemo(() => filterStatusRows(all, { jobId: jobFilter, sync, text }), [all, jobFilter, sync, text]);
  const keys = useMemo(() => rows.map(keyOf), [rows]);
  // Built once per list, not per click: the view is made for 200 jobs × 1,000 targets.
  const byKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const chosen = useMemo(() => selectedInOrder(selection, keys).flatMap((k) => byKey.get(k) ?? []), [selection, keys, byKey]);
  const oneJob = chosen.length > 0 && chosen.every((r) => r.jobId === chosen[0]!.jobId) ? chosen[0]! : null;
  const active = selection.active !== null && selection.selected.has(selection.active) ? byKey.get(selection.active) : undefined;

  const columns = useMemo<GridColumn<StatusRow>[]>(
    () => [
      { id: 'job', header: t('jobs.status.col.job'), width: 200, text: (r) => r.jobName, render: (r) => r.jobName },
      { id: 'server', header: t('jobs.status.col.server'), width: 140, rowHeader: true, text: (r) => r.server, render: (r) => r.server },
      {
        id: 'sync',
        header: t('jobs.status.col.sync'),
        width: 170,
        extra: 14,
        text: (r) => syncText(t, r, copies.get(r.key)),
        render: (r) => (
          <span className={`sync-state ${TONE[r.sync]}`}>
            <span className={`status-mark ${r.sync === 'inSync' ? 'mark-ok' : r.sync === 'failed' ? 'mark-bad' : 'mark-warn'}`} aria-hidden="true" />
            {syncText(t, r, copies.get(r.key))}
          </span>
        ),
      },
      {
        id: 'outcome',
        header: t('jobs.status.col.outcome'),
        width: 110,
        text: (r) => t(`jobs.history.runStatus.${outcomeKey(r.lastRunOutcome)}`),
        render: (r) => <span className={OUTCOME_TONE[r.lastRunOutcome] ?? 'tone-muted'}>{t(`jobs.history.runStatus.${outcomeKey(r.lastRunOutcome)}`)}</span>,
      },
      { id: 'when', header: t('jobs.status.col.when'), width: 150, text: (r) => fmt.dateTime(r.lastRunAt), render: (r) => fmt.dateTime(r.lastRunAt) },
      { id: 'duration', header: t('jobs.status.col.duration'), width: 70, align: 'end', render: (r) => (r.lastRunAt ? durationText(r.lastRunDurationSeconds) : '') },
      { id: 'pending', header: t('jobs.status.col.pending'), width: 60, align: 'end', text: (r) => fmt.number(r.pendingInstructions), render: (r) => fmt.number(r.pendingInstructions) },
      {
        id: 'failed',
        header: t('jobs.status.col.failed'),
        width: 60,
        align: 'end',
        text: (r) => fmt.number(r.failedInstructions),
        render: (r) => <span className={r.failedInstructions ? 'tone-bad' : undefined}>{fmt.number(r.failedInstructions)}</span>,
      },
      { id: 'message', header: t('jobs.status.col.message'), width: 260, render: (r) => <span className="cell-clip">{r.error?.message ?? r.lastOutcomeMessage ?? ''}</span> },
    ],
    [t, fmt, copies],
  );

  const jobRef = (r: StatusRow): JobRef => ({ connectionId, jobId: r.jobId, jobName: r.jobName, multiserver: true });

  const readVersions = async () => {
    const next = new Map(copies);
    try {
      for (const g of byJob(chosen.slice(0, 200))) {
        const got = await client.invoke('jobs.targetCopies', { connectionId, jobId: g.jobId, servers: g.servers });
        for (const c of got) next.set(rowKey(g.jobId, c.server), c);
      }
      setCopies(next);
    } catch (err) {
      store.getState().pushToast({ kind: 'error', title: t('jobs.status.checkVersions'), messages: [errorText(t, toErrorView(err))] });
    }
  };

  const close = () => {
    store.getState().closeDocument(docId);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.explorer [role="treeitem"][tabindex="0"]')?.focus());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as Element).closest('dialog')) return;
    const clearsSearch = e.target instanceof HTMLInputElement && e.target.type === 'search' && e.target.value !== '';
    if (e.key === 'Escape' && !e.defaultPrevented && !clearsSearch) {
      e.preventDefault();
      close();
    }
  };

  const jobs = jobList ?? read?.jobs ?? [];
  const total = all.length;
  const server = connection?.server ?? connectionId;
  const selectOne = chosen.length === 1 ? undefined : t('jobs.status.selectOne');
  const selectJob = oneJob ? undefined : chosen.length ? t('jobs.status.oneJob') : t('jobs.status.selectFirst');

  return (
    <section ref={rootRef} role="dialog" aria-labelledby={titleId} className="document job-status" onKeyDown={onKeyDown}>
      <header className="doc-head">
        <h2 id={titleId}>{t('jobs.status.title', { server })}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={close}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div className="tab-content">
        <div className="toolbar">
          <label className="field-inline">
            <span>{t('jobs.status.job')}</span>
            <select value={jobFilter ?? ''} onChange={(e) => store.getState().openJobStatus(connectionId, e.target.value || null)}>
              <option value="">{t('jobs.status.allJobs')}</option>
              {jobs.map((j) => (
                <option key={j.jobId} value={j.jobId}>
                  {j.jobName}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('jobs.status.sync')}</span>
            <select value={sync ?? ''} onChange={(e) => setSync((e.target.value || null) as SyncState | null)}>
              <option value="">{t('jobs.status.allStates')}</option>
              {SYNC_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`jobs.status.state.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('jobs.status.filter')}</span>
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('jobs.status.filterPlaceholder')} />
          </label>
          <span className="muted" role="status" aria-live="polite">
            {read === undefined
              ? loading
                ? t('common.loading')
                : ''
              : rows.length === total
                ? t('jobs.status.count', { count: total })
                : t('jobs.status.countFiltered', { count: total, shown: rows.length })}
            {read && ` · ${t('jobs.status.roundTrips', { count: read.roundTrips })}`}
            {chosen.length > 0 && ` · ${t('jobs.status.selectedCount', { count: chosen.length })}`}
          </span>
          {loading && <span className="spinner" aria-hidden="true" />}
        </div>
        {error && (
          <p className="error-banner" role="alert">
            {error}
          </p>
        )}
        <Grid
          label={t('jobs.status.grid')}
          rows={rows}
          keys={keys}
          rowKey={keyOf}
          columns={columns}
          selection={selection}
          onSelectionChange={setSelection}
          onActivate={(r) => store.getState().openJobDialog({ kind: 'history', job: jobRef(r), server: r.server })}
          rowClass={(r) => (r.sync === 'failed' ? 'row-blocked' : undefined)}
          empty={read ? (total ? t('jobs.status.noMatch') : t('jobs.status.none')) : undefined}
          className="job-status-grid"
        />
        {active && (active.error || active.blockedBy !== null || active.sync === 'unknown' || active.lastOutcomeMessage) && (
          <section className="status-details" aria-label={t('jobs.status.details')}>
            {active.error && (
              <p className="error-text">
                <strong>{t('jobs.status.state.failed')}:</strong> {active.error.message}
              </p>
            )}
            {active.error && <p>{t('jobs.status.fix', { fix: t('jobs.status.fixFailed') })}</p>}
            {active.blockedBy !== null && <p className="error-text">{t('jobs.status.blockedBy', { id: active.blockedBy })}</p>}
            {active.sync === 'unknown' && <p>{t('jobs.status.unknownHint')}</p>}
            {!active.error && active.lastOutcomeMessage && <p className="message-text">{active.lastOutcomeMessage}</p>}
          </section>
        )}
        <div className="button-bar">
          <div className="actions">
            <button
              type="button"
              disabled={!oneJob}
              title={selectJob}
              onClick={() => oneJob && store.getState().openJobDialog({ kind: 'start', job: jobRef(oneJob), servers: chosen.map((r) => r.server) })}
            >
              {t('jobs.status.start')}
            </button>
            <button
              type="button"
              disabled={!oneJob}
              title={selectJob}
              onClick={() => oneJob && store.getState().openJobDialog({ kind: 'stop', job: jobRef(oneJob), servers: chosen.map((r) => r.server) })}
            >
              {t('jobs.status.stop')}
            </button>
            <button type="button" disabled={!chosen.length} title={chosen.length ? undefined : t('jobs.status.selectFirst')} onClick={() => setConfirmSync(chosen)}>
              {t('jobs.status.synchronize')}
            </button>
            <button
              type="button"
              disabled={chosen.length !== 1}
              title={selectOne}
              onClick={() => active && store.getState().openJobDialog({ kind: 'history', job: jobRef(active), server: active.server })}
            >
              {t('jobs.status.history')}
            </button>
            <button type="button" disabled={!chosen.length} title={t('jobs.status.checkVersionsHint')} onClick={() => void readVersions()}>
              {t('jobs.status.checkVersions')}
            </button>
          </div>
          <div className="refresh">
            <label className="check">
              <input type="checkbox" checked={live} onChange={(e) => setAutoRefresh(e.target.checked)} />
              {t('jobs.status.autoRefresh')}
            </label>
            <button type="button" onClick={() => void load()}>
              {t('jobs.status.refresh')}
            </button>
          </div>
        </div>
      </div>
      {confirmSync && <SynchronizeConfirm connectionId={connectionId} rows={confirmSync} onDone={() => void load()} onClose={() => setConfirmSync(null)} />}
    </section>
  );
}

const outcomeKey = (n: number) => (n >= 0 && n <= 5 ? n : 5) as 0 | 1 | 2 | 3 | 4 | 5;

/** Synchronize: the INSERT posts for the chosen rows (one jobs.synchronize per job), the script shown first. */
function SynchronizeConfirm({ connectionId, rows, onDone, onClose }: { connectionId: string; rows: StatusRow[]; onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const store = useAppStore();
  const groups = useMemo(() => byJob(rows), [rows]);
  const [script, setScript] = useState<{ script: string | undefined; loading: boolean; error: string | undefined }>({ script: undefined, loading: true, error: undefined });
  useEffect(() => {
    let live = true;
    Promise.all(groups.map((g) => client.invoke('jobs.synchronize', { connectionId, jobId: g.jobId, servers: g.servers, script: true }))).then(
      (rs) => live && setScript({ script: rs.map((r) => r.script).join('\n'), loading: false, error: undefined }),
      (err: unknown) => live && setScript({ script: undefined, loading: false, error: errorText(t, toErrorView(err)) }),
    );
    return () => {
      live = false;
    };
  }, [client, connectionId, groups, t]);
  return (
    <ConfirmDialog
      title={t('jobs.status.syncTitle')}
      confirmLabel={t('jobs.status.synchronize')}
      script={script}
      onClose={onClose}
      onConfirm={async () => {
        const outcomes = [];
        for (const g of groups) {
          let r;
          try {
            r = await client.invoke('jobs.synchronize', { connectionId, jobId: g.jobId, servers: g.servers });
          } catch (err) {
            throw new Error(errorText(t, toErrorView(err)), { cause: err });
          }
          outcomes.push(...(r.outcomes ?? []));
          if (!r.ok) {
            const failed = r.outcomes?.find((o) => !o.ok);
            onDone();
            throw new Error(failed && !failed.ok ? errorText(t, failed.error) : t('jobs.status.syncDone'));
          }
        }
        store.getState().pushToast(saveToast(t('jobs.status.syncDone'), { ok: true, outcomes }, t));
        onDone();
      }}
    >
      <p>{t('jobs.status.syncQuestion', { count: rows.length })}</p>
      <ul className="name-list">
        {groups.slice(0, 10).map((g) => (
          <li key={g.jobId}>
            <strong>{g.jobName}</strong>: {g.servers.slice(0, 12).join(', ')}
            {g.servers.length > 12 ? ` ${t('toast.andMore', { count: g.servers.length - 12 })}` : ''}
          </li>
        ))}
      </ul>
      <p className="muted">{t('jobs.status.syncExplain')}</p>
    </ConfirmDialog>
  );
}
