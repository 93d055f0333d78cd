// The Script buttons: the exact T-SQL of planned calls, as a DBA would type it in a query window.
// Values become literals here only for display; the workflows always send them as parameters.
import { normalizeProcName, type SqlValue } from '../msdb/executor';
import type { PlannedCall } from './calls';

/** A T-SQL literal: strings as N'..' with quotes doubled, numbers bare, NULL, bits as 1/0. */
export function sqlLiteral(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `N'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`${v} has no T-SQL literal.`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  // ISO 8601 with 'T' reads the same under every language and DATEFORMAT setting.
  if (v instanceof Date) return `'${v.toISOString().replace('Z', '')}'`;
  return `0x${Buffer.from(v).toString('hex').toUpperCase()}`;
}

/** `EXEC msdb.dbo.sp_x @a = N'..', @b = 1;` */
export function renderCall(c: Pick<PlannedCall, 'proc' | 'params'>): string {
  const proc = normalizeProcName(c.proc) ?? c.proc;
  const args = Object.entries(c.params).map(([name, v]) => `@${name.replace(/^@/, '')} = ${sqlLiteral(v)}`);
  return `EXEC msdb.dbo.${proc}${args.length ? ' ' + args.join(', ') : ''};`;
}

/**
 * Several calls, one per line. When the calls run on more than one server (Force Poll signals
 * each target on its own connection), each run of calls gets a comment naming where it runs.
 */
export function renderScript(calls: readonly PlannedCall[], masterName = 'the master server'): string {
  if (!calls.some((c) => c.server)) return calls.map(renderCall).join('\n');
  const lines: string[] = [];
  let current: string | undefined;
  for (const c of calls) {
    const where = c.server ?? '';
    if (where !== current) {
      if (lines.length) lines.push('');
      lines.push(where ? `-- On target server ${where}:` : `-- On ${masterName}:`);
      current = where;
    }
    lines.push(renderCall(c));
  }
  return lines.join('\n');
}
