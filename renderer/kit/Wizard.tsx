// A wizard in SSMS's style: the pages listed on the left (the current one marked), the page's
// title above its fields, and < Back, Next >, Finish, Cancel with a Script button at the foot.
// A page that is not complete says why under its fields and keeps Next and Finish disabled; the
// pages after it cannot be reached. Finish runs the work and the wizard moves to its progress
// page, where each action is a line with its outcome, and Cancel becomes Close.
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { focusableIn } from './focus';
import { ScriptBox } from './ScriptBox';
import './wizard.css';

export interface WizardPage {
  id: string;
  /** The page's title, in the list on the left and above its fields. */
  title: string;
  /** One line under the title saying what the page is for. */
  description?: string;
  content: ReactNode;
  /** Why the page is not complete yet (shown under it; Next and Finish wait). */
  problem?: string;
}

export interface WizardScript {
  script: string | undefined;
  loading: boolean;
  error: string | undefined;
}

export interface WizardProps {
  title: string;
  pages: WizardPage[];
  /** The progress page's title (SSMS: "Progress" / "Complete"). */
  progressTitle: string;
  /** The progress page's content once Finish was pressed. */
  progress: ReactNode;
  /** Runs the work; the wizard is on its progress page while it runs. */
  onFinish: () => Promise<void>;
  /** The T-SQL Finish would run, for the Script button; undefined hides the button. */
  script?: WizardScript;
  /** Asks for the script when the Script pane opens. */
  onScriptOpen?: () => void;
  onClose: () => void;
  returnFocus?: () => Element | null | undefined;
}

export function Wizard({ title, pages, progressTitle, progress, onFinish, script, onScriptOpen, onClose, returnFocus }: WizardProps) {
  const { t } = useTranslation();
  const id = useId();
  const [at, setAt] = useState(0);
  const [phase, setPhase] = useState<'pages' | 'running' | 'done'>('pages');
  const [showScript, setShowScript] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);

  const firstIncomplete = pages.findIndex((p) => p.problem);
  const reachable = (i: number) => firstIncomplete < 0 || i <= firstIncomplete;
  const page = pages[at];
  const last = at === pages.length - 1;
  const complete = firstIncomplete < 0;
  const onProgress = phase !== 'pages';

  // A new page (the first one included): focus its first field, as a keyboard user expects on
  // opening and after Next or Back. Runs after Dialog's own first-field focus (a parent's layout
  // effect runs after its child's), which would otherwise land on the page list.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body) (focusableIn(body)[0] ?? body.querySelector<HTMLElement>('h3'))?.focus();
  }, [at, phase]);

  const go = (i: number) => {
    if (i >= 0 && i < pages.length && reachable(i)) setAt(i);
  };

  const finish = async () => {
    setShowScript(false);
    setPhase('running');
    try {
      await onFinish();
    } finally {
      setPhase('done');
    }
  };

  const toggleScript = () => {
    if (!showScript) onScriptOpen?.();
    setShowScript(!showScript);
  };

  return (
    <Dialog
      title={title}
      onClose={() => phase !== 'running' && onClose()}
      returnFocus={returnFocus}
      className="dialog-wizard"
      footer={
        <>
          {script && !onProgress && (
            <button type="button" className="wizard-script" aria-expanded={showScript} aria-controls={`${id}-script`} onClick={toggleScript}>
              {t('script.button')}
            </button>
          )}
          <span className="wizard-foot-gap" />
          <button type="button" disabled={onProgress || at === 0} onClick={() => go(at - 1)}>
            {t('life.wizard.back')}
          </button>
          <button type="button" disabled={onProgress || last || !!page.problem} onClick={() => go(at + 1)} className={!last && !onProgress ? 'primary' : undefined}>
            {t('life.wizard.next')}
          </button>
          <button type="button" disabled={onProgress || !complete} onClick={() => void finish()} className={last && !onProgress ? 'primary' : undefined}>
            {t('life.wizard.finish')}
          </button>
          <button type="button" disabled={phase === 'running'} onClick={onClose}>
            {phase === 'done' ? t('common.close') : t('common.cancel')}
          </button>
        </>
      }
    >
      <div className="wizard">
        <nav className="wizard-steps" aria-label={t('life.wizard.pages')}>
          <ol>
            {pages.map((p, i) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="wizard-step"
                  aria-current={!onProgress && i === at ? 'step' : undefined}
                  disabled={onProgress || !reachable(i)}
                  onClick={() => go(i)}
                >
                  {p.title}
                </button>
              </li>
            ))}
            <li>
              <span className="wizard-step" aria-current={onProgress ? 'step' : undefined} aria-disabled={!onProgress}>
                {progressTitle}
              </span>
            </li>
          </ol>
        </nav>
        <div className="wizard-page" ref={bodyRef}>
          <h3 tabIndex={-1}>{onProgress ? progressTitle : page.title}</h3>
          {!onProgress && page.description && <p className="muted wizard-description">{page.description}</p>}
          <form
            className="wizard-fields"
            onSubmit={(e) => {
              // Enter in a field moves on, as the default button of a wizard page does.
              e.preventDefault();
              if (onProgress || page.problem) return;
              if (last) {
                if (complete) void finish();
              } else go(at + 1);
            }}
          >
            {onProgress ? progress : page.content}
            <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
          </form>
          {!onProgress && page.problem && (
            <p className="field-error wizard-problem" role="status">
              {page.problem}
            </p>
          )}
          {script && showScript && !onProgress && (
            <div id={`${id}-script`} className="wizard-script-pane">
              <ScriptBox script={script.script} loading={script.loading} error={script.error} />
            </div>
          )}
        </div>
      </div>
    </Dialog>
  );
}

export type StepState = 'pending' | 'running' | 'success' | 'error' | 'warning';

export interface ProgressStep {
  key: string;
  action: string;
  state: StepState;
  /** SQL Server's message(s), or why the step did not run. */
  message?: string;
}

/** SSMS's progress list: each action, its status, its message. */
export function ProgressList({ steps, label }: { steps: ProgressStep[]; label: string }) {
  const { t } = useTranslation();
  const done = steps.length > 0 && steps.every((s) => s.state !== 'pending' && s.state !== 'running');
  const failed = steps.filter((s) => s.state === 'error').length;
  return (
    <div className="progress-list">
      <p className={`progress-summary ${failed ? 'tone-bad' : done ? 'tone-ok' : ''}`} role="status">
        {!done ? t('life.wizard.running') : failed ? t('life.wizard.failed', { count: failed }) : t('life.wizard.succeeded')}
      </p>
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('life.wizard.col.action')}</th>
            <th scope="col">{t('life.wizard.col.status')}</th>
            <th scope="col">{t('life.wizard.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.key} className={`step-${s.state}`}>
              <td>{s.action}</td>
              <td className="step-state">
                <span aria-hidden="true">{s.state === 'success' ? '✓ ' : s.state === 'error' ? '✕ ' : s.state === 'warning' ? '⚠ ' : s.state === 'running' ? '… ' : ''}</span>
                {t(`life.wizard.state.${s.state}`)}
              </td>
              <td className="step-message">{s.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
