// A schedule in a line, the way SSMS's schedule list describes it ("Every 1 day(s) at 02:00:00").
import type { TFunction } from 'i18next';
import type { ScheduleForm } from './jobForm';

export const WEEKDAY_BITS = [2, 4, 8, 16, 32, 64, 1] as const;

export function weekdayNames(t: TFunction, bits: number): string {
  return WEEKDAY_BITS.filter((b) => bits & b)
    .map((b) => t(`jobs.schedule.day.${b}`))
    .join(', ');
}

export function describeSchedule(t: TFunction, k: Pick<ScheduleForm, 'freqType' | 'freqInterval' | 'freqRecurrenceFactor' | 'startTime' | 'startDate'>): string {
  const n = Math.max(1, k.freqType === 4 ? k.freqInterval : k.freqRecurrenceFactor);
  switch (k.freqType) {
    case 1:
      return t('jobs.schedules.describe.1', { date: k.startDate, time: k.startTime });
    case 4:
      return t('jobs.schedules.describe.4', { n, time: k.startTime });
    case 8:
      return t('jobs.schedules.describe.8', { n, days: weekdayNames(t, k.freqInterval), time: k.startTime });
    case 16:
      return t('jobs.schedules.describe.16', { n, day: k.freqInterval, time: k.startTime });
    case 32:
      return t('jobs.schedules.describe.32', { time: k.startTime });
    default:
      return t(`jobs.schedules.describe.${k.freqType}`);
  }
}
