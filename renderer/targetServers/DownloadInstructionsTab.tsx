// Tab "Download Instructions": the queue sp_help_downloadlist returns, with its filters. A row
// whose download failed is red and says it blocks its target (the target downloads nothing more
// until the row goes); Resync Target (sp_resync_targetserver, confirmed) clears it.
import type { TFunction } from 'i18next';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DownloadRow, MultiserverJob } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { exportColumns, Grid, type GridColumn } from '../kit/Grid';
import { exportFileName, saveTextFile, toCsv } from '../kit/exportRows';
import { StatusIcon } from '../kit/icons';
import { useApp, useAppStore, useClient } from '../store';
import { ResyncConfirm } from './ServerActionConfirm';
import { downloadsOf, targetsOf, type DownloadView } from './targetServersSlice';
import { useLiveDownloads } from './useLive';

/** sp_post_msx_operation's operations (spec §3.1), for the Operation filter. */
const OPERATIONS = ['INSERT', 'UPDATE', 'DELETE', 'START', 'STOP', 'RE-ENLIST', 'DEFECT', 'SYNC-TIME', 'SET-POLL'];

const keyOf = (r: DownloadRow) => String(r.instanceId);

function StatusText({ row, t }: { row: DownloadRow; t: TFunction }) {
  if (row.errorMessage !== null) {
    return (
      <span className="status tone-bad">
        <StatusIcon tone="bad" />
        {t('downloads.status.failed')}
      </span>
    );
  }
  return row.status === 1 ? (
    <span className="status tone-ok">
      <StatusIcon tone="ok" />
      {t('downloads.status.downloaded')}
    </span>
  ) : (
    <span className="status tone-muted">{t('downloads.status.pending')}</span>
  );
}

