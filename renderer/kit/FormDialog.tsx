// A dialog whose body is one form, as SSMS's property dialogs are: OK submits it (Enter in a field
// too), Cancel closes it. Problems are said beside their fields only once OK was pressed, and the
// first field with one gets focus; OK never drops what was typed.
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface Props<F extends string> {
  title: string;
  onClose: () => void;
  className?: string;
  /** The form's own class ('form' and the feature's). */
  formClassName?: string;
  /** The form's problems by field (empty when it can be saved). */
  issues: Partial<Record<F, string>>;
  /** Called by OK when there is no problem. */
  onOk: () => void;
  /** The fields, given what to spread on each and where its problem goes. */
  children: (field: FieldIssues<F>) => ReactNode;
}

export interface FieldIssues<F extends string> {
  /** The dialog's id prefix, for the fields' own ids. */
  id: string;
  /** A field's problem once OK was pressed, or undefined. */
  shown: (field: F) => string | undefined;
  /** aria-invalid and aria-describedby for the field's control. */
  invalid: (field: F) => { 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  /** The problem's text under the field (what `text` makes of it), or nothing. */
  error: (field: F, text: (issue: string) => string) => ReactNode;
}

export function FormDialog<F extends string>({ title, onClose, className, formClassName = 'form', issues, onOk, children }: Props<F>) {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [showIssues, setShowIssues] = useState(false);
  const shown = (field: F) => (showIssues ? issues[field] : undefined);
  const field: FieldIssues<F> = {
    id,
    shown,
    invalid: (f) => ({ 'aria-invalid': !!shown(f), 'aria-describedby': shown(f) ? `${id}-${f}-err` : undefined }),
    error: (f, text) => {
      const issue = shown(f);
      return issue ? (
        <p id={`${id}-${f}-err`} className="field-error">
          {text(issue)}
        </p>
      ) : null;
    },
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      className={className}
      footer={
        <>
          <button type="submit" form={`${id}-form`} className="primary">
            {t('common.ok')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form
        ref={formRef}
        id={`${id}-form`}
        className={formClassName}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setShowIssues(true);
          if (Object.keys(issues).length) {
            // After the render that marks the fields invalid.
            requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
            return;
          }
          onOk();
        }}
      >
        {children(field)}
      </form>
    </Dialog>
  );
}
