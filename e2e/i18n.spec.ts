// The six languages end to end: the language follows the browser on first launch, the status
// bar switches it without a restart (and remembers it), and Force Poll works in each language,
// found by the locale's own strings. Screenshots of Manage Target Servers per language go to
// test-results/screens/manage-targets-<lng>.png for a person to check for clipped text.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { api, cellOf, openConsole, rowOf, targets, watchErrors } from './app';
import { E2E_TOKEN } from './env';
import { LANGUAGE_STORAGE_KEY, LOCALES, translator, type Locale } from './locales';

const DIR = 'test-results/screens';

test.beforeEach(async () => {
  await api('lab.reset');
});

/** Opens Manage Target Servers through the context menu, in the page's current language. */
async function openManage(page: Page, lng: Locale): Promise<Locator> {
  const t = translator(lng);
  await page.getByRole('treeitem', { name: t('explorer.agentMsx'), exact: true }).locator('> .tree-row').click({ button: 'right' });
  await page.getByRole('menuitem', { name: t('explorer.menu.multiServerAdministration') }).click();
  await page.getByRole('menuitem', { name: t('explorer.menu.manageTargetServers') }).click();
  const dialog = page.getByRole('dialog', { name: t('manage.title', { server: 'MSX01' }) });
  await expect(dialog.getByRole('grid', { name: t('targets.gridLabel') }).getByRole('row')).toHaveCount(6);
  return dialog;
}

/** Force Poll on LONDON-SQL01: Last Polled moves, Unread is 0, the row and the toast say so. */
async function forcePollFlow(page: Page, dialog: Locator, lng: Locale): Promise<void> {
  const t = translator(lng);
  const grid = dialog.getByRole('grid', { name: t('targets.gridLabel') });
  const row = rowOf(grid, 'LONDON-SQL01');
  const when = (await cellOf(grid, row, t('targets.col.lastPolled'))).locator('.when');
  const before = await when.innerText();
  await row.getByRole('rowheader').click();
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await dialog.getByRole('button', { name: t('targets.forcePoll.button'), exact: true }).click();
  await expect(when).not.toHaveText(before, { timeout: 2000 });
  await expect(await cellOf(grid, row, t('targets.col.unread'))).toHaveText('0', { timeout: 2000 });
  await expect(row.locator('.poll-state.done')).toContainText(t('health.poll.downloaded'));
  // Screen readers hear the progress through a polite live region, in the same language.
  await expect(dialog.getByRole('status').filter({ hasText: t('health.poll.progress', { finished: 1, answered: 1, asked: 1 }) })).toHaveCount(1);
  const toast = page.getByRole('status').filter({ hasText: t('targets.forcePoll.toastTitle', { count: 1 }) });
  // SQL Server's message stays as SQL Server sends it; the explanation around it is localized.
  await expect(toast).toContainText('SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.');
  await expect(toast).toContainText(t('targets.forcePoll.signalled', { server: 'LONDON-SQL01' }));
  expect((await targets()).find((x) => x.serverName === 'LONDON-SQL01')!.unreadInstructions).toBe(0);
}

test.describe('language', () => {
  test.use({ locale: 'en-US' });

  test('switching to German from the status bar: menu, Force Poll button and the whole flow in German, remembered after reload', async ({ page }) => {
    const errors = watchErrors(page);
    await openConsole(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const picker = page.getByRole('combobox', { name: 'Language' });
    await picker.focus();
    await picker.selectOption('de');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const de = translator('de');
    await expect(page.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');

    await page.getByRole('treeitem', { name: de('explorer.agentMsx'), exact: true }).locator('> .tree-row').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Multiserververwaltung' }).click();
    await expect(page.getByRole('menuitem', { name: /Zielserver verwalten/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);

    const dialog = await openManage(page, 'de');
    await expect(dialog.getByRole('button', { name: 'Abruf erzwingen', exact: true })).toBeVisible();
    await forcePollFlow(page, dialog, 'de');

    // Remembered: a reload starts in German without touching the picker.
    await page.goto(`/?token=${E2E_TOKEN}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('treeitem', { name: de('explorer.agentMsx'), exact: true })).toBeVisible();
    expect(errors).toEqual([]);
  });
});

for (const [browserLocale, expected] of [
  ['ru-RU', 'ru'],
  ['pt-PT', 'pt-BR'],
  ['de-AT', 'de'],
] as const) {
  test.describe(`first launch in ${browserLocale}`, () => {
    test.use({ locale: browserLocale });
    test(`follows the browser: ${browserLocale} → ${expected}`, async ({ page }) => {
      await page.goto(`/?token=${E2E_TOKEN}`);
      await expect(page.locator('html')).toHaveAttribute('lang', expected);
      await expect(page.getByRole('treeitem', { name: translator(expected)('explorer.agentMsx'), exact: true })).toBeVisible();
    });
  });
}

for (const lng of LOCALES) {
  test.describe(`Force Poll in ${lng}`, () => {
    // Always from a browser in English, so the language comes from the remembered choice alone.
    test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

    test(`Force Poll flow in ${lng}, and a screenshot of Manage Target Servers`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, lng] as const);
      await page.goto(`/?token=${E2E_TOKEN}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      const dialog = await openManage(page, lng);
      await forcePollFlow(page, dialog, lng);
      mkdirSync(DIR, { recursive: true });
      await page.screenshot({ path: `${DIR}/manage-targets-${lng}.png` });
      const t = translator(lng);
      await dialog.getByRole('tab', { name: t('manage.tab.downloads') }).click();
      await expect(dialog.getByRole('grid', { name: t('downloads.gridLabel') })).toBeVisible();
      await page.screenshot({ path: `${DIR}/manage-targets-downloads-${lng}.png` });
      // The Post Download Instructions form: labels beside fields, where longer languages clip first.
      await dialog.getByRole('tab', { name: t('manage.tab.status') }).click();
      await dialog.getByRole('button', { name: t('targets.postInstructions') }).click();
      const post = page.getByRole('dialog', { name: t('post.title') });
      await expect(post).toBeVisible();
      await page.screenshot({ path: `${DIR}/post-instructions-${lng}.png` });
      await page.keyboard.press('Escape');
      await expect(post).toBeHidden();
      expect(errors).toEqual([]);
    });
  });
}



