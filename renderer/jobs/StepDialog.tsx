// New Job Step / Job Step Properties: Step name, Type, Database, Command (General), and On success
// action, On failure action, Retry attempts, Retry interval (Advanced), as SSMS lays them out.
// Problems are said beside their field once OK was pressed; OK never drops what was typed.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog, type FieldIssues } from '../kit/FormDialog';
import { STEP_ACTIONS, SUBSYSTEMS, validateStep, type StepAction, type StepForm, type StepIssue, type Subsystem } from './jobForm';

interface Props {
  step: StepForm;
  isNew: boolean;
  /** The job's steps (for "Go to step" and the name check). */
  steps: readonly StepForm[];
  onSave: (step: StepForm) => void;
  onClose: () => void;
}

export function StepDialog({ step: initial, isNew, steps, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [step, setStep] = useState(initial);
  const issues = validateStep(step, steps);
  const others = steps.filter((s) => s.key !== step.key);
  const set = (patch: Partial<StepForm>) => setStep((s) => ({ ...s, ...patch }));

  const body = ({ invalid, error }: FieldIssues<keyof StepForm>) => {
    const err = (field: keyof StepForm) => error(field, (issue) => t(`jobs.step.issue.${issue as StepIssue}`));

    const actionRow = (which: 'onSuccess' | 'onFail', label: string) => {
      const actionKey = which === 'onSuccess' ? 'onSuccessAction' : 'onFailAction';
      const stepKey = which === 'onSuccess' ? 'onSuccessStep' : 'onFailStep';
      const action = step[actionKey];
      return (
        <>
          <div className="form-row">
            <label htmlFor={`${id}-${which}`}>{label}</label>
            <select id={`${id}-${which}`} value={action} onChange={(e) => set({ [actionKey]: Number(e.target.value) as StepAction, [stepKey]: null })}>
              {STEP_ACTIONS.map((a) => (
                <option key={a} value={a} disabled={a === 4 && others.length === 0}>
                  {t(`jobs.steps.action.${a}`)}
                </option>
              ))}
            </select>
          </div>
          {action === 4 && (
            <div className="form-row indent">
              <label htmlFor={`${id}-${which}-step`}>{t('jobs.step.goToStep')}</label>
              <div>
                <select id={`${id}-${which}-step`} value={step[stepKey] ?? ''} onChange={(e) => set({ [stepKey]: e.target.value || null })} {...invalid(stepKey)}>
                  <option value="">{t('jobs.step.chooseStep')}</option>
                  {others.map((s) => (
                    <option key={s.key} value={s.key}>
                      {`${steps.indexOf(s) + 1}: ${s.name}`}
                    </option>
                  ))}
                </select>
                {err(stepKey)}
              </div>
            </div>
          )}
        </>
      );
    };

    return (
      <>
        <fieldset className="job-fieldset">
          <legend>{t('jobs.step.general')}</legend>
          <div className="form-row">
            <label htmlFor={`${id}-name`}>{t('jobs.step.name')}</label>
            <div>
              <input id={`${id}-name`} value={step.name} maxLength={128} onChange={(e) => set({ name: e.target.value })} data-autofocus {...invalid('name')} />
              {err('name')}
            </div>
          </div>
          <div className="form-row">
            <label htmlFor={`${id}-type`}>{t('jobs.step.type')}</label>
            <select id={`${id}-type`} value={step.subsystem} onChange={(e) => set({ subsystem: e.target.value as Subsystem })}>
              {SUBSYSTEMS.map((s) => (
                <option key={s} value={s}>
                  {t(`jobs.steps.type.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {step.subsystem === 'TSQL' && (
            <div className="form-row">
              <label htmlFor={`${id}-db`}>{t('jobs.step.database')}</label>
              <div>
                <input id={`${id}-db`} value={step.databaseName} maxLength={128} onChange={(e) => set({ databaseName: e.target.value })} {...invalid('databaseName')} />
                {err('databaseName')}
              </div>
            </div>
          )}
          <div className="form-row">
            <label htmlFor={`${id}-cmd`}>{t('jobs.step.command')}</label>
            <div>
              <textarea id={`${id}-cmd`} className="command" rows={7} spellCheck={false} value={step.command} onChange={(e) => set({ command: e.target.value })} {...invalid('command')} />
              {err('command')}
            </div>
          </div>
        </fieldset>
        <fieldset className="job-fieldset">
          <legend>{t('jobs.step.advanced')}</legend>
          {actionRow('onSuccess', t('jobs.step.onSuccess'))}
          <div className="form-row">
            <label htmlFor={`${id}-retries`}>{t('jobs.step.retryAttempts')}</label>
            <div>
              <input id={`${id}-retries`} className="num-input" inputMode="numeric" value={step.retryAttempts} onChange={(e) => set({ retryAttempts: e.target.value })} {...invalid('retryAttempts')} />
              {err('retryAttempts')}
            </div>
          </div>
          <div className="form-row">
            <label htmlFor={`${id}-interval`}>{t('jobs.step.retryInterval')}</label>
            <div>
              <input id={`${id}-interval`} className="num-input" inputMode="numeric" value={step.retryInterval} onChange={(e) => set({ retryInterval: e.target.value })} {...invalid('retryInterval')} />
              {err('retryInterval')}
            </div>
          </div>
          {actionRow('onFail', t('jobs.step.onFailure'))}
        </fieldset>
      </>
    );
  };

  return (
    <FormDialog
      title={isNew ? t('jobs.step.newTitle') : t('jobs.step.title', { step: initial.name })}
      onClose={onClose}
      className="dialog-wide"
      formClassName="form job-form"
      issues={issues}
      onOk={() => onSave({ ...step, name: step.name.trim() })}
    >
      {body}
    </FormDialog>
  );
}
