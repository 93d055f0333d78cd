// How an error reads in the UI: SQL Server's text verbatim, its number in SSMS's words around it,
// and for a denied EXECUTE permission (229) what to do about it.
import type { TFunction } from 'i18next';
import type { ErrorView } from '../api/errors';

const DENIED_OBJECT = /object '([^']+)'/;

export function errorText(t: TFunction, e: Pick<ErrorView, 'message' | 'number'>): string {
  if (e.number === undefined) return e.message;
  const text = t('errors.msg', { number: e.number, message: e.message });
  if (e.number !== 229) return text;
  const proc = DENIED_OBJECT.exec(e.message)?.[1] ?? 'sp_help_targetserver';
  return `${text} ${t('tds.denied229', { proc })}`;
}
