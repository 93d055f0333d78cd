// The desktop app's main process: one window on the app's own page, the embedded lab and the
// API in this process, and every door (navigation, new windows, permissions, links, IPC)
// guarded by the policies in ./security.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiHost } from '../src/api/host';
import { defaultLabFile } from '../src/server/paths';
import { parseDesktopArgs } from './args';
import { registerApi, sendShellCommand } from './ipc';
import { createSafeStorageSecretStore, SECRETS_FILE_NAME } from './secretStore';
import { appMenuTemplate, DOCS_URL } from './menu';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol';
import { APP_ENTRY_URL } from './security/appOrigin';
import { devToolsAllowed, guardDevTools } from './security/devTools';
import { hardenSession, hardenWebContents } from './security/navigation';
import { openExternalSafely } from './security/openExternal';
import { mainWindowOptions } from './security/windowOptions';
import { loadWindowState, trackWindowState } from './windowState';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD = join(here, 'preload.cjs');
// assets/icon.png is packed into app.asar beside dist/ (electron-builder.yml `files`).
const WINDOW_ICON = join(here, '..', '..', 'assets', 'icon.png');

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
const devTools = devToolsAllowed({ isPackaged: app.isPackaged, argv: process.argv });

let mainWindow: BrowserWindow | undefined;

app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents);
  guardDevTools(contents, devTools);
});
app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

function createMainWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, state.bounds, { icon: WINDOW_ICON, devTools }));
  if (state.maximized) win.maximize();
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, net, RENDERER_DIR);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        isMac: process.platform === 'darwin',
        devTools,
        openDocs: () => void openExternalSafely(DOCS_URL),
        showAbout: () => void sendShellCommand(mainWindow?.webContents, 'about'),
      }),
    ),
  );

  const args = parseDesktopArgs(process.argv);
  const labFile = args.lab ?? defaultLabFile();
  let api: Awaited<ReturnType<typeof createApiHost>>;
  try {
    // Saved passwords sealed by the OS (safeStorage), beside connections.json in the data folder.
    api = await createApiHost({ labFile, fresh: args.fresh, secretStore: createSafeStorageSecretStore(join(dirname(labFile), SECRETS_FILE_NAME)) });
  } catch (err) {
    dialog.showErrorBox('MSX Studio', `The lab in ${labFile} could not be opened.\n\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  registerApi(ipcMain, api, () => mainWindow?.webContents);

  mainWindow = createMainWindow();
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Save the lab before quitting; quit is held until it is on disk.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    api.close().finally(() => app.quit());
  });
}

// One instance: two would write the same lab file.
if (app.requestSingleInstanceLock()) void start();
else app.quit();
