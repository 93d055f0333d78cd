// Names that are not well-formed UTF-16 (a lone surrogate: half of a pair) are refused where they
// enter the API. msdb would store them, but every read through UTF-8 (the wire, JSON, sql.js)
// turns them into U+FFFD, so the object could never be named again by any call.
import type { FieldIssue } from '../admin/errors';

/** True when every surrogate in the text is half of a high+low pair (String.prototype.isWellFormed). */
export function isWellFormedUtf16(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

export const ILL_FORMED_MESSAGE = 'Contains a lone UTF-16 surrogate (half of a character pair); SQL Server would list it back as U+FFFD, a name no call can address. Retype it.';

/** Every string (and object key) in params that is not well-formed, by path; none → []. */
export function illFormedStrings(value: unknown, path: string[] = [], out: FieldIssue[] = [], depth = 0): FieldIssue[] {
  if (out.length >= 10 || depth > 32) return out;
  if (typeof value === 'string') {
    if (!isWellFormedUtf16(value)) out.push({ path: path.join('.'), message: ILL_FORMED_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => illFormedStrings(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormedUtf16(k)) out.push({ path: [...path, k].join('.'), message: ILL_FORMED_MESSAGE });
      illFormedStrings(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}
