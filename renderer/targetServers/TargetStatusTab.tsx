// Tab "Target Server Status": filter, the virtualized grid, Force Poll / Force Defection /
// Post Instructions…, and Auto refresh. Force Poll never blocks: the rows show its progress.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { TargetRow } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { ConnectDialog } from '../connect/ConnectDialog';
import { exportColumns, Grid } from '../kit/Grid';
import { selectedInOrder } from '../kit/gridSelection';
import { exportFileName, saveTextFile, toCsv, toTsv } from '../kit/exportRows';
import { Menu, type MenuItem } from '../kit/Menu';
import { useApp, useAppStore } from '../store';
import { forcePollToast } from './outcomes';
import { PollProgress } from './PollProgress';
import { ResyncConfirm, ServerActionConfirm } from './ServerActionConfirm';
import { PostInstructionsDialog } from './PostInstructionsDialog';
import { LiveCells, statusWords, targetColumns } from './targetColumns';
import { nextSort, viewTargets, type TargetView } from './targetRows';
import { manageOf, pendingInfoOf, pollsOf, targetsOf, versionsOf } from './targetServersSlice';
import { withProblems } from './health';
import { HealthSummary } from './HealthSummary';
import { ProblemDetails } from './ProblemDetails';
import { useHealth } from './useHealth';
import { useScript } from './useScript';

const nameOf = (r: { serverName: string }) => r.serverName;
const NO_ROWS: TargetRow[] = [];

/** A button's label with its access key underlined (SSMS's &F); where the label has no such letter, the key follows it. */
function AccessKeyLabel({ label, accessKey }: { label: string; accessKey: string }) {
  const at = label.toUpperCase().indexOf(accessKey.toUpperCase());
  if (at < 0) {
    return (
      <>
        {label} <span className="access-key" aria-hidden="true">({accessKey})</span>
      </>
    );
  }
  return (
    <>
      {label.slice(0, at)}
      <span className="access-key">{label[at]}</span>
      {label.slice(at + 1)}
    </>
  );
}

