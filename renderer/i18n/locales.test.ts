// Every locale says everything English says, nothing more, with the same placeholders (issue 6).
//
// Keys: a locale has every English key and no other, except plurals: for an English family
// x_one/x_other it has exactly the forms its own language asks for (Intl.PluralRules, the way
// i18next's JSON v4 picks the suffix), e.g. ru x_one/x_few/x_many/x_other, fr x_one/x_many/x_other.
// Placeholders: {{...}} (with their format, e.g. {{count, number}}) and $t(...) nestings are the
// same set as English's; in a plural family each form may drop what English's singular drops,
// but a form that also stands for other numbers (ru "one" is 21, 31...) must show them.
// SQL Server's own words (procedure names, instruction types such as SET-POLL, T-SQL keywords)
// stay as they are, and any key under a `verbatim` namespace is SQL Server's text: never translated.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import ptBR from './locales/pt-BR.json';
import ru from './locales/ru.json';

const LOCALES: Record<string, unknown> = { de, fr, es, ru, 'pt-BR': ptBR };

/** A path segment naming SQL Server's own text, which every language keeps as English has it. */
const VERBATIM_SEGMENT = 'verbatim';

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_KEY = new RegExp(`^(.+)_(${PLURAL_SUFFIXES.join('|')})$`);

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** Bases of English's plural families: x for every x_other (i18next needs _other in each family). */
function pluralBases(keys: Iterable<string>): Set<string> {
  const bases = new Set<string>();
  for (const key of keys) {
    const m = PLURAL_KEY.exec(key);
    if (m && m[2] === 'other') bases.add(m[1]);
  }
  return bases;
}

function familyOf(key: string, bases: Set<string>): { base: string; category: string } | null {
  const m = PLURAL_KEY.exec(key);
  return m && bases.has(m[1]) ? { base: m[1], category: m[2] } : null;
}

function categories(lng: string): string[] {
  return [...new Intl.PluralRules(lng).resolvedOptions().pluralCategories].sort();
}

/** Whether a category also stands for a whole number other than 0 and 1 (ru "one": 21, 31, ...). */
function coversOtherNumbers(lng: string, category: string): boolean {
  const rules = new Intl.PluralRules(lng);
  for (let n = 2; n <= 1000; n++) if (rules.select(n) === category) return true;
  return false;
}

/** `{{count, number}}` and `{{ count,number }}` are the same placeholder; `$t(key)` nestings count too. */
function placeholders(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\{\{([^}]*)\}\}/g)) found.add(`{{${m[1].split(',').map((p) => p.trim()).join(', ')}}}`);
  for (const m of text.matchAll(/\$t\(([^)]*)\)/g)) found.add(`$t(${m[1].trim()})`);
  return found;
}

/** Words that are SQL Server's, not the UI's: sp_ procedures and upper-case keywords (SET-POLL, MSX). */
function sqlServerWords(text: string): string[] {
  const bare = text.replace(/\{\{[^}]*\}\}/g, ' ');
  return [...bare.matchAll(/(?<![\p{L}\d_])(?:sp_\w+|[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*)(?![\p{L}\d_])/gu)].map((m) => m[0]).sort();
}

const sorted = (s: Iterable<string>) => [...s].sort();

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

const english = flatten(en);
const bases = pluralBases(english.keys());
const englishSingular = [...english.keys()].filter((k) => !familyOf(k, bases));

/** Every placeholder of an English plural family, and those all its forms share. */
function familyPlaceholders(base: string): { any: Set<string>; every: Set<string>; other: Set<string> } {
  const forms = [...english.keys()].filter((k) => familyOf(k, bases)?.base === base).map((k) => placeholders(String(english.get(k))));
  const any = new Set(forms.flatMap((f) => [...f]));
  const every = new Set([...any].filter((p) => forms.every((f) => f.has(p))));
  return { any, every, other: placeholders(String(english.get(`${base}_other`))) };
}

