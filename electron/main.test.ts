// The main process wired up with `electron` mocked: what it asks Electron for at start-up.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../src/api/contract';

const m = vi.hoisted(() => {
  const appHandlers = new Map<string, (...args: unknown[]) => void>();
  const windows: Array<{ options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn>; webContents: Record<string, unknown> }> = [];
  const api = {
    dispatch: vi.fn(async () => ({ result: [] })),
    onEvent: vi.fn((_l: (e: ApiEvent) => void) => () => {}),
    close: vi.fn(async () => {}),
    lab: vi.fn(),
  };
  return { appHandlers, windows, api };
});

vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents = { send: vi.fn(), isDestroyed: () => false, getURL: () => 'app://msx-studio/index.html' };
    readonly loadURL = vi.fn(async () => {});
    constructor(readonly options: Record<string, unknown>) {
      m.windows.push(this);
    }
    on = vi.fn();
    once = vi.fn();
    show = vi.fn();
    maximize = vi.fn();
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
  }
  return {
    app: {
      whenReady: vi.fn(async () => {}),
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => m.appHandlers.set(name, fn)),
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      getPath: vi.fn(() => '/tmp/msx-studio-test-userdata'),
      isPackaged: false,
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    net: { fetch: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]) },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onBeforeRequest: vi.fn() } },
    },
    shell: { openExternal: vi.fn() },
    safeStorage: { isEncryptionAvailable: vi.fn(() => true), encryptString: vi.fn(), decryptString: vi.fn(), getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret') },
  };
});

vi.mock('../src/api/host', () => ({ createApiHost: vi.fn(async () => m.api) }));

const electron = await import('electron');
const { createApiHost } = await import('../src/api/host');

describe('electron main', () => {
  const argv = process.argv;

  beforeAll(async () => {
    process.argv = [...argv, '--lab', '/tmp/msx-main-test.msxlab', '--fresh'];
    await import('./main');
    await vi.waitFor(() => expect(m.windows).toHaveLength(1));
  });

  afterAll(() => {
    process.argv = argv;
  });

  it('registers app:// as a privileged scheme and sandboxes every renderer', () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens the lab named on the command line in the main process', () => {
    expect(createApiHost).toHaveBeenCalledWith({ labFile: '/tmp/msx-main-test.msxlab', fresh: true, secretStore: expect.objectContaining({ persistent: true }) });
  });

  it('opens one window on the app page with the checklist options', () => {
    const [win] = m.windows;
    expect(win.loadURL).toHaveBeenCalledWith('app://msx-studio/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    // dist/electron/main.js → <app>/assets/icon.png, the file electron-builder.yml packs.
    expect(win.options.icon).toMatch(/[/\\]assets[/\\]icon\.png$/);
  });

  it('sets the application menu; Help > About opens the About dialog in the page', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const template = vi.mocked(electron.Menu.setApplicationMenu).mock.calls[0][0] as unknown as Array<{ role?: string; submenu?: Array<{ label?: string; role?: string; click?: () => void }> }>;
    const about = template.find((m) => m.role === 'help')!.submenu!.find((i) => i.label === '&About MSX Studio')!;
    about.click!();
    expect(m.windows[0].webContents.send).toHaveBeenCalledWith('msx:event', { type: 'shell', command: 'about' });
    // A development run without --devtools: no DevTools, in the menu or the window.
    expect(template.flatMap((mm) => mm.submenu ?? []).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(m.windows[0].options.webPreferences).toMatchObject({ devTools: false });
  });

  it('denies permission requests', () => {
    const handler = vi.mocked(electron.session.defaultSession.setPermissionRequestHandler).mock.calls[0][0]!;
    const cb = vi.fn();
    handler({} as never, 'media', cb, {} as never);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('hardens every web contents as it is created', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), closeDevTools: vi.fn() };
    m.appHandlers.get('web-contents-created')!({}, contents);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(contents.on).toHaveBeenCalledWith('will-frame-navigate', expect.any(Function));
    expect(contents.on).toHaveBeenCalledWith('devtools-opened', expect.any(Function));
    const open = contents.setWindowOpenHandler.mock.calls[0][0] as (d: { url: string }) => unknown;
    expect(open({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('serves the API on one invoke channel and refuses a foreign sender', async () => {
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(1);
    const [channel, handler] = vi.mocked(electron.ipcMain.handle).mock.calls[0] as unknown as [string, (e: unknown, ...a: unknown[]) => Promise<unknown>];
    expect(channel).toBe('msx:invoke');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'connections.list', {})).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    warn.mockRestore();
    expect(m.api.dispatch).not.toHaveBeenCalled();
    expect(await handler({ senderFrame: { url: 'app://msx-studio/index.html', parent: null } }, 'connections.list', {})).toEqual({ result: [] });
  });

  it('saves the lab before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    m.appHandlers.get('will-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(m.api.close).toHaveBeenCalled();
  });
});
