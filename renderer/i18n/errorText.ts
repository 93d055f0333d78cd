// How an error reads in the UI: SQL Server's text verbatim, its number in SSMS's words around it.
import type { TFunction } from 'i18next';
import type { ErrorView } from '../api/errors';

export function errorText(t: TFunction, e: Pick<ErrorView, 'message' | 'number'>): string {
  return e.number === undefined ? e.message : t('errors.msg', { number: e.number, message: e.message });
}
