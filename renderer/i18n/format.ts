// Dates, times, numbers and durations through Intl in the UI's language.
//
// A SQL Server datetime crosses the wire as an ISO string whose fields are that server's wall
// clock (the "Z" is not a zone, src/msx/datetime.ts), so it is formatted in UTC: the digits a
// DBA sees are the ones the server stored, in the order and style of their language.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const dateTimeFormat = (lng: string) =>
  cached(`dt:${lng}`, () =>
    // Numeric date with a four-digit year (a two-digit one reads as a day in some orders), time to
    // the second: what a grid column has room for, in the language's own order.
    new Intl.DateTimeFormat(lng, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  );
const timeFormat = (lng: string) => cached(`t:${lng}`, () => new Intl.DateTimeFormat(lng, { timeZone: 'UTC', timeStyle: 'medium' }));
const numberFormat = (lng: string) => cached(`n:${lng}`, () => new Intl.NumberFormat(lng));
const relativeFormat = (lng: string) =>
  cached(`r:${lng}`, () => {
    const narrow = new Intl.RelativeTimeFormat(lng, { style: 'narrow', numeric: 'always' });
    // Some languages' narrow style is only a sign (fr "-12 s", ru "-12 с", and "-0 с" just after a
    // poll), which reads as arithmetic, not as "ago": those get their short style ("il y a 12 s").
    return /^[-+\u2212]/.test(narrow.format(-1, 'second')) ? new Intl.RelativeTimeFormat(lng, { style: 'short', numeric: 'always' }) : narrow;
  });

/** Milliseconds of a server datetime's wall clock (its UTC fields), or NaN. */
export function serverMs(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : NaN;
}

/**
 * Intl's format() is the costliest call of a grid row; the same instants (enlist dates, polls in
 * the same second, relative ages) come back again and again, so their texts are kept.
 */
const texts = new Map<string, string>();
function memo(key: string, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size > 20_000) texts.clear();
    text = make();
    texts.set(key, text);
  }
  return text;
}

/** `11/2/26, 9:00:00 AM` in English: a server wall-clock datetime; '' for none. */
export function formatServerDateTime(lng: string, value: string | number | null | undefined): string {
  const ms = typeof value === 'number' ? value : serverMs(value);
  return Number.isFinite(ms) ? memo(`dt${lng}${Math.floor(ms / 1000)}`, () => dateTimeFormat(lng).format(ms)) : '';
}

export function formatServerTime(lng: string, value: string | number | null | undefined): string {
  const ms = typeof value === 'number' ? value : serverMs(value);
  return Number.isFinite(ms) ? memo(`t${lng}${Math.floor(ms / 1000)}`, () => timeFormat(lng).format(ms)) : '';
}

export function formatNumber(lng: string, n: number): string {
  return memo(`n${lng}${n}`, () => numberFormat(lng).format(n));
}

/** The largest unit that keeps the figure readable: 45 s, 12 min, 3 h, 2 days. */
function unitOf(absMs: number): [number, Intl.RelativeTimeFormatUnit] {
  const s = Math.floor(absMs / 1000);
  if (s < 60) return [s, 'second'];
  if (s < 3600) return [Math.floor(s / 60), 'minute'];
  if (s < 86_400) return [Math.floor(s / 3600), 'hour'];
  return [Math.floor(s / 86_400), 'day'];
}

/** "12s ago" for a past instant, "in 12s" for a future one: ms is the distance, when says which. */
export function formatRelative(lng: string, ms: number, when: 'past' | 'future'): string {
  const [n, unit] = unitOf(Math.max(0, ms));
  // -0 still reads as the past ("0s ago").
  return memo(`r${lng}${when}${n}${unit}`, () => relativeFormat(lng).format(when === 'past' ? -n : n, unit));
}

/**
 * Makes the language's formatters ahead of need. Creating an Intl formatter costs milliseconds,
 * and the first grid to need one would pay for all of them while its dialog opens.
 */
export function prepareFormatters(lng: string): void {
  dateTimeFormat(lng).format(0);
  timeFormat(lng).format(0);
  numberFormat(lng).format(0);
  relativeFormat(lng).format(-1, 'second');
}

export interface Formatters {
  lng: string;
  dateTime(value: string | number | null | undefined): string;
  time(value: string | number | null | undefined): string;
  number(n: number): string;
  /** How long ago, from elapsed ms (≥ 0). */
  ago(elapsedMs: number): string;
  /** How far ahead, from remaining ms (≥ 0). */
  in(remainingMs: number): string;
}

export function formatters(lng: string): Formatters {
  return {
    lng,
    dateTime: (v) => formatServerDateTime(lng, v),
    time: (v) => formatServerTime(lng, v),
    number: (n) => formatNumber(lng, n),
    ago: (ms) => formatRelative(lng, ms, 'past'),
    in: (ms) => formatRelative(lng, ms, 'future'),
  };
}

/** The formatters of the UI's current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language ?? 'en';
  useEffect(() => {
    const idle = window.requestIdleCallback?.(() => prepareFormatters(lng), { timeout: 2000 });
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, [lng]);
  return useMemo(() => formatters(lng), [lng]);
}
