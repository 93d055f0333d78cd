// The main window's options: Electron's security checklist, in one object a test can read.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800 };

export interface MainWindowExtras {
  /** The window's icon (Linux shows it in the taskbar; Windows and macOS take the packaged app's). */
  icon?: string;
  /** DevTools, off unless allowed (./devTools.ts). */
  devTools?: boolean;
}

export function mainWindowOptions(preload: string, bounds: WindowBounds = DEFAULT_BOUNDS, extras: MainWindowExtras = {}): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    ...(extras.icon ? { icon: extras.icon } : {}),
    minWidth: 800,
    minHeight: 500,
    title: 'MSX Studio',
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: extras.devTools === true,
    },
  };
}
