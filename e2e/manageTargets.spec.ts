// Manage Target Servers end to end, in Debian's Chromium against browser mode and the lab:
// each flow the issue names, checked in the UI and, where the UI could fool itself, through the API.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { api, cellOf, downloadList, openConsole, openManageTargetServers, rowOf, targets, watchErrors } from './app';

test.beforeEach(async () => {
  // Every flow starts from the scenario as built: five targets, empty queue, no faults.
  await api('lab.reset');
});

const statusGrid = (dialog: Locator) => dialog.getByRole('grid', { name: 'Target servers' });

async function lastPolled(grid: Locator, server: string): Promise<string> {
  return (await cellOf(grid, rowOf(grid, server), 'Last Polled')).locator('.when').innerText();
}

async function selectRows(page: Page, grid: Locator, names: string[]) {
  for (const [i, name] of names.entries()) {
    await rowOf(grid, name).getByRole('rowheader').click({ modifiers: i ? ['ControlOrMeta'] : [] });
  }
  for (const name of names) await expect(rowOf(grid, name)).toHaveAttribute('aria-selected', 'true');
}

test('Force Poll: the selected target polls, Last Polled moves and Unread Instructions is 0 within 2 s', async ({ page }) => {
  const errors = watchErrors(page);
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  const before = await lastPolled(grid, 'LONDON-SQL01');
  await selectRows(page, grid, ['LONDON-SQL01']);

  await dialog.getByRole('button', { name: 'Force Poll' }).click();
  const row = rowOf(grid, 'LONDON-SQL01');
  const when = (await cellOf(grid, row, 'Last Polled')).locator('.when');
  await expect(when).not.toHaveText(before, { timeout: 2000 });
  await expect(await cellOf(grid, row, 'Unread Instructions')).toHaveText('0', { timeout: 2000 });
  // The row confirms briefly; the toast quotes SQL Server and says the target was signalled.
  await expect(row.locator('.poll-state.done')).toHaveText('✓ downloaded');
  const toast = page.getByRole('status').filter({ hasText: 'Force Poll: 1 target server' });
  await expect(toast).toContainText('SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.');
  await expect(toast).toContainText('LONDON-SQL01: signalled, polling now.');

  // What the grid shows is what the master has.
  const london = (await targets()).find((t) => t.serverName === 'LONDON-SQL01')!;
  expect(london.unreadInstructions).toBe(0);
  expect(errors).toEqual([]);
});

