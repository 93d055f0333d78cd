// The Target Server Status grid's columns (spec §4.1, SSMS's names) and the cells that move on
// their own: Local Time ticks, Last Polled shows its age live, with a warning as the target
// nears the Offline threshold, and the Force Poll state of the row.
import type { TFunction } from 'i18next';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { TargetRow } from '../api/types';
import type { Formatters } from '../i18n/format';
import type { GridColumn } from '../kit/Grid';
import { StatusIcon } from '../kit/icons';
import { useNow } from '../kit/useNow';
import { useApp } from '../store';
import { noPollAfterMs, type PollRequest, type PollRequests } from './pollTracker';
import { OFFLINE_AFTER_INTERVALS, pollAgeState } from './masterClock';
import { TargetVersionsProvider, VersionCell } from '../readiness/TargetVersions';
import { statusParts } from './status';
import { pollsOf, targetsOf } from './targetServersSlice';

// Cells get t and the formatters from the columns (made once per language), not from hooks, and
// what moves on its own (the clock, the master's clock offset, Force Poll requests) from one
// context above the grid: a hook or a store subscription per cell per row is what made opening
// and scrolling 10,000 rows slow.
interface CellContext {
  t: TFunction;
  fmt: Formatters;
}

interface LiveValues {
  now: number;
  /** When the list was read (Local Time ticks from there). */
  fetchedAt: number;
  /** Master wall clock ≈ Date.now() + this. */
  offset: number | null;
  polls: PollRequests;
}

const Live = createContext<LiveValues>({ now: 0, fetchedAt: 0, offset: null, polls: {} });

/** Provides the cells' moving values; the grid under it is not re-rendered when they move, only the cells that read them. */
export function LiveCells({ connectionId, children }: { connectionId: string; children: ReactNode }) {
  const now = useNow();
  const fetchedAt = useApp((s) => targetsOf(s, connectionId).fetchedAt);
  const offset = useApp((s) => targetsOf(s, connectionId).masterOffsetMs);
  const polls = useApp((s) => pollsOf(s, connectionId));
  const value = useMemo(() => ({ now, fetchedAt, offset, polls }), [now, fetchedAt, offset, polls]);
  return (
    <Live.Provider value={value}>
      <TargetVersionsProvider connectionId={connectionId}>{children}</TargetVersionsProvider>
    </Live.Provider>
  );
}

/** The target's clock now: its local time at the read, plus what has passed since. */
function LocalTimeCell({ cx: { fmt }, localTime }: { cx: CellContext; localTime: string }) {
  const { now, fetchedAt } = useContext(Live);
  const ms = Date.parse(localTime) + Math.max(0, now - fetchedAt);
  return <>{fmt.dateTime(Number.isFinite(ms) ? ms : null)}</>;
}

