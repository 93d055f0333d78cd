// "Are you sure?" with what will run: the body names the objects, the script shows the T-SQL,
// and the confirm button reports progress and failure without closing on an error.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { ScriptBox } from './ScriptBox';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  script?: { script: string | undefined; loading: boolean; error: string | undefined };
  onConfirm: () => Promise<void>;
  onClose: () => void;
  returnFocus?: () => Element | null | undefined;
}

export function ConfirmDialog({ title, children, confirmLabel, danger, script, onConfirm, onClose, returnFocus }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      returnFocus={returnFocus}
      role="alertdialog"
      className="dialog-medium"
      footer={
        <>
          {error && (
            <p className="error-text foot-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={() => void confirm()}>
            {busy ? t('common.working') : confirmLabel}
          </button>
          <button type="button" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {children}
      {script && (
        <details className="script-details" open>
          <summary>{t('script.heading')}</summary>
          <ScriptBox script={script.script} loading={script.loading} error={script.error} />
        </details>
      )}
    </Dialog>
  );
}
