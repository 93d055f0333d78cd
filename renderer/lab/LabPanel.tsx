// The lab panel: the embedded lab's simulated targets as the lab sees them (Agent running or
// stopped, link, latency, clock skew, spooled outcomes, running jobs, next poll), and the network
// faults to play with: this is how offline, blocked and spooled states are seen without a fleet.
import type { TFunction } from 'i18next';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { LabTarget } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat, type Formatters } from '../i18n/format';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { Grid, type GridColumn } from '../kit/Grid';
import type { Selection } from '../kit/gridSelection';
import { StatusIcon } from '../kit/icons';
import { useNow } from '../kit/useNow';
import { useApp, useAppStore, useClient } from '../store';
import { Refresher } from '../store/refresher';
import type { LabControl } from './labSlice';
import { LabFaults } from './LabFaults';
import { LabTdsSection } from './LabTdsSection';

const nameOf = (t: LabTarget) => t.name;

/** A failure SQL Server documents for downloads (spec §6), offered as the example: its own text, not translated. */
const PROXY_ERROR = 'The job step requires a proxy account, however proxy matching is disabled on the target server.';

function NextPoll({ at, t, fmt }: { at: number | null; t: TFunction; fmt: Formatters }) {
  const now = useNow();
  if (at === null) return <span className="muted">{t('lab.noPoll')}</span>;
  return <>{at <= now ? t('lab.due') : fmt.in(at - now)}</>;
}

function useLiveLab(enabled: boolean) {
  const client = useClient();
  const store = useAppStore();
  useEffect(() => {
    if (!enabled) return;
    // The panel is a view of every target: at most a couple of reloads a second, and less for a big fleet.
    const r = new Refresher(() => store.getState().loadLab(), undefined, { minGapMs: 1000, spacing: 4 });
    // The first read waits for an idle moment: the tree and the user's first click go first.
    const idle = window.requestIdleCallback?.(() => void r.now(), { timeout: 1000 });
    if (idle === undefined) void r.now();
    const off = client.on((e) => {
      if (e.type === 'lab') r.request();
    });
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
      off();
      r.stop();
    };
  }, [client, store, enabled]);
}

/**
 * SQL Server's texts of download failures seen in the field (shared/research/dba-field-notes.md
 * §1E). The encrypted-channel failure is not one: it stops polling, not a download (the Faults
 * group reproduces it as it happens).
 */
const KNOWN_FAILURES = ['The job step requires a proxy account, however proxy matching is disabled on the target server.', 'Proxy not found.'];

