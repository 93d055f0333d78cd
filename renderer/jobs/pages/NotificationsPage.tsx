// Notifications: E-mail / Page an operator, write to the Windows Application event log, delete
// the job automatically, each "when" the job succeeds, fails or completes. A multiserver job runs
// on its targets, and a target knows only MSXOperator (spec §2.6): the page says so and offers it
// alone, and a job that names another operator is marked here before OK sends anything.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobOperator } from '../../api/types';
import { useClient } from '../../store';
import { MSX_OPERATOR, type NotifyForm, type NotifyLevel } from '../jobForm';
import type { PageProps } from '../JobProperties';

const LEVELS: readonly NotifyLevel[] = [1, 2, 3];

export function NotificationsPage({ connectionId, form, onChange, showIssues, issues }: PageProps) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const [operators, setOperators] = useState<JobOperator[]>();
  useEffect(() => {
    client.invoke('jobs.operators', { connectionId }).then(setOperators, () => setOperators([]));
  }, [client, connectionId]);
  const multi = form.targets.kind === 'multiserver';
  const n = form.notify;
  const set = (patch: Partial<NotifyForm>) => onChange({ ...form, notify: { ...n, ...patch } });

  const level = (key: 'emailLevel' | 'pageLevel' | 'eventlogLevel' | 'deleteLevel', label: string) => (
    <select aria-label={`${label}: ${t('jobs.notify.when')}`} value={n[key] || 2} disabled={n[key] === 0} onChange={(e) => set({ [key]: Number(e.target.value) as NotifyLevel })}>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {t(`jobs.notify.level.${l as 1 | 2 | 3}`)}
        </option>
      ))}
    </select>
  );

  const operatorRow = (kind: 'email' | 'page') => {
    const levelKey = kind === 'email' ? 'emailLevel' : 'pageLevel';
    const opKey = kind === 'email' ? 'emailOperator' : 'pageOperator';
    const label = t(`jobs.notify.${kind}`);
    const issue = showIssues ? issues.notifications[opKey] : undefined;
    const names = [...new Set([...(operators ?? []).map((o) => o.name), ...(n[opKey] ? [n[opKey]] : [])])];
    return (
      <div className="notify-row">
        <label className="check">
          <input
            type="checkbox"
            checked={n[levelKey] !== 0}
            onChange={(e) => set({ [levelKey]: e.target.checked ? 2 : 0, ...(e.target.checked && multi && !n[opKey] ? { [opKey]: MSX_OPERATOR } : {}) })}
          />
          {label}
        </label>
        <div>
          <select
            aria-label={`${label}: ${t('jobs.notify.operator')}`}
            value={n[opKey]}
            disabled={n[levelKey] === 0}
            onChange={(e) => set({ [opKey]: e.target.value })}
            aria-invalid={!!issue}
            aria-describedby={issue ? `${id}-${kind}-err` : multi ? `${id}-msx` : undefined}
          >
            <option value="">{t('jobs.notify.chooseOperator')}</option>
            {names.map((name) => (
              <option key={name} value={name} disabled={multi && name !== MSX_OPERATOR}>
                {name}
              </option>
            ))}
          </select>
          {issue && (
            <p id={`${id}-${kind}-err`} className="field-error">
              {t(`jobs.props.issue.${issue}`)}
            </p>
          )}
        </div>
        {level(levelKey, label)}
      </div>
    );
  };

  return (
    <div className="form job-form">
      <p>{t('jobs.notify.intro')}</p>
      {multi && (
        <p id={`${id}-msx`} className="info-note" role="note">
          {t('jobs.notify.msxOnly')}
        </p>
      )}
      <div className="notify-grid">
        {operatorRow('email')}
        {operatorRow('page')}
        <div className="notify-row">
          <label className="check wide">
            <input type="checkbox" checked={n.eventlogLevel !== 0} onChange={(e) => set({ eventlogLevel: e.target.checked ? 2 : 0 })} />
            {t('jobs.notify.eventlog')}
          </label>
          {level('eventlogLevel', t('jobs.notify.eventlog'))}
        </div>
        <div className="notify-row">
          <label className="check wide">
            <input type="checkbox" checked={n.deleteLevel !== 0} onChange={(e) => set({ deleteLevel: e.target.checked ? 1 : 0 })} />
            {t('jobs.notify.autoDelete')}
          </label>
          {level('deleteLevel', t('jobs.notify.autoDelete'))}
        </div>
      </div>
    </div>
  );
}
