// The desktop app, launched for real: runs wherever the Electron binary exists (a developer's
// machine, CI with network), and skips with the reason where it cannot be downloaded.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectron, ensureRenderer } from '../scripts/build';
import { findElectronBinary } from '../scripts/electronBinary';
import { LAB_TARGETS } from './env';

const binary = findElectronBinary();
// electron/menu.ts's ABOUT_MENU_ID (electron/menu.test.ts holds it to this value); not imported,
// because menu.ts reaches package.json, which Playwright's loader cannot import without attributes.
const ABOUT_MENU_ID = 'help.about';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds what is stale and starts the app on a fresh lab of its own. */
async function launchApp(executablePath: string): Promise<ElectronApplication> {
  await ensureRenderer();
  await ensureElectron();
  const lab = join(mkdtempSync(join(tmpdir(), 'msx-electron-')), 'lab.msxlab');
  const env = { ...process.env } as Record<string, string>;
  delete env.ELECTRON_RUN_AS_NODE;
  return electron.launch({ executablePath, args: [ROOT, '--lab', lab, '--fresh'], env });
}

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.ok, `Electron is not available on this machine (${binary.ok ? '' : binary.reason}); this smoke test runs where node_modules/electron has its binary.`);

  test('launches, shows the lab, and exposes only window.msx.invoke and .on', async () => {
    if (!binary.ok) return;
    test.setTimeout(120_000);
    const app = await launchApp(binary.path);
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL('app://msx-studio/index.html');
      await expect(page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' })).toBeVisible();
      const lab = page.getByRole('grid', { name: 'Lab target servers' });
      await expect(lab.getByRole('row')).toHaveCount(LAB_TARGETS.length + 1);
      for (const name of LAB_TARGETS) await expect(lab.getByRole('rowheader', { name, exact: true })).toBeVisible();
      expect(await page.evaluate(() => Object.keys(window.msx ?? {}).sort())).toEqual(['invoke', 'on']);
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    } finally {
      await app.close();
    }
  });

  test('Help > About MSX Studio names the Electron, Chromium and Node.js it runs on; no DevTools', async () => {
    if (!binary.ok) return;
    test.setTimeout(120_000);
    const app = await launchApp(binary.path);
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' })).toBeVisible();
      const versions = await app.evaluate(({ Menu }, id) => {
        Menu.getApplicationMenu()?.getMenuItemById(id)?.click();
        return { electron: process.versions.electron, chromium: process.versions.chrome, node: process.versions.node };
      }, ABOUT_MENU_ID);
      const dialog = page.getByRole('dialog', { name: 'About MSX Studio' });
      await expect(dialog).toBeVisible();
      const values = dialog.getByRole('definition');
      await expect(values).toHaveText([versions.electron, versions.chromium, versions.node]);
      mkdirSync('test-results/screens', { recursive: true });
      await page.screenshot({ path: 'test-results/screens/about-desktop.png' });
      // Started without --devtools: DevTools stay shut even when asked for.
      const devTools = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0].webContents;
        contents.openDevTools();
        return contents.isDevToolsOpened();
      });
      expect(devTools).toBe(false);
    } finally {
      await app.close();
    }
  });
});
