// Automated accessibility audit (axe-core through Playwright) of each state the issue names, in
// light and dark: the main window, the context menu, both tabs of Manage Target Servers and the
// Post Download Instructions dialog. No serious or critical violation may remain; no rule is
// disabled, so a regression in names, roles, states or contrast fails here.
import { expect, test } from '@playwright/test';
import { audit } from './axe';
import { api, openConsole, rowOf, treeRow } from './app';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });

    test.beforeEach(async () => {
      await api('lab.reset');
    });

    test(`axe: main window, context menu, both tabs, Post Instructions (${scheme})`, async ({ page }) => {
      // Five full-page axe runs: about 15 s alone, and twice that on two busy cores.
      test.setTimeout(90_000);
      // States worth auditing: a blocked target (error styling) and a pending Force Poll.
      await api('lab.failNext', { server: 'TOKYO-SQL04', message: 'The job step requires a proxy account, however proxy matching is disabled on the target server.' });
      await api('targets.forcePoll', { connectionId: 'lab', servers: ['TOKYO-SQL04'] });
      await openConsole(page);
      await audit(page, 'main window');

      await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Multi Server Administration' }).press('ArrowRight');
      // The submenu opens on its first item (Add Target Servers…, disabled with a tooltip saying why).
      await expect(page.getByRole('menuitem', { name: 'Add Target Servers…' })).toBeFocused();
      await audit(page, 'context menu');
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('menuitem', { name: 'Manage Target Servers…' })).toBeFocused();
      await page.keyboard.press('Enter');

      const dialog = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
      const grid = dialog.getByRole('grid', { name: 'Target servers' });
      await expect(grid.getByRole('row')).toHaveCount(6);
      await rowOf(grid, 'LONDON-SQL01').getByRole('rowheader').click();
      await dialog.getByRole('button', { name: 'Force Poll' }).click();
      await expect(rowOf(grid, 'LONDON-SQL01').locator('.poll-state.done')).toBeVisible();
      // The selected target's details, its Agent registry read: audited too.
      await expect(dialog.getByRole('group', { name: 'Registry values the Agent uses (as msdb reads them)' }).locator('dl')).toBeVisible();
      await audit(page, 'Target Server Status tab');

      await dialog.getByRole('tab', { name: 'Download Instructions' }).click();
      await expect(dialog.getByRole('grid', { name: 'Download instructions' }).getByRole('row').filter({ hasText: 'Blocks TOKYO-SQL04:' })).toBeVisible();
      await audit(page, 'Download Instructions tab');

      await dialog.getByRole('tab', { name: 'Target Server Status' }).click();
      await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
      const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
      await post.getByLabel('Polling interval').fill('5');
      await expect(post.getByRole('button', { name: 'OK' })).toBeDisabled();
      await post.getByRole('button', { name: 'Script' }).click();
      await audit(page, 'Post Download Instructions dialog');
    });
  });
}