test('Force Poll on a stopped Agent says it was not signalled and when the target polls next', async ({ page }) => {
  await api('lab.stopAgent', { server: 'TOKYO-SQL04' });
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await selectRows(page, grid, ['TOKYO-SQL04']);
  await dialog.getByRole('button', { name: 'Force Poll' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Force Poll: 1 target server' });
  await expect(toast).toContainText('TOKYO-SQL04: not signalled');
  await expect(toast).toContainText(/its next (interval|poll)/);
  const row = rowOf(grid, 'TOKYO-SQL04');
  // An honest end, not a spinner: the row says it was not signalled, and why.
  await expect(row.locator('.poll-state.failed')).toContainText('not signalled: ');
  await expect(row.locator('.poll-state .spinner')).toHaveCount(0);
  // The SET-POLL Force Poll posted waits for the target.
  await expect(await cellOf(grid, row, 'Unread Instructions')).toHaveText('1');
});

test('Post Instructions refuses a polling interval of 5 in the form and posts nothing', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const posted = (await downloadList({ operation: 'SET-POLL' })).length;
  await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
  const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
  await post.getByLabel('Instruction type').selectOption({ label: 'Set polling interval' });
  const interval = post.getByLabel('Polling interval');
  await interval.fill('5');
  await expect(interval).toHaveAttribute('aria-invalid', 'true');
  await expect(post.getByText('The polling interval must be a whole number of seconds from 10 to 28,800.')).toBeVisible();
  const ok = post.getByRole('button', { name: 'OK' });
  await expect(ok).toBeDisabled();
  await interval.press('Enter');
  await post.getByRole('button', { name: 'Cancel' }).click();
  await expect(post).toBeHidden();
  expect((await downloadList({ operation: 'SET-POLL' })).length).toBe(posted);
});

test('Set polling interval 120 to two targets: two SET-POLL rows, then the grid shows 120 once they polled twice', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await selectRows(page, grid, ['LONDON-SQL01', 'NYC-SQL02']);

  await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
  const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
  await post.getByLabel('Instruction type').selectOption({ label: 'Set polling interval' });
  await post.getByLabel('Polling interval').fill('120');
  await expect(post.getByRole('radio', { name: 'These target servers' })).toBeChecked();
  await expect(post.getByText('2 target servers selected.')).toBeVisible();
  // The Script expander shows the exact T-SQL.
  await post.getByRole('button', { name: 'Script' }).click();
  await expect(post.getByRole('region', { name: 'T-SQL script' })).toContainText(
    "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'LONDON-SQL01', @value = 120;",
  );
  await post.getByRole('button', { name: 'OK' }).click();
  await expect(post).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Post Instructions: Set polling interval' })).toContainText(
    'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted. (×2)',
  );

  await dialog.getByRole('tab', { name: 'Download Instructions' }).click();
  const queue = dialog.getByRole('grid', { name: 'Download instructions' });
  await dialog.getByLabel('Operation').selectOption('SET-POLL');
  await expect(queue.getByRole('row')).toHaveCount(3);
  for (const name of ['LONDON-SQL01', 'NYC-SQL02']) await expect(queue.getByRole('row').filter({ hasText: name })).toContainText('(120 s)');
  const rows = await downloadList({ operation: 'SET-POLL' });
  expect(rows.map((r) => [r.targetServer, r.value])).toEqual([
    ['LONDON-SQL01', 120],
    ['NYC-SQL02', 120],
  ]);

  // The master learns a new interval at the target's next probe: poll once to download, once more to report.
  await dialog.getByRole('tab', { name: 'Target Server Status' }).click();
  await selectRows(page, grid, ['LONDON-SQL01', 'NYC-SQL02']);
  const forcePoll = dialog.getByRole('button', { name: 'Force Poll' });
  for (const name of ['LONDON-SQL01', 'NYC-SQL02']) {
    const interval = await cellOf(grid, rowOf(grid, name), 'Poll Interval');
    await expect(async () => {
      if ((await interval.innerText()) !== '120') await forcePoll.click();
      await expect(interval).toHaveText('120', { timeout: 1500 });
    }).toPass({ timeout: 15_000 });
  }
  const polled = await targets();
  expect(polled.filter((t) => t.pollInterval === 120).map((t) => t.serverName)).toEqual(['LONDON-SQL01', 'NYC-SQL02']);
});

test('with Auto refresh off the grid holds still, but a Force Poll still shows its target polling', async ({ page }) => {
  // SYD-SQL05 polls every 10 s: with Auto refresh on, its Last Polled would move within 12 s.
  test.setTimeout(60_000);
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await dialog.getByRole('checkbox', { name: 'Auto refresh' }).uncheck();
  const sydney = await lastPolled(grid, 'SYD-SQL05');
  const london = await lastPolled(grid, 'LONDON-SQL01');
  const sydneyOnMaster = (await targets()).find((t) => t.serverName === 'SYD-SQL05')!.lastPollDate;
  await page.waitForTimeout(12_000);
  expect(await lastPolled(grid, 'SYD-SQL05')).toBe(sydney);
  // The master did see SYD-SQL05 poll meanwhile: the grid is holding, not broken.
  expect((await targets()).find((t) => t.serverName === 'SYD-SQL05')!.lastPollDate).not.toBe(sydneyOnMaster);

  await selectRows(page, grid, ['LONDON-SQL01']);
  await dialog.getByRole('button', { name: 'Force Poll' }).click();
  await expect((await cellOf(grid, rowOf(grid, 'LONDON-SQL01'), 'Last Polled')).locator('.when')).not.toHaveText(london, { timeout: 2000 });
  await expect(rowOf(grid, 'LONDON-SQL01').locator('.poll-state.done')).toHaveText('✓ downloaded');
  expect(await lastPolled(grid, 'SYD-SQL05')).toBe(sydney);

  // Back on: what moved meanwhile shows.
  await dialog.getByRole('checkbox', { name: 'Auto refresh' }).check();
  await expect((await cellOf(grid, rowOf(grid, 'SYD-SQL05'), 'Last Polled')).locator('.when')).not.toHaveText(sydney, { timeout: 2000 });
});

