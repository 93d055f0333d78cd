import { describe, expect, it } from 'vitest';
import { csvField, exportFileName, guardFormula, toCsv, toTsv, UTF8_BOM } from './exportRows';

type Row = { name: string; n: string };
const cols = [
  { header: 'Target Server', text: (r: Row) => r.name },
  { header: 'Unread', text: (r: Row) => r.n },
];

describe('CSV export: what the grid shows, safe in a spreadsheet', () => {
  it('starts with the UTF-8 BOM, a header line, CRLF line ends', () => {
    const csv = toCsv(cols, [{ name: 'LONDON-SQL01', n: '0' }, { name: 'Zürich', n: '12' }]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}Target Server,Unread\r\nLONDON-SQL01,0\r\nZürich,12\r\n`);
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('New York, DC2')).toBe('"New York, DC2"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('plain')).toBe('plain');
  });

  it("prefixes a formula's leading = + - @ tab CR with ' so it stays text", () => {
    for (const bad of ['=cmd|/c calc!A1', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(guardFormula(bad)).toBe(`'${bad}`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    // Plain numbers are not formulas.
    expect(guardFormula('-300')).toBe('-300');
    expect(guardFormula('1,234.5')).toBe('1,234.5');
    expect(guardFormula('TSX=1')).toBe('TSX=1');
  });

  it('copies rows as tab-separated text, one line each, guarded', () => {
    expect(toTsv(cols, [{ name: 'A\tB\nC', n: '=1' }])).toBe("Target Server\tUnread\r\nA B C\t'=1\r\n");
  });

  it('names the file after the grid and the local time, without characters a file system refuses', () => {
    expect(exportFileName('Target Server Status: MSX01', new Date(2026, 10, 22, 7, 5, 9))).toBe('Target-Server-Status-MSX01_2026-11-22_070509.csv');
  });
});
