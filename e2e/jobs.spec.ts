// Multiserver jobs end to end (issue 10), in Debian's Chromium against browser mode and the lab:
// New Job on two targets, an edited step posted and downloaded, drift from outside the UI and
// Synchronize, history from each target, Start Job on one target. What the UI claims is checked
// against the master through the API.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { api, downloadList, openConsole, watchErrors } from './app';
import { allJobs, expandJobs, gridRow, insertsFor, jobIdOf, jobMenu, openProperties, page_, pollNow } from './jobsApp';

const WAITS = 'Collect wait statistics';
const WAITS_TARGETS = ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03'];

test.beforeEach(async () => {
  await api('lab.reset');
});

async function addStep(page: Page, dialog: Locator, name: string, command: string): Promise<void> {
  await dialog.getByRole('button', { name: 'New…' }).click();
  const step = page.getByRole('dialog', { name: 'New Job Step' });
  await step.getByLabel('Step name').fill(name);
  await step.getByLabel('Command').fill(command);
  await step.getByRole('button', { name: 'OK' }).click();
  await expect(step).toBeHidden();
  await expect(gridRow(dialog.getByRole('grid', { name: 'Job step list' }), name)).toBeVisible();
}

async function openStatus(page: Page, job: string): Promise<Locator> {
  await jobMenu(page, job, 'Multiserver Job Status');
  const view = page.getByRole('dialog', { name: 'Multiserver Job Status - MSX01' });
  await expect(view.getByRole('grid', { name: 'Multiserver job status' }).getByRole('row').nth(1)).toBeVisible();
  return view;
}

const syncCell = (grid: Locator, server: string) => gridRow(grid, server).locator('.sync-state');

