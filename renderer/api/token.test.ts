import { describe, expect, it, vi } from 'vitest';
import { takeToken, TOKEN_KEY } from './token';

function env(href: string, stored?: string) {
  const store = new Map<string, string>(stored ? [[TOKEN_KEY, stored]] : []);
  return {
    location: { href },
    history: { state: null, replaceState: vi.fn() },
    storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    store,
  };
}

describe('takeToken', () => {
  it('takes the token from the address, stores it, and removes it from the address bar', () => {
    const e = env('http://127.0.0.1:4000/?token=abc123&view=targets#grid');
    expect(takeToken(e)).toBe('abc123');
    expect(e.store.get(TOKEN_KEY)).toBe('abc123');
    expect(e.history.replaceState).toHaveBeenCalledWith(null, '', '/?view=targets#grid');
  });

  it('falls back to the stored token after a reload', () => {
    const e = env('http://127.0.0.1:4000/', 'stored-token');
    expect(takeToken(e)).toBe('stored-token');
    expect(e.history.replaceState).not.toHaveBeenCalled();
  });

  it('still works when storage is unavailable', () => {
    const e = env('http://127.0.0.1:4000/?token=t1');
    const broken = {
      ...e,
      storage: {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      },
    };
    expect(takeToken(broken)).toBe('t1');
    expect(takeToken({ ...broken, location: { href: 'http://127.0.0.1:4000/' } })).toBeUndefined();
  });
});