test('a stopped target turns Offline after three missed polls', async ({ page }) => {
  // SYD-SQL05 polls every 10 s: Offline 30 s after its last poll (real time in browser mode).
  test.setTimeout(90_000);
  await openConsole(page);
  const lab = page.getByRole('grid', { name: 'Lab target servers' });
  await rowOf(lab, 'SYD-SQL05').click();
  await page.getByRole('button', { name: 'Stop Agent' }).click();
  await expect(rowOf(lab, 'SYD-SQL05')).toContainText('Stopped');

  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  const status = await cellOf(grid, rowOf(grid, 'SYD-SQL05'), 'Status');
  await expect(status).toHaveText('Normal');
  // Before the Offline bit, the poll age turns to a warning.
  await expect((await cellOf(grid, rowOf(grid, 'SYD-SQL05'), 'Last Polled')).locator('.age-late, .age-overdue')).toBeVisible({ timeout: 35_000 });
  await expect(status).toHaveText('Offline', { timeout: 45_000 });
  const syd = (await targets()).find((t) => t.serverName === 'SYD-SQL05')!;
  expect(syd.status & 2).toBe(2);
});

test('a failed instruction shows Blocked, and Resync Target clears it', async ({ page }) => {
  await openConsole(page);
  const message = 'The job step requires a proxy account, however proxy matching is disabled on the target server.';
  const lab = page.getByRole('grid', { name: 'Lab target servers' });
  await rowOf(lab, 'TOKYO-SQL04').click();
  await page.getByLabel('Fail next instruction').fill(message);
  await page.getByLabel('Fail next instruction').press('Enter');
  await expect(rowOf(lab, 'TOKYO-SQL04')).toContainText(message.slice(0, 20));

  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await selectRows(page, grid, ['TOKYO-SQL04']);
  await dialog.getByRole('button', { name: 'Force Poll' }).click();
  const status = await cellOf(grid, rowOf(grid, 'TOKYO-SQL04'), 'Status');
  await expect(status).toHaveText('Blocked');

  await dialog.getByRole('tab', { name: 'Download Instructions' }).click();
  const queue = dialog.getByRole('grid', { name: 'Download instructions' });
  const failed = queue.getByRole('row').filter({ hasText: 'Blocks TOKYO-SQL04:' });
  await expect(failed).toContainText(message);
  await expect(failed).toHaveClass(/row-blocking/);
  await failed.getByRole('rowheader').click();
  await dialog.getByRole('button', { name: 'Resync Target…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Resync Target' });
  await expect(confirm).toContainText('TOKYO-SQL04');
  await expect(confirm.getByRole('region', { name: 'T-SQL script' })).toHaveText("EXEC msdb.dbo.sp_resync_targetserver @server_name = N'TOKYO-SQL04';");
  await confirm.getByRole('button', { name: 'Resync' }).click();
  await expect(confirm).toBeHidden();
  await expect(queue.getByRole('row').filter({ hasText: 'Blocks TOKYO-SQL04:' })).toHaveCount(0);
  expect(await downloadList({ targetServer: 'TOKYO-SQL04', hasError: true })).toEqual([]);

  await dialog.getByRole('tab', { name: 'Target Server Status' }).click();
  await expect(await cellOf(grid, rowOf(grid, 'TOKYO-SQL04'), 'Status')).toHaveText('Normal');
});

