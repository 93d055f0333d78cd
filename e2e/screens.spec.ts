// Screenshots of the console in light and dark (colorScheme), for a person to look at: the main
// window, the Multi Server Administration menu, both tabs of Manage Target Servers and the Post
// Download Instructions dialog. Saved to test-results/screens/<name>-<scheme>.png.
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { api, cellOf, openConsole, rowOf, treeRow } from './app';

const DIR = 'test-results/screens';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`screens (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });

    test.beforeEach(async () => {
      mkdirSync(DIR, { recursive: true });
      await api('lab.reset');
    });

    test(`main window, context menu, both tabs and Post Instructions (${scheme})`, async ({ page }) => {
      const shot = (name: string) => page.screenshot({ path: `${DIR}/${name}-${scheme}.png` });
      // Something worth seeing in each state: a blocked target, a stopped Agent, a pending queue.
      await api('lab.failNext', { server: 'TOKYO-SQL04', message: 'The job step requires a proxy account, however proxy matching is disabled on the target server.' });
      await api('targets.forcePoll', { connectionId: 'lab', servers: ['TOKYO-SQL04'] });
      await api('lab.stopAgent', { server: 'SEA-SQL03' });
      await api('targets.forcePoll', { connectionId: 'lab', servers: ['SEA-SQL03'] });

      await openConsole(page);
      await treeRow(page, 'Jobs').locator('.tree-toggle').click();
      await expect(page.getByRole('treeitem', { name: 'Nightly DBCC CHECKDB multiserver' })).toBeVisible();
      await expect(page.getByRole('grid', { name: 'Lab target servers' }).getByRole('row')).toHaveCount(6);
      await shot('main');

      await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Multi Server Administration' }).press('ArrowRight');
      await expect(page.getByRole('menuitem', { name: 'Add Target Servers…' })).toBeFocused();
      await shot('context-menu');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');

      const dialog = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
      const grid = dialog.getByRole('grid', { name: 'Target servers' });
      await expect(grid.getByRole('row')).toHaveCount(6);
      await rowOf(grid, 'LONDON-SQL01').getByRole('rowheader').click();
      await rowOf(grid, 'NYC-SQL02').getByRole('rowheader').click({ modifiers: ['ControlOrMeta'] });
      await dialog.getByRole('button', { name: 'Force Poll' }).click();
      await expect(rowOf(grid, 'LONDON-SQL01').locator('.poll-state.done')).toBeVisible();
      await expect(await cellOf(grid, rowOf(grid, 'TOKYO-SQL04'), 'Status')).toHaveText('Blocked');
      await expect(page.getByRole('status').filter({ hasText: 'Force Poll: 2 target servers' })).toBeVisible();
      await shot('target-server-status');

      await dialog.getByRole('tab', { name: 'Download Instructions' }).click();
      await expect(dialog.getByRole('grid', { name: 'Download instructions' }).getByRole('row').filter({ hasText: 'Blocks TOKYO-SQL04:' })).toBeVisible();
      await shot('download-instructions');

      await dialog.getByRole('tab', { name: 'Target Server Status' }).click();
      await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
      const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
      await post.getByLabel('Polling interval').fill('120');
      await post.getByRole('button', { name: 'Script' }).click();
      await expect(post.getByRole('region', { name: 'T-SQL script' })).toContainText('sp_post_msx_operation');
      await shot('post-instructions');
      await post.getByLabel('Polling interval').fill('5');
      await expect(post.getByRole('button', { name: 'OK' })).toBeDisabled();
      await shot('post-instructions-invalid');
    });
  });
}

test('Connect to Server dialog (light)', async ({ page }) => {
  mkdirSync(DIR, { recursive: true });
  await openConsole(page);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Database Engine…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to Server' });
  await dialog.getByLabel('Server name').fill('sql01\\');
  await dialog.getByLabel('Login').click();
  await expect(dialog.getByText('The instance name is not valid')).toBeVisible();
  await page.screenshot({ path: `${DIR}/connect.png` });
});