test('New Job with two steps on two target servers posts INSERT for exactly those targets', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await openConsole(page);
  await expandJobs(page);
  await page.getByRole('treeitem', { name: 'Jobs', exact: true }).locator('> .tree-row').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'New Job…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New Job' });

  // OK on an empty job says what is missing, on its page, and sends nothing.
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog.getByText('Enter a name for the job.')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill('E2E Index maintenance');
  await dialog.getByLabel('Description').fill('Two steps, two targets.');

  await page_(dialog, 'Steps').click();
  await addStep(page, dialog, 'Rebuild', 'EXEC dbo.usp_rebuild_indexes;');
  await addStep(page, dialog, 'Update statistics', 'EXEC sp_updatestats;');

  await page_(dialog, 'Targets').click();
  await dialog.getByRole('radio', { name: 'Target multiple servers' }).check();
  const servers = dialog.getByRole('grid', { name: 'Target servers' });
  await gridRow(servers, 'LONDON-SQL01').getByRole('rowheader').click();
  await gridRow(servers, 'TOKYO-SQL04').getByRole('rowheader').click();
  await expect(dialog.getByText('2 target servers checked')).toBeVisible();

  // Script shows the whole batch before anything runs.
  await dialog.getByRole('button', { name: 'Script' }).click();
  const script = page.getByRole('dialog', { name: /^Script: Job Properties/ });
  await expect(script.getByRole('region', { name: 'T-SQL script' })).toContainText('sp_add_job');
  await expect(script.getByRole('region', { name: 'T-SQL script' })).toContainText(/sp_apply_job_to_targets|sp_add_jobserver/);
  await expect(script.getByRole('region', { name: 'T-SQL script' })).toContainText('[Uncategorized (Multi-Server)]');
  await script.getByRole('button', { name: 'Close' }).last().click();
  expect(await allJobs()).not.toContainEqual(expect.objectContaining({ name: 'E2E Index maintenance' }));

  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('treeitem', { name: 'E2E Index maintenance multiserver' })).toBeVisible();
  expect(await insertsFor('E2E Index maintenance')).toEqual(['LONDON-SQL01', 'TOKYO-SQL04']);

  // And in the UI's Download Instructions.
  await page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' }).locator('> .tree-row').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
  await page.getByRole('menuitem', { name: 'Manage Target Servers…' }).click();
  const manage = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
  await manage.getByRole('tab', { name: 'Download Instructions' }).click();
  await manage.getByRole('combobox', { name: 'Job' }).selectOption('E2E Index maintenance');
  const rows = manage.getByRole('grid', { name: 'Download instructions' }).getByRole('row').filter({ hasText: 'E2E Index maintenance' });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'LONDON-SQL01' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'TOKYO-SQL04' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('editing a step in Job Properties posts an INSERT to each target, and after their poll the status view says in sync', async ({ page }) => {
  await openConsole(page);
  const before = (await insertsFor(WAITS)).length;
  const dialog = await openProperties(page, WAITS);
  await page_(dialog, 'Steps').click();
  const steps = dialog.getByRole('grid', { name: 'Job step list' });
  await gridRow(steps, 'Snapshot').getByRole('rowheader').click();
  await dialog.getByRole('button', { name: 'Edit…' }).click();
  const step = page.getByRole('dialog', { name: 'Job Step Properties - Snapshot' });
  await step.getByLabel('Command').fill('INSERT INTO DBAdmin.dbo.wait_stats SELECT SYSDATETIME(), * FROM sys.dm_os_wait_stats;');
  await step.getByLabel('Retry attempts').fill('x');
  await step.getByRole('button', { name: 'OK' }).click();
  // A bad value is said beside its field; what was typed stays.
  await expect(step.getByText('Retry attempts: a whole number from 0 to 9999.')).toBeVisible();
  await expect(step.getByLabel('Command')).toHaveValue(/SYSDATETIME/);
  await step.getByLabel('Retry attempts').fill('2');
  await step.getByRole('button', { name: 'OK' }).click();
  await expect(step).toBeHidden();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();

  const inserts = await insertsFor(WAITS);
  expect(inserts.length - before).toBe(WAITS_TARGETS.length);
  for (const s of WAITS_TARGETS) expect(inserts).toContain(s);

  const view = await openStatus(page, WAITS);
  const grid = view.getByRole('grid', { name: 'Multiserver job status' });
  await expect(syncCell(grid, 'LONDON-SQL01')).toContainText('Waiting for download');
  await pollNow(WAITS_TARGETS);
  for (const s of WAITS_TARGETS) await expect(syncCell(grid, s)).toContainText('In sync');
  // The target's own copy has the new command.
  await gridRow(grid, 'LONDON-SQL01').getByRole('rowheader').click();
  await view.getByRole('button', { name: 'Read Versions' }).click();
  await expect(syncCell(grid, 'LONDON-SQL01')).toContainText(/runs version \d+$/);
});

