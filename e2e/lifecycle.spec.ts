// The multiserver lifecycle end to end (issue 11), in Debian's Chromium against browser mode and
// the lab: make a target, add targets, defect, make a master, groups as recipients, upgrade
// readiness and the runbook. What the UI reports is checked against the master through the API.
import { expect, test } from '@playwright/test';
import { api, downloadList, openConsole, openManageTargetServers, restoreLab, rowOf, watchErrors } from './app';
import { connectLabServer, labId, masterTargets, msxItem, nodeRow, pageTitle, treeNode, wizardButton } from './lifecycle';

// Each flow drives several wizard pages and waits for simulated polls: more than the default 30 s
// on a loaded machine. No assertion here is timed.
test.describe.configure({ timeout: 90_000 });

test.beforeEach(async () => {
  // Every flow starts from the scenario as built: MSX01, five targets, two standalone servers.
  await restoreLab();
});

test.afterAll(restoreLab);

test('Make this a Target… enlists a standalone server into MSX01; it appears in Manage Target Servers, polling', async ({ page }) => {
  const errors = watchErrors(page);
  await openConsole(page);
  await connectLabServer(page, 'BOS-SQL06');
  await expect(treeNode(page, labId('BOS-SQL06'), 'server/agent')).toHaveAccessibleName('SQL Server Agent');
  await msxItem(page, 'BOS-SQL06', 'Make this a Target…');

  const wizard = page.getByRole('dialog', { name: 'Target Server Wizard - BOS-SQL06' });
  await expect(pageTitle(wizard)).toHaveText('Select a Master Server');
  await expect(wizard.getByLabel('Master server')).toHaveValue('MSX01');
  await wizard.getByLabel('Description of this server').fill('Boston, DC1');
  await wizardButton(wizard, 'Next >').click();
  await expect(pageTitle(wizard)).toHaveText('Master Server Login Credentials');
  await wizardButton(wizard, 'Next >').click();
  await expect(pageTitle(wizard)).toHaveText('Complete the Wizard');
  // The T-SQL that Finish runs, before it runs, on the server's own connection.
  await expect(wizard.getByRole('region', { name: 'T-SQL script' })).toContainText('sp_msx_enlist');
  await expect(wizard.getByRole('region', { name: 'T-SQL script' })).toContainText("N'Boston, DC1'");
  await wizardButton(wizard, 'Finish').click();

  const progress = wizard.getByRole('table', { name: 'Progress' });
  await expect(progress.getByRole('row').filter({ hasText: 'Enlist BOS-SQL06 into MSX01' })).toContainText('Success');
  await expect(wizard.getByRole('status').filter({ hasText: 'Success: every action completed.' })).toBeVisible();
  await wizardButton(wizard, 'Close').click();
  await expect(wizard).toBeHidden();

  // Its own node now shows it as a target; the master lists it, and it polls.
  await expect(treeNode(page, labId('BOS-SQL06'), 'server/agent')).toHaveAccessibleName('SQL Server Agent (TSX: MSX01)');
  const dialog = await openManageTargetServersWith(page, 7);
  const grid = dialog.getByRole('grid', { name: 'Target servers' });
  const row = rowOf(grid, 'BOS-SQL06');
  await expect(row).toContainText('Boston, DC1');
  await expect(row).toContainText('SQL Server 2019 (15.0.4430)');
  const before = (await masterTargets()).find((t) => t.serverName === 'BOS-SQL06')!;
  expect(before.location).toBe('Boston, DC1');
  await api('targets.forcePoll', { connectionId: 'lab', servers: ['BOS-SQL06'] });
  await expect.poll(async () => (await masterTargets()).find((t) => t.serverName === 'BOS-SQL06')!.lastPollDate).not.toBe(before.lastPollDate);
  expect(errors).toEqual([]);
});

