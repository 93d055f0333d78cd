// Job Properties (and New Job), SSMS's way: a page list on the left (General, Steps, Schedules,
// Notifications, Targets), the page on the right, Script / OK / Cancel below. OK validates every
// page first and opens the first page with a problem; the server's refusal is shown in the dialog,
// which stays open with everything the DBA typed. Script shows the whole batch jobs.save would
// run, posts included, without running it.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { JobSaveResult } from '../api/types';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import { useApp, useAppStore, useClient } from '../store';
import { nodeKey } from '../objectExplorer/explorerSlice';
import { emptyJob, firstPageWithIssues, fromDefinition, toInput, validateJob, type JobForm, type JobPage } from './jobForm';
import type { JobRef } from './jobsSlice';
import { GeneralPage } from './pages/GeneralPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { SchedulesPage } from './pages/SchedulesPage';
import { StepsPage } from './pages/StepsPage';
import { TargetsPage } from './pages/TargetsPage';
import { ScriptDialog } from './ScriptDialog';
import { saveToast } from './jobToasts';
import './jobs.css';

const PAGES: readonly JobPage[] = ['general', 'steps', 'schedules', 'notifications', 'targets'];

export interface PageProps {
  connectionId: string;
  form: JobForm;
  onChange: (next: JobForm) => void;
  /** Shown only after OK or Script was pressed once, so a new job does not open full of errors. */
  showIssues: boolean;
  issues: ReturnType<typeof validateJob>;
  /** The job as read (absent for a new job). */
  original: JobForm | undefined;
  meta: { versionNumber?: number; dateCreated?: string | null; dateModified?: string | null; originatingServer?: string | null };
}