test('a step changed behind the UI (msdb.exec sp_update_jobstep) shows as drift, and Synchronize clears it', async ({ page }) => {
  await openConsole(page);
  const jobId = await jobIdOf(WAITS);
  const view = await openStatus(page, WAITS);
  const grid = view.getByRole('grid', { name: 'Multiserver job status' });
  await pollNow(WAITS_TARGETS);
  for (const s of WAITS_TARGETS) await expect(syncCell(grid, s)).toContainText('In sync');

  const changed = await api<{ messages: Array<{ number: number }> }>('msdb.exec', {
    connectionId: 'lab',
    proc: 'sp_update_jobstep',
    params: { job_id: jobId, step_id: 1, command: 'SELECT 1;' },
  });
  expect(changed.messages.map((m) => m.number)).toContain(14547);
  await view.getByRole('button', { name: 'Refresh' }).click();
  for (const s of WAITS_TARGETS) await expect(syncCell(grid, s)).toContainText('Changes not posted');

  await gridRow(grid, 'LONDON-SQL01').getByRole('rowheader').click();
  await gridRow(grid, 'SEA-SQL03').getByRole('rowheader').click({ modifiers: ['Shift'] });
  await view.getByRole('button', { name: 'Synchronize' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Synchronize' });
  await expect(confirm.getByRole('region', { name: 'T-SQL script' })).toContainText("sp_post_msx_operation");
  await expect(confirm.getByRole('region', { name: 'T-SQL script' })).toContainText('INSERT');
  await confirm.getByRole('button', { name: 'Synchronize' }).click();
  await expect(confirm).toBeHidden();
  for (const s of WAITS_TARGETS) await expect(syncCell(grid, s)).toContainText('Waiting for download');
  await pollNow(WAITS_TARGETS);
  for (const s of WAITS_TARGETS) await expect(syncCell(grid, s)).toContainText('In sync');
});

test('Start Job on one target runs it only there, and View History shows runs from each target', async ({ page }) => {
  test.setTimeout(60_000);
  await openConsole(page);
  await jobMenu(page, WAITS, 'Start Job at Step…');
  const start = page.getByRole('dialog', { name: `Start Job at Step - ${WAITS}` });
  await start.getByRole('radio', { name: 'These target servers' }).check();
  const list = start.getByRole('grid', { name: 'These target servers' });
  await gridRow(list, 'SEA-SQL03').getByRole('rowheader').click();
  await start.getByRole('button', { name: /Script/ }).click();
  await expect(start.getByRole('region', { name: 'T-SQL script' })).toContainText("@server_name = N'SEA-SQL03'");
  await start.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(start).toBeHidden();
  const starts = await downloadList({ jobName: WAITS, operation: 'START' });
  expect(starts.map((r) => r.targetServer)).toEqual(['SEA-SQL03']);

  await pollNow(['SEA-SQL03']);
  const jobId = await jobIdOf(WAITS);
  await expect
    .poll(async () => (await api<Array<{ server: string }>>('jobs.history', { connectionId: 'lab', jobId })).map((r) => r.server), { timeout: 20_000 })
    .toEqual(['SEA-SQL03']);

  // Now every target runs it once, and the history names each.
  await api('jobs.start', { connectionId: 'lab', jobId });
  await pollNow(WAITS_TARGETS);
  await expect
    .poll(async () => new Set((await api<Array<{ server: string }>>('jobs.history', { connectionId: 'lab', jobId })).map((r) => r.server)).size, { timeout: 20_000 })
    .toBe(3);

  await jobMenu(page, WAITS, 'View History');
  const history = page.getByRole('dialog', { name: `Job History - ${WAITS}` });
  const grid = history.getByRole('grid', { name: 'Job history' });
  for (const s of WAITS_TARGETS) await expect(grid.getByRole('row').filter({ hasText: s }).first()).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: '(Job outcome)' })).toHaveCount(4);
  await expect(grid.getByRole('rowheader', { name: '1: Snapshot' }).first()).toBeVisible();
  // One target's runs.
  await history.getByLabel('Target server').selectOption('SEA-SQL03');
  await expect(grid.getByRole('rowheader', { name: '(Job outcome)' })).toHaveCount(2);
  await expect(grid.getByRole('row').filter({ hasText: 'LONDON-SQL01' })).toHaveCount(0);
  // A run's message, in full.
  await grid.getByRole('rowheader', { name: '(Job outcome)' }).first().click();
  await expect(history.getByRole('region', { name: 'Selected row details' })).toContainText('SEA-SQL03');
});

test('the job menu opens from the keyboard (Shift+F10) and Esc returns to the job', async ({ page }) => {
  await openConsole(page);
  await expandJobs(page);
  const job = page.getByRole('treeitem', { name: `${WAITS} multiserver` });
  await job.locator('> .tree-row').click();
  await expect(job).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'New Job…' })).toBeFocused();
  await expect(page.getByRole('menuitem', { name: 'Multiserver Job Status' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(job).toBeFocused();
});
