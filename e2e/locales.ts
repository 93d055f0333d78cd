// The UI's own strings, per language, for tests that run in every locale: read from the same
// JSON the app bundles and resolved by i18next (plurals, number formats), so a test finds the
// controls by what a DBA of that language reads, never by hard-coded English.
import { readFileSync } from 'node:fs';
import { createInstance, type TFunction } from 'i18next';

export const LOCALES = ['en', 'de', 'fr', 'es', 'ru', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

const cache = new Map<Locale, TFunction>();

export function translator(lng: Locale): TFunction {
  let t = cache.get(lng);
  if (!t) {
    const translation = JSON.parse(readFileSync(new URL(`../renderer/i18n/locales/${lng}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
    const instance = createInstance();
    void instance.init({ lng, resources: { [lng]: { translation } }, initAsync: false, interpolation: { escapeValue: false } });
    t = instance.t;
    cache.set(lng, t);
  }
  return t;
}

/** The key under which the app remembers the chosen language (renderer/i18n/index.ts). */
export const LANGUAGE_STORAGE_KEY = 'msx-studio.language';