export function JobProperties({ connectionId, job, initialPage, onClose }: { connectionId: string; job?: JobRef; initialPage?: JobPage; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const store = useAppStore();
  const id = useId();
  const login = useApp((s) => s.connections.find((c) => c.id === connectionId)?.login ?? '');
  const [page, setPage] = useState<JobPage>(initialPage ?? 'general');
  const [form, setForm] = useState<JobForm | undefined>(job ? undefined : () => emptyJob(login));
  const [original, setOriginal] = useState<JobForm>();
  const [meta, setMeta] = useState<PageProps['meta']>({});
  const [loadError, setLoadError] = useState<string>();
  const [showIssues, setShowIssues] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; messages: string[] }>();
  const [script, setScript] = useState<{ script?: string; loading: boolean; error?: string } | null>(null);
  const pageRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    if (!job) return;
    let live = true;
    client.invoke('jobs.get', { connectionId, jobId: job.jobId }).then(
      (def) => {
        if (!live) return;
        const f = fromDefinition(def);
        setForm(f);
        setOriginal(f);
        setMeta({ versionNumber: def.versionNumber, dateCreated: def.dateCreated, dateModified: def.dateModified, originatingServer: def.originatingServer });
      },
      (err: unknown) => live && setLoadError(errorText(t, toErrorView(err))),
    );
    return () => {
      live = false;
    };
  }, [client, connectionId, job, t]);

  const issues = useMemo(() => (form ? validateJob(form) : undefined), [form]);
  const title = job ? t('jobs.props.title', { job: form?.name || job.jobName }) : t('jobs.props.newTitle');

  /** Validation first: on a problem, its page opens and nothing is sent. */
  const checked = (): JobForm | null => {
    if (!form || !issues) return null;
    setShowIssues(true);
    const bad = firstPageWithIssues(issues);
    if (bad) {
      setPage(bad);
      setError({ text: t('jobs.props.fixFirst', { page: t(`jobs.props.page.${bad}`) }), messages: [] });
      return null;
    }
    return form;
  };

  const showScript = async () => {
    const f = checked();
    if (!f) return;
    setError(undefined);
    setScript({ loading: true });
    try {
      const r = await client.invoke('jobs.save', { connectionId, ...(f.jobId ? { jobId: f.jobId } : {}), job: toInput(f), script: true });
      setScript({ loading: false, script: r.script || t('jobs.props.scriptNothing') });
    } catch (err) {
      setScript({ loading: false, error: errorText(t, toErrorView(err)) });
    }
  };

  const ok = async () => {
    const f = checked();
    if (!f) return;
    setBusy(true);
    setError(undefined);
    let r: JobSaveResult;
    try {
      r = await client.invoke('jobs.save', { connectionId, ...(f.jobId ? { jobId: f.jobId } : {}), job: toInput(f) });
    } catch (err) {
      setError({ text: errorText(t, toErrorView(err)), messages: [] });
      setBusy(false);
      return;
    }
    void store.getState().refreshNode(nodeKey(connectionId, 'server/agent/jobs'));
    if (!r.ok) {
      // The calls stop at the first failure; the form stays as typed, so OK can be pressed again.
      const failed = r.outcomes?.find((o) => !o.ok);
      setError({ text: t('jobs.props.saveFailed'), messages: failed && !failed.ok ? [errorText(t, failed.error)] : [] });
      // A new job that was created before the failure is now an existing one: OK updates it.
      if (r.jobId && !f.jobId) setForm({ ...f, jobId: r.jobId });
      setBusy(false);
      return;
    }
    store.getState().pushToast(saveToast(t(f.jobId ? 'jobs.props.saved' : 'jobs.props.created', { job: f.name.trim() }), r, t));
    onClose();
  };

  const onPagesKey = (e: KeyboardEvent) => {
    const at = PAGES.indexOf(page);
    const to = e.key === 'ArrowDown' ? (at + 1) % PAGES.length : e.key === 'ArrowUp' ? (at - 1 + PAGES.length) % PAGES.length : e.key === 'Home' ? 0 : e.key === 'End' ? PAGES.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    setPage(PAGES[to]!);
    pageRefs.current[PAGES[to]!]?.focus();
  };

  const badPages = new Set(showIssues && issues ? PAGES.filter((p) => Object.values(issues[p]).some(Boolean)) : []);
  const pageProps: PageProps | undefined = form && issues ? { connectionId, form, onChange: setForm, showIssues, issues, original, meta } : undefined;

  return (
    <Dialog
      title={title}
      onClose={onClose}
      className="dialog-job"
      footer={
        <>
          {error && (
            <div className="error-text foot-error" role="alert">
              <p>{error.text}</p>
              {error.messages.map((m) => (
                <p key={m} className="sql-message">
                  {m}
                </p>
              ))}
            </div>
          )}
          <button type="button" onClick={() => void showScript()} disabled={!form || busy}>
            {t('jobs.props.script')}
          </button>
          <button type="button" className="primary" onClick={() => void ok()} disabled={!form || busy}>
            {busy ? t('common.working') : t('common.ok')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <div className="job-props">
        <nav className="job-pages" aria-label={t('jobs.props.pages')}>
          <h3 className="job-pages-head">{t('jobs.props.pages')}</h3>
          <div role="tablist" aria-orientation="vertical" aria-label={t('jobs.props.pages')} onKeyDown={onPagesKey}>
            {PAGES.map((p) => (
              <button
                key={p}
                ref={(el) => {
                  pageRefs.current[p] = el;
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${p}`}
                aria-selected={p === page}
                aria-controls={`${id}-panel`}
                tabIndex={p === page ? 0 : -1}
                className={`job-page-tab${badPages.has(p) ? ' has-issues' : ''}`}
                onClick={() => setPage(p)}
              >
                {t(`jobs.props.page.${p}`)}
                {badPages.has(p) && (
                  <span className="mark-bad page-issue" aria-hidden="true">
                    !
                  </span>
                )}
              </button>
            ))}
          </div>
        </nav>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${page}`} className="job-page">
          {loadError ? (
            <p className="error-banner" role="alert">
              {t('jobs.props.loadFailed')}: {loadError}
            </p>
          ) : !pageProps ? (
            <p className="muted">{t('common.loading')}</p>
          ) : page === 'general' ? (
            <GeneralPage {...pageProps} />
          ) : page === 'steps' ? (
            <StepsPage {...pageProps} />
          ) : page === 'schedules' ? (
            <SchedulesPage {...pageProps} />
          ) : page === 'notifications' ? (
            <NotificationsPage {...pageProps} />
          ) : (
            <TargetsPage {...pageProps} />
          )}
        </div>
      </div>
      {script && <ScriptDialog title={t('jobs.props.scriptTitle', { job: form?.name || t('jobs.props.newTitle') })} state={script} onClose={() => setScript(null)} />}
    </Dialog>
  );
}
