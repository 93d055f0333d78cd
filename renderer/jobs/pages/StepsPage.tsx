// Steps: the job step list (Step, Name, Type, On Success, On Failure), Move step up/down, Start
// step, New…, Insert…, Edit…, Delete. The step dialog edits a copy; the list changes on its OK.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Grid, type GridColumn } from '../../kit/Grid';
import type { Selection } from '../../kit/gridSelection';
import { addStep, deleteStep, emptyStep, insertStep, moveStep, replaceStep, stepIdOf, type StepAction, type StepForm } from '../jobForm';
import type { PageProps } from '../JobProperties';
import { StepDialog } from '../StepDialog';

export function actionText(t: TFunction, steps: readonly StepForm[], action: StepAction, target: string | null): string {
  if (action !== 4) return t(`jobs.steps.action.${action}`);
  const id = stepIdOf(steps, target);
  return t('jobs.steps.goTo', { id: id ?? '?', name: id ? steps[id - 1]!.name : '' });
}

export function StepsPage({ form, onChange, showIssues, issues }: PageProps) {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<Selection>(() => {
    const first = form.steps[0]?.key ?? null;
    return { selected: new Set(first ? [first] : []), active: first, anchor: first };
  });
  const [editing, setEditing] = useState<{ step: StepForm; mode: 'new' | 'insert' | 'edit' } | null>(null);
  const selected = selection.active && form.steps.some((s) => s.key === selection.active) ? selection.active : null;
  const at = selected ? form.steps.findIndex((s) => s.key === selected) : -1;
  const select = (key: string) => setSelection({ selected: new Set([key]), active: key, anchor: key });

  const columns = useMemo<GridColumn<StepForm>[]>(
    () => [
      { id: 'step', header: t('jobs.steps.col.step'), width: 48, align: 'end', render: (s) => String(stepIdOf(form.steps, s.key)) },
      {
        id: 'name',
        header: t('jobs.steps.col.name'),
        width: 200,
        rowHeader: true,
        text: (s) => s.name,
        render: (s) => (
          <>
            {s.name}
            {showIssues && issues.steps[s.key] && <span className="field-error inline-issue"> — {t('jobs.props.issue.stepInvalid')}</span>}
          </>
        ),
      },
      { id: 'type', header: t('jobs.steps.col.type'), width: 180, text: (s) => t(`jobs.steps.type.${s.subsystem}`), render: (s) => t(`jobs.steps.type.${s.subsystem}`) },
      { id: 'onSuccess', header: t('jobs.steps.col.onSuccess'), width: 180, render: (s) => actionText(t, form.steps, s.onSuccessAction, s.onSuccessStep) },
      { id: 'onFailure', header: t('jobs.steps.col.onFailure'), width: 180, render: (s) => actionText(t, form.steps, s.onFailAction, s.onFailStep) },
    ],
    [t, form.steps, showIssues, issues],
  );

  const save = (step: StepForm) => {
    if (!editing) return;
    const next = editing.mode === 'edit' ? replaceStep(form, step) : editing.mode === 'insert' && selected ? insertStep(form, selected, step) : addStep(form, step);
    onChange(next);
    select(step.key);
    setEditing(null);
  };

  return (
    <div className="job-page-body">
      <h3>{t('jobs.steps.list')}</h3>
      <Grid
        label={t('jobs.steps.list')}
        rows={form.steps}
        rowKey={(s) => s.key}
        columns={columns}
        mode="single"
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={(s) => setEditing({ step: s, mode: 'edit' })}
        empty={t('jobs.steps.none')}
        className="job-grid"
      />
      <div className="button-bar">
        <div className="actions">
          <button type="button" aria-label={t('jobs.steps.moveUp')} title={t('jobs.steps.moveUp')} disabled={at <= 0} onClick={() => selected && onChange(moveStep(form, selected, -1))}>
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            aria-label={t('jobs.steps.moveDown')}
            title={t('jobs.steps.moveDown')}
            disabled={at < 0 || at >= form.steps.length - 1}
            onClick={() => selected && onChange(moveStep(form, selected, 1))}
          >
            <span aria-hidden="true">↓</span>
          </button>
          <label className="field-inline">
            <span>{t('jobs.steps.startStep')}</span>
            <select value={form.startStep ?? ''} disabled={!form.steps.length} onChange={(e) => onChange({ ...form, startStep: e.target.value || null })}>
              {form.steps.map((s, i) => (
                <option key={s.key} value={s.key}>
                  {`${i + 1}: ${s.name}`}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={() => setEditing({ step: emptyStep(), mode: 'new' })}>
            {t('jobs.steps.new')}
          </button>
          <button type="button" disabled={!selected} onClick={() => setEditing({ step: emptyStep(), mode: 'insert' })}>
            {t('jobs.steps.insert')}
          </button>
          <button type="button" disabled={!selected} onClick={() => selected && setEditing({ step: form.steps[at]!, mode: 'edit' })}>
            {t('jobs.steps.edit')}
          </button>
          <button
            type="button"
            disabled={!selected}
            onClick={() => {
              if (!selected) return;
              const next = deleteStep(form, selected);
              onChange(next);
              const neighbour = next.steps[Math.min(at, next.steps.length - 1)];
              if (neighbour) select(neighbour.key);
            }}
          >
            {t('jobs.steps.delete')}
          </button>
        </div>
      </div>
      {form.targets.kind === 'multiserver' && <p className="field-note">{t('jobs.steps.multiserverNote')}</p>}
      {editing && <StepDialog step={editing.step} isNew={editing.mode !== 'edit'} steps={form.steps} onSave={save} onClose={() => setEditing(null)} />}
    </div>
  );
}
