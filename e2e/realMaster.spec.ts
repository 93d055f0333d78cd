// The real-master path end to end (issue 12): browser mode's lab also serves TDS (playwright.config
// passes --tds), so the Connect dialog, the mssql executor, a real master's Manage Target Servers
// (periodic refresh, no lab events), Register… and Force Poll's signal run against a SQL Server on
// the wire. The lab's own connection is closed first, so the tree holds only the server over TDS.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { connectSqlServer } from '../src/msdb/sqlserver/connector';
import { api, cellOf, openConsole, openManageTargetServers, rowOf, treeRow } from './app';
import { E2E_TDS_PASSWORD, E2E_TOKEN, tdsPort } from './env';

const DIR = 'test-results/screens';
const MASTER = `127.0.0.1,${tdsPort('MSX01')}`;
const SQL_ID = 'sqlserver:MSX01';

async function openWithoutLab(page: Page) {
  await api('connections.disconnect', { connectionId: 'lab' });
  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page.getByText('Not connected. Use Connect to open the embedded lab or a SQL Server.')).toBeVisible();
}

async function openConnectDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Database Engine…' }).click();
  return page.getByRole('dialog', { name: 'Connect to Server' });
}

async function fill(dialog: Locator, o: { server?: string; login: string; password: string; trust: boolean }) {
  if (o.server !== undefined) await dialog.getByLabel('Server name').fill(o.server);
  await dialog.getByLabel('Authentication').selectOption({ label: 'SQL Server Authentication' });
  await dialog.getByLabel('Login').fill(o.login);
  await dialog.getByLabel('Password', { exact: true }).fill(o.password);
  await dialog.getByLabel('Encrypt', { exact: true }).selectOption('Mandatory');
  await dialog.getByLabel('Trust server certificate').setChecked(o.trust);
}

