// The lab panel's Faults group: the known failures DBAs meet (issue 13), each reproduced by the
// lab for the selected target — set up through the master's own procedures and the simulated
// Agent and network (Apply/Undo), or run as the failing call, whose SQL Server answer and
// diagnosis show here — plus the target's Agent registry values, its trust in the master's
// certificate and its proxies, which decide how those faults play out.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { LabTarget } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useApp, useAppStore } from '../store';
import { diagnose } from '../targetServers/diagnosis';
import type { FaultCallResult, LabCallFault, LabControl, LabMaster, LabStateFault } from './labSlice';

/** In the order the select lists them: what the target sees first, then the calls. */
const FAULTS = ['proxyMatching', 'proxyNotFound', 'encryption', 'noMsxOperator', 'orphanedTarget', 'masterIntoMaster', 'alreadyEnlisted', 'permission'] as const;
type Fault = (typeof FAULTS)[number];

const STATE_FAULTS: ReadonlySet<Fault> = new Set<LabStateFault>(['proxyMatching', 'proxyNotFound', 'encryption', 'noMsxOperator', 'orphanedTarget']);
/** State faults that also show on a call: the target enlisting again into its master. */
const ENLIST_AGAIN: ReadonlySet<Fault> = new Set<Fault>(['encryption', 'noMsxOperator', 'orphanedTarget']);

function isApplied(fault: Fault, target: LabTarget, master: LabMaster | undefined): boolean {
  switch (fault) {
    case 'proxyMatching':
    case 'proxyNotFound':
      return !!master?.proxyJobTargets.includes(target.name.toUpperCase());
    case 'encryption':
      return !target.trustsMasterCertificate;
    case 'noMsxOperator':
      return master !== undefined && !master.msxOperator;
    case 'orphanedTarget':
      return target.orphaned;
    default:
      return false;
  }
}

/** A select's value for a registry value: '' for absent. */
const regValue = (v: number | null) => (v === null ? '' : String(v));

