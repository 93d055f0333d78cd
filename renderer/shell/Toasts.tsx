// Toasts in two live regions: results are polite (role status), failures assertive (role alert).
// Successes fade after a few seconds unless hovered or focused; warnings and errors stay until closed.
// They sit at the foot of Object Explorer (styles.css says why); a short result fades quickly.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../store';
import type { Toast } from '../store/uiSlice';

/** Long enough to read a one-line result; a toast with more to read (messages, lines) stays longer. */
const FADE_MS = 4000;
const FADE_LONG_MS = 8000;

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const [paused, setPaused] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (paused || toast.kind === 'error' || toast.kind === 'warning') return;
    const long = (toast.messages?.length ?? 0) + (toast.lines?.length ?? 0) > 0;
    const timer = setTimeout(() => store.getState().dismissToast(toast.id), long ? FADE_LONG_MS : FADE_MS);
    return () => clearTimeout(timer);
  }, [paused, toast, store]);
  return (
    <div
      ref={ref}
      className={`toast toast-${toast.kind}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast-head">
        <strong>{toast.title}</strong>
        <button type="button" className="icon-button" aria-label={t('toast.dismiss')} title={t('toast.dismiss')} onClick={() => store.getState().dismissToast(toast.id)}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {toast.messages?.map((m, i) => (
        <p key={i} className="sql-message">
          {m}
        </p>
      ))}
      {toast.lines && (
        <ul className="toast-lines">
          {toast.lines.map((l, i) => (
            <li key={i} className={l.tone ? `tone-${l.tone}` : undefined}>
              {l.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useApp((s) => s.toasts);
  return (
    <section className="toasts" aria-label={t('toast.region')}>
      <div role="status" aria-live="polite" className="toast-stack">
        {toasts
          .filter((x) => x.kind !== 'error')
          .map((x) => (
            <ToastItem key={x.id} toast={x} />
          ))}
      </div>
      <div role="alert" className="toast-stack">
        {toasts
          .filter((x) => x.kind === 'error')
          .map((x) => (
            <ToastItem key={x.id} toast={x} />
          ))}
      </div>
    </section>
  );
}
