// What a grid shows, out of the app: CSV a spreadsheet opens safely, and tab-separated text for
// the clipboard (Ctrl+C). Any grid can use it with its columns' texts.

/** A column as exported: its header and the text of its cell. */
export interface ExportColumn<T> {
  header: string;
  text: (row: T) => string;
}

/** Excel reads UTF-8 only when the file starts with a byte order mark. */
export const UTF8_BOM = '\ufeff';

/** A plain number (e.g. -300, 1,234.5): not a formula, left as it is. */
const PLAIN_NUMBER = /^[-+]?\d[\d,. ]*$/;

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a tab / CR that some readers skip
 * before one) is prefixed with ' so it stays text (OWASP's CSV injection guidance).
 */
export function guardFormula(text: string): string {
  if (text === '' || PLAIN_NUMBER.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(text: string): string {
  const safe = guardFormula(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, a header line, one line per row, CRLF line ends (RFC 4180). */
export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(c.text(r))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** A tab-separated cell: tabs and line breaks become spaces so each row stays one line. */
function tsvField(text: string): string {
  return guardFormula(text.replace(/[\t\r\n]+/g, ' '));
}

/** Rows as a spreadsheet pastes them: a header line, then one line per row, tab between cells. */
export function toTsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => tsvField(c.header)).join('\t')];
  for (const r of rows) lines.push(columns.map((c) => tsvField(c.text(r))).join('\t'));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for an export: the grid's name and the local date and time, no characters a file system refuses. */
export function exportFileName(base: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}_${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '-')}_${stamp}.csv`;
}

/** Saves text as a file through the browser's download (Electron shows its Save dialog). */
export function saveTextFile(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
