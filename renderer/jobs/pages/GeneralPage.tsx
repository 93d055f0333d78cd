// General: Name, Owner, Category, Description, Enabled; and, for an existing job, where it comes
// from, when it was created and last modified, and its version on the master.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobCategory } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useClient } from '../../store';
import type { PageProps } from '../JobProperties';

export function GeneralPage({ connectionId, form, onChange, showIssues, issues, meta }: PageProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useClient();
  const id = useId();
  const [categories, setCategories] = useState<JobCategory[]>();
  useEffect(() => {
    client.invoke('jobs.categories', { connectionId }).then(setCategories, () => setCategories([]));
  }, [client, connectionId]);
  const names = [...new Set([...(categories ?? []).map((c) => c.name), ...(form.category ? [form.category] : [])])];
  const nameIssue = showIssues ? issues.general.name : undefined;
  const ownerIssue = showIssues ? issues.general.owner : undefined;
  return (
    <div className="form job-form">
      <div className="form-row">
        <label htmlFor={`${id}-name`}>{t('jobs.general.name')}</label>
        <div>
          <input
            id={`${id}-name`}
            value={form.name}
            maxLength={200}
            onChange={(e) => onChange({ ...form, name: e.target.value })}
            aria-invalid={!!nameIssue}
            aria-describedby={nameIssue ? `${id}-name-err` : undefined}
            data-autofocus
          />
          {nameIssue && (
            <p id={`${id}-name-err`} className="field-error">
              {t(`jobs.props.issue.${nameIssue}`)}
            </p>
          )}
        </div>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-owner`}>{t('jobs.general.owner')}</label>
        <div>
          <input
            id={`${id}-owner`}
            value={form.owner}
            onChange={(e) => onChange({ ...form, owner: e.target.value })}
            aria-invalid={!!ownerIssue}
            aria-describedby={ownerIssue ? `${id}-owner-err` : undefined}
          />
          {ownerIssue && (
            <p id={`${id}-owner-err`} className="field-error">
              {t(`jobs.props.issue.${ownerIssue}`)}
            </p>
          )}
        </div>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-cat`}>{t('jobs.general.category')}</label>
        <select id={`${id}-cat`} value={form.category} onChange={(e) => onChange({ ...form, category: e.target.value })}>
          {!form.category && <option value="" />}
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-desc`}>{t('jobs.general.description')}</label>
        <textarea id={`${id}-desc`} rows={5} maxLength={512} value={form.description} onChange={(e) => onChange({ ...form, description: e.target.value })} />
      </div>
      <div className="form-row">
        <span />
        <label className="check">
          <input type="checkbox" checked={form.enabled} onChange={(e) => onChange({ ...form, enabled: e.target.checked })} />
          {t('jobs.general.enabled')}
        </label>
      </div>
      {form.jobId && (
        <dl className="job-meta">
          <dt>{t('jobs.general.source')}</dt>
          <dd>{meta.originatingServer ?? '—'}</dd>
          <dt>{t('jobs.general.created')}</dt>
          <dd>{meta.dateCreated ? fmt.dateTime(meta.dateCreated) : '—'}</dd>
          <dt>{t('jobs.general.lastModified')}</dt>
          <dd>{meta.dateModified ? fmt.dateTime(meta.dateModified) : '—'}</dd>
          <dt>{t('jobs.general.version')}</dt>
          <dd>{meta.versionNumber === undefined ? '—' : t('jobs.general.versionValue', { version: meta.versionNumber })}</dd>
        </dl>
      )}
    </div>
  );
}
