// i18next for every string of the UI, in the six languages the SSMS documentation this grew from
// exists in. The language follows the OS/browser on first launch; a choice made in the status
// bar is remembered and applied without a restart.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import ptBR from './locales/pt-BR.json';
import ru from './locales/ru.json';

export const resources = {
  en: { translation: en },
  de: { translation: de },
  fr: { translation: fr },
  es: { translation: es },
  ru: { translation: ru },
  'pt-BR': { translation: ptBR },
} as const;
export type Language = keyof typeof resources;

/** The picker's entries: each language named in itself, as a reader of it looks for it. */
export const LANGUAGES: readonly { code: Language; nativeName: string }[] = [
  { code: 'en', nativeName: 'English' },
  { code: 'de', nativeName: 'Deutsch' },
  { code: 'fr', nativeName: 'Français' },
  { code: 'es', nativeName: 'Español' },
  { code: 'ru', nativeName: 'Русский' },
  { code: 'pt-BR', nativeName: 'Português (Brasil)' },
];

const CODES = LANGUAGES.map((l) => l.code);
export const LANGUAGE_STORAGE_KEY = 'msx-studio.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (CODES as string[]).includes(value);
}

/**
 * The best of our languages for a list of BCP 47 tags in order of preference: an exact match
 * (case-insensitive), else the same primary language (de-AT → de, pt-PT and pt → pt-BR, the only
 * Portuguese we have); English when none fits.
 */
export function bestLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const exact = CODES.find((c) => c.toLowerCase() === lower);
    if (exact) return exact;
    const primary = lower.split('-')[0];
    const same = CODES.find((c) => c.toLowerCase().split('-')[0] === primary);
    if (same) return same;
  }
  return 'en';
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    // Storage can be blocked (privacy settings); the language then simply is not remembered.
    return undefined;
  }
}

/** The remembered choice, else the browser's (Electron passes the OS's) languages. */
export function initialLanguage(): Language {
  const saved = storage()?.getItem(LANGUAGE_STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  const preferred = nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
  return bestLanguage(preferred);
}

/** Keeps <html lang> and the window title in step, so screen readers pronounce the right language. */
function applyToDocument(instance: i18n): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = instance.resolvedLanguage ?? instance.language;
  document.title = instance.t('app.title');
}

/** Starts i18next synchronously (the resources are bundled), so the first render is already translated. */
export function initI18n(lng: Language = initialLanguage()): i18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng,
      supportedLngs: CODES,
      fallbackLng: 'en',
      initAsync: false,
      // React escapes; i18next escaping would double it.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    i18next.on('languageChanged', () => applyToDocument(i18next));
    applyToDocument(i18next);
  }
  return i18next;
}

/** Switches the whole UI (react-i18next re-renders) and remembers the choice for the next launch. */
export async function setLanguage(lng: Language): Promise<void> {
  storage()?.setItem(LANGUAGE_STORAGE_KEY, lng);
  await i18next.changeLanguage(lng);
}