export function LabPanel({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const store = useAppStore();
  const id = useId();
  const targets = useApp((s) => s.labTargets);
  const error = useApp((s) => s.labError);
  const selectedName = useApp((s) => s.labSelected);
  const [confirmReset, setConfirmReset] = useState(false);
  useLiveLab(open);

  const rows = targets ?? [];
  const keys = useMemo(() => rows.map(nameOf), [rows]);
  const selection: Selection = useMemo(
    () => ({ selected: new Set(selectedName ? [selectedName] : []), active: selectedName, anchor: selectedName }),
    [selectedName],
  );
  const selected = rows.find((r) => r.name === selectedName);

  const columns = useMemo<GridColumn<LabTarget>[]>(
    () => [
      { id: 'name', header: t('lab.col.target'), width: 120, rowHeader: true, text: (r) => r.name, render: (r) => r.name },
      {
        id: 'agent',
        header: t('lab.col.agent'),
        width: 84,
        text: (r) => (r.agentRunning ? t('lab.running') : t('lab.stopped')),
        extra: 14,
        render: (r) => (
          <span className={`status tone-${r.agentRunning ? 'ok' : 'bad'}`}>
            <StatusIcon tone={r.agentRunning ? 'ok' : 'bad'} />
            {r.agentRunning ? t('lab.running') : t('lab.stopped')}
          </span>
        ),
      },
      {
        id: 'link',
        header: t('lab.col.link'),
        width: 56,
        text: (r) => (r.linkUp ? t('lab.linkUp') : t('lab.linkCut')),
        render: (r) => <span className={r.linkUp ? '' : 'text-bad'}>{r.linkUp ? t('lab.linkUp') : t('lab.linkCut')}</span>,
      },
      { id: 'latency', header: t('lab.col.latency'), width: 70, align: 'end', text: (r) => t('lab.ms', { value: r.latencyMs }), render: (r) => t('lab.ms', { value: r.latencyMs }) },
      { id: 'skew', header: t('lab.col.skew'), width: 84, align: 'end', text: (r) => t('lab.s', { value: Math.round(r.clockSkewMs / 1000) }), render: (r) => t('lab.s', { value: Math.round(r.clockSkewMs / 1000) }) },
      { id: 'interval', header: t('lab.col.pollInterval'), width: 92, align: 'end', text: (r) => fmt.number(r.pollInterval), render: (r) => fmt.number(r.pollInterval) },
      { id: 'next', header: t('lab.col.nextPoll'), width: 80, text: () => fmt.in(59_000), render: (r) => <NextPoll at={r.nextPollAt} t={t} fmt={fmt} /> },
      { id: 'spooled', header: t('lab.col.spooled'), width: 66, align: 'end', text: (r) => fmt.number(r.spooledOutcomes), render: (r) => fmt.number(r.spooledOutcomes) },
      { id: 'running', header: t('lab.col.runningJobs'), width: 170, text: (r) => r.runningJobs.join(', '), render: (r) => r.runningJobs.join(', ') },
      { id: 'failNext', header: t('lab.col.failNext'), width: 160, text: (r) => r.failNext ?? '', render: (r) => r.failNext ?? '' },
    ],
    [t, fmt],
  );

  return (
    <div className="lab-body">
      {error && (
        <p className="error-banner" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div className="lab-split">
        <Grid
          label={t('lab.gridLabel')}
          rows={rows}
          keys={keys}
          rowKey={nameOf}
          columns={columns}
          mode="single"
          selection={selection}
          onSelectionChange={(s) => store.getState().selectLabTarget(s.active)}
          rowClass={(r) => (!r.agentRunning || !r.linkUp ? 'row-offline' : undefined)}
          empty={targets ? t('lab.none') : t('common.loading')}
          className="lab-grid"
        />
        <div className="lab-controls" aria-labelledby={`${id}-title`} role="group">
          {/* The target's controls scroll; Reset Lab… stays pinned below them, never scrolled out of view. */}
          <div className="lab-controls-body">
            {selected ? <LabControls key={selected.name} target={selected} titleId={`${id}-title`} /> : <p className="muted">{t('lab.pick')}</p>}
          </div>
          <div className="lab-reset">
            <button type="button" className="danger" onClick={() => setConfirmReset(true)}>
              {t('lab.reset.button')}
            </button>
          </div>
        </div>
        <LabTdsSection />
      </div>
      {confirmReset && (
        <ConfirmDialog
          title={t('lab.reset.title')}
          confirmLabel={t('lab.reset.confirm')}
          danger
          onClose={() => setConfirmReset(false)}
          onConfirm={async () => {
            try {
              await store.getState().resetLab();
              store.getState().pushToast({ kind: 'success', title: t('lab.reset.done') });
            } catch (err) {
              throw new Error(errorText(t, toErrorView(err)), { cause: err });
            }
          }}
        >
          <p>{t('lab.reset.question')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function LabControls({ target, titleId }: { target: LabTarget; titleId: string }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const id = useId();
  const [latency, setLatency] = useState(String(target.latencyMs));
  const [skew, setSkew] = useState(String(Math.round(target.clockSkewMs / 1000)));
  const [failMessage, setFailMessage] = useState(PROXY_ERROR);
  const [job, setJob] = useState(target.jobs[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (c: LabControl) => {
    setBusy(true);
    setError(undefined);
    try {
      await store.getState().labControl(c);
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (c: () => LabControl | null) => (e: FormEvent) => {
    e.preventDefault();
    const control = c();
    if (control) void run(control);
  };
  const server = target.name;
  const latencyOk = /^\d+$/.test(latency.trim()) && Number(latency) <= 60_000;
  const skewOk = /^-?\d+$/.test(skew.trim()) && Math.abs(Number(skew)) <= 7 * 24 * 3600;

  return (
    <>
      <h3 id={titleId} className="lab-title">
        {server}
        <span className="muted"> · {target.location}</span>
      </h3>
      <div className="lab-row">
        <button type="button" disabled={busy} onClick={() => void run({ method: target.agentRunning ? 'lab.stopAgent' : 'lab.startAgent', server })}>
          {target.agentRunning ? t('lab.stopAgent') : t('lab.startAgent')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run({ method: target.linkUp ? 'lab.cutLink' : 'lab.restoreLink', server })}>
          {target.linkUp ? t('lab.cutLink') : t('lab.restoreLink')}
        </button>
      </div>
      <form className="lab-row" onSubmit={submit(() => (latencyOk ? { method: 'lab.setLatency', server, latencyMs: Number(latency) } : null))}>
        <label htmlFor={`${id}-lat`}>{t('lab.latency')}</label>
        <input id={`${id}-lat`} className="num-input" inputMode="numeric" value={latency} onChange={(e) => setLatency(e.target.value)} aria-invalid={!latencyOk} />
        <span>{t('common.ms')}</span>
        <button type="submit" disabled={busy || !latencyOk}>
          {t('lab.set')}
        </button>
      </form>
      <form className="lab-row" onSubmit={submit(() => (skewOk ? { method: 'lab.skewClock', server, skewMs: Number(skew) * 1000 } : null))}>
        <label htmlFor={`${id}-skew`}>{t('lab.skew')}</label>
        <input id={`${id}-skew`} className="num-input" inputMode="numeric" value={skew} onChange={(e) => setSkew(e.target.value)} aria-invalid={!skewOk} />
        <span>{t('common.seconds')}</span>
        <button type="submit" disabled={busy || !skewOk}>
          {t('lab.set')}
        </button>
      </form>
      <form className="lab-row" onSubmit={submit(() => (failMessage.trim() ? { method: 'lab.failNext', server, message: failMessage } : null))}>
        <label htmlFor={`${id}-fail`}>{t('lab.failNext')}</label>
        <input id={`${id}-fail`} className="wide-input" list={`${id}-fail-known`} value={failMessage} onChange={(e) => setFailMessage(e.target.value)} />
        {/* Known download failures DBAs meet (health diagnosis.ts explains each): pick one to reproduce it. */}
        <datalist id={`${id}-fail-known`}>
          {KNOWN_FAILURES.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <button type="submit" disabled={busy || !failMessage.trim()}>
          {t('lab.set')}
        </button>
      </form>
      <form className="lab-row" onSubmit={submit(() => (job ? { method: 'lab.runJob', server, job } : null))}>
        <label htmlFor={`${id}-job`}>{t('lab.runJob')}</label>
        <select id={`${id}-job`} value={job} onChange={(e) => setJob(e.target.value)} disabled={target.jobs.length === 0}>
          {target.jobs.length === 0 && <option value="">{t('lab.noJobs')}</option>}
          {target.jobs.map((j) => (
            <option key={j} value={j}>
              {j}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || !job || !target.agentRunning}>
          {t('lab.run')}
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <LabFaults target={target} />
      {/* Opened at the foot of a short pane, the log brings itself into view instead of opening out of sight. */}
      <details className="lab-log" onToggle={(e) => e.currentTarget.open && e.currentTarget.scrollIntoView({ block: 'nearest' })}>
        <summary>{t('lab.log', { count: target.log.length })}</summary>
        <ol>
          {target.log
            .slice(-8)
            .reverse()
            .map((l, i) => (
              <li key={i} className={`log-${l.severity}`}>
                {l.text}
              </li>
            ))}
        </ol>
      </details>
    </>
  );
}
