// SQL Server `datetime` has no time zone: it is a wall-clock reading of the server that wrote it.
// Like mssql with useUTC (its default), we carry such a value as a JS Date whose UTC fields
// are that wall clock. In the embedded msdb it is stored as text 'YYYY-MM-DD HH:MM:SS.mmm'.

export function toSqlDatetime(wallClockMs: number): string {
  return new Date(wallClockMs).toISOString().replace('T', ' ').replace('Z', '');
}

export function fromSqlDatetime(s: string): Date {
  return new Date(s.replace(' ', 'T') + 'Z');
}

/** The format targets send as @local_time to sp_sqlagent_probe_msx: 'YYYY/MM/DD HH:MM:SS'. */
export function toProbeLocalTime(wallClockMs: number): string {
  return new Date(wallClockMs).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
}

export function fromProbeLocalTime(s: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** sysjobhistory / sysjobservers store run date as yyyymmdd and time/duration as hhmmss ints. */
export function toRunDate(wallClockMs: number): number {
  const d = new Date(wallClockMs);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export function toRunTime(wallClockMs: number): number {
  const d = new Date(wallClockMs);
  return d.getUTCHours() * 10000 + d.getUTCMinutes() * 100 + d.getUTCSeconds();
}

export function toRunDuration(seconds: number): number {
  const s = Math.max(0, Math.round(seconds));
  return Math.floor(s / 3600) * 10000 + Math.floor((s % 3600) / 60) * 100 + (s % 60);
}
