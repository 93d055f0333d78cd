import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => {}) } }));

const electron = await import('electron');
const { hardenSession, hardenWebContents, onWillNavigate, windowOpenHandler } = await import('./navigation');
const opened = () => vi.mocked(electron.shell).openExternal;

describe('navigation and new windows', () => {
  beforeEach(() => opened().mockClear());

  it('blocks every navigation, sending web links to the browser', () => {
    const event = { preventDefault: vi.fn() };
    onWillNavigate(event, 'https://evil.example/phish');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(opened()).toHaveBeenCalledWith('https://evil.example/phish');
    const local = { preventDefault: vi.fn() };
    onWillNavigate(local, 'file:///etc/passwd');
    expect(local.preventDefault).toHaveBeenCalled();
    expect(opened()).toHaveBeenCalledTimes(1);
  });

  it('denies every new window', () => {
    expect(windowOpenHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(windowOpenHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(windowOpenHandler({ url: 'app://msx-studio/index.html' })).toEqual({ action: 'deny' });
    expect(opened()).toHaveBeenCalledTimes(1);
  });

  it('hooks will-navigate, will-redirect, will-attach-webview and the window-open handler', () => {
    const handlers = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    const contents = { on: vi.fn((name: string, fn: never) => handlers.set(name, fn)), setWindowOpenHandler: vi.fn() };
    hardenWebContents(contents as never);
    expect([...handlers.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(windowOpenHandler);
    for (const fn of handlers.values()) {
      const e = { preventDefault: vi.fn() };
      fn(e, 'app://msx-studio/other');
      expect(e.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies permission requests and checks, and cancels web requests', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onBeforeRequest: vi.fn() } };
    hardenSession(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0][0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0][0] as () => boolean;
    expect(check()).toBe(false);
    const [filter, onBefore] = session.webRequest.onBeforeRequest.mock.calls[0] as [{ urls: string[] }, (d: unknown, cb: (r: unknown) => void) => void];
    expect(filter.urls).toContain('https://*/*');
    const cb = vi.fn();
    onBefore({ url: 'https://evil.example' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });
});
