// i18next for every string of the UI. English now; the other languages (issue 6) add a
// locales/<lng>.json each and a language picker, nothing else.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

export const resources = { en: { translation: en } } as const;
export type Language = keyof typeof resources;
export const LANGUAGES = Object.keys(resources) as Language[];

/** Starts i18next synchronously (the resources are bundled), so the first render is already translated. */
export function initI18n(lng: Language = 'en'): i18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng,
      fallbackLng: 'en',
      initAsync: false,
      // React escapes; i18next escaping would double it.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return i18next;
}
