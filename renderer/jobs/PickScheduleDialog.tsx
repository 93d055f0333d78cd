// Pick Schedule for Job: the master's schedules (sp_help_schedule) not attached to this job yet;
// the picked one is attached as it is (shared with the jobs that already use it).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { SharedSchedule } from '../api/types';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import { Grid, type GridColumn } from '../kit/Grid';
import { EMPTY_SELECTION, type Selection } from '../kit/gridSelection';
import { useClient } from '../store';
import { dateText, FREQ_TYPES, newKey, timeText, type FreqType, type ScheduleForm } from './jobForm';

const key = (k: SharedSchedule) => String(k.scheduleId);

export function toScheduleForm(k: SharedSchedule): ScheduleForm {
  return {
    key: newKey('k'),
    scheduleId: k.scheduleId,
    name: k.name,
    enabled: k.enabled,
    freqType: (FREQ_TYPES as readonly number[]).includes(k.freqType) ? (k.freqType as FreqType) : 4,
    freqInterval: k.freqInterval,
    freqRecurrenceFactor: k.freqRecurrenceFactor,
    startTime: timeText(k.activeStartTime),
    startDate: dateText(k.activeStartDate),
    freqSubdayType: ([0, 1, 2, 4, 8] as const).find((x) => x === k.freqSubdayType) ?? 1,
    freqSubdayInterval: k.freqSubdayInterval,
    freqRelativeInterval: k.freqRelativeInterval,
    activeEndDate: k.activeEndDate,
    activeEndTime: k.activeEndTime,
  };
}

export function PickScheduleDialog({ connectionId, exclude, onPick, onClose }: { connectionId: string; exclude: number[]; onPick: (k: ScheduleForm) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [rows, setRows] = useState<SharedSchedule[]>();
  const [error, setError] = useState<string>();
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  useEffect(() => {
    client.invoke('jobs.schedules', { connectionId }).then(
      (all) => setRows(all.filter((k) => !exclude.includes(k.scheduleId))),
      (err: unknown) => setError(errorText(t, toErrorView(err))),
    );
  }, [client, connectionId, exclude, t]);
  const columns = useMemo<GridColumn<SharedSchedule>[]>(
    () => [
      { id: 'name', header: t('jobs.schedule.col.name'), width: 180, rowHeader: true, text: (k) => k.name, render: (k) => k.name },
      { id: 'enabled', header: t('jobs.schedule.col.enabled'), width: 70, render: (k) => (k.enabled ? t('jobs.schedules.yes') : t('jobs.schedules.no')) },
      { id: 'jobs', header: t('jobs.schedule.col.jobs'), width: 90, align: 'end', render: (k) => String(k.jobCount) },
      { id: 'description', header: t('jobs.schedule.col.description'), width: 260, render: (k) => k.description },
    ],
    [t],
  );
  const picked = rows?.find((k) => key(k) === selection.active && selection.selected.has(key(k)));
  return (
    <Dialog
      title={t('jobs.schedule.pickTitle')}
      onClose={onClose}
      className="dialog-wide"
      footer={
        <>
          {error && (
            <p className="error-text foot-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="primary" disabled={!picked} onClick={() => picked && onPick(toScheduleForm(picked))}>
            {t('common.ok')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <div className="pick-grid">
        <Grid
          label={t('jobs.schedule.pickList')}
          rows={rows ?? []}
          rowKey={key}
          columns={columns}
          mode="single"
          selection={selection}
          onSelectionChange={setSelection}
          onActivate={(k) => onPick(toScheduleForm(k))}
          empty={rows ? t('jobs.schedule.pickNone') : t('common.loading')}
        />
      </div>
    </Dialog>
  );
}
