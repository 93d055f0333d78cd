// Browser mode in Debian's Chromium, against the server Playwright starts (playwright.config.ts):
// the page reaches the core over HTTP + SSE and shows the lab in Object Explorer.
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { api, openConsole, treeRow, watchErrors } from './app';
import { E2E_BASE_URL, E2E_TOKEN, LAB_TARGETS } from './env';

test.describe('browser mode', () => {
  test.beforeAll(async () => {
    // The lab is shared by the tests of this file; start them from the scenario.
    await api('lab.reset', {});
  });

  test('shows the lab connection in Object Explorer and the status bar, and takes the token out of the address', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`/?token=${E2E_TOKEN}`);

    const tree = page.getByRole('tree', { name: 'Object Explorer' });
    const server = tree.getByRole('treeitem', { name: 'MSX01 (SQL Server 16.0.4135 - sa)' });
    await expect(server).toHaveAttribute('aria-expanded', 'true');
    const agent = tree.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' });
    await expect(agent).toHaveAttribute('aria-expanded', 'true');
    await expect(tree.getByRole('treeitem', { name: 'Databases' })).toHaveAttribute('aria-expanded', 'false');

    const status = page.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status).toContainText('MSX01');
    await expect(status).toContainText('16.0.4135.4');
    await expect(status).toContainText('Login: sa');
    await expect(status).toContainText('Master server (MSX)');
    await expect(status.getByRole('status')).toHaveText('Live');

    // The lab panel lists the simulated targets.
    const lab = page.getByRole('grid', { name: 'Lab target servers' });
    for (const name of LAB_TARGETS) await expect(lab.getByRole('rowheader', { name, exact: true })).toBeVisible();

    expect(page.url()).toBe(`${E2E_BASE_URL}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('msx.token'))).toBe(E2E_TOKEN);
    expect(await page.evaluate(() => typeof window.msx)).toBe('undefined');

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/browser-mode.png' });
    expect(errors).toEqual([]);
  });

  test('Object Explorer loads children lazily: Jobs (multiserver marked) and Operators', async ({ page }) => {
    await openConsole(page);
    await treeRow(page, 'Jobs').locator('.tree-toggle').click();
    const jobs = page.getByRole('treeitem', { name: 'Jobs', exact: true });
    await expect(jobs).toHaveAttribute('aria-expanded', 'true');
    await expect(jobs.getByRole('treeitem', { name: 'Nightly DBCC CHECKDB multiserver' })).toBeVisible();
    await expect(jobs.getByRole('treeitem', { name: 'syspolicy_purge_history', exact: true })).toBeVisible();
    await treeRow(page, 'Operators').dblclick();
    await expect(page.getByRole('treeitem', { name: 'MSXOperator' })).toBeVisible();
  });

  test('the Multi Server Administration menu on a master offers every master item, all enabled', async ({ page }) => {
    await openConsole(page);
    await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
    const sub = page.getByRole('menu', { name: 'Multi Server Administration' });
    await expect(sub.getByRole('menuitem')).toHaveText([
      'Add Target Servers…',
      'Manage Target Servers…',
      'Manage Target Server Groups…',
      'Multiserver Job Status',
      'Upgrade Readiness…',
    ]);
    for (const item of await sub.getByRole('menuitem').all()) await expect(item).not.toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' })).toBeFocused();
  });

  test('Connect to Server validates its fields and shows the error Connect returns', async ({ page }) => {
    await openConsole(page);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Database Engine…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to Server' });
    const server = dialog.getByLabel('Server name');
    await server.fill('sql01,99999');
    await server.blur();
    await expect(dialog.getByText('The port must be a number from 1 to 65535.')).toBeVisible();
    await server.fill('sql01\\9bad');
    await expect(dialog.getByText('The instance name is not valid')).toBeVisible();
    await server.fill('127.0.0.1,1');
    await expect(server).not.toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Login').fill('sa');
    await dialog.getByLabel('Password', { exact: true }).fill('not-the-password');
    await dialog.getByLabel('Connection time-out').fill('2');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    // Nothing listens on port 1: the dialog stays and says why, in the server's words.
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Cannot connect to 127.0.0.1,1.', { timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  test('a child load that fails shows its error in place, and Enter on it tries again', async ({ page }) => {
    let fail = true;
    await page.route('**/api/explorer.children', async (route) => {
      const body = route.request().postDataJSON() as { nodeId?: string };
      if (fail && body.nodeId === 'server/agent/operators') {
        await route.fulfill({ status: 422, json: { error: { code: 'SQL_ERROR', number: 229, severity: 14, message: "The EXECUTE permission was denied on the object 'sp_help_operator', database 'msdb', schema 'dbo'." } } });
      } else await route.continue();
    });
    await openConsole(page);
    await treeRow(page, 'Operators').click();
    await page.keyboard.press('ArrowRight');
    const error = page.getByRole('treeitem', { name: /^Msg 229: The EXECUTE permission was denied/ });
    await expect(error).toBeVisible();
    fail = false;
    await page.keyboard.press('ArrowDown');
    await expect(error).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('treeitem', { name: 'MSXOperator' })).toBeVisible();
  });

  test("Connect shows SQL Server's login error with its number", async ({ page }) => {
    await page.route('**/api/connections.connectSqlServer', (route) =>
      route.fulfill({ status: 422, json: { error: { code: 'CONNECTION_FAILED', kind: 'login', number: 18456, message: "Login failed for user 'sa'.", hint: 'Check the login and password.' } } }),
    );
    await openConsole(page);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Database Engine…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to Server' });
    await dialog.getByLabel('Server name').fill('SQL01\\PROD');
    await dialog.getByLabel('Login').fill('sa');
    await dialog.getByLabel('Password', { exact: true }).press('Enter');
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Cannot connect to SQL01\\PROD.');
    await expect(alert).toContainText("Login failed for user 'sa'.");
    await expect(alert).toContainText('(Microsoft SQL Server, Error: 18456)');
    await expect(alert).toContainText('Check the login and password.');
  });

  test('the Object Explorer splitter resizes with the keyboard', async ({ page }) => {
    await openConsole(page);
    const splitter = page.getByRole('separator', { name: 'Resize Object Explorer' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 16));
    const pane = page.getByRole('region', { name: 'Object Explorer' });
    expect(Math.round((await pane.boundingBox())!.width)).toBe(before + 16);
    await page.keyboard.press('Home');
    await expect(splitter).toHaveAttribute('aria-valuenow', '200');
  });

  test('keeps working after a reload, with the token no longer in the address', async ({ page }) => {
    await openConsole(page);
    await page.reload();
    expect(page.url()).toBe(`${E2E_BASE_URL}/`);
    await expect(page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' })).toBeVisible();
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