export function TargetStatusTab({ connectionId, isLab }: { connectionId: string; isLab: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const store = useAppStore();
  const data = useApp((s) => targetsOf(s, connectionId));
  const view = useApp((s) => manageOf(s, connectionId));
  const hasPolls = useApp((s) => Object.keys(pollsOf(s, connectionId)).length > 0);
  const [dialog, setDialog] = useState<'defect' | 'post' | 'register' | null>(null);
  // Posting needs sysadmin: msdb would accept the call and post nothing (spec §3.2), so the
  // buttons are disabled with that reason rather than left to "succeed".
  const notSysadmin = useApp((s) => s.connections.find((c) => c.id === connectionId)?.isSysadmin === false);
  const noPostReason = notSysadmin ? t('sysadmin.reason') : undefined;
  const registered = useApp((s) => s.registered[connectionId]);
  const [defectServers, setDefectServers] = useState<string[]>([]);
  const [resyncServers, setResyncServers] = useState<string[] | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);

  const words = useMemo(() => statusWords(t), [t]);
  const columns = useMemo(() => targetColumns(t, fmt, words), [t, fmt, words]);
  const health = useHealth(connectionId);
  const pending = useApp((s) => pendingInfoOf(s, connectionId));
  const connection = useApp((s) => s.connections.find((c) => c.id === connectionId));
  const versions = useApp((s) => versionsOf(s, connectionId));
  // Pressed problem counts narrow the rows first; the text filter and the sort work on what is left.
  const source = useMemo(() => (view.problems.length ? withProblems(data.rows ?? NO_ROWS, health, new Set(view.problems)) : (data.rows ?? NO_ROWS)), [data.rows, health, view.problems]);
  const lastView = useRef<TargetView | undefined>(undefined);
  const shown = useMemo(() => (lastView.current = viewTargets(lastView.current, source, view.filter, view.sort, words)), [source, view.filter, view.sort, words]);
  const rows = shown.rows;
  // The same order is the same names: a live update keeps the keys (and the selection's order).
  const keys = useMemo(() => shown.rows.map(nameOf), [shown.order]);
  const selected = useMemo(() => selectedInOrder(view.selection, keys), [view.selection, keys]);

  // Confirmations of Force Poll fade after a few seconds; requests that will not be answered expire.
  useEffect(() => {
    if (!hasPolls) return;
    const timer = setInterval(() => store.getState().expirePolls(connectionId), 500);
    return () => clearInterval(timer);
  }, [hasPolls, connectionId, store]);

  const set = (patch: Parameters<ReturnType<typeof store.getState>['setManage']>[1]) => store.getState().setManage(connectionId, patch);

  const forcePoll = () => {
    const servers = selected;
    if (!servers.length) return;
    store
      .getState()
      .forcePoll(connectionId, servers)
      .then(
        (results) => store.getState().pushToast(forcePollToast(results, t, fmt, targetsOf(store.getState(), connectionId).masterOffsetMs)),
        (err: unknown) => store.getState().pushToast({ kind: 'error', title: t('targets.forcePoll.failed'), messages: [errorText(t, toErrorView(err))] }),
      );
  };

  useEffect(() => {
    if (!isLab) void store.getState().loadRegistered(connectionId);
  }, [isLab, connectionId, store]);
  const registeredOne = selected.length === 1 ? registered?.find((r) => r.server.toUpperCase() === selected[0]!.toUpperCase()) : undefined;
  const unregister = (server: string) =>
    store
      .getState()
      .unregisterTarget(connectionId, server)
      .then(
        () => store.getState().pushToast({ kind: 'success', title: t('register.unregistered', { server }), messages: [] }),
        (err: unknown) => store.getState().pushToast({ kind: 'error', title: t('register.unregisterFailed'), messages: [errorText(t, toErrorView(err))] }),
      );

  const defectScript = useScript(connectionId, dialog === 'defect' ? { kind: 'forceDefection', servers: defectServers } : null);

  // Export and copy: exactly what the grid shows (filtered, sorted, the columns' own texts).
  const exportShown = () => {
    const name = exportFileName(`${t('targets.gridLabel')} ${connection?.server ?? ''}`, new Date());
    saveTextFile(name, toCsv(exportColumns(columns), rows));
    store.getState().pushToast({ kind: 'success', title: t('health.export.done', { count: rows.length, file: name }), messages: [] });
  };
  const copySelected = () => {
    const chosen = new Set(selected);
    void navigator.clipboard?.writeText(toTsv(exportColumns(columns), rows.filter((r) => chosen.has(r.serverName))));
  };
  const detailRow = selected.length === 1 ? rows.find((r) => r.serverName === selected[0]) : undefined;
  const masterNow = data.masterOffsetMs === null ? null : Date.now() + data.masterOffsetMs;
  const problemTitle = (r: TargetRow) => {
    if (r.status & 4) {
      const f = pending.failed?.get(r.serverName.toUpperCase());
      return f ? `${t('health.problem.blocked')}: ${f.error}` : t('health.details.blockedNoError', { server: r.serverName });
    }
    const ago = masterNow === null ? '' : fmt.ago(Math.max(0, masterNow - Date.parse(r.lastPollDate)));
    if (r.status & 2) return t('health.details.offline', { server: r.serverName, since: fmt.dateTime(r.lastPollDate), ago, master: connection?.server ?? '' });
    if (health.byServer.get(r.serverName.toUpperCase())?.has('overdue')) {
      return t('health.details.overdue', { server: r.serverName, since: fmt.dateTime(r.lastPollDate), ago, interval: fmt.number(r.pollInterval) });
    }
    return undefined;
  };
  const menuItems: MenuItem[] = [
    { id: 'forcePoll', label: t('health.menu.forcePoll'), disabled: !selected.length || notSysadmin, hint: noPostReason, onSelect: forcePoll },
    { id: 'resync', label: t('health.menu.resync'), disabled: !selected.length || notSysadmin, hint: noPostReason, onSelect: () => setResyncServers(selected) },
    { id: 'copy', label: t('health.menu.copy'), separatorBefore: true, disabled: !selected.length, onSelect: copySelected },
    { id: 'export', label: t('health.menu.export'), onSelect: exportShown },
  ];
  const total = data.rows?.length ?? 0;

  return (
    <div className="tab-content">
      {data.rows && <HealthSummary health={health} chosen={view.problems} onChange={(problems) => set({ problems })} masterVersion={connection?.productVersion} />}
      <div className="toolbar">
        <label className="field-inline">
          <span>{t('targets.filter')}</span>
          <input type="search" value={view.filter} onChange={(e) => set({ filter: e.target.value })} placeholder={t('targets.filterPlaceholder')} />
        </label>
        <span className="muted" role="status" aria-live="polite">
          {data.rows === undefined
            ? data.loading
              ? t('common.loading')
              : ''
            : view.filter || view.problems.length
              ? t('targets.countFiltered', { count: total, shown: rows.length })
              : t('targets.count', { count: total })}
          {selected.length > 0 && ` · ${t('targets.selectedCount', { count: selected.length })}`}
        </span>
        {data.loading && <span className="spinner" aria-hidden="true" />}
        <PollProgress connectionId={connectionId} />
        <button type="button" className="toolbar-end" onClick={exportShown} disabled={!rows.length} title={t('health.export.hint')}>
          {t('health.export.button')}
        </button>
      </div>
      {data.error && (
        <p className="error-banner" role="alert">
          {errorText(t, data.error)}
        </p>
      )}
      <LiveCells connectionId={connectionId}>
        <Grid
          label={t('targets.gridLabel')}
          rows={rows}
          keys={keys}
          rowKey={nameOf}
          columns={columns}
          selection={view.selection}
          onSelectionChange={(selection) => set({ selection })}
          sort={view.sort}
          onSort={(column) => set({ sort: nextSort(view.sort, column) })}
          rowClass={(r) => (r.status & 4 ? 'row-blocked' : r.status & 2 ? 'row-offline' : undefined)}
          rowTitle={problemTitle}
          onRowContextMenu={(_row, at) => setMenu(at)}
          empty={data.rows ? (view.filter || view.problems.length ? t('targets.noMatch') : t('targets.none')) : undefined}
          className="targets-grid"
        />
      </LiveCells>
      {menu && <Menu items={menuItems} anchor={menu} label={t('health.menu.label')} onClose={() => setMenu(null)} />}
      {detailRow && (
        <ProblemDetails
          connectionId={connectionId}
          row={detailRow}
          health={health}
          pending={pending}
          masterName={connection?.server ?? ''}
          login={connection?.login}
          masterNow={masterNow}
          masterVersion={connection?.productVersion}
          version={versions?.[detailRow.serverName.toUpperCase()]?.productVersion ?? undefined}
          canResync={!notSysadmin}
          resyncReason={noPostReason}
          onResync={() => setResyncServers([detailRow.serverName])}
        />
      )}
      <div className="button-bar">
        <div className="actions">
          <button type="button" disabled={!selected.length || notSysadmin} title={noPostReason ?? `${t('targets.forcePoll.button')} (Alt+F)`} onClick={forcePoll} aria-keyshortcuts="Alt+F">
            <AccessKeyLabel label={t('targets.forcePoll.button')} accessKey="F" />
          </button>
          <button
            type="button"
            disabled={!selected.length || notSysadmin}
            title={noPostReason}
            onClick={() => {
              setDefectServers(selected);
              setDialog('defect');
            }}
          >
            {t('targets.forceDefection.button')}
          </button>
          <button type="button" onClick={() => setDialog('post')} disabled={!data.rows?.length || notSysadmin} title={noPostReason}>
            {t('targets.postInstructions')}
          </button>
          <button
            type="button"
            disabled={isLab || selected.length !== 1}
            title={isLab ? t('register.labHint') : selected.length !== 1 ? t('register.selectOne') : undefined}
            onClick={() => setDialog('register')}
          >
            {t('register.button')}
          </button>
          {!isLab && (
            <button type="button" disabled={!registeredOne} title={registeredOne ? undefined : t('register.unregisterHint')} onClick={() => registeredOne && void unregister(registeredOne.server)}>
              {t('register.unregister')}
            </button>
          )}
        </div>
        <div className="refresh">
          <label className="check">
            <input type="checkbox" checked={view.autoRefresh} onChange={(e) => set({ autoRefresh: e.target.checked })} />
            {t('targets.autoRefresh')}
          </label>
          {isLab ? (
            <span className="muted">{t('targets.autoRefreshLive')}</span>
          ) : (
            <label className="field-inline">
              <span>{t('targets.refreshEvery')}</span>
              <input
                type="number"
                min={5}
                max={3600}
                value={view.refreshSeconds}
                disabled={!view.autoRefresh}
                onChange={(e) => set({ refreshSeconds: Math.min(3600, Math.max(5, Number(e.target.value) || 5)) })}
                className="num-input"
              />
              <span>{t('common.seconds')}</span>
            </label>
          )}
          <button type="button" onClick={() => void store.getState().loadTargets(connectionId)}>
            {t('targets.refresh')}
          </button>
        </div>
      </div>
      {!isLab && registered && (
        <p className="muted registered-list" aria-live="polite">
          {registered.length === 0
            ? t('register.none')
            : t('register.list', {
                targets: registered.map((r) => `${r.server} (${t(`register.state.${r.state}`)})`).join(', '),
              })}
        </p>
      )}
      {dialog === 'register' && selected.length === 1 && (
        <ConnectDialog mode={{ kind: 'register', connectionId, server: selected[0]! }} onClose={() => setDialog(null)} />
      )}
      {dialog === 'defect' && (
        <ServerActionConfirm
          title={t('targets.forceDefection.title')}
          confirmLabel={t('targets.forceDefection.confirm')}
          question={t('targets.forceDefection.question', { count: defectServers.length })}
          explain={t('targets.forceDefection.explain')}
          doneTitle={t('targets.forceDefection.done', { count: defectServers.length })}
          servers={defectServers}
          script={defectScript}
          run={() => store.getState().forceDefection(connectionId, defectServers)}
          onClose={() => setDialog(null)}
        />
      )}
      {resyncServers && <ResyncConfirm connectionId={connectionId} servers={resyncServers} onClose={() => setResyncServers(null)} />}
      {dialog === 'post' && <PostInstructionsDialog connectionId={connectionId} preselected={selected} onClose={() => setDialog(null)} />}
    </div>
  );
}
