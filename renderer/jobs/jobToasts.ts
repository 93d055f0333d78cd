// What a job write reports: SQL Server's messages verbatim (14547 after a step change, 14230 for
// each post), and the failed call's error as "Msg N: text".
import type { TFunction } from 'i18next';
import type { CallOutcome } from '../api/types';
import { outcomeToast } from '../targetServers/outcomes';
import type { Toast } from '../store/uiSlice';

export interface WriteResult {
  ok: boolean;
  outcomes?: CallOutcome[];
}

export function saveToast(title: string, r: WriteResult, t: TFunction): Omit<Toast, 'id'> {
  return outcomeToast(title, r.outcomes ?? [], t);
}