export function LabFaults({ target }: { target: LabTarget }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const master = useApp((s) => s.labMaster);
  const id = useId();
  const [fault, setFault] = useState<Fault>('proxyMatching');
  const [results, setResults] = useState<{ fault: Fault; list: FaultCallResult[] }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const saved = target.proxies.join(', ');
  const [proxies, setProxies] = useState(saved);
  // A fault (or another window) changed the target's proxies: the field shows what it has now.
  useEffect(() => setProxies(saved), [saved]);
  const server = target.name;
  const masterName = master?.name ?? 'MSX01';
  const applied = isApplied(fault, target, master);
  const stateFault = STATE_FAULTS.has(fault);
  const disabled = busy;

  /** One action at a time; its error shows in the group, where it was asked for. */
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setResults(undefined);
    try {
      await work();
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
    } finally {
      setBusy(false);
    }
  };
  const tryIt = () => act(async () => setResults({ fault, list: await store.getState().tryLabFault(server, fault as LabCallFault) }));
  const control = (c: LabControl) => void act(() => store.getState().labControl(c));
  const proxyList = proxies
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const submitProxies = (e: FormEvent) => {
    e.preventDefault();
    control({ method: 'lab.setProxies', server, proxies: proxyList });
  };

  return (
    <fieldset className="lab-faults">
      <legend>{t('labFaults.title')}</legend>
      <div className="lab-stack">
        <label htmlFor={`${id}-fault`}>{t('labFaults.reproduce')}</label>
        <select
          id={`${id}-fault`}
          value={fault}
          aria-describedby={`${id}-see`}
          onChange={(e) => {
            setFault(e.target.value as Fault);
            setResults(undefined);
            setError(undefined);
          }}
        >
          {FAULTS.map((f) => (
            <option key={f} value={f}>
              {t(`labFaults.fault.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="lab-row lab-fault-actions">
        {stateFault ? (
          <>
            <button type="button" disabled={disabled || applied} onClick={() => control({ method: 'lab.applyFault', server, fault: fault as LabStateFault })}>
              {t('labFaults.apply')}
            </button>
            <button type="button" disabled={disabled || !applied} onClick={() => control({ method: 'lab.undoFault', server, fault: fault as LabStateFault })}>
              {t('labFaults.undo')}
            </button>
            {ENLIST_AGAIN.has(fault) && (
              <button type="button" disabled={disabled || !target.enlisted} onClick={() => void tryIt()}>
                {t('labFaults.enlistAgain')}
              </button>
            )}
            <span className={applied ? 'lab-fault-state tone-bad' : 'lab-fault-state muted'} aria-live="polite">{applied ? t('labFaults.applied') : t('labFaults.notApplied')}</span>
          </>
        ) : (
          <button type="button" disabled={disabled} onClick={() => void tryIt()}>
            {t('labFaults.run')}
          </button>
        )}
      </div>
      <p id={`${id}-see`} className="lab-fault-see">
        {t(`labFaults.see.${fault}`, { server, master: masterName })}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {results && results.fault === fault && <FaultResults results={results.list} />}

      <div className="lab-stack">
        <label className="reg-name" htmlFor={`${id}-enc`}>MsxEncryptChannelOptions</label>
        <select
          id={`${id}-enc`}
          value={regValue(target.registry.msxEncryptChannelOptions)}
          disabled={busy}
          onChange={(e) => control({ method: 'lab.setRegistry', server, msxEncryptChannelOptions: e.target.value === '' ? null : (Number(e.target.value) as 0 | 1 | 2) })}
        >
          <option value="">{t('labFaults.reg.absent', { value: 2 })}</option>
          <option value="0">{t('labFaults.reg.enc0')}</option>
          <option value="1">{t('labFaults.reg.enc1')}</option>
          <option value="2">{t('labFaults.reg.enc2')}</option>
        </select>
      </div>
      <div className="lab-stack">
        <label className="reg-name" htmlFor={`${id}-proxy`}>AllowDownloadedJobsToMatchProxyName</label>
        <select
          id={`${id}-proxy`}
          value={regValue(target.registry.allowDownloadedJobsToMatchProxyName)}
          disabled={busy}
          onChange={(e) => control({ method: 'lab.setRegistry', server, allowDownloadedJobsToMatchProxyName: e.target.value === '' ? null : (Number(e.target.value) as 0 | 1) })}
        >
          <option value="">{t('labFaults.reg.absent', { value: 0 })}</option>
          <option value="0">{t('labFaults.reg.match0')}</option>
          <option value="1">{t('labFaults.reg.match1')}</option>
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={target.trustsMasterCertificate}
          disabled={busy}
          onChange={(e) => control({ method: 'lab.setCertificateTrust', server, trusts: e.target.checked })}
        />
        {t('labFaults.trusts', { master: masterName })}
      </label>
      <form className="lab-stack" onSubmit={submitProxies}>
        <label htmlFor={`${id}-proxies`}>{t('labFaults.proxies')}</label>
        <div className="lab-row">
          <input
            id={`${id}-proxies`}
            className="wide-input"
            value={proxies}
            placeholder={t('labFaults.proxiesNone')}
            aria-describedby={`${id}-proxies-hint`}
            onChange={(e) => setProxies(e.target.value)}
          />
          <button type="submit" disabled={busy || proxyList.join(',') === target.proxies.join(',')}>
            {t('lab.set')}
          </button>
        </div>
        <span id={`${id}-proxies-hint`} className="muted lab-fault-see">
          {t('labFaults.proxiesHint')}
        </span>
      </form>
    </fieldset>
  );
}

/** SQL Server's answer to each call, and what it means (the diagnosis table Manage Target Servers uses). */
function FaultResults({ results }: { results: FaultCallResult[] }) {
  const { t } = useTranslation();
  const seen = new Set<string>();
  return (
    <div className="lab-fault-results" role="status" aria-label={t('labFaults.resultLabel')}>
      {results.map((r, i) => {
        // The target concerned is the server called, unless the call went to the master (permission).
        const d = r.error ? diagnose({ message: r.error.message, number: r.error.number, server: r.server === r.master ? undefined : r.server, master: r.master, login: r.login }) : undefined;
        const first = d && !seen.has(d.id);
        if (d) seen.add(d.id);
        return (
          <div key={i} className="lab-fault-result">
            <code className="lab-fault-call">
              {t('labFaults.ranAs', { server: r.server, login: r.login })} {r.statement}
            </code>
            {r.error ? (
              <p className="error-text">{errorText(t, { number: r.error.number, message: r.error.message })}</p>
            ) : (
              <p className="lab-fault-ok">{[t('labFaults.succeeded'), ...r.messages.map((m) => m.text)].join(' ')}</p>
            )}
            {d && first && (
              <div className="lab-fault-diag">
                <p>
                  <strong>{t('labFaults.cause')}</strong> {t(`health.diag.${d.id}.cause`)}
                </p>
                <p>
                  <strong>{t('labFaults.fix')}</strong> {t(`health.diag.${d.id}.fix`)}
                </p>
                <details>
                  <summary>{t(`health.diag.runsOn.${d.runsOn}`)}</summary>
                  <pre className="lab-fault-script">{d.script}</pre>
                </details>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
