// Schedules: the job's schedule list (Name, Enabled, Description), New…, Pick… (a schedule the
// master already has, shared: sp_attach_schedule), Edit…, Remove (detaches; the schedule stays).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Grid, type GridColumn } from '../../kit/Grid';
import type { Selection } from '../../kit/gridSelection';
import { emptySchedule, type ScheduleForm } from '../jobForm';
import type { PageProps } from '../JobProperties';
import { PickScheduleDialog } from '../PickScheduleDialog';
import { ScheduleDialog } from '../ScheduleDialog';
import { describeSchedule } from '../scheduleText';

const today = () => new Date().toISOString().slice(0, 10);

export function SchedulesPage({ connectionId, form, onChange, showIssues, issues }: PageProps) {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<Selection>(() => {
    const first = form.schedules[0]?.key ?? null;
    return { selected: new Set(first ? [first] : []), active: first, anchor: first };
  });
  const [editing, setEditing] = useState<{ schedule: ScheduleForm; isNew: boolean } | null>(null);
  const [picking, setPicking] = useState(false);
  const selected = form.schedules.find((k) => k.key === selection.active);
  const select = (key: string) => setSelection({ selected: new Set([key]), active: key, anchor: key });

  const columns = useMemo<GridColumn<ScheduleForm>[]>(
    () => [
      {
        id: 'name',
        header: t('jobs.schedules.col.name'),
        width: 200,
        rowHeader: true,
        text: (k) => k.name,
        render: (k) => (
          <>
            {k.name}
            {showIssues && issues.schedules[k.key] && <span className="field-error inline-issue">{t('jobs.props.issue.scheduleName')}</span>}
          </>
        ),
      },
      { id: 'enabled', header: t('jobs.schedules.col.enabled'), width: 70, render: (k) => (k.enabled ? t('jobs.schedules.yes') : t('jobs.schedules.no')) },
      { id: 'description', header: t('jobs.schedules.col.description'), width: 300, render: (k) => describeSchedule(t, k) },
    ],
    [t, showIssues, issues],
  );

  const save = (k: ScheduleForm) => {
    const exists = form.schedules.some((x) => x.key === k.key);
    onChange({ ...form, schedules: exists ? form.schedules.map((x) => (x.key === k.key ? k : x)) : [...form.schedules, k] });
    select(k.key);
    setEditing(null);
  };

  return (
    <div className="job-page-body">
      <h3>{t('jobs.schedules.list')}</h3>
      <Grid
        label={t('jobs.schedules.list')}
        rows={form.schedules}
        rowKey={(k) => k.key}
        columns={columns}
        mode="single"
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={(k) => setEditing({ schedule: k, isNew: false })}
        empty={t('jobs.schedules.none')}
        className="job-grid"
      />
      <div className="button-bar">
        <span />
        <div className="actions">
          <button type="button" onClick={() => setEditing({ schedule: emptySchedule(today()), isNew: true })}>
            {t('jobs.schedules.new')}
          </button>
          <button type="button" onClick={() => setPicking(true)}>
            {t('jobs.schedules.pick')}
          </button>
          <button type="button" disabled={!selected} onClick={() => selected && setEditing({ schedule: selected, isNew: false })}>
            {t('jobs.schedules.edit')}
          </button>
          <button type="button" disabled={!selected} onClick={() => selected && onChange({ ...form, schedules: form.schedules.filter((x) => x.key !== selected.key) })}>
            {t('jobs.schedules.remove')}
          </button>
        </div>
      </div>
      {form.targets.kind === 'multiserver' && <p className="field-note">{t('jobs.steps.multiserverNote')}</p>}
      {editing && <ScheduleDialog schedule={editing.schedule} isNew={editing.isNew} onSave={save} onClose={() => setEditing(null)} />}
      {picking && (
        <PickScheduleDialog
          connectionId={connectionId}
          exclude={form.schedules.flatMap((k) => (k.scheduleId === undefined ? [] : [k.scheduleId]))}
          onPick={(k) => {
            save(k);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  );
}
