// SQL Server `datetime` has no time zone: it is a wall-clock reading of the server that wrote it.
// Like mssql with useUTC (its default), we carry such a value as a JS Date whose UTC fields
// are that wall clock. In the embedded msdb it is stored as text 'YYYY-MM-DD HH:MM:SS.mmm'.

export function toSqlDatetime(wallClockMs: number): string {
  const iso = new Date(wallClockMs).toISOString();
  // 'YYYY-MM-DDTHH:MM:SS.mmmZ'; slicing is cheaper than two replaces (sp_help_targetserver
  // formats one per target, 10,000 per call in a fleet), and years past 9999 take the long road.
  return iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.replace('T', ' ').replace('Z', '');
}

const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
/** Where the stored shape 'YYYY-MM-DD HH:MM:SS.mmm' has digits. */
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

/** Parses the stored shape with arithmetic (Date's string parser is the slow part of reading rows); anything else as ISO text. */
export function fromSqlDatetime(s: string): Date {
  if (s.length === 23 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 32 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && s.charCodeAt(19) === 46 && DIGITS.every((i) => isDigit(s, i))) {
    const year = two(s, 0) * 100 + two(s, 2);
    const month = two(s, 5);
    const day = two(s, 8);
    const hour = two(s, 11);
    const minute = two(s, 14);
    const second = two(s, 17);
    const ms = digit(s, 20) * 100 + two(s, 21);
    const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
    // Only what Date's parser would accept the same way: fields in range (Date.UTC would roll
    // 13/45 over), and years from 100 (Date.UTC maps 0..99 to 1900..1999).
    const exact = year >= 100 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
    if (exact) return d;
  }
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
