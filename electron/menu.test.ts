import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ABOUT_MENU_ID, appMenuTemplate, DOCS_URL } from './menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
}

const base = { isMac: false, devTools: false, openDocs: () => {}, showAbout: () => {} };

describe('application menu', () => {
  it('has Help > About MSX Studio and the documentation, each calling its action', () => {
    const openDocs = vi.fn();
    const showAbout = vi.fn();
    const help = appMenuTemplate({ ...base, openDocs, showAbout }).find((m) => m.role === 'help')!;
    const labels = (help.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.type);
    expect(labels).toEqual(['Multiserver Administration Documentation', 'separator', '&About MSX Studio']);
    expect((help.submenu as MenuItemConstructorOptions[])[2].id).toBe(ABOUT_MENU_ID);
    // e2e/electron.spec.ts clicks the item by this id.
    expect(ABOUT_MENU_ID).toBe('help.about');
    for (const item of help.submenu as MenuItemConstructorOptions[]) (item.click as (() => void) | undefined)?.();
    expect(openDocs).toHaveBeenCalledTimes(1);
    expect(showAbout).toHaveBeenCalledTimes(1);
    expect(DOCS_URL).toMatch(/^https:\/\//);
  });

  it('offers Toggle Developer Tools only where DevTools are allowed', () => {
    expect(items(appMenuTemplate(base)).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(appMenuTemplate({ ...base, devTools: true })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('puts the app menu first on macOS only', () => {
    expect(appMenuTemplate({ ...base, isMac: true })[0].role).toBe('appMenu');
    expect(appMenuTemplate(base)[0].role).not.toBe('appMenu');
  });
});
