// Connect to Server and what a login outside sysadmin sees (issue 5): field checks, a server that
// does not answer, Test, saved connections, the non-blocking dialog, and the lab opened as a
// non-sysadmin login with its posting buttons disabled. Screens go to test-results/screens/.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { api, openConsole, openManageTargetServers, treeRow } from './app';
import { E2E_TOKEN } from './env';

const DIR = 'test-results/screens';
const NOT_SYSADMIN_REASON = 'Needs sysadmin: for other logins sp_post_msx_operation silently does nothing.';

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function openConnectDialog(page: Page) {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Database Engine…' }).click();
  return page.getByRole('dialog', { name: 'Connect to Server' });
}

test.describe('Connect to Server', () => {
  test.beforeEach(() => mkdirSync(DIR, { recursive: true }));

  test('validates its fields inline and shows the fields each authentication needs', async ({ page }) => {
    await openConsole(page);
    const dialog = await openConnectDialog(page);
    const server = dialog.getByLabel('Server name');
    await expect(server).toBeFocused();

    // Connect with nothing typed: every missing field says so, and nothing is sent.
    let sent = 0;
    await page.route('**/api/connections.connectSqlServer', (route) => {
      sent++;
      return route.continue();
    });
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByText('Enter the server name.')).toBeVisible();
    await expect(dialog.getByText('SQL Server Authentication needs a login.')).toBeVisible();
    await expect(server).toHaveAttribute('aria-invalid', 'true');

    for (const [text, message] of [
      ['sql01,99999', 'The port must be a number from 1 to 65535.'],
      ['sql01,0', 'The port must be a number from 1 to 65535.'],
      ['sql01,abc', 'The port must be a number from 1 to 65535.'],
      ['sql 01', 'The host name is not valid.'],
      ['sql01\\9bad', 'The instance name is not valid'],
    ] as const) {
      await server.fill(text);
      await expect(dialog.getByText(message)).toBeVisible();
    }
    await server.fill('sql01\\PROD,1433');
    await expect(server).not.toHaveAttribute('aria-invalid', 'true');

    await dialog.getByLabel('Connection time-out').fill('0');
    await expect(dialog.getByText('Enter a number of seconds from 1 to 3,600.')).toBeVisible();
    await dialog.getByLabel('Connection time-out').fill('15');
    await expect(dialog.getByText('Enter a number of seconds from 1 to 3,600.')).toBeHidden();

    // Each authentication shows what it needs.
    const auth = dialog.getByLabel('Authentication');
    await auth.selectOption({ label: 'Windows Authentication' });
    await expect(dialog.getByLabel('Domain')).toBeVisible();
    await expect(dialog.getByText('SQL Server Authentication needs a login.')).toBeHidden();
    await auth.selectOption({ label: 'Microsoft Entra Service Principal' });
    await expect(dialog.getByLabel('Application (client) ID')).toBeVisible();
    await expect(dialog.getByLabel('Tenant ID')).toBeVisible();
    await expect(dialog.getByLabel('Client secret')).toBeVisible();
    await expect(dialog.getByLabel('Login')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByText('Microsoft Entra Service Principal needs the application (client) ID.')).toBeVisible();
    await auth.selectOption({ label: 'Microsoft Entra Password' });
    await expect(dialog.getByLabel('User name')).toBeVisible();
    await auth.selectOption({ label: 'Microsoft Entra Default' });
    await expect(dialog.getByLabel('Password', { exact: true })).toBeDisabled();
    await auth.selectOption({ label: 'SQL Server Authentication' });
    await expect(dialog.getByLabel('Login')).toBeEnabled();
    await dialog.getByLabel('Login').fill('sa');

    // Browser mode: a remembered password stays in memory unless the user opts in, plainly told.
    await dialog.getByLabel('Remember password').check();
    await expect(dialog.getByText('Browser mode: kept in memory for this session only.')).toBeVisible();
    await dialog.getByLabel('Store the password unencrypted on this computer').check();
    await expect(dialog.getByText(/the password is written to a file in plain text/)).toBeVisible();

    await dialog.getByLabel('Encrypt', { exact: true }).selectOption('Strict');
    await expect(dialog.getByLabel('Trust server certificate')).toBeDisabled();
    await dialog.getByLabel('Encrypt', { exact: true }).selectOption('Mandatory');
    await page.screenshot({ path: `${DIR}/connect-dialog.png` });

    expect(sent).toBe(0);
    // Esc closes, and focus goes back to where the dialog was opened from.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeFocused();
  });

  test('an unreachable server fails within the time-out with a clear error, and the UI stays usable', async ({ page }) => {
    const port = await closedPort();
    await openConsole(page);
    const dialog = await openConnectDialog(page);
    await dialog.getByLabel('Server name').fill(`127.0.0.1,${port}`);
    await dialog.getByLabel('Login').fill('sa');
    await dialog.getByLabel('Password', { exact: true }).fill('not-the-password');
    await dialog.getByLabel('Connection time-out').fill('3');
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText(`Cannot connect to 127.0.0.1,${port}.`, { timeout: 8_000 });
    // The time-out was 3 s; some slack for the browser and the server's own answer.
    expect(Date.now() - started).toBeLessThan(8_000);
    // The API's hint says what to check (more than the one-line title).
    await expect(alert.locator('p')).not.toHaveCount(1);
    await expect(dialog.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
    await page.screenshot({ path: `${DIR}/connect-unreachable.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // The console still works: the lab's tree expands.
    await treeRow(page, 'Jobs').locator('.tree-toggle').click();
    await expect(page.getByRole('treeitem', { name: 'Nightly DBCC CHECKDB multiserver' })).toBeVisible();
  });

  test('Cancel closes the dialog while connecting, without waiting for the server', async ({ page }) => {
    let release: (() => Promise<void>) | undefined;
    await page.route('**/api/connections.connectSqlServer', (route) => {
      // Held: a server that takes its time to answer.
      release = () => route.fulfill({ status: 422, json: { error: { code: 'CONNECTION_FAILED', kind: 'timeout', message: 'Failed to connect in 30000ms' } } });
    });
    await openConsole(page);
    const dialog = await openConnectDialog(page);
    await dialog.getByLabel('Server name').fill('SQL01');
    await dialog.getByLabel('Login').fill('sa');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Connecting…' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await treeRow(page, 'Jobs').locator('.tree-toggle').click();
    await expect(page.getByRole('treeitem', { name: 'Nightly DBCC CHECKDB multiserver' })).toBeVisible();
    await expect.poll(() => release !== undefined).toBe(true);
    const answered = page.waitForResponse('**/api/connections.connectSqlServer');
    await release!();
    await answered;
    // The late answer is dropped: no dialog comes back, no error shows.
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Failed to connect in 30000ms')).toHaveCount(0);
  });

  test('Test shows the server, its version, the Agent role and how long it took; errors show number and hint', async ({ page }) => {
    let fail = false;
    await page.route('**/api/connections.test', (route) =>
      fail
        ? route.fulfill({
            status: 422,
            json: { error: { code: 'CONNECTION_FAILED', kind: 'certificate', message: 'The certificate chain was issued by an authority that is not trusted.', hint: 'Install the CA, or tick Trust server certificate.' } },
          })
        : route.fulfill({
            json: {
              result: {
                serverName: 'SQL01',
                machineName: 'SQL01',
                productVersion: '16.0.4135.4',
                productName: 'SQL Server 2022',
                edition: 'Enterprise Edition',
                engineEdition: 3,
                isSysadmin: false,
                login: 'dba_ro',
                agentRole: 'msx',
                msxServerName: null,
                label: 'SQL01 (SQL Server 16.0.4135 - dba_ro)',
                agentLabel: 'SQL Server Agent (MSX)',
                agentRoleError: null,
                elapsedMs: 42,
              },
            },
          }),
    );
    await openConsole(page);
    const dialog = await openConnectDialog(page);
    await dialog.getByLabel('Server name').fill('SQL01');
    await dialog.getByLabel('Login').fill('dba_ro');
    await dialog.getByRole('button', { name: 'Test' }).click();
    const ok = dialog.getByRole('status').filter({ hasText: 'Connected to SQL01.' });
    await expect(ok).toContainText('SQL Server 2022 (16.0.4135.4) · Agent: Master server (MSX) · Login: dba_ro · 42 ms');
    await expect(ok).toContainText('dba_ro is not a member of the sysadmin server role.');
    fail = true;
    await dialog.getByRole('button', { name: 'Test' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('The certificate chain was issued by an authority that is not trusted.');
    await expect(alert).toContainText('Install the CA, or tick Trust server certificate.');
    await expect(ok).toHaveCount(0);
  });

  test('saved connections fill the fields and can be forgotten', async ({ page }) => {
    const saved = await api<{ connection: { id: string } }>('connections.save', { server: 'SQL02,14330', authentication: 'sql', login: 'msx_admin', encrypt: 'Optional', name: 'SQL02 (msx_admin)' });
    try {
      await openConsole(page);
      const dialog = await openConnectDialog(page);
      await dialog.getByLabel('Saved connections').selectOption({ label: 'SQL02 (msx_admin)' });
      await expect(dialog.getByLabel('Server name')).toHaveValue('SQL02,14330');
      await expect(dialog.getByLabel('Login')).toHaveValue('msx_admin');
      await expect(dialog.getByLabel('Encrypt', { exact: true })).toHaveValue('Optional');
      await dialog.getByRole('button', { name: 'Forget' }).click();
      await expect(dialog.getByLabel('Saved connections').getByRole('option', { name: 'SQL02 (msx_admin)' })).toHaveCount(0);
      await expect.poll(async () => (await api<Array<{ id: string }>>('connections.saved')).some((s) => s.id === saved.connection.id)).toBe(false);
    } finally {
      await api('connections.forget', { id: saved.connection.id }).catch(() => undefined);
    }
  });
});

test.describe('a login outside sysadmin', () => {
  test.beforeEach(async () => {
    mkdirSync(DIR, { recursive: true });
    await api('lab.reset');
  });
  // The other specs expect the lab as sa.
  test.afterEach(() => api('connections.openLab', { sysadmin: true }));

  test('the lab as a non-sysadmin login warns and disables posting with the reason', async ({ page }) => {
    await openConsole(page);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Embedded lab (as non-sysadmin login)' }).click();
    const status = page.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status.getByText('Not sysadmin: posting disabled')).toBeVisible();
    await expect(status.getByText('Not sysadmin: posting disabled')).toHaveAttribute('title', /sysadmin server role/);

    const dialog = await openManageTargetServers(page);
    await expect(dialog.getByRole('note')).toContainText('msx_viewer is not a member of the sysadmin server role.');
    await expect(dialog.getByRole('note')).toContainText('sp_post_msx_operation silently does nothing');
    await dialog.getByRole('rowheader', { name: 'LONDON-SQL01', exact: true }).click();
    for (const name of ['Force Poll', 'Force Defection', 'Post Instructions…']) {
      const button = dialog.getByRole('button', { name, exact: true });
      await expect(button).toBeDisabled();
      await expect(button).toHaveAttribute('title', NOT_SYSADMIN_REASON);
    }
    // Lab targets are always reachable: nothing to register.
    await expect(dialog.getByRole('button', { name: 'Register…' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Register…' })).toHaveAttribute('title', /always reachable/);
    await page.screenshot({ path: `${DIR}/not-sysadmin.png` });

    await dialog.getByRole('tab', { name: 'Download Instructions' }).click();
    const resync = dialog.getByRole('button', { name: 'Resync Target…' });
    await expect(resync).toBeDisabled();
    await expect(resync).toHaveAttribute('title', NOT_SYSADMIN_REASON);

    // Back as sa: the warning goes.
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Embedded lab', exact: true }).click();
    // Every lab server is a connection (issue 11): the lab's master is the first item.
    await page.getByRole('menuitem', { name: /^MSX01 \(master/ }).click();
    await expect(status.getByText('Not sysadmin: posting disabled')).toHaveCount(0);
    await expect(dialog.getByRole('note')).toHaveCount(0);
  });
});

test.describe('registered targets on a SQL Server master', () => {
  test.beforeEach(() => api('lab.reset'));

  test('Register… opens the connection fields for the selected target, the list shows it, Unregister forgets it', async ({ page }) => {
    // No SQL Server runs here: a master connection 'sql1' is made of the lab's answers (every
    // call on sql1 goes to the lab), with the registered-target calls answered by the test.
    let registered: Array<{ server: string; state: string; address: string; authentication: string; passwordStorage: string; registeredAt: string }> = [];
    const sent: unknown[] = [];
    await page.route('**/api/**', async (route) => {
      const method = new URL(route.request().url()).pathname.split('/').pop()!;
      const body = (route.request().postDataJSON() ?? {}) as Record<string, unknown>;
      if (method === 'connections.list') {
        const res = await route.fetch();
        const { result } = (await res.json()) as { result: Array<Record<string, unknown>> };
        const lab = result[0]!;
        const sql = { ...lab, id: 'sql1', kind: 'sqlserver', server: 'SQL01', address: 'sql01.corp', label: 'SQL01 (SQL Server 16.0.4135 - sa)' };
        return route.fulfill({ json: { result: [...result, sql] } });
      }
      if (body.connectionId !== 'sql1') return route.continue();
      if (method === 'targets.registered') return route.fulfill({ json: { result: registered } });
      if (method === 'targets.register') {
        sent.push(body);
        const server = body.server as string;
        registered = [...registered, { server, state: 'connected', address: 'nyc.corp,14330', authentication: 'sql', passwordStorage: 'session', registeredAt: new Date().toISOString() }];
        return route.fulfill({ json: { result: { server, state: 'connected', address: 'nyc.corp,14330', agentRole: 'tsx', msxServerName: 'SQL01', login: 'sa', isSysadmin: true, passwordStorage: 'session' } } });
      }
      if (method === 'targets.unregister') {
        registered = registered.filter((r) => r.server !== body.server);
        return route.fulfill({ json: { result: { server: body.server, unregistered: true } } });
      }
      return route.continue({ postData: JSON.stringify({ ...body, connectionId: 'lab' }) });
    });

    await page.goto(`/?token=${E2E_TOKEN}`);
    const sqlServer = page.getByRole('treeitem', { name: 'SQL01 (SQL Server 16.0.4135 - sa)' });
    await sqlServer.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' }).locator('> .tree-row').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
    await page.getByRole('menuitem', { name: 'Manage Target Servers…' }).click();
    const manage = page.getByRole('dialog', { name: 'Manage Target Servers - SQL01' });
    await expect(manage.getByText(/No target server is registered/)).toBeVisible();
    await expect(manage.getByRole('button', { name: 'Register…' })).toBeDisabled();
    await manage.getByRole('rowheader', { name: 'NYC-SQL02', exact: true }).click();

    await manage.getByRole('button', { name: 'Register…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register Target Server - NYC-SQL02' });
    await expect(dialog.getByLabel('Server name')).toHaveValue('NYC-SQL02');
    await dialog.getByLabel('Server name').fill('nyc.corp,14330');
    await dialog.getByLabel('Login').fill('sa');
    await dialog.getByLabel('Password', { exact: true }).fill('pw');
    mkdirSync(DIR, { recursive: true });
    await page.screenshot({ path: `${DIR}/register-target.png` });
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(dialog).toBeHidden();
    expect(sent).toEqual([
      { connectionId: 'sql1', server: 'NYC-SQL02', connection: { server: 'nyc.corp,14330', authentication: 'sql', encrypt: 'Mandatory', trustServerCertificate: false, connectTimeoutMs: 30_000, login: 'sa', password: 'pw' } },
    ]);
    await expect(manage.getByText('Registered for Force Poll: NYC-SQL02 (connected)')).toBeVisible();

    await manage.getByRole('button', { name: 'Unregister' }).click();
    await expect(manage.getByText(/No target server is registered/)).toBeVisible();
  });
});
