import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => {}) } }));

const electron = await import('electron');
const { hardenSession, hardenWebContents, linkGuards } = await import('./navigation');
const { UserActivation, USER_ACTIVATION_MS } = await import('./userActivation');
const opened = () => vi.mocked(electron.shell).openExternal;

/** A page's guards with a clock the test moves, and a way to click. */
function page() {
  let now = 1_000_000;
  const activation = new UserActivation(() => now);
  return {
    guards: linkGuards(activation),
    click: () => activation.note({ type: 'mouseUp' }),
    wait: (ms: number) => void (now += ms),
  };
}

describe('navigation and new windows', () => {
  beforeEach(() => {
    opened().mockClear();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('blocks every navigation; an https link the user clicked goes to the browser', () => {
    const { guards, click } = page();
    const event = { preventDefault: vi.fn() };
    click();
    guards.onWillNavigate(event, 'https://learn.microsoft.com/en-us/sql/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(opened()).toHaveBeenCalledWith('https://learn.microsoft.com/en-us/sql/');
    for (const url of ['file:///etc/passwd', 'http://intranet.contoso.com/', 'app://msx-studio/other']) {
      const e = { preventDefault: vi.fn() };
      click();
      guards.onWillNavigate(e, url);
      expect(e.preventDefault, url).toHaveBeenCalled();
    }
    expect(opened()).toHaveBeenCalledTimes(1);
  });

  it('opens nothing without a recent gesture, and one link per gesture', () => {
    const { guards, click, wait } = page();
    guards.onWillNavigate({ preventDefault: vi.fn() }, 'https://example.com/no-click');
    expect(windowOpen(guards, 'https://example.com/no-click-either')).toEqual({ action: 'deny' });
    expect(opened()).not.toHaveBeenCalled();

    click();
    expect(windowOpen(guards, 'https://example.com/one')).toEqual({ action: 'deny' });
    expect(windowOpen(guards, 'https://example.com/two')).toEqual({ action: 'deny' });
    expect(opened().mock.calls).toEqual([['https://example.com/one']]);

    click();
    wait(USER_ACTIVATION_MS + 1);
    guards.onWillNavigate({ preventDefault: vi.fn() }, 'https://example.com/too-late');
    expect(opened()).toHaveBeenCalledTimes(1);
  });

  it('handles will-frame-navigate like will-navigate', () => {
    const { guards, click } = page();
    const blocked = { preventDefault: vi.fn(), url: 'https://evil.example/frame' };
    guards.onWillFrameNavigate(blocked);
    expect(blocked.preventDefault).toHaveBeenCalled();
    expect(opened()).not.toHaveBeenCalled();
    click();
    const clicked = { preventDefault: vi.fn(), url: 'https://learn.microsoft.com/' };
    guards.onWillFrameNavigate(clicked);
    expect(clicked.preventDefault).toHaveBeenCalled();
    expect(opened()).toHaveBeenCalledWith('https://learn.microsoft.com/');
  });

  it('denies every new window', () => {
    const { guards, click } = page();
    for (const url of ['https://example.com', 'javascript:alert(1)', 'app://msx-studio/index.html', 'http://example.com']) {
      click();
      expect(windowOpen(guards, url)).toEqual({ action: 'deny' });
    }
    expect(opened()).toHaveBeenCalledTimes(1);
  });

  it('hooks input, will-navigate, will-frame-navigate, will-redirect, will-attach-webview and the window-open handler', () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const contents = { on: vi.fn((name: string, fn: never) => handlers.set(name, fn)), setWindowOpenHandler: vi.fn() };
    hardenWebContents(contents as never);
    expect([...handlers.keys()].sort()).toEqual(['input-event', 'will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    const open = contents.setWindowOpenHandler.mock.calls[0][0] as (d: { url: string }) => unknown;
    // Script cannot fake the gesture: only input Chromium delivered (input-event) counts.
    expect(open({ url: 'https://example.com/a' })).toEqual({ action: 'deny' });
    expect(opened()).not.toHaveBeenCalled();
    handlers.get('input-event')!({}, { type: 'mouseDown' });
    expect(open({ url: 'https://example.com/b' })).toEqual({ action: 'deny' });
    expect(opened().mock.calls).toEqual([['https://example.com/b']]);
    handlers.get('will-frame-navigate')!({ preventDefault: vi.fn(), url: 'app://msx-studio/other' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      handlers.get(name)!(e, 'app://msx-studio/other');
      expect(e.preventDefault, name).toHaveBeenCalled();
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

function windowOpen(guards: { windowOpenHandler(d: { url: string }): unknown }, url: string): unknown {
  return guards.windowOpenHandler({ url });
}
