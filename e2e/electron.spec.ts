// The desktop app, launched for real: runs wherever the Electron binary exists (a developer's
// machine, CI with network), and skips with the reason where it cannot be downloaded.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectron, ensureRenderer } from '../scripts/build';
import { findElectronBinary } from '../scripts/electronBinary';
import { LAB_TARGETS } from './env';

const binary = findElectronBinary();
const ROOT = fileURLToPath(new URL('..', import.meta.url));

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.ok, `Electron is not available on this machine (${binary.ok ? '' : binary.reason}); this smoke test runs where node_modules/electron has its binary.`);

  test('launches, shows the lab, and exposes only window.msx.invoke and .on', async () => {
    if (!binary.ok) return;
    test.setTimeout(120_000);
    await ensureRenderer();
    await ensureElectron();
    const lab = join(mkdtempSync(join(tmpdir(), 'msx-electron-')), 'lab.msxlab');
    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    const app = await electron.launch({ executablePath: binary.path, args: [ROOT, '--lab', lab, '--fresh'], env });
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
});
