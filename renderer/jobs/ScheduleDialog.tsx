// New Job Schedule / Job Schedule Properties: Name, Schedule type, Enabled, and for a recurring
// schedule the frequency (daily every N days, weekly on chosen days every N weeks, monthly on day
// D every N months) and the time; for a one-time schedule its date and time.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog, type FieldIssues } from '../kit/FormDialog';
import type { FreqType, ScheduleForm } from './jobForm';
import { WEEKDAY_BITS } from './scheduleText';

type Kind = 'recurring' | 'once' | 'agentStart' | 'idle';
const kindOf = (f: FreqType): Kind => (f === 1 ? 'once' : f === 64 ? 'agentStart' : f === 128 ? 'idle' : 'recurring');

export type ScheduleIssue = 'name' | 'every' | 'day' | 'weekdays';

export function validateSchedule(k: ScheduleForm): Partial<Record<'name' | 'every' | 'day' | 'weekdays', ScheduleIssue>> {
  const out: Partial<Record<ScheduleIssue, ScheduleIssue>> = {};
  if (!k.name.trim()) out.name = 'name';
  const every = k.freqType === 4 ? k.freqInterval : k.freqRecurrenceFactor;
  if ((k.freqType === 4 || k.freqType === 8 || k.freqType === 16) && !(Number.isInteger(every) && every >= 1 && every <= 100)) out.every = 'every';
  if (k.freqType === 16 && !(Number.isInteger(k.freqInterval) && k.freqInterval >= 1 && k.freqInterval <= 31)) out.day = 'day';
  if (k.freqType === 8 && (k.freqInterval & 127) === 0) out.weekdays = 'weekdays';
  return out;
}