test('Make this a Target… works from the keyboard alone: menu, fields, Next, Finish, Close', async ({ page }) => {
  await api('connections.openLabServer', { server: 'PAR-SQL07' });
  await openConsole(page);
  const agent = treeNode(page, labId('PAR-SQL07'), 'server/agent');
  await agent.focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'Multi Server Administration' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Make this a Target…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const wizard = page.getByRole('dialog', { name: 'Target Server Wizard - PAR-SQL07' });
  // The page's first field has focus; Enter moves on, as a wizard's default button does.
  await expect(wizard.getByLabel('Master server')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(wizard.getByLabel('Description of this server')).toBeFocused();
  await page.keyboard.type('Paris, DC3');
  await page.keyboard.press('Enter');
  await expect(pageTitle(wizard)).toHaveText('Master Server Login Credentials');
  await wizardButton(wizard, 'Next >').focus();
  await page.keyboard.press('Enter');
  await expect(pageTitle(wizard)).toHaveText('Complete the Wizard');
  await wizardButton(wizard, 'Finish').focus();
  await page.keyboard.press('Enter');
  await expect(wizard.getByRole('table', { name: 'Progress' }).getByRole('row').filter({ hasText: 'Enlist PAR-SQL07 into MSX01' })).toContainText('Success');
  // The wizard ignores Esc while it still runs (it refreshes the connections after the last
  // action); Close is enabled once it is done.
  await expect(wizardButton(wizard, 'Close')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  // Focus goes back to the node the menu came from.
  await expect(agent).toBeFocused();
  expect((await masterTargets()).find((t) => t.serverName === 'PAR-SQL07')?.location).toBe('Paris, DC3');
});

test('Add Target Servers… on MSX01 enlists a standalone server through its own connection', async ({ page }) => {
  await openConsole(page);
  await msxItem(page, 'MSX01', 'Add Target Servers…');
  const wizard = page.getByRole('dialog', { name: 'Add Target Servers - MSX01' });
  await expect(pageTitle(wizard)).toHaveText('Target Servers');
  const registered = wizard.getByLabel('Registered servers');
  await expect(registered.getByRole('option')).toHaveText(['BOS-SQL06 (SQL Server 2019)', 'PAR-SQL07 (SQL Server 2017)']);
  // Next waits until a server is chosen, and says why.
  await expect(wizardButton(wizard, 'Next >')).toBeDisabled();
  await expect(wizard.getByText('Move at least one server to Target servers.')).toBeVisible();
  await registered.selectOption('PAR-SQL07');
  await wizard.getByRole('button', { name: 'Add the selected servers' }).click();
  await expect(wizard.getByLabel('Target servers', { exact: true }).getByRole('option')).toHaveText(['PAR-SQL07 (SQL Server 2017)']);
  await wizardButton(wizard, 'Next >').click();
  await expect(wizard.getByRole('region', { name: 'T-SQL script' })).toContainText('-- On PAR-SQL07:');
  await wizardButton(wizard, 'Finish').click();
  await expect(wizard.getByRole('table', { name: 'Progress' }).getByRole('row').filter({ hasText: 'Enlist PAR-SQL07 into MSX01' })).toContainText('Success');
  await wizardButton(wizard, 'Close').click();
  await expect.poll(async () => (await masterTargets()).map((t) => t.serverName)).toContain('PAR-SQL07');
});

test("Defect… on a target's own node removes it from the master's list", async ({ page }) => {
  await openConsole(page);
  await connectLabServer(page, 'NYC-SQL02');
  await expect(treeNode(page, labId('NYC-SQL02'), 'server/agent')).toHaveAccessibleName('SQL Server Agent (TSX: MSX01)');
  const dialog = await openManageTargetServersWith(page, 6);
  const grid = dialog.getByRole('grid', { name: 'Target servers' });
  await expect(rowOf(grid, 'NYC-SQL02')).toBeVisible();

  await msxItem(page, 'NYC-SQL02', 'Defect…');
  const defect = page.getByRole('alertdialog', { name: 'Defect - NYC-SQL02' });
  await expect(defect).toContainText('Are you sure you want to defect NYC-SQL02 from the master server MSX01?');
  await defect.getByRole('button', { name: 'Script' }).click();
  await expect(defect.getByRole('region', { name: 'T-SQL script' })).toContainText('sp_msx_defect');
  await defect.getByRole('button', { name: 'Yes' }).click();
  await expect(defect.getByRole('table', { name: 'Progress' }).getByRole('row').filter({ hasText: 'Defect NYC-SQL02' })).toContainText('Success');
  await expect(defect).toContainText("Server defected from MSX 'MSX01'.");
  await wizardButton(defect, 'Close').click();

  await expect(treeNode(page, labId('NYC-SQL02'), 'server/agent')).toHaveAccessibleName('SQL Server Agent');
  await expect.poll(async () => (await masterTargets()).map((t) => t.serverName)).not.toContain('NYC-SQL02');
  await dialog.getByRole('button', { name: 'Refresh' }).click();
  await expect(rowOf(grid, 'NYC-SQL02')).toHaveCount(0);
});

test('Defect… with the master stopped fails, offers forced defection and shows what must run on the master', async ({ page }) => {
  await api('connections.openLabServer', { server: 'TOKYO-SQL04' });
  await api('lab.stopMaster', { server: 'MSX01' });
  try {
    await openConsole(page);
    await msxItem(page, 'TOKYO-SQL04', 'Defect…');
    const defect = page.getByRole('alertdialog', { name: 'Defect - TOKYO-SQL04' });
    await defect.getByRole('button', { name: 'Yes' }).click();
    await expect(defect.getByRole('table', { name: 'Progress' }).getByRole('row').filter({ hasText: 'Defect TOKYO-SQL04' })).toContainText('Error');
    await expect(defect).toContainText('MSX01 did not confirm it');
    await expect(treeNode(page, labId('TOKYO-SQL04'), 'server/agent')).toHaveAccessibleName('SQL Server Agent (TSX: MSX01)');

    await defect.getByRole('button', { name: 'Force defection…' }).click();
    await expect(defect.getByRole('region', { name: 'T-SQL script' })).toContainText('@forced_defection = 1');
    await expect(defect.getByRole('region', { name: 'T-SQL script' })).toContainText('@post_defection = 0');
    await defect.getByRole('button', { name: 'Force defection', exact: true }).click();
    await expect(defect.getByRole('table', { name: 'Progress' }).getByRole('row').filter({ hasText: 'Force TOKYO-SQL04 to defect' })).toContainText('Success');
    await expect(defect.getByRole('region', { name: 'Script for MSX01' })).toContainText("sp_delete_targetserver @server_name = N'TOKYO-SQL04', @post_defection = 0");
    await wizardButton(defect, 'Close').click();
    await expect(treeNode(page, labId('TOKYO-SQL04'), 'server/agent')).toHaveAccessibleName('SQL Server Agent');
  } finally {
    await api('lab.startMaster', { server: 'MSX01' });
  }
});

test('Make this a Master… makes a standalone server a master (MSXOperator created) with a target', async ({ page }) => {
  await openConsole(page);
  await connectLabServer(page, 'BOS-SQL06');
  await msxItem(page, 'BOS-SQL06', 'Make this a Master…');
  const wizard = page.getByRole('dialog', { name: 'Master Server Wizard - BOS-SQL06' });
  await expect(pageTitle(wizard)).toHaveText('Master Server Operator');
  await expect(wizardButton(wizard, 'Next >')).toBeDisabled();
  await wizard.getByLabel('E-mail address').fill('dba-boston@contoso.com');
  await wizardButton(wizard, 'Next >').click();
  await expect(pageTitle(wizard)).toHaveText('Target Servers');
  await wizard.getByLabel('Registered servers').selectOption('PAR-SQL07');
  await wizard.getByRole('button', { name: 'Add the selected servers' }).click();
  await wizardButton(wizard, 'Next >').click();
  await expect(pageTitle(wizard)).toHaveText('Master Server Login Credentials');
  await wizardButton(wizard, 'Next >').click();
  const script = wizard.getByRole('region', { name: 'T-SQL script' });
  await expect(script).toContainText('sp_add_operator');
  await expect(script).toContainText("N'MSXOperator'");
  await expect(script).toContainText("@msx_server_name = N'BOS-SQL06'");
  await wizardButton(wizard, 'Finish').click();
  const progress = wizard.getByRole('table', { name: 'Progress' });
  await expect(progress.getByRole('row').filter({ hasText: 'Create MSXOperator on BOS-SQL06' })).toContainText('Success');
  await expect(progress.getByRole('row').filter({ hasText: 'Enlist PAR-SQL07 into BOS-SQL06' })).toContainText('Success');
  await wizardButton(wizard, 'Close').click();

  await expect(treeNode(page, labId('BOS-SQL06'), 'server/agent')).toHaveAccessibleName('SQL Server Agent (MSX)');
  expect((await masterTargets(labId('BOS-SQL06'))).map((t) => t.serverName)).toEqual(['PAR-SQL07']);
  // MSXOperator is in the new master's Operators folder.
  await nodeRow(page, labId('BOS-SQL06'), 'server/agent/operators').locator('.tree-toggle').click();
  await expect(treeNode(page, labId('BOS-SQL06'), 'server/agent/operators').getByRole('treeitem', { name: 'MSXOperator' })).toBeVisible();
});

test('a target server group is created, gets members, and is the recipients of a Post Instructions', async ({ page }) => {
  await openConsole(page);
  await msxItem(page, 'MSX01', 'Manage Target Server Groups…');
  const groups = page.getByRole('dialog', { name: 'Manage Target Server Groups - MSX01' });
  await expect(groups.getByLabel('Target server groups').getByRole('option')).toHaveText(['Production']);
  await groups.getByRole('button', { name: 'Add…' }).first().click();
  await groups.getByLabel('Name', { exact: true }).fill('Americas');
  await groups.getByRole('button', { name: 'Script' }).click();
  await expect(groups.getByRole('region', { name: 'T-SQL script' })).toContainText("sp_add_targetservergroup @name = N'Americas'");
  await groups.getByRole('button', { name: 'OK' }).click();
  await expect(groups.getByLabel('Target server groups').getByRole('option')).toHaveText(['Americas', 'Production']);
  await expect(groups.getByLabel('Target server groups')).toHaveValue('Americas');

  await groups.getByRole('button', { name: 'Add…' }).nth(1).click();
  await groups.getByLabel('Target servers not in the group').selectOption(['NYC-SQL02', 'SEA-SQL03']);
  await groups.getByRole('button', { name: 'OK' }).click();
  await expect(groups.getByLabel('Members of Americas').getByRole('option')).toHaveText(['NYC-SQL02', 'SEA-SQL03']);
  await wizardButton(groups, 'Close').click();

  const before = (await downloadList({ operation: 'SET-POLL' })).length;
  const dialog = await openManageTargetServers(page);
  await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
  const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
  await post.getByLabel('Instruction type').selectOption({ label: 'Set polling interval' });
  await post.getByLabel('Polling interval').fill('120');
  await post.getByLabel('Target server group').selectOption('Americas');
  await expect(post.getByText('2 target servers selected.')).toBeVisible();
  await post.getByRole('button', { name: 'OK' }).click();
  await expect(post).toBeHidden();
  const posted = (await downloadList({ operation: 'SET-POLL' })).slice(before);
  expect(posted.map((r) => r.targetServer).sort()).toEqual(['NYC-SQL02', 'SEA-SQL03']);
});

test('Upgrade Readiness names SEA-SQL03 as the target to upgrade before MSX01, with its sources', async ({ page }) => {
  await openConsole(page);
  await msxItem(page, 'MSX01', 'Upgrade Readiness…');
  const dialog = page.getByRole('dialog', { name: 'Upgrade Readiness - MSX01' });
  await expect(dialog.getByRole('status').filter({ hasText: 'Upgrade SEA-SQL03 before upgrading MSX01.' })).toBeVisible();
  const servers = dialog.getByRole('table', { name: 'Master and target server versions' });
  await expect(servers.getByRole('row').filter({ hasText: 'SEA-SQL03' })).toContainText('SQL Server 2019 (15.0.4375)');
  await expect(servers.getByRole('row').filter({ hasText: 'SEA-SQL03' })).toContainText('Upgrade before MSX01');
  await expect(servers.getByRole('row').filter({ hasText: 'LONDON-SQL01' })).toContainText('Ready');
  await expect(dialog).toContainText('Upgrade all target servers before upgrading the master server (not met)');
  await expect(dialog).toContainText('seed 004');
  await expect(dialog).toContainText('Microsoft Learn');
  // Judged against a later version, every target is behind.
  await dialog.getByLabel('Upgrade MSX01 to').selectOption({ label: 'SQL Server 2025 (17.0)' });
  await expect(dialog.getByRole('status').filter({ hasText: 'Upgrade these 5 target servers before upgrading MSX01' })).toBeVisible();
});

test("the runbook's defect-all half, then its re-enlist half, restores the same targets, locations, poll intervals, groups and jobs", async ({ page }) => {
  test.setTimeout(120_000);
  const snapshot = async () => {
    const targets = (await masterTargets()).map((t) => ({ server: t.serverName, location: t.location, pollInterval: t.pollInterval })).sort((a, b) => a.server.localeCompare(b.server));
    const groups: Record<string, string[]> = {};
    for (const g of await api<Array<{ name: string }>>('groups.list', { connectionId: 'lab' })) {
      groups[g.name] = (await api<Array<{ serverName: string }>>('groups.members', { connectionId: 'lab', group: g.name })).map((m) => m.serverName).sort();
    }
    const jobs: Record<string, string[]> = {};
    for (const j of await api<Array<{ jobName: string }>>('jobs.list', { connectionId: 'lab' })) {
      jobs[j.jobName] = (await api<Array<{ serverName: string }>>('jobs.targets', { connectionId: 'lab', jobName: j.jobName })).map((x) => x.serverName).sort();
    }
    return { targets, groups, jobs };
  };
  const before = await snapshot();
  expect(before.targets.length).toBe(5);

  await openConsole(page);
  await msxItem(page, 'MSX01', 'Upgrade Readiness…');
  const dialog = page.getByRole('dialog', { name: 'Upgrade Readiness - MSX01' });
  await dialog.getByRole('tab', { name: 'Runbook' }).click();
  await dialog.getByRole('button', { name: 'Read the plan' }).click();
  const plan = dialog.getByRole('table', { name: 'Plan: target servers and what defection loses' });
  await expect(plan.getByRole('row').filter({ hasText: 'SYD-SQL05' })).toContainText('Sydney, reporting');
  await dialog.getByRole('button', { name: 'Save plan file' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'T-SQL of the defections' })).toContainText('sp_msx_defect');
  await dialog.getByRole('button', { name: 'Defect all target servers' }).click();
  await expect(dialog.getByRole('table', { name: 'Defect all target servers' }).getByRole('row').filter({ hasText: 'Defect SEA-SQL03' })).toContainText('Success');
  await expect.poll(async () => (await masterTargets()).length).toBe(0);

  // After the master's upgrade: the second half reads the file back.
  await dialog.getByLabel('Plan file', { exact: true }).selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'Read', exact: true }).click();
  await expect(dialog.getByRole('region', { name: 'T-SQL of the enlistments and what they restore' })).toContainText('sp_add_targetsvrgrp_member');
  await dialog.getByRole('button', { name: 'Enlist the target servers again' }).click();
  const reenlisted = dialog.getByRole('table', { name: 'Enlist the target servers again' });
  await expect(reenlisted.getByRole('row').filter({ hasText: 'Enlist SYD-SQL05 into MSX01' })).toContainText('Success');
  await expect(reenlisted.getByRole('row').filter({ hasText: 'Error' })).toHaveCount(0);

  // The master learns a restored poll interval when the target polls after downloading SET-POLL.
  await expect
    .poll(
      async () => {
        await api('targets.forcePoll', { connectionId: 'lab', servers: before.targets.map((t) => t.server) });
        return (await snapshot()).targets;
      },
      { timeout: 60_000 },
    )
    .toEqual(before.targets);
  const after = await snapshot();
  expect(after.groups).toEqual(before.groups);
  expect(after.jobs).toEqual(before.jobs);
});

/** Manage Target Servers on MSX01 once it lists this many targets. */
async function openManageTargetServersWith(page: import('@playwright/test').Page, count: number) {
  await msxItem(page, 'MSX01', 'Manage Target Servers…');
  const dialog = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
  await expect(dialog.getByRole('grid', { name: 'Target servers' }).getByRole('row')).toHaveCount(count);
  return dialog;
}
