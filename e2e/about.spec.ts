// Help > About MSX Studio in browser mode: opened from the status bar, an ARIA dialog with the
// version, the browser and the server's Node.js, the license and https links; the favicon is the
// app icon. Screenshots (light, dark, German) go to test-results/screens/about-*.png.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { openConsole } from './app';

const DIR = 'test-results/screens';
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; license: string };

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`About MSX Studio (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 720 } });

    test(`opens from the status bar with the version, runtime, license and links (${scheme})`, async ({ page }) => {
      mkdirSync(DIR, { recursive: true });
      await openConsole(page);
      const opener = page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: 'About' });
      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'About MSX Studio' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText(`Version ${pkg.version}`)).toBeVisible();
      await expect(dialog.getByText('Browser mode')).toBeVisible();
      await expect(dialog.getByRole('definition').first()).toHaveText(/^Chromium \d+/);
      await expect(dialog.getByRole('definition').nth(1)).toHaveText(/^Node\.js \d+\.\d+\.\d+$/);
      await expect(dialog.getByText(`License: ${pkg.license}.`)).toBeVisible();
      for (const name of ['License text', 'Multiserver administration documentation']) {
        const link = dialog.getByRole('link', { name });
        await expect(link).toHaveAttribute('href', /^https:\/\//);
        await expect(link).toHaveAttribute('target', '_blank');
        await expect(link).toHaveAttribute('rel', /noreferrer/);
      }
      await expect(dialog.getByRole('button', { name: 'OK' })).toBeFocused();

      const axe = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      await page.screenshot({ path: `${DIR}/about-${scheme}.png` });

      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(opener).toBeFocused();
    });
  });
}

test('speaks the UI language (German)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openConsole(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await page.getByRole('contentinfo').getByRole('button', { name: 'Info' }).click();
  const dialog = page.getByRole('dialog', { name: 'Info zu MSX Studio' });
  await expect(dialog.getByText(`Lizenz: ${pkg.license}.`)).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Dokumentation zur Multiserververwaltung' })).toBeVisible();
  await page.screenshot({ path: `${DIR}/about-de.png` });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
});

test('the page uses the app icon as its favicon', async ({ page, request }) => {
  await openConsole(page);
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => ({ href: (l as HTMLLinkElement).href, type: l.getAttribute('type') })));
  expect(icons.map((i) => i.type).sort()).toEqual(['image/png', 'image/svg+xml']);
  for (const icon of icons) {
    const res = await request.get(icon.href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe(icon.type);
  }
  const svg = await (await request.get(icons.find((i) => i.type === 'image/svg+xml')!.href)).text();
  expect(svg).toBe(readFileSync('assets/icon.svg', 'utf8'));
});
