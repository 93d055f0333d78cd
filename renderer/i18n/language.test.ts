// The first-launch language: the browser's/OS's preference list mapped onto our six languages.
import { describe, expect, it } from 'vitest';
import { bestLanguage, isLanguage, LANGUAGES, resources } from './index';

describe('bestLanguage', () => {
  it('takes an exact match, case-insensitively', () => {
    expect(bestLanguage(['pt-br'])).toBe('pt-BR');
    expect(bestLanguage(['ru'])).toBe('ru');
  });
  it('falls back to the same primary language: de-AT → de, pt and pt-PT → pt-BR', () => {
    expect(bestLanguage(['de-AT'])).toBe('de');
    expect(bestLanguage(['pt'])).toBe('pt-BR');
    expect(bestLanguage(['pt-PT', 'en'])).toBe('pt-BR');
  });
  it('walks the list in order and ends in English', () => {
    expect(bestLanguage(['ja-JP', 'fr-CA', 'de'])).toBe('fr');
    expect(bestLanguage(['ja', 'zh-CN'])).toBe('en');
    expect(bestLanguage([])).toBe('en');
  });
});

describe('LANGUAGES', () => {
  it('lists every bundled language once, with its native name', () => {
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual(Object.keys(resources).sort());
    for (const l of LANGUAGES) expect(l.nativeName.length).toBeGreaterThan(0);
    expect(isLanguage('pt-BR')).toBe(true);
    expect(isLanguage('pt')).toBe(false);
  });
});
