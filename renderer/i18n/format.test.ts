import { describe, expect, it } from 'vitest';
import { formatRelative, formatServerDateTime, formatServerTime, formatters, serverMs } from './format';

describe('formatting through Intl', () => {
  it('shows a server datetime with the digits the server stored, whatever the local zone', () => {
    expect(formatServerDateTime('en', '2026-11-02T09:05:07.000Z')).toBe('11/02/2026, 09:05:07 AM');
    expect(formatServerDateTime('de', '2026-11-02T09:05:07.000Z')).toBe('02.11.2026, 09:05:07');
    // A four-digit year in every language (a two-digit one is ambiguous).
    for (const lng of ['en', 'de', 'fr', 'es', 'ru', 'pt-BR']) expect(formatServerDateTime(lng, '2026-11-02T09:05:07.000Z')).toContain('2026');
    expect(formatServerTime('en', '2026-11-02T21:05:07.000Z')).toBe('9:05:07 PM');
    expect(formatServerDateTime('en', null)).toBe('');
    expect(formatServerDateTime('en', 'not a date')).toBe('');
  });

  it('says how long ago in the largest readable unit', () => {
    expect(formatRelative('en', 12_000, 'past')).toBe('12s ago');
    expect(formatRelative('en', 125_000, 'past')).toBe('2m ago');
    expect(formatRelative('en', 3 * 3600_000, 'past')).toBe('3h ago');
    expect(formatRelative('en', 45_000, 'future')).toBe('in 45s');
    // Where the narrow style is a bare sign, the short one says "ago" in words.
    expect(formatRelative('fr', 12_000, 'past').replace(/\s/g, ' ')).toBe('il y a 12 s');
    expect(formatRelative('ru', 0, 'past').replace(/\s/g, ' ')).toBe('0 сек. назад');
    const f = formatters('en');
    expect(f.ago(-5)).toBe('0s ago');
    expect(f.in(61_000)).toBe('in 1m');
    expect(f.number(28800)).toBe('28,800');
  });

  it('reads a wire datetime as wall-clock milliseconds', () => {
    expect(serverMs('2026-11-02T09:00:00.000Z')).toBe(Date.UTC(2026, 10, 2, 9));
    expect(serverMs(null)).toBeNaN();
  });
});
