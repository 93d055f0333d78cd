// The selected target's problems, explained where they are seen: what is wrong (a Blocked
// target's failing instruction and SQL Server's error text), since when, the likely cause and
// the fix, with Resync Target one click away and the fix as a script.
import { useTranslation } from 'react-i18next';
import type { TargetRow } from '../api/types';
import { useFormat } from '../i18n/format';
import { ScriptBox } from '../kit/ScriptBox';
import { AgentRegistryDetails, registryEvidence, useAgentRegistry } from './AgentRegistryDetails';
import { clockSkewMs, type Health } from './health';
import { diagnose } from './diagnosis';
import type { PendingInfo } from './pending';

interface Props {
  connectionId: string;
  row: TargetRow;
  health: Health;
  pending: PendingInfo;
  masterName: string;
  login?: string;
  /** Master clock now (ms), when known. */
  masterNow: number | null;
  masterVersion?: string;
  version?: string;
  canResync: boolean;
  resyncReason?: string;
  onResync: () => void;
}

export function ProblemDetails({ connectionId, row, health, pending, masterName, login, masterNow, masterVersion, version, canResync, resyncReason, onResync }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const key = row.serverName.toUpperCase();
  const problems = health.byServer.get(key) ?? new Set<string>();
  const server = row.serverName;
  const last = Date.parse(row.lastPollDate);
  const ago = masterNow === null ? '' : fmt.ago(Math.max(0, masterNow - last));
  const failed = pending.failed?.get(key);
  const diagnosis = failed ? diagnose({ message: failed.error, server, master: masterName, login }) : undefined;
  const skew = clockSkewMs(row, health.masterZoneMinutes);
  const oldest = pending.oldestUnread.get(key);
  const registry = useAgentRegistry(connectionId, server);
  // The registry value the diagnosis is about, read on the target: the evidence beside the cause.
  const evidence = registryEvidence(t, registry.state, diagnosis?.id);
  // A target that does not poll, whose Agent validates the master's certificate: the encrypted
  // channel is one of the things to check (its failures show only in the target's Agent log).
  const validates = registry.state.kind === 'read' && registry.state.value.effective?.msxEncryptChannelOptions === 2;
  const notPolling = problems.has('offline') || problems.has('overdue');

  return (
    // Shown for the one selected target: its problems (none for a healthy one), then its Agent registry.
    <section className="problem-details" aria-label={problems.size ? t('health.details.label') : t('health.details.targetLabel')} data-server={server}>
      {problems.has('blocked') && (
        <div className="problem tone-bad">
          <div className="problem-head">
            <p>
              {failed
                ? t('health.details.blocked', { server, instance: fmt.number(failed.instanceId), operation: failed.operation, error: failed.error })
                : t('health.details.blockedNoError', { server })}
            </p>
            {/* The fix one click away, beside the problem it fixes. */}
            <button type="button" className="primary" onClick={onResync} disabled={!canResync} title={resyncReason ?? t('health.details.resyncHint')}>
              {t('health.details.resync')}
            </button>
          </div>
          {diagnosis && (
            <dl className="diagnosis">
              <dt>{t('health.details.cause')}</dt>
              <dd>{t(`health.diag.${diagnosis.id}.cause`)}</dd>
              {evidence && (
                <>
                  <dt>{t('health.registry.onTarget', { server })}</dt>
                  <dd className="registry-evidence">{evidence}</dd>
                </>
              )}
              <dt>{t('health.details.fix')}</dt>
              <dd>
                {t(`health.diag.${diagnosis.id}.fix`)} <span className="muted">({t(`health.diag.runsOn.${diagnosis.runsOn}`)})</span>
              </dd>
            </dl>
          )}
          {diagnosis && <ScriptBox script={diagnosis.script} label={t('health.details.fix')} />}
        </div>
      )}
      {problems.has('offline') && (
        <p className="problem tone-warn">{t('health.details.offline', { server, since: fmt.dateTime(row.lastPollDate), ago, master: masterName })}</p>
      )}
      {problems.has('overdue') && (
        <p className="problem tone-warn">{t('health.details.overdue', { server, since: fmt.dateTime(row.lastPollDate), ago, interval: fmt.number(row.pollInterval) })}</p>
      )}
      {notPolling && validates && <p className="problem">{t('health.registry.unreachedEncryption', { server, master: masterName })}</p>}
      {problems.has('unread') && oldest !== undefined && (
        <p className="problem">{t('health.details.unread', { server, count: row.unreadInstructions, since: fmt.dateTime(oldest) })}</p>
      )}
      {problems.has('skewed') && skew !== null && (
        <p className="problem">{t('health.details.skewed', { server, skew: `${skew > 0 ? '+' : '−'}${fmt.number(Math.round(Math.abs(skew) / 1000))} s` })}</p>
      )}
      {problems.has('oldVersion') && version && masterVersion && <p className="problem">{t('health.details.oldVersion', { server, version, master: masterVersion })}</p>}
      <AgentRegistryDetails server={server} diagnosis={diagnosis?.id} registry={registry} />
    </section>
  );
}
