// A script shown before (or instead of) running it: the T-SQL, selectable, with Copy.
import { useTranslation } from 'react-i18next';
import { Dialog } from '../kit/Dialog';
import { ScriptBox } from '../kit/ScriptBox';

export interface ScriptState {
  script?: string;
  loading: boolean;
  error?: string;
}

export function ScriptDialog({ title, state, onClose, returnFocus }: { title: string; state: ScriptState; onClose: () => void; returnFocus?: () => Element | null }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      returnFocus={returnFocus}
      className="dialog-script"
      footer={
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <ScriptBox script={state.script} loading={state.loading} error={state.error} />
    </Dialog>
  );
}