export function ScheduleDialog({ schedule, isNew, onSave, onClose }: { schedule: ScheduleForm; isNew: boolean; onSave: (k: ScheduleForm) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [k, setK] = useState(schedule);
  // What the number boxes hold as typed (a cleared box is not a 0).
  const [everyText, setEveryText] = useState(String(schedule.freqType === 4 ? schedule.freqInterval : schedule.freqRecurrenceFactor || 1));
  const [dayText, setDayText] = useState(String(schedule.freqType === 16 ? schedule.freqInterval : 1));
  const kind = kindOf(k.freqType);
  const set = (patch: Partial<ScheduleForm>) => setK((x) => ({ ...x, ...patch }));

  const every = Number(everyText);
  const current: ScheduleForm =
    k.freqType === 4
      ? { ...k, freqInterval: every, freqRecurrenceFactor: 0 }
      : k.freqType === 8
        ? { ...k, freqRecurrenceFactor: every }
        : k.freqType === 16
          ? { ...k, freqInterval: Number(dayText), freqRecurrenceFactor: every }
          : k;
  const issues = validateSchedule(current);

  const setKind = (next: Kind) => {
    if (next === 'once') set({ freqType: 1 });
    else if (next === 'agentStart') set({ freqType: 64 });
    else if (next === 'idle') set({ freqType: 128 });
    else set({ freqType: 4 });
  };
  const setOccurs = (f: 4 | 8 | 16) => set({ freqType: f, freqInterval: f === 8 ? 2 : f === 16 ? Number(dayText) || 1 : Number(everyText) || 1 });

  const body = ({ invalid, error }: FieldIssues<ScheduleIssue>) => {
    const err = (key: ScheduleIssue) => error(key, () => t(`jobs.schedule.issue.${key}`));
    return (
      <>
        <div className="form-row">
          <label htmlFor={`${id}-name`}>{t('jobs.schedule.name')}</label>
          <div>
            <input id={`${id}-name`} value={k.name} maxLength={128} onChange={(e) => set({ name: e.target.value })} data-autofocus {...invalid('name')} />
            {err('name')}
          </div>
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-type`}>{t('jobs.schedule.type')}</label>
          <select id={`${id}-type`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['recurring', 'once', 'agentStart', 'idle'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`jobs.schedule.kind.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <span />
          <label className="check">
            <input type="checkbox" checked={k.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            {t('jobs.schedule.enabled')}
          </label>
        </div>
        {kind === 'recurring' && (
          <fieldset className="job-fieldset">
            <legend>{t('jobs.schedule.frequency')}</legend>
            <div className="form-row">
              <label htmlFor={`${id}-occurs`}>{t('jobs.schedule.occurs')}</label>
              <select id={`${id}-occurs`} value={k.freqType === 32 ? 16 : k.freqType} onChange={(e) => setOccurs(Number(e.target.value) as 4 | 8 | 16)}>
                <option value={4}>{t('jobs.schedule.occursDaily')}</option>
                <option value={8}>{t('jobs.schedule.occursWeekly')}</option>
                <option value={16}>{t('jobs.schedule.occursMonthly')}</option>
              </select>
            </div>
            <div className="form-row">
              <label htmlFor={`${id}-every`}>{t('jobs.schedule.recursEvery')}</label>
              <div>
                <span className="input-with-unit">
                  <input id={`${id}-every`} className="num-input" inputMode="numeric" value={everyText} onChange={(e) => setEveryText(e.target.value)} {...invalid('every')} />
                  <span>{t(k.freqType === 4 ? 'jobs.schedule.unitDays' : k.freqType === 8 ? 'jobs.schedule.unitWeeks' : 'jobs.schedule.unitMonths')}</span>
                </span>
                {err('every')}
              </div>
            </div>
            {k.freqType === 8 && (
              <div className="form-row">
                <span className="label" id={`${id}-days`}>
                  {t('jobs.schedule.weekdays')}
                </span>
                <div>
                  <div className="weekdays" role="group" aria-labelledby={`${id}-days`} aria-describedby={invalid('weekdays')['aria-describedby']}>
                    {WEEKDAY_BITS.map((b) => (
                      <label key={b} className="check">
                        <input type="checkbox" checked={(k.freqInterval & b) !== 0} onChange={(e) => set({ freqInterval: e.target.checked ? k.freqInterval | b : k.freqInterval & ~b })} />
                        {t(`jobs.schedule.day.${b}`)}
                      </label>
                    ))}
                  </div>
                  {err('weekdays')}
                </div>
              </div>
            )}
            {(k.freqType === 16 || k.freqType === 32) && (
              <div className="form-row">
                <label htmlFor={`${id}-day`}>{t('jobs.schedule.dayOfMonth')}</label>
                <div>
                  <input id={`${id}-day`} className="num-input" inputMode="numeric" value={dayText} onChange={(e) => setDayText(e.target.value)} {...invalid('day')} />
                  {err('day')}
                </div>
              </div>
            )}
          </fieldset>
        )}
        {(kind === 'recurring' || kind === 'once') && (
          <>
            <div className="form-row">
              <label htmlFor={`${id}-time`}>{t('jobs.schedule.startTime')}</label>
              <input id={`${id}-time`} type="time" step={1} value={k.startTime} onChange={(e) => set({ startTime: e.target.value.length === 5 ? `${e.target.value}:00` : e.target.value || '00:00:00' })} />
            </div>
            <div className="form-row">
              <label htmlFor={`${id}-date`}>{t('jobs.schedule.startDate')}</label>
              <input id={`${id}-date`} type="date" value={k.startDate} onChange={(e) => e.target.value && set({ startDate: e.target.value })} />
            </div>
          </>
        )}
      </>
    );
  };

  return (
    <FormDialog
      title={isNew ? t('jobs.schedule.newTitle') : t('jobs.schedule.title', { schedule: schedule.name })}
      onClose={onClose}
      className="dialog-medium"
      formClassName="form job-form"
      issues={issues}
      onOk={() => onSave({ ...current, name: current.name.trim() })}
    >
      {body}
    </FormDialog>
  );
}
