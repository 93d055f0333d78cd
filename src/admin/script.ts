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
 * Text safe inside a `--` comment: a line break (CR, LF, NEL, U+2028/9) would end the comment and
 * make the rest live T-SQL when the script is pasted and run, so every control character becomes
 * a visible `\uXXXX`. A lone surrogate (not a character) is shown the same way.
 */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A one-line T-SQL comment; whatever the text holds, it cannot end the line. */
export function sqlComment(text: string): string {
  return `-- ${commentText(text)}`;
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
      lines.push(sqlComment(where ? `On target server ${where}:` : `On ${masterName}:`));
      current = where;
    }
    lines.push(renderCall(c));
  }
  return lines.join('\n');
}
