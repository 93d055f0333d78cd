// A modal dialog on the native <dialog> (showModal): the browser makes the rest of the page
// inert, keeps it in the top layer and sends Esc as `cancel`, which becomes onClose. Focus goes
// to the first field (or `autoFocus`), and back to where it came from when the dialog closes.
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { focusableIn, restoreFocus } from './focus';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons, right-aligned under the content. */
  footer?: ReactNode;
  /** Extra class for sizing: 'dialog-wide' and so on. */
  className?: string;
  /** Where focus goes when the dialog closes, when the element that opened it is gone (a menu item). */
  returnFocus?: () => Element | null | undefined;
  /** Extra description read after the title. */
  describedBy?: string;
  role?: 'dialog' | 'alertdialog';
}

export function Dialog({ title, onClose, children, footer, className, returnFocus, describedBy, role }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useTranslation();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const returnFocusRef = useRef(returnFocus);
  returnFocusRef.current = returnFocus;

  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[autofocus],[data-autofocus]') ?? focusableIn(dialog.querySelector('.dialog-body') ?? dialog)[0];
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // After the dialog has left the top layer, so the page behind it is focusable again.
      if (!restoreFocus(opener)) restoreFocus(returnFocusRef.current?.());
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      onCancel={(e) => {
        // Esc: the owner decides (it unmounts the dialog), so the browser must not close it by itself.
        e.preventDefault();
        onCloseRef.current();
      }}
    >
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={() => onCloseRef.current()}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-foot">{footer}</footer>}
    </dialog>
  );
}
