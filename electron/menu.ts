// The application menu, as data: File, Edit, View, Window, Help (with the app menu on macOS).
import type { MenuItemConstructorOptions } from 'electron';

export { DOCS_URL } from '../src/api/methods/about';

/** Menu.getApplicationMenu().getMenuItemById(ABOUT_MENU_ID): the desktop smoke test clicks it. */
export const ABOUT_MENU_ID = 'help.about';

export interface AppMenuOptions {
  isMac: boolean;
  /** Developer tools (./security/devTools.ts): never packaged, in development with --devtools. */
  devTools: boolean;
  openDocs: () => void;
  /** Help > About MSX Studio: the page's About dialog, in the UI's language. */
  showAbout: () => void;
}

export function appMenuTemplate(opts: AppMenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (opts.devTools) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [opts.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Multiserver Administration Documentation', click: opts.openDocs },
        { type: 'separator' },
        { id: ABOUT_MENU_ID, label: '&About MSX Studio', click: opts.showAbout },
      ],
    },
  ];
}