describe('en.json, the reference', () => {
  it('is strings only, none empty', () => {
    for (const [key, value] of english) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('has plural families i18next can resolve in English', () => {
    for (const base of bases) expect([...english.keys()].filter((k) => familyOf(k, bases)?.base === base).sort(), base).toEqual(categories('en').map((c) => `${base}_${c}`));
  });
});

describe.each(Object.entries(LOCALES))('%s', (lng, resources) => {
  const flat = flatten(resources);
  const cats = categories(lng);

  it("has exactly English's keys, with its own plural forms", () => {
    const expected = new Set(englishSingular);
    for (const base of bases) for (const c of cats) expected.add(`${base}_${c}`);
    const actual = new Set(flat.keys());
    expect({ missing: sorted([...expected].filter((k) => !actual.has(k))), extra: sorted([...actual].filter((k) => !expected.has(k))) }).toEqual({ missing: [], extra: [] });
  });

  it('is strings only, none empty', () => {
    for (const [key, value] of flat) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it("has English's placeholders and $t() nestings in every string", () => {
    const wrong: string[] = [];
    for (const [key, value] of flat) {
      if (!english.has(key) && !familyOf(key, bases)) continue; // reported as an extra key
      const mine = placeholders(String(value));
      const family = familyOf(key, bases);
      if (!family) {
        const theirs = placeholders(String(english.get(key)));
        if (sorted(mine).join(' ') !== sorted(theirs).join(' ')) wrong.push(`${key}: ${sorted(mine).join(' ')} ≠ en ${sorted(theirs).join(' ')}`);
        continue;
      }
      const { any, every, other } = familyPlaceholders(family.base);
      const required = family.category === 'one' && !coversOtherNumbers(lng, 'one') ? every : other;
      const foreign = [...mine].filter((p) => !any.has(p));
      const lacking = [...required].filter((p) => !mine.has(p));
      if (foreign.length || lacking.length) wrong.push(`${key}: not in English ${foreign.join(' ') || '-'}, lacking ${lacking.join(' ') || '-'}`);
    }
    expect(wrong).toEqual([]);
  });

  it("keeps SQL Server's words (sp_ procedures, SET-POLL, DEFECT, MSX, T-SQL) as English has them", () => {
    const wrong: string[] = [];
    for (const [key, value] of flat) {
      const family = familyOf(key, bases);
      const reference = english.get(family ? `${family.base}_other` : key);
      if (typeof reference !== 'string') continue;
      const mine = sqlServerWords(String(value));
      const missing = sqlServerWords(reference).filter((w) => !mine.includes(w));
      if (missing.length) wrong.push(`${key}: ${missing.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it(`leaves SQL Server's own texts (keys under "${VERBATIM_SEGMENT}") untranslated`, () => {
    for (const [key, value] of english) if (key.split('.').includes(VERBATIM_SEGMENT)) expect(flat.get(key), key).toBe(value);
  });

  it("keeps English's ellipses: a command that opens a dialog still says so", () => {
    const wrong: string[] = [];
    for (const [key, value] of flat) {
      const family = familyOf(key, bases);
      const reference = english.get(family ? `${family.base}_other` : key);
      if (typeof reference !== 'string') continue;
      const text = String(value);
      if (reference.endsWith('…') !== text.endsWith('…') || reference.startsWith('…') !== text.startsWith('…')) wrong.push(key);
    }
    expect(wrong).toEqual([]);
  });

  it("gets each plural form from i18next for exactly the numbers Intl's rules give it", async () => {
    // Each form of the locale replaced by its own key: i18next must pick the one Intl.PluralRules names.
    const marked: Record<string, unknown> = {};
    for (const key of flat.keys()) setPath(marked, key, familyOf(key, bases) ? key : String(flat.get(key)));
    const i18n = createInstance();
    await i18n.init({ resources: { [lng]: { translation: marked } }, lng, initAsync: false, interpolation: { escapeValue: false } });
    const rules = new Intl.PluralRules(lng);
    // A family the key test already reports as incomplete is left to it.
    for (const base of [...bases].filter((b) => cats.every((c) => flat.has(`${b}_${c}`)))) for (const n of [0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 101, 1.5, 1000000]) expect(i18n.t(base as never, { count: n }), `${base}, ${n}`).toBe(`${base}_${rules.select(n)}`);
  });
});

describe('French typography', () => {
  it('puts a no-break space before : ; ? ! and inside « », never a plain one', () => {
    const wrong: string[] = [];
    for (const [key, value] of flatten(fr)) {
      const text = String(value);
      // A colon between characters (host:port, 10:30) is not punctuation; one ending a phrase is.
      if (/(?:^|[^\u00a0\u202f])[;?!]|[^\u00a0\u202f]:(?=\s|$)|« |«(?!\u00a0)| »|(?<!\u00a0)»/u.test(text)) wrong.push(`${key}: ${text}`);
    }
    expect(wrong).toEqual([]);
  });
});
