// The selected target's SQL Server Agent registry values, read on the target's own connection as
// msdb reads them (targets.agentRegistry): which master it believes it is enlisted into, how it
// encrypts the channel to the master, whether downloaded job steps may use a proxy. Each value
// says what it means and whether it is the default; the one a diagnosis points at is marked.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { toErrorView } from '../api/errors';
import type { AgentRegistryWire } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useClient } from '../store';
import type { DiagnosisId } from './diagnosis';

/** Selection moves with the arrow keys: read once the user settles on a row. */
const SETTLE_MS = 250;

type State = { kind: 'reading' } | { kind: 'read'; value: AgentRegistryWire } | { kind: 'failed'; message: string };

/** The value a diagnosis is about, marked in the list. */
function focusOf(diagnosis: DiagnosisId | undefined): 'encrypt' | 'proxy' | 'msx' | undefined {
  if (diagnosis === 'encryption') return 'encrypt';
  if (diagnosis === 'proxyMatching' || diagnosis === 'proxyNotFound') return 'proxy';
  if (diagnosis === 'orphanedTarget' || diagnosis === 'alreadyEnlisted') return 'msx';
  return undefined;
}

const ENCRYPT = ['health.registry.encrypt0', 'health.registry.encrypt1', 'health.registry.encrypt2'] as const;
const PROXY = ['health.registry.proxy0', 'health.registry.proxy1'] as const;

function valueText(t: TFunction, value: number | null, effective: number, meaning: (typeof ENCRYPT)[number] | (typeof PROXY)[number]): string {
  const shown = value === null ? t('health.registry.absent', { value: effective }) : String(value);
  return `${shown} · ${t(meaning)}`;
}

export type AgentRegistryState = State;

/** Reads the target's registry once the selection settles; `again` reads it anew. */
export function useAgentRegistry(connectionId: string, server: string): { state: State; again: () => void } {
  const { t } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'reading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ kind: 'reading' });
    const timer = setTimeout(() => {
      client.invoke('targets.agentRegistry', { connectionId, server }).then(
        (value) => live && setState({ kind: 'read', value }),
        (err: unknown) => live && setState({ kind: 'failed', message: errorText(t, toErrorView(err)) }),
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // t is left out on purpose: a language switch re-renders the texts, it need not read again.
  }, [client, connectionId, server, generation]);

  return { state, again: () => setGeneration((g) => g + 1) };
}

/**
 * The registry value a diagnosis is about, as one line for the diagnosis itself ("On the
 * target: AllowDownloadedJobsToMatchProxyName = absent, default 0 · ..."), once read.
 */
export function registryEvidence(t: TFunction, state: State, diagnosis: DiagnosisId | undefined): string | undefined {
  const focus = focusOf(diagnosis);
  if (state.kind !== 'read' || !state.value.read || !state.value.effective || !focus) return undefined;
  const { read, effective } = state.value;
  if (focus === 'encrypt') return `MsxEncryptChannelOptions = ${valueText(t, read.msxEncryptChannelOptions, effective.msxEncryptChannelOptions, encryptKey(effective.msxEncryptChannelOptions))}`;
  if (focus === 'proxy') return `AllowDownloadedJobsToMatchProxyName = ${valueText(t, read.allowDownloadedJobsToMatchProxyName, effective.allowDownloadedJobsToMatchProxyName, proxyKey(effective.allowDownloadedJobsToMatchProxyName))}`;
  return `MSXServerName = ${read.msxServerName ?? t('health.registry.empty')}`;
}

const encryptKey = (v: number) => ENCRYPT[v === 0 ? 0 : v === 1 ? 1 : 2];
const proxyKey = (v: number) => PROXY[v === 1 ? 1 : 0];

export function AgentRegistryDetails({ server, diagnosis, registry }: { server: string; diagnosis?: DiagnosisId; registry: { state: State; again: () => void } }) {
  const { t } = useTranslation();
  const { state } = registry;
  const focus = focusOf(diagnosis);
  const again = (
    <button type="button" className="link-button" onClick={registry.again} disabled={state.kind === 'reading'}>
      {t('health.registry.readAgain')}
    </button>
  );

  let body;
  if (state.kind === 'reading') {
    body = <p className="muted">{t('health.registry.reading', { server })}</p>;
  } else if (state.kind === 'failed') {
    body = (
      <p className="error-text">
        {state.message} {again}
      </p>
    );
  } else if (state.value.unknown !== null || !state.value.read || !state.value.effective) {
    const v = state.value;
    body = (
      <p className="muted">
        {v.unknown === 'notRegistered' ? t('health.registry.notRegistered', { server }) : t('health.registry.unreachable', { server, reason: v.reason ?? '' })} {again}
      </p>
    );
  } else {
    const { read, effective, findings } = state.value;
    const masterName = read.msxServerName;
    body = (
      <>
        <dl className="registry-values">
          <dt className={focus === 'msx' ? 'focus' : undefined}>MSXServerName</dt>
          <dd className={focus === 'msx' ? 'focus' : undefined}>{masterName ?? <span className="muted">{t('health.registry.empty')}</span>}</dd>
          <dt className={focus === 'encrypt' ? 'focus' : undefined}>MsxEncryptChannelOptions</dt>
          <dd className={focus === 'encrypt' ? 'focus' : undefined}>
            {valueText(t, read.msxEncryptChannelOptions, effective.msxEncryptChannelOptions, encryptKey(effective.msxEncryptChannelOptions))}
          </dd>
          <dt className={focus === 'proxy' ? 'focus' : undefined}>AllowDownloadedJobsToMatchProxyName</dt>
          <dd className={focus === 'proxy' ? 'focus' : undefined}>
            {valueText(t, read.allowDownloadedJobsToMatchProxyName, effective.allowDownloadedJobsToMatchProxyName, proxyKey(effective.allowDownloadedJobsToMatchProxyName))}
          </dd>
        </dl>
        {findings.map((f) => (
          <p key={f} className={f === 'maybeDenied' ? 'muted' : 'problem tone-warn'}>
            {t(`health.registry.finding.${f}`, { server, master: masterName ?? '' })}
          </p>
        ))}
      </>
    );
  }

  return (
    <div className="registry-details" role="group" aria-label={t('health.details.registry')}>
      <h4>
        {t('health.details.registry')} <span className="muted">· {server}</span>
        {state.kind === 'read' && state.value.unknown === null && <> {again}</>}
      </h4>
      {body}
    </div>
  );
}
