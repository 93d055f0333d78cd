// The audit log's view: every write this console sent, newest first, searchable, exportable to
// CSV and copyable (Ctrl+C) like every grid. The record itself lives in the app's data folder
// (src/api/auditLog.ts); this view reads it through audit.list.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { AuditEntry } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { Dialog } from '../kit/Dialog';
import { exportFileName, saveTextFile, toCsv } from '../kit/exportRows';
import { exportColumns, Grid, type GridColumn } from '../kit/Grid';
import { EMPTY_SELECTION, type Selection } from '../kit/gridSelection';
import { ScriptBox } from '../kit/ScriptBox';
import { useClient } from '../store';

type Entry = AuditEntry;

const keyOf = (e: Entry, i: number) => `${e.at}|${i}`;

export function AuditLogDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useClient();
  const [search, setSearch] = useState('');
  const [data, setData] = useState<{ file: string | null; entries: Entry[] }>();
  const [error, setError] = useState<string>();
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client.invoke('audit.list', search.trim() ? { search: search.trim() } : {}).then(
        (r) => {
          if (!live) return;
          setData(r);
          setError(undefined);
        },
        (err: unknown) => live && setError(errorText(t, toErrorView(err))),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, search, tick, t]);

  const entries = useMemo(() => data?.entries ?? [], [data]);
  const keys = useMemo(() => entries.map(keyOf), [entries]);
  // The time is this machine's, shown in its own zone (unlike server datetimes).
  const local = useMemo(() => new Intl.DateTimeFormat(fmt.lng, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }), [fmt.lng]);
  // Made with the columns (they depend on the language only).
  const outcome = (e: Entry) => (e.ok ? t('health.audit.ok') : `${t('health.audit.failed')}${e.error?.number ? ` (Msg ${e.error.number})` : ''}`);
  const messages = (e: Entry) => [...e.messages.map((m) => m.text), ...(e.error ? [e.error.message] : [])].join(' ');
  const columns = useMemo<GridColumn<Entry>[]>(
    () => [
      { id: 'at', header: t('health.audit.col.time'), width: 150, rowHeader: true, text: (e) => local.format(new Date(e.at)), render: (e) => local.format(new Date(e.at)) },
      { id: 'connection', header: t('health.audit.col.connection'), width: 110, text: (e) => (e.target ? `${e.server} → ${e.target}` : e.server), render: (e) => (e.target ? `${e.server} → ${e.target}` : e.server) },
      { id: 'login', header: t('health.audit.col.login'), width: 70, text: (e) => e.login, render: (e) => e.login },
      { id: 'action', header: t('health.audit.col.action'), width: 150, text: (e) => e.proc, render: (e) => e.proc },
      { id: 'outcome', header: t('health.audit.col.outcome'), width: 90, text: outcome, render: (e) => <span className={e.ok ? 'tone-ok' : 'tone-bad'}>{outcome(e)}</span> },
      { id: 'tsql', header: t('health.audit.col.tsql'), width: 300, text: (e) => e.tsql, render: (e) => <code>{e.tsql}</code> },
      { id: 'messages', header: t('health.audit.col.messages'), width: 240, text: messages, render: messages },
    ],
    [t, local],
  );
  const active = selection.active === null ? undefined : entries[keys.indexOf(selection.active)];
  const exportAll = () => saveTextFile(exportFileName(t('health.audit.title'), new Date()), toCsv(exportColumns(columns), entries));

  return (
    <Dialog
      title={t('health.audit.title')}
      onClose={onClose}
      className="dialog-wide audit-dialog"
      footer={
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <div className="toolbar">
        <label className="field-inline">
          <span>{t('health.audit.search')}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('health.audit.searchPlaceholder')} />
        </label>
        <span className="muted" role="status">
          {data ? t('health.audit.count', { count: entries.length }) : t('common.loading')}
        </span>
        <button type="button" className="toolbar-end" onClick={() => setTick((n) => n + 1)}>
          {t('health.audit.refresh')}
        </button>
        <button type="button" onClick={exportAll} disabled={!entries.length} title={t('health.export.hint')}>
          {t('health.export.button')}
        </button>
      </div>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      <Grid
        label={t('health.audit.gridLabel')}
        rows={entries}
        keys={keys}
        rowKey={(e) => keyOf(e, entries.indexOf(e))}
        columns={columns}
        selection={selection}
        onSelectionChange={setSelection}
        rowClass={(e) => (e.ok ? undefined : 'row-blocked')}
        empty={data ? (search ? t('health.audit.noMatch') : t('health.audit.none')) : undefined}
        className="audit-grid"
      />
      {active && <ScriptBox script={active.tsql} label={t('health.audit.col.tsql')} />}
      {data?.file && <p className="muted audit-where">{t('health.audit.where', { file: data.file })}</p>}
    </Dialog>
  );
}