test.describe('a master over TDS (the lab on the wire)', () => {
  test.beforeEach(async () => {
    mkdirSync(DIR, { recursive: true });
    await api('lab.reset');
  });
  test.afterEach(async () => {
    await api('targets.unregister', { connectionId: SQL_ID, server: 'LONDON-SQL01' }).catch(() => undefined);
    await api('targets.unregister', { connectionId: SQL_ID, server: 'SEA-SQL03' }).catch(() => undefined);
    await api('connections.disconnect', { connectionId: SQL_ID }).catch(() => undefined);
    await api('connections.openLab', { sysadmin: true });
  });

  test('Connect > Database Engine… with SQL Server Authentication; Manage Target Servers lists the targets; Register… a target and Force Poll signals it', async ({ page }) => {
    // Three connections and a dozen steps: more than the default budget on a loaded machine.
    test.setTimeout(120_000);
    await openWithoutLab(page);
    const dialog = await openConnectDialog(page);
    await fill(dialog, { server: MASTER, login: 'sa', password: E2E_TDS_PASSWORD, trust: true });
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden();

    // A real server in Object Explorer: the mssql connection, not the lab's.
    await expect(page.getByRole('treeitem', { name: 'MSX01 (SQL Server 16.0.4135 - sa)' })).toBeVisible();
    const status = page.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status).not.toContainText('embedded lab');
    const open = await api<Array<{ id: string; kind: string; address: string }>>('connections.list');
    expect(open).toEqual([expect.objectContaining({ id: SQL_ID, kind: 'sqlserver', address: MASTER })]);

    const manage = await openManageTargetServers(page);
    const grid = manage.getByRole('grid', { name: 'Target servers' });
    // A real master pushes no events: the list is re-read every N seconds.
    await expect(manage.getByRole('checkbox', { name: 'Auto refresh' })).toBeChecked();
    await expect(manage.getByText('live, as targets poll')).toHaveCount(0);
    await expect(manage.getByText('every', { exact: true })).toBeVisible();
    await expect(manage.getByText(/No target server is registered/)).toBeVisible();
    await page.screenshot({ path: `${DIR}/real-master-targets.png` });

    // Register… LONDON-SQL01 at its own TDS port.
    await rowOf(grid, 'LONDON-SQL01').getByRole('rowheader').click();
    await manage.getByRole('button', { name: 'Register…' }).click();
    const register = page.getByRole('dialog', { name: 'Register Target Server - LONDON-SQL01' });
    await fill(register, { server: `127.0.0.1,${tdsPort('LONDON-SQL01')}`, login: 'sa', password: E2E_TDS_PASSWORD, trust: true });
    await page.screenshot({ path: `${DIR}/real-master-register.png` });
    await register.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(register).toBeHidden();
    await expect(manage.getByText('Registered for Force Poll: LONDON-SQL01 (connected)')).toBeVisible();

    // Force Poll: posted on the master, signalled over the target's own connection, Last Polled moves.
    const when = (await cellOf(grid, rowOf(grid, 'LONDON-SQL01'), 'Last Polled')).locator('.when');
    const before = await when.innerText();
    await rowOf(grid, 'LONDON-SQL01').getByRole('rowheader').click();
    await manage.getByRole('button', { name: 'Force Poll' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Force Poll: 1 target server' });
    await expect(toast).toContainText('SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.');
    await expect(toast).toContainText('LONDON-SQL01: signalled, polling now.');
    await expect(when).not.toHaveText(before, { timeout: 10_000 });
    await page.screenshot({ path: `${DIR}/real-master-force-poll.png` });
  });

  test("a registered target: its version counts as older than the master's, and its Agent registry is read over its own connection", async ({ page }) => {
    test.setTimeout(90_000);
    const fields = (server: string) => ({ server, authentication: 'sql', login: 'sa', password: E2E_TDS_PASSWORD, encrypt: 'Mandatory', trustServerCertificate: true });
    await api('connections.disconnect', { connectionId: 'lab' });
    await api('connections.connectSqlServer', fields(MASTER));
    // SEA-SQL03 runs SQL Server 2019 under a 2022 master.
    await api('targets.register', { connectionId: SQL_ID, server: 'SEA-SQL03', connection: fields(`127.0.0.1,${tdsPort('SEA-SQL03')}`) });
    await page.goto(`/?token=${E2E_TOKEN}`);
    const manage = await openManageTargetServers(page);
    const grid = manage.getByRole('grid', { name: 'Target servers' });
    const summary = manage.getByRole('group', { name: 'Problems' });
    const older = summary.getByRole('button', { name: /1 Older version/ });
    await expect(older).toBeVisible();
    await older.click();
    await expect(grid.getByRole('row')).toHaveCount(2);
    await rowOf(grid, 'SEA-SQL03').getByRole('rowheader').click();
    const details = manage.getByRole('region', { name: 'Problem details' });
    await expect(details).toContainText('SEA-SQL03 runs SQL Server 15.0.4375');
    const registry = details.getByRole('group', { name: 'Registry values the Agent uses (as msdb reads them)' });
    await expect(registry.locator('dd').first()).toHaveText('MSX01');
    await expect(registry).toContainText('absent, default 2 · encrypted, the master');
    // A target with no connection of its own: not read, and the way to read it is said.
    await older.click();
    await rowOf(grid, 'NYC-SQL02').getByRole('rowheader').click();
    await expect(manage.getByRole('region', { name: 'Target details' })).toContainText('Not read: there is no connection to NYC-SQL02. Register… it');
  });

  test('a wrong password shows 18456 and its hint', async ({ page }) => {
    await openWithoutLab(page);
    const dialog = await openConnectDialog(page);
    await fill(dialog, { server: MASTER, login: 'sa', password: 'not-the-password', trust: true });
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText("Login failed for user 'sa'.");
    await expect(alert).toContainText('18456');
    await expect(alert).toContainText('Check the login name and password.');
    await page.screenshot({ path: `${DIR}/real-master-18456.png` });
  });

  test('Encrypt Mandatory: an untrusted certificate is refused with its hint; Trust server certificate connects', async ({ page }) => {
    await openWithoutLab(page);
    const dialog = await openConnectDialog(page);
    await fill(dialog, { server: MASTER, login: 'sa', password: E2E_TDS_PASSWORD, trust: false });
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText(`The certificate of ${MASTER} is not trusted`);
    await expect(alert).toContainText('tick Trust server certificate');
    await page.screenshot({ path: `${DIR}/real-master-certificate.png` });

    await dialog.getByLabel('Trust server certificate').check();
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(treeRow(page, 'MSX01 (SQL Server 16.0.4135 - sa)')).toBeVisible();
  });

  test('the login outside sysadmin: Test warns, Manage Target Servers warns about posting and explains 229', async ({ page }) => {
    await openWithoutLab(page);
    const dialog = await openConnectDialog(page);
    await fill(dialog, { server: MASTER, login: 'labuser', password: E2E_TDS_PASSWORD, trust: true });
    await dialog.getByRole('button', { name: 'Test' }).click();
    const ok = dialog.getByRole('status').filter({ hasText: 'Connected to MSX01.' });
    await expect(ok).toContainText('labuser is not a member of the sysadmin server role.');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden();

    const status = page.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status.getByText('Not sysadmin: posting disabled')).toBeVisible();
    await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
    await page.getByRole('menuitem', { name: 'Manage Target Servers…' }).click();
    const manage = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
    await expect(manage.getByRole('note')).toContainText('labuser is not a member of the sysadmin server role.');
    await expect(manage.getByRole('note')).toContainText('sp_post_msx_operation silently does nothing');
    // Granted nothing in msdb: the list itself is refused with 229, and the UI says what to ask for.
    const alert = manage.getByRole('alert');
    await expect(alert).toContainText("Msg 229: The EXECUTE permission was denied on the object 'sp_help_targetserver', database 'msdb', schema 'dbo'.");
    await expect(alert).toContainText('GRANT EXECUTE ON msdb.dbo.sp_help_targetserver');
    await page.screenshot({ path: `${DIR}/real-master-not-sysadmin.png` });
  });

  test("the lab panel's switch: on, with each server's port and the logins; off, and on again", async ({ page }) => {
    await openConsole(page);
    const section = page.getByRole('region', { name: 'SQL Server connections (TDS)' });
    const serve = section.getByRole('checkbox', { name: 'Accept SQL Server connections (TDS)' });
    await expect(serve).toBeChecked();
    const ports = section.getByRole('list', { name: 'SQL Server connections (TDS)' });
    await expect(ports.getByRole('listitem')).toHaveCount(6);
    await expect(ports.getByRole('listitem').first()).toHaveText(`MSX01 at 127.0.0.1,${tdsPort('MSX01')}`);
    await expect(ports.getByRole('listitem').nth(1)).toHaveText(`LONDON-SQL01 at 127.0.0.1,${tdsPort('LONDON-SQL01')}`);
    await expect(section).toContainText(`Logins: sa (sysadmin), labuser (not sysadmin); password ${E2E_TDS_PASSWORD}`);
    await page.screenshot({ path: `${DIR}/lab-tds-switch.png` });

    // The box follows the lab's answer (it changes once the endpoints are closed or open).
    await serve.click();
    await expect(serve).not.toBeChecked();
    await expect(section.getByText('Off: the lab accepts no SQL Server connections.')).toBeVisible();
    expect(await api('lab.tds')).toEqual({ enabled: false });

    // On again, on the same ports with the same password (the other flows connect with it).
    await expect(section.getByLabel('First port')).toHaveValue(String(tdsPort('MSX01')));
    await section.getByLabel('Password').fill(E2E_TDS_PASSWORD);
    await serve.click();
    await expect(serve).toBeChecked();
    await expect(ports.getByRole('listitem')).toHaveCount(6);
    expect(await api('lab.tds')).toMatchObject({ enabled: true, password: E2E_TDS_PASSWORD, endpoints: [{ server: 'MSX01', port: tdsPort('MSX01') }, expect.anything(), expect.anything(), expect.anything(), expect.anything(), expect.anything()] });
  });

  test("one lab: a post made over TDS shows up live in the app's grid on the lab", async ({ page }) => {
    // Its Agent stopped, NYC-SQL02 cannot download the row before the grid is checked.
    await api('lab.stopAgent', { server: 'NYC-SQL02' });
    await openConsole(page);
    const manage = await openManageTargetServers(page);
    const grid = manage.getByRole('grid', { name: 'Target servers' });
    const unread = await cellOf(grid, rowOf(grid, 'NYC-SQL02'), 'Unread Instructions');
    await expect(unread).toHaveText('0');
    // Another client (the project's executor, as any TDS client) posts to the lab's master.
    const session = await connectSqlServer({
      server: MASTER,
      authentication: { type: 'sql', login: 'sa', password: E2E_TDS_PASSWORD },
      encrypt: 'Mandatory',
      trustServerCertificate: true,
    });
    try {
      await session.executor.exec('msdb.dbo.sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'NYC-SQL02' });
    } finally {
      await session.close();
    }
    // No refresh asked for: the lab's event marks the row and the grid re-reads it.
    await expect(unread).toHaveText('1');
  });
});