test('Force Defection removes the target after a confirmation naming it and showing the T-SQL', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await selectRows(page, grid, ['SEA-SQL03']);
  await dialog.getByRole('button', { name: 'Force Defection' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Force Defection' });
  await expect(confirm).toContainText('Force this target server to defect?');
  await expect(confirm.getByRole('listitem')).toHaveText(['SEA-SQL03']);
  await expect(confirm.getByRole('region', { name: 'T-SQL script' })).toHaveText(
    "EXEC msdb.dbo.sp_delete_targetserver @server_name = N'SEA-SQL03', @clear_downloadlist = 1, @post_defection = 1;",
  );
  // Cancel is where focus starts: Enter alone never defects a server.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Force Defection' }).click();
  await expect(confirm).toBeHidden();
  await expect(rowOf(grid, 'SEA-SQL03')).toHaveCount(0);
  await expect(grid.getByRole('row')).toHaveCount(5);
  expect((await targets()).map((t) => t.serverName)).not.toContain('SEA-SQL03');
});

test('keyboard only: tree, context menu, Manage Target Servers, select, Force Poll, Esc back to the tree', async ({ page }) => {
  await openConsole(page);
  // Into the tree: Tab past the Object Explorer toolbar.
  const tree = page.getByRole('tree', { name: 'Object Explorer' });
  for (let i = 0; i < 10 && !(await tree.evaluate((t) => t.contains(document.activeElement))); i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('treeitem', { name: /^MSX01/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const agent = page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' });
  await expect(agent).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'Multi Server Administration' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('menuitem', { name: 'Add Target Servers…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Manage Target Servers…' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
  const grid = statusGrid(dialog);
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const london = rowOf(grid, 'LONDON-SQL01');
  await expect(london).toHaveAttribute('aria-selected', 'true');
  const before = await lastPolled(grid, 'LONDON-SQL01');
  const forcePoll = dialog.getByRole('button', { name: 'Force Poll' });
  for (let i = 0; i < 20 && !(await forcePoll.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(forcePoll).toBeFocused();
  await page.keyboard.press('Enter');
  await expect((await cellOf(grid, london, 'Last Polled')).locator('.when')).not.toHaveText(before, { timeout: 2000 });
  await expect(await cellOf(grid, london, 'Unread Instructions')).toHaveText('0');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(agent).toBeFocused();
});

test('Post Instructions: Start job with a job picker posts START to the job’s targets', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
  const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
  await post.getByLabel('Instruction type').selectOption({ label: 'Start job' });
  await expect(post.getByText('The target server starts its copy of the multiserver job')).toBeVisible();
  await expect(post.getByRole('button', { name: 'OK' })).toBeDisabled();
  await post.getByLabel('Job').selectOption({ label: 'Collect wait statistics' });
  await expect(post.getByRole('radio', { name: 'All target servers' })).toBeChecked();
  await post.getByRole('button', { name: 'Script' }).click();
  await expect(post.getByRole('region', { name: 'T-SQL script' })).toHaveText(/^EXEC msdb\.dbo\.sp_start_job @job_id = N'[0-9A-F-]{36}';$/);
  await post.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Post Instructions: Start job' })).toContainText(
    'SP_POST_MSX_OPERATION: 3 START download instruction(s) posted.',
  );
  expect((await downloadList({ operation: 'START' })).map((r) => r.targetServer).sort()).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03']);
});

test('Script shows the T-SQL of Force Poll for the selection, on the master and on each target', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  await selectRows(page, statusGrid(dialog), ['NYC-SQL02']);
  await dialog.getByRole('button', { name: 'Script' }).click();
  await page.getByRole('menuitem', { name: 'Force Poll' }).click();
  const script = page.getByRole('dialog', { name: 'Script: Force Poll' });
  await expect(script.getByRole('region', { name: 'T-SQL script' })).toHaveText(
    [
      '-- On MSX01:',
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'NYC-SQL02', @value = 60;",
      '',
      '-- On target server NYC-SQL02:',
      "EXEC msdb.dbo.sp_sqlagent_notify @op_type = N'P';",
    ].join('\n'),
  );
  await page.keyboard.press('Escape');
  await expect(script).toBeHidden();
  // Nothing ran: the queue is as the scenario built it.
  expect(await downloadList({ operation: 'SET-POLL' })).toEqual([]);
  await expect(dialog.getByRole('button', { name: 'Script' })).toBeFocused();
});
