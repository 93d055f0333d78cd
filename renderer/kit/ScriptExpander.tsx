// "Script" under a dialog's fields: closed at first, it shows the T-SQL the dialog would run.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ScriptExpander({ open, onToggle, children }: { open: boolean; onToggle: (open: boolean) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="expander">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={`${id}-script`} onClick={() => onToggle(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'} </span>
        {t('script.heading')}
      </button>
      <div id={`${id}-script`} hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
