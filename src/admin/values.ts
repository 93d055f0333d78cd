// Reading procedure rows: the mssql driver and the embedded msdb both hand back numbers, strings
// and Date objects, but a column may arrive as text (e.g. a datetime from a query window), so the
// workflows read through these instead of casting.
import { fromSqlDatetime } from '../msx/datetime';

export function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

/**
 * A SQL Server datetime as a Date whose UTC fields are the server's wall clock (msx/datetime.ts).
 * Text without a zone is read as that wall clock.
 */
export function dateOrNull(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  const s = String(v).trim();
  if (!s) return null;
  const d = /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? new Date(s) : fromSqlDatetime(s.replace('T', ' '));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function date(v: unknown): Date {
  return dateOrNull(v) ?? new Date(0);
}

/** sysjobservers / sysjobhistory keep a run as yyyymmdd and hhmmss integers; 0 means "never". */
export function fromRunDateTime(runDate: unknown, runTime: unknown): Date | null {
  const d = num(runDate);
  if (d <= 0) return null;
  const t = num(runTime);
  const ms = Date.UTC(Math.floor(d / 10000), Math.floor((d % 10000) / 100) - 1, d % 100, Math.floor(t / 10000), Math.floor((t % 10000) / 100), t % 100);
  return new Date(ms);
}

/** hhmmss duration integer to seconds. */
export function fromRunDuration(v: unknown): number {
  const n = num(v);
  return Math.floor(n / 10000) * 3600 + Math.floor((n % 10000) / 100) * 60 + (n % 100);
}
