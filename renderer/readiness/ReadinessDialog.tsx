// Upgrade Readiness of a master (seed 004, spec §7): the master's version and every target's,
// which targets block upgrading the master, which are outside the supported window, each rule's
// verdict with its source named, and what to do. Its Runbook tab is seed 004's corrective action.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import { Tabs } from '../kit/Tabs';
import { useApp, useClient } from '../store';
import { headline, majorName, ruleView, serverVerdicts, upgradeChoices, versionText, type Readiness } from './readinessText';
import { RunbookPanel } from './RunbookPanel';
import './readiness.css';

const VERDICT_MARK = { pass: '✓', fail: '✕', warn: '⚠', unknown: '?' } as const;

export function ReadinessDialog({ connectionId, onClose, returnFocus }: { connectionId: string; onClose: () => void; returnFocus?: () => Element | null | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const server = useApp((s) => s.connections.find((c) => c.id === connectionId)?.server ?? connectionId);
  const [tab, setTab] = useState<'readiness' | 'runbook'>('readiness');
  const [upgradeTo, setUpgradeTo] = useState<number | null>(null);
  const [readiness, setReadiness] = useState<Readiness>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setReadiness(await client.invoke('upgrade.readiness', upgradeTo === null ? { connectionId } : { connectionId, upgradeTo }));
      setError(undefined);
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
    } finally {
      setLoading(false);
    }
  }, [client, connectionId, upgradeTo, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const head = readiness ? headline(readiness, t) : undefined;
  const choices = upgradeChoices(readiness?.master.major ?? null);

  return (
    <Dialog
      title={t('life.readiness.title', { server })}
      onClose={onClose}
      returnFocus={returnFocus}
      className="dialog-readiness"
      footer={
        <>
          {tab === 'readiness' && (
            <button type="button" onClick={() => void load()} disabled={loading}>
              {t('explorer.refresh')}
            </button>
          )}
          <span className="wizard-foot-gap" />
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      <Tabs
        label={t('life.readiness.title', { server })}
        selected={tab}
        onSelect={(x) => setTab(x as 'readiness' | 'runbook')}
        tabs={[
          { id: 'readiness', label: t('life.readiness.tab') },
          { id: 'runbook', label: t('life.runbook.tab') },
        ]}
      >
        {tab === 'readiness' ? (
          <div className="readiness">
            {error && (
              <p className="error-text" role="alert">
                {error}
              </p>
            )}
            {readiness && (
              <>
                <div className="form-row">
                  <label htmlFor={`${id}-to`}>{t('life.readiness.upgradeTo', { master: readiness.master.server })}</label>
                  <select id={`${id}-to`} value={upgradeTo ?? ''} onChange={(e) => setUpgradeTo(e.target.value ? Number(e.target.value) : null)}>
                    <option value="">{t('life.readiness.currentVersion', { version: readiness.master.display ?? '' })}</option>
                    {choices.map((m) => (
                      <option key={m} value={m}>
                        {majorName(m)}
                      </option>
                    ))}
                  </select>
                </div>
                {head && (
                  <p className={`readiness-headline tone-${head.tone}`} role="status">
                    {head.text}
                  </p>
                )}
                <table className="life-table" aria-label={t('life.readiness.serversLabel')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('life.readiness.col.server')}</th>
                      <th scope="col">{t('life.readiness.col.role')}</th>
                      <th scope="col">{t('life.readiness.col.version')}</th>
                      <th scope="col">{t('life.readiness.col.verdict')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">{readiness.master.server}</th>
                      <td>{t('life.readiness.role.master')}</td>
                      <td>{readiness.master.display}</td>
                      <td>{readiness.upgradeTo === null ? '' : t('life.readiness.verdict.masterTo', { version: majorName(readiness.upgradeTo) })}</td>
                    </tr>
                    {readiness.targets.map((v) => {
                      const verdicts = serverVerdicts(readiness, v.server);
                      const bad = verdicts.some((x) => x === 'upgradeFirst' || x === 'outsideWindow');
                      return (
                        <tr key={v.server} className={bad ? 'row-bad' : undefined}>
                          <th scope="row">{v.server}</th>
                          <td>{t('life.readiness.role.target')}</td>
                          <td className={v.display ? undefined : 'muted'}>{versionText(v, t)}</td>
                          <td className={bad ? 'tone-bad' : verdicts.includes('ok') ? 'tone-ok' : 'tone-warn'}>
                            {verdicts.map((x) => t(`life.readiness.verdict.${x}`, { master: readiness.master.server })).join(' · ')}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <h3>{t('life.readiness.rules')}</h3>
                <ul className="rules">
                  {readiness.rules.map((r) => {
                    const v = ruleView(r, readiness, t);
                    return (
                      <li key={r.id} className={`rule verdict-${v.verdict}`}>
                        <p className="rule-title">
                          <span className="rule-mark" aria-hidden="true">
                            {VERDICT_MARK[v.verdict]}
                          </span>
                          <strong>{v.title}</strong> <span className="rule-verdict">({t(`life.readiness.verdictName.${v.verdict}`)})</span>
                        </p>
                        <p>{v.finding}</p>
                        {v.action && (
                          <p className="rule-action">
                            <strong>{t('life.readiness.whatToDo')}</strong> {v.action}
                          </p>
                        )}
                        <p className="rule-source muted">
                          {t('life.readiness.sourceLabel')} {v.source} — <q>{v.quote}</q>
                        </p>
                      </li>
                    );
                  })}
                </ul>
                {readiness.upgradeFirst.length > 0 && (
                  <p>
                    <button type="button" className="link-button" onClick={() => setTab('runbook')}>
                      {t('life.readiness.openRunbook')}
                    </button>
                  </p>
                )}
              </>
            )}
            {!readiness && !error && <p className="muted">{t('common.loading')}</p>}
          </div>
        ) : (
          <RunbookPanel connectionId={connectionId} master={server} />
        )}
      </Tabs>
    </Dialog>
  );
}
