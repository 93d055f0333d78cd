// Browser mode in Debian's Chromium, against the server Playwright starts (playwright.config.ts):
// the page reaches the core over HTTP + SSE and shows the lab.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { E2E_BASE_URL, E2E_TOKEN, LAB_TARGETS } from './env';

/** Collects what would mean the CSP or the page is broken: console errors and uncaught exceptions. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function api(method: string, params: unknown): Promise<unknown> {
  const res = await fetch(`${E2E_BASE_URL}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${E2E_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { result?: unknown; error?: unknown };
  if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.result;
}

const targetRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test.describe('browser mode', () => {
  test.beforeAll(async () => {
    // The lab is shared by the tests of this file; start them from the scenario.
    await api('lab.reset', {});
  });

  test("shows the lab connection and its five targets, and takes the token out of the address", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`/?token=${E2E_TOKEN}`);

    const table = page.getByRole('table', { name: 'Target servers' });
    await expect(table.getByRole('row')).toHaveCount(LAB_TARGETS.length + 1);
    for (const name of LAB_TARGETS) await expect(table.getByRole('rowheader', { name, exact: true })).toBeVisible();
    for (const header of ['Target Server', 'Location', 'Last Polled', 'Unread Instructions', 'Status', 'Poll Interval']) {
      await expect(table.getByRole('columnheader', { name: header })).toBeVisible();
    }
    await expect(targetRow(page, 'LONDON-SQL01')).toContainText('London, rack B4');
    await expect(targetRow(page, 'SYD-SQL05').getByRole('cell').last()).toHaveText('10');

    const facts = page.getByRole('region', { name: 'Connection' });
    await expect(facts).toContainText('MSX01');
    await expect(facts).toContainText('16.0.4135.4');
    await expect(facts).toContainText('sa');
    await expect(facts).toContainText('Master (MSX)');
    await expect(page.getByRole('status')).toHaveText('Live');

    expect(page.url()).toBe(`${E2E_BASE_URL}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('msx.token'))).toBe(E2E_TOKEN);
    expect(await page.evaluate(() => typeof window.msx)).toBe('undefined');

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/browser-mode.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  test('updates the grid from lab events, without a reload', async ({ page }) => {
    await page.goto(`/?token=${E2E_TOKEN}`);
    const tokyo = targetRow(page, 'TOKYO-SQL04');
    await expect(tokyo.getByRole('cell').nth(2)).toHaveText('0');
    await expect(page.getByRole('status')).toHaveText('Live');
    // A stopped Agent cannot download what Force Poll posts, so its unread count stays at 1.
    await api('lab.stopAgent', { server: 'TOKYO-SQL04' });
    await api('targets.forcePoll', { connectionId: 'lab', servers: ['TOKYO-SQL04'] });
    await expect(tokyo.getByRole('cell').nth(2)).toHaveText('1');
  });

  test('keeps working after a reload, with the token no longer in the address', async ({ page }) => {
    await page.goto(`/?token=${E2E_TOKEN}`);
    await expect(page.getByRole('rowheader', { name: 'LONDON-SQL01' })).toBeVisible();
    await page.reload();
    expect(page.url()).toBe(`${E2E_BASE_URL}/`);
    await expect(page.getByRole('rowheader', { name: 'LONDON-SQL01' })).toBeVisible();
  });

  test('without the token the page says how to open it, and the API refuses', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('Open MSX Studio with the address it printed')).toBeVisible();
    const res = await page.request.post('/api/connections.list', { data: {} });
    expect(res.status()).toBe(401);
  });

  test('the page is served with a strict CSP and inline script is blocked', async ({ page }) => {
    const response = await page.goto(`/?token=${E2E_TOKEN}`);
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });
});