export function DownloadInstructionsTab({ connectionId, isLab }: { connectionId: string; isLab: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const store = useAppStore();
  const client = useClient();
  const id = useId();
  const data = useApp((s) => downloadsOf(s, connectionId));
  const targets = useApp((s) => targetsOf(s, connectionId).rows);
  const [jobs, setJobs] = useState<MultiserverJob[]>();
  const [resyncServers, setResyncServers] = useState<string[] | null>(null);
  // Resync posts too (sp_resync_targetserver goes through sp_post_msx_operation): sysadmin only.
  const notSysadmin = useApp((s) => s.connections.find((c) => c.id === connectionId)?.isSysadmin === false);
  useLiveDownloads(connectionId, isLab ? 'lab' : 'sqlserver', true);

  useEffect(() => {
    client.invoke('jobs.list', { connectionId }).then(setJobs, () => setJobs([]));
  }, [client, connectionId]);

  const rows = useMemo(() => data.rows ?? [], [data.rows]);
  const keys = useMemo(() => rows.map(keyOf), [rows]);
  const view = data.view;
  const setView = (patch: Partial<DownloadView>) => store.getState().setDownloadView(connectionId, patch);

  const columns = useMemo<GridColumn<DownloadRow>[]>(
    () => [
      { id: 'instance', header: t('downloads.col.instance'), width: 66, align: 'end', rowHeader: true, text: (r) => fmt.number(r.instanceId), render: (r) => fmt.number(r.instanceId) },
      { id: 'target', header: t('downloads.col.targetServer'), width: 130, text: (r) => r.targetServer, render: (r) => r.targetServer },
      { id: 'operation', header: t('downloads.col.operation'), width: 90, text: (r) => r.operation ?? r.operationCode, render: (r) => <span title={r.operationCode}>{r.operation ?? r.operationCode}</span> },
      {
        id: 'object',
        header: t('downloads.col.object'),
        width: 180,
        text: (r) => `${r.objectName ?? ''} (${r.value ?? ''} min)`,
        render: (r) => (
          <>
            {r.objectName ?? ''}
            {r.value !== null && (
              <span className="muted">
                {' '}
                {r.operation === 'SET-POLL' ? t('downloads.value.interval', { value: r.value }) : t('downloads.value.offset', { value: r.value })}
              </span>
            )}
          </>
        ),
      },
      { id: 'posted', header: t('downloads.col.posted'), width: 140, text: (r) => fmt.dateTime(r.datePosted), render: (r) => fmt.dateTime(r.datePosted) },
      { id: 'downloaded', header: t('downloads.col.downloaded'), width: 140, text: (r) => fmt.dateTime(r.dateDownloaded) || fmt.dateTime(r.datePosted), render: (r) => fmt.dateTime(r.dateDownloaded) },
      { id: 'status', header: t('downloads.col.status'), width: 100, text: (r) => t(r.errorMessage !== null ? 'downloads.status.failed' : r.status === 1 ? 'downloads.status.downloaded' : 'downloads.status.pending'), extra: 14, render: (r) => <StatusText row={r} t={t} /> },
      {
        id: 'error',
        header: t('downloads.col.error'),
        width: 300,
        text: (r) => (r.errorMessage === null ? '' : `${t('downloads.blocks', { server: r.targetServer })} ${r.errorMessage}`),
        render: (r) =>
          r.errorMessage === null ? (
            ''
          ) : (
            <span className="blocking" title={r.errorMessage}>
              <strong>{t('downloads.blocks', { server: r.targetServer })}</strong> {r.errorMessage}
            </span>
          ),
      },
    ],
    [t, fmt],
  );

  const selectedTargets = useMemo(() => {
    const byKey = new Map(rows.map((r) => [keyOf(r), r.targetServer]));
    const names = new Set<string>();
    for (const k of data.selection.selected) {
      const n = byKey.get(k);
      if (n) names.add(n);
    }
    if (names.size === 0 && view.targetServer) names.add(view.targetServer);
    return [...names].sort();
  }, [rows, data.selection, view.targetServer]);

  const blocked = useMemo(() => [...new Set(rows.filter((r) => r.errorMessage !== null).map((r) => r.targetServer))], [rows]);
  const firstError = rows.find((r) => r.errorMessage !== null);

  return (
    <div className="tab-content">
      <div className="toolbar filters" role="group" aria-label={t('downloads.filters')}>
        <label className="field-inline">
          <span>{t('downloads.filter.target')}</span>
          <select value={view.targetServer} onChange={(e) => setView({ targetServer: e.target.value })}>
            <option value="">{t('downloads.filter.all')}</option>
            {(targets ?? []).map((r) => (
              <option key={r.serverName} value={r.serverName}>
                {r.serverName}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('downloads.filter.job')}</span>
          <select value={view.jobName} onChange={(e) => setView({ jobName: e.target.value })}>
            <option value="">{t('downloads.filter.all')}</option>
            {(jobs ?? []).map((j) => (
              <option key={j.jobId} value={j.jobName}>
                {j.jobName}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('downloads.filter.operation')}</span>
          <select value={view.operation} onChange={(e) => setView({ operation: e.target.value })}>
            <option value="">{t('downloads.filter.all')}</option>
            {OPERATIONS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('downloads.filter.show')}</span>
          <select value={view.show} onChange={(e) => setView({ show: e.target.value as DownloadView['show'] })}>
            <option value="all">{t('downloads.filter.showAll')}</option>
            <option value="pending">{t('downloads.filter.pending')}</option>
            <option value="downloaded">{t('downloads.filter.downloaded')}</option>
            <option value="errors">{t('downloads.filter.errors')}</option>
          </select>
        </label>
        <span className="muted" role="status" aria-live="polite">
          {data.rows ? t('downloads.count', { count: rows.length }) : data.loading ? t('common.loading') : ''}
        </span>
        {data.loading && <span className="spinner" aria-hidden="true" />}
        <button
          type="button"
          className="toolbar-end"
          disabled={!rows.length}
          title={t('health.export.hint')}
          onClick={() => saveTextFile(exportFileName(t('downloads.gridLabel'), new Date()), toCsv(exportColumns(columns), rows))}
        >
          {t('health.export.button')}
        </button>
      </div>
      {data.error && (
        <p className="error-banner" role="alert">
          {errorText(t, data.error)}
        </p>
      )}
      {blocked.length > 0 && (
        <p className="warning-banner" id={`${id}-blocked`}>
          {blocked.length === 1
            ? t('downloads.blockedTarget', { server: blocked[0], instance: firstError!.instanceId, message: firstError!.errorMessage })
            : t('downloads.blockedTargets', { count: blocked.length, servers: blocked.slice(0, 5).join(', ') })}
        </p>
      )}
      <Grid
        label={t('downloads.gridLabel')}
        rows={rows}
        keys={keys}
        rowKey={keyOf}
        columns={columns}
        selection={data.selection}
        onSelectionChange={(sel) => store.getState().setDownloadSelection(connectionId, sel)}
        rowClass={(r) => (r.errorMessage !== null ? 'row-blocking' : r.status === 0 ? 'row-pending' : undefined)}
        empty={data.rows ? t('downloads.none') : undefined}
        describedBy={blocked.length ? `${id}-blocked` : undefined}
      />
      <div className="button-bar">
        <div className="actions">
          <button type="button" disabled={selectedTargets.length === 0 || notSysadmin} title={notSysadmin ? t('sysadmin.reason') : undefined} onClick={() => setResyncServers(selectedTargets)}>
            {t('downloads.resync.button')}
          </button>
          <span className="muted">{selectedTargets.length ? t('downloads.resync.for', { servers: selectedTargets.slice(0, 3).join(', '), count: selectedTargets.length }) : t('downloads.resync.hint')}</span>
        </div>
        <div className="refresh">
          <button type="button" onClick={() => void store.getState().loadDownloads(connectionId)}>
            {t('targets.refresh')}
          </button>
        </div>
      </div>
      {resyncServers && <ResyncConfirm connectionId={connectionId} servers={resyncServers} onClose={() => setResyncServers(null)} />}
    </div>
  );
}
