// The application menu, as data: File, Edit, View, Window, Help (with the app menu on macOS).
import type { MenuItemConstructorOptions } from 'electron';

export const DOCS_URL = 'https://learn.microsoft.com/en-us/ssms/agent/automated-administration-across-an-enterprise';

export function appMenuTemplate(opts: { isMac: boolean; isPackaged: boolean; openDocs: () => void }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  // Developer tools in development builds only: in a packaged app they are an easy way in.
  if (!opts.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [opts.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Multiserver Administration Documentation', click: opts.openDocs }] },
  ];
}