/** The row's Force Poll state: a spinner only while something is awaited; every end says how it ended. */
function PollState({ cx: { t, fmt }, req }: { cx: CellContext; req: PollRequest }) {
  let text: string;
  let tone: 'pending' | 'done' | 'failed';
  switch (req.phase) {
    case 'downloaded':
      return (
        <span className="poll-state done">
          <span aria-hidden="true">✓ </span>
          {t('health.poll.downloaded')}
        </span>
      );
    case 'notSignalled':
      text = req.reason ? t('health.poll.notSignalledWhy', { reason: req.reason }) : t('health.poll.notSignalled');
      tone = 'failed';
      break;
    case 'noPoll':
      text = t('health.poll.noPoll', { seconds: fmt.number(Math.round(noPollAfterMs(req.pollInterval) / 1000)) });
      tone = 'failed';
      break;
    case 'downloadFailed':
      text = req.error ? t('health.poll.downloadFailedWhy', { error: req.error }) : t('health.poll.downloadFailed');
      tone = 'failed';
      break;
    case 'polled':
      text = t('targets.poll.downloading');
      tone = 'pending';
      break;
    case 'signalled':
      text = t('health.poll.signalled');
      tone = 'pending';
      break;
    default: {
      const due = req.signal && req.signal !== 'signalled' && req.nextPollDueAt ? fmt.time(req.nextPollDueAt) : null;
      text = due ? t('targets.poll.requestedDue', { time: due }) : t('targets.poll.requested');
      tone = 'pending';
    }
  }
  return (
    <span className={`poll-state ${tone}`} title={text}>
      {tone === 'pending' ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">⚠ </span>}
      {text}
    </span>
  );
}

function LastPolledCell({ cx, row }: { cx: CellContext; row: TargetRow }) {
  const { t, fmt } = cx;
  const { now, offset, polls } = useContext(Live);
  const req = polls[row.serverName.toUpperCase()];
  const last = Date.parse(row.lastPollDate);
  const age = offset === null ? null : Math.max(0, now + offset - last);
  const state = age === null ? 'ok' : pollAgeState(age, row.pollInterval);
  const offlineAt = last + OFFLINE_AFTER_INTERVALS * row.pollInterval * 1000;
  return (
    <span className={`last-polled age-${state}`} title={state !== 'ok' ? t('targets.age.offlineAt', { time: fmt.time(offlineAt) }) : undefined}>
      <span className="when">{fmt.dateTime(row.lastPollDate)}</span>
      {req ? (
        <PollState cx={cx} req={req} />
      ) : (
        age !== null && (
          <span className="age">
            {state !== 'ok' && <span aria-hidden="true">⚠ </span>}
            {fmt.ago(age)}
          </span>
        )
      )}
    </span>
  );
}

function StatusCell({ status, label }: { status: number; label: string }) {
  const parts = statusParts(status);
  const tone = parts.includes('blocked') ? 'bad' : parts.includes('offline') ? 'warn' : 'ok';
  return (
    <span className={`status tone-${tone}`}>
      <StatusIcon tone={tone} />
      {label}
    </span>
  );
}

/** The Status column's words for a status value in the UI's language, made once per value (the filter searches them too). */
export function statusWords(t: TFunction): (status: number) => string {
  const texts = new Map<number, string>();
  return (status) => {
    let text = texts.get(status);
    if (text === undefined) {
      text = statusParts(status).map((p) => t(`targets.status.${p}`)).join(t('targets.status.separator'));
      texts.set(status, text);
    }
    return text;
  };
}

export function targetColumns(t: TFunction, fmt: Formatters, words: (status: number) => string = statusWords(t)): GridColumn<TargetRow>[] {
  const cx: CellContext = { t, fmt };
  const status = (r: TargetRow) => words(r.status);
  const requested = t('targets.poll.requested');
  // Status comes right after the name: it is what a DBA looks for first, and it stays in view at
  // 1280 px in every language. Last Polled and Unread follow (what explains a status).
  return [
    { id: 'serverName', header: t('targets.col.targetServer'), width: 140, sortable: true, rowHeader: true, text: (r) => r.serverName, render: (r) => r.serverName },
    { id: 'status', header: t('targets.col.status'), width: 112, sortable: true, text: status, extra: 14, render: (r) => <StatusCell status={r.status} label={status(r)} /> },
    {
      id: 'lastPollDate',
      header: t('targets.col.lastPolled'),
      headerTitle: t('health.lastPolledHint'),
      width: 232,
      sortable: true,
      text: (r) => `${fmt.dateTime(r.lastPollDate)} ${requested}`,
      exportText: (r) => fmt.dateTime(r.lastPollDate),
      extra: 30,
      render: (r) => <LastPolledCell cx={cx} row={r} />,
    },
    { id: 'unreadInstructions', header: t('targets.col.unread'), width: 128, sortable: true, align: 'end', text: (r) => fmt.number(r.unreadInstructions), render: (r) => fmt.number(r.unreadInstructions) },
    { id: 'localTime', header: t('targets.col.localTime'), width: 140, sortable: true, text: (r) => fmt.dateTime(r.localTime), render: (r) => <LocalTimeCell cx={cx} localTime={r.localTime} /> },
    { id: 'location', header: t('targets.col.location'), width: 140, sortable: true, text: (r) => r.location ?? '', render: (r) => r.location ?? '' },
    { id: 'pollInterval', header: t('targets.col.pollInterval'), width: 90, sortable: true, align: 'end', text: (r) => fmt.number(r.pollInterval), render: (r) => fmt.number(r.pollInterval) },
    { id: 'enlistDate', header: t('targets.col.enlisted'), width: 140, sortable: true, text: (r) => fmt.dateTime(r.enlistDate), render: (r) => fmt.dateTime(r.enlistDate) },
    { id: 'enlistedByNtUser', header: t('targets.col.enlistedBy'), width: 160, sortable: true, text: (r) => r.enlistedByNtUser, render: (r) => r.enlistedByNtUser },
    // From each target's own connection (issue 11); fitted to a typical version, not read per row.
    { id: 'version', header: t('life.version.column'), width: 190, text: () => 'SQL Server 2019 (15.0.4375)', render: (r) => <VersionCell server={r.serverName} /> },
  ];
}
