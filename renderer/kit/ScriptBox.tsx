// T-SQL as SSMS's Script button shows it: monospace, selectable, with a Copy button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ScriptBox({ script, loading, error, label }: { script: string | undefined; loading?: boolean; error?: string; label?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!script) return;
    try {
      await navigator.clipboard.writeText(script);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // No clipboard permission: the text stays selectable for Ctrl+C.
      setCopied(false);
    }
  };
  return (
    <div className="script-box">
      <pre className="script" aria-label={label ?? t('script.label')} role="region" tabIndex={0} aria-busy={loading || undefined}>
        {error ? <span className="error-text">{error}</span> : loading && !script ? t('common.loading') : script}
      </pre>
      <div className="script-actions">
        <button type="button" onClick={() => void copy()} disabled={!script}>
          {copied ? t('script.copied') : t('script.copy')}
        </button>
        <span className="visually-hidden" role="status">
          {copied ? t('script.copied') : ''}
        </span>
      </div>
    </div>
  );
}
