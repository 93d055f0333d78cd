// The main window's options: Electron's security checklist, in one object a test can read.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800 };

/** `icon`: the window's icon (Linux shows it in the taskbar; Windows and macOS take the packaged app's). */
export function mainWindowOptions(preload: string, bounds: WindowBounds = DEFAULT_BOUNDS, icon?: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    ...(icon ? { icon } : {}),
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
    },
  };
}
