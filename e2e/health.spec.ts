// Fleet health (issue 13) on the lab: problems counted above the grid and explained on the row,
// Force Poll that ends honestly, export, and screenshots at 1280×720 in three languages.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { api, cellOf, openConsole, openManageTargetServers, rowOf, treeRow, watchErrors } from './app';
import { E2E_TOKEN } from './env';
import { LANGUAGE_STORAGE_KEY, translator, type Locale } from './locales';

const DIR = 'test-results/screens';
const PROXY_ERROR = 'The job step requires a proxy account, however proxy matching is disabled on the target server.';

test.beforeEach(async () => {
  await api('lab.reset');
});

const statusGrid = (dialog: Locator) => dialog.getByRole('grid', { name: 'Target servers' });

/** Makes TOKYO-SQL04's next instruction fail and has it download one: it is Blocked. */
async function blockTokyo(): Promise<void> {
  await api('lab.failNext', { server: 'TOKYO-SQL04', message: PROXY_ERROR });
  await api('targets.forcePoll', { connectionId: 'lab', servers: ['TOKYO-SQL04'] });
  await expect.poll(async () => ((await api<Array<{ serverName: string; status: number }>>('targets.list', { connectionId: 'lab' })).find((t) => t.serverName === 'TOKYO-SQL04')!.status & 4) !== 0).toBe(true);
}

test('a failed instruction: the summary counts 1 Blocked, the row says why, Resync fixes it from the Status tab', async ({ page }) => {
  const errors = watchErrors(page);
  await blockTokyo();
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  const summary = dialog.getByRole('group', { name: 'Problems' });
  const blocked = summary.getByRole('button', { name: /1 Blocked/ });
  await expect(blocked).toHaveAttribute('aria-pressed', 'false');

  // The count filters the grid.
  await blocked.click();
  await expect(blocked).toHaveAttribute('aria-pressed', 'true');
  await expect(grid.getByRole('row')).toHaveCount(2);
  const row = rowOf(grid, 'TOKYO-SQL04');
  await expect(row).toHaveAttribute('title', `Blocked: ${PROXY_ERROR}`);

  // The details pane: the error, the cause, the fix as a script, and Resync one click away.
  await row.getByRole('rowheader').click();
  const details = dialog.getByRole('region', { name: 'Problem details' });
  await expect(details).toContainText(PROXY_ERROR);
  await expect(details).toContainText('AllowDownloadedJobsToMatchProxyName');
  await expect(details.getByRole('region', { name: 'Fix' })).toContainText("sp_resync_targetserver @server_name = N'TOKYO-SQL04';");
  // The target's Agent registry, read on its own connection: the value the proxy error is about is marked.
  const registry = details.getByRole('group', { name: 'Registry values the Agent uses (as msdb reads them)' });
  await expect(registry).toContainText('MSXServerName');
  await expect(registry.locator('dd').first()).toHaveText('MSX01');
  await expect(registry.locator('dd.focus')).toHaveText("absent, default 0 · downloaded job steps cannot use a proxy");
  await details.getByRole('button', { name: 'Resync Target' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Resync Target' });
  await confirm.getByRole('button', { name: 'Resync' }).click();
  await expect(confirm).toBeHidden();
  // Fixed: the pressed count reads 0 and the filtered grid is empty; Show all brings the row back, Normal.
  await expect(summary.getByRole('button', { name: /0 Blocked/ })).toBeVisible({ timeout: 15_000 });
  await expect(grid.getByRole('row')).toHaveCount(1);
  await summary.getByRole('button', { name: 'Show all' }).click();
  await expect(summary.getByRole('button', { name: /Blocked/ })).toHaveCount(0);
  await expect(await cellOf(grid, row, 'Status')).toHaveText('Normal');
  expect(errors).toEqual([]);
});

test('the filter finds status words, and sorting Status puts the worst first', async ({ page }) => {
  await blockTokyo();
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await dialog.getByRole('searchbox').fill('blocked');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await dialog.getByRole('searchbox').fill('');
  await grid.getByRole('button', { name: 'Status' }).click();
  await expect(grid.getByRole('row').nth(1).getByRole('rowheader')).toHaveText('TOKYO-SQL04');
  await expect(grid.getByRole('columnheader', { name: 'Status' })).toHaveAttribute('aria-sort', 'descending');
});

test('a cut link: Force Poll ends in "signalled, no poll…" within three intervals, and the spinner stops', async ({ page }) => {
  test.setTimeout(90_000);
  await api('lab.cutLink', { server: 'SYD-SQL05' });
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  const row = rowOf(grid, 'SYD-SQL05');
  await row.getByRole('rowheader').click();
  await dialog.getByRole('button', { name: 'Force Poll', exact: true }).click();
  await expect(row.locator('.poll-state .spinner')).toHaveCount(1);
  // SYD-SQL05 polls every 10 s: three intervals are 30 s.
  const failed = row.locator('.poll-state.failed');
  await expect(failed).toContainText("signalled, no poll after 30 s — the target's Agent cannot reach the master", { timeout: 40_000 });
  await expect(row.locator('.spinner')).toHaveCount(0);
  await expect(dialog.getByRole('status').filter({ hasText: 'Force Poll: 1 of 1 finished' })).toHaveCount(1);
});

test("a target that no longer trusts the master's certificate goes overdue; its details point at MsxEncryptChannelOptions", async ({ page }) => {
  test.setTimeout(90_000);
  // SYD-SQL05 polls every 10 s: overdue after 15 s without a poll.
  await api('lab.setCertificateTrust', { server: 'SYD-SQL05', trusts: false });
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  const overdue = dialog.getByRole('group', { name: 'Problems' }).getByRole('button', { name: /1 Overdue/ });
  await expect(overdue).toBeVisible({ timeout: 45_000 });
  await rowOf(grid, 'SYD-SQL05').getByRole('rowheader').click();
  const details = dialog.getByRole('region', { name: 'Problem details' });
  await expect(details).toContainText('SYD-SQL05 is overdue');
  await expect(details).toContainText("if its Agent log says it cannot establish an encrypted connection, give MSX01 a certificate SYD-SQL05 trusts, or set 1 on SYD-SQL05");
  // Setting 1 on the target (no certificate validation) lets it poll again.
  await api('lab.setRegistry', { server: 'SYD-SQL05', msxEncryptChannelOptions: 1 });
  await expect(dialog.getByRole('group', { name: 'Problems' }).getByRole('button', { name: /Overdue/ })).toHaveCount(0, { timeout: 30_000 });
});

test('export: the CSV holds the rows the grid shows (filtered, in its columns)', async ({ page }) => {
  await blockTokyo();
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await dialog.getByRole('group', { name: 'Problems' }).getByRole('button', { name: /Blocked/ }).click();
  await expect(grid.getByRole('row')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.startsWith('\ufeffTarget Server,Status,Last Polled,')).toBe(true);
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^TOKYO-SQL04,Blocked,/);
});

test('Start job lists the job\'s targets, warns before posting to another server, and posting nothing is a warning', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await rowOf(grid, 'TOKYO-SQL04').getByRole('rowheader').click();
  await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
  const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
  await post.getByLabel('Instruction type').selectOption({ label: 'Start job' });
  // Untouched, the job field is not in error yet.
  await expect(post.locator('.field-error')).toHaveCount(0);
  await post.getByLabel('Job', { exact: true }).selectOption({ label: 'Collect wait statistics' });
  await expect(post).toContainText("This job's target servers: LONDON-SQL01, NYC-SQL02, SEA-SQL03");
  await expect(post.getByRole('alert')).toContainText('Not targets of this job, nothing will be posted to them: TOKYO-SQL04');
  await post.getByRole('button', { name: 'OK' }).click();
  // A warning (it stays until dismissed), never a green success.
  const toast = page.locator('.toast').filter({ hasText: 'Nothing was posted' });
  await expect(toast).toContainText('SQL Server posted no instruction: none of the chosen servers is a target of the job');
  await expect(toast).toHaveClass(/toast-warning/);
});

test('the audit log lists the Force Poll and the post with their T-SQL', async ({ page }) => {
  await openConsole(page);
  const dialog = await openManageTargetServers(page);
  const grid = statusGrid(dialog);
  await rowOf(grid, 'LONDON-SQL01').getByRole('rowheader').click();
  await dialog.getByRole('button', { name: 'Force Poll', exact: true }).click();
  await expect(rowOf(grid, 'LONDON-SQL01').locator('.poll-state.done')).toBeVisible();
  await dialog.getByRole('button', { name: 'Post Instructions…' }).click();
  const post = page.getByRole('dialog', { name: 'Post Download Instructions' });
  await post.getByLabel('Polling interval').fill('120');
  await post.getByRole('button', { name: 'OK' }).click();
  await expect(post).toBeHidden();

  await page.getByRole('button', { name: 'Audit Log' }).click();
  const audit = page.getByRole('dialog', { name: 'Audit Log' });
  const log = audit.getByRole('grid', { name: 'Writes this console sent' });
  await expect(log.getByRole('row').filter({ hasText: "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'LONDON-SQL01', @value = 60;" })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: "sp_sqlagent_notify @op_type = N'P';" }).filter({ hasText: 'MSX01 → LONDON-SQL01' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: "@specific_target_server = N'LONDON-SQL01', @value = 120;" })).toHaveCount(1);
  await audit.getByRole('searchbox').fill('@value = 120');
  await expect(log.getByRole('row')).toHaveCount(2);
  await expect(log.getByRole('row').nth(1)).toContainText('SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.');
});

test.describe('a fleet of 1,000 targets', () => {
  test.afterAll(async () => {
    await api('lab.reset', { scenario: 'default' });
  });

  test('Force Poll on 1,000 targets: the counter moves while posting, never backwards', async ({ page }) => {
    test.setTimeout(240_000);
    await api('lab.reset', { scenario: 'fleet-1000-60-nojobs' });
    await openConsole(page);
    await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
    await page.getByRole('menuitem', { name: 'Manage Target Servers…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
    await expect(dialog.getByRole('status').filter({ hasText: '1,000 target servers' })).toBeVisible({ timeout: 60_000 });
    const grid = statusGrid(dialog);
    await rowOf(grid, 'TSX00001').getByRole('rowheader').click();
    await page.keyboard.press('ControlOrMeta+a');
    await expect(dialog.getByRole('status').filter({ hasText: '1,000 selected' })).toBeVisible();
    // Sampled in the page, every frame, from the click until every target is answered for.
    const samples = page.evaluate(
      () =>
        new Promise<Array<{ asked: number; answered: number; finished: number }>>((resolve) => {
          const out: Array<{ asked: number; answered: number; finished: number }> = [];
          const started = performance.now();
          const tick = () => {
            const el = document.querySelector<HTMLElement>('.poll-progress');
            const s = { asked: Number(el?.dataset.asked ?? 0), answered: Number(el?.dataset.answered ?? 0), finished: Number(el?.dataset.finished ?? 0) };
            if (!out.length || JSON.stringify(out.at(-1)) !== JSON.stringify(s)) out.push(s);
            // Enough to judge: done, or five steps between 0 and 1,000 seen (the posting goes on after).
            const steps = new Set(out.filter((x) => x.asked === 1000 && x.answered > 0 && x.answered < 1000).map((x) => x.answered)).size;
            if ((s.asked === 1000 && s.answered === 1000) || steps >= 5 || performance.now() - started > 200_000) resolve(out);
            else requestAnimationFrame(tick);
          };
          tick();
        }),
    );
    await dialog.getByRole('button', { name: 'Force Poll', exact: true }).click();
    const seen = await samples;
    const answered = seen.filter((s) => s.asked === 1000).map((s) => s.answered);
    // Asked counts all 1,000 from the click; answered moved while posting (chunk by chunk), not from 0 straight to done…
    expect(new Set(answered.filter((n) => n > 0 && n < 1000)).size).toBeGreaterThanOrEqual(3);
    // …and never went back.
    for (let i = 1; i < seen.length; i++) {
      if (seen[i].asked !== 1000 || seen[i - 1].asked !== 1000) continue;
      expect(seen[i].answered).toBeGreaterThanOrEqual(seen[i - 1].answered);
      expect(seen[i].finished).toBeGreaterThanOrEqual(seen[i - 1].finished);
    }
  });
});

async function openIn(page: Page, lng: Locale): Promise<Locator> {
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, lng] as const);
  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page.locator('html')).toHaveAttribute('lang', lng);
  const t = translator(lng);
  await page.getByRole('treeitem', { name: t('explorer.agentMsx'), exact: true }).locator('> .tree-row').click({ button: 'right' });
  await page.getByRole('menuitem', { name: t('explorer.menu.multiServerAdministration') }).click();
  await page.getByRole('menuitem', { name: t('explorer.menu.manageTargetServers') }).click();
  const dialog = page.getByRole('dialog', { name: t('manage.title', { server: 'MSX01' }) });
  await expect(dialog.getByRole('grid', { name: t('targets.gridLabel') }).getByRole('row')).toHaveCount(6);
  return dialog;
}

for (const lng of ['en', 'de', 'fr'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`health screens ${lng} ${scheme}`, () => {
      test.use({ locale: 'en-US', colorScheme: scheme, viewport: { width: 1280, height: 720 } });
      test(`problems, details and Force Poll ends at 1280×720 (${lng}, ${scheme})`, async ({ page }) => {
        mkdirSync(DIR, { recursive: true });
        const t = translator(lng);
        await blockTokyo();
        await api('lab.stopAgent', { server: 'SEA-SQL03' });
        await api('lab.skewClock', { server: 'NYC-SQL02', skewMs: 5 * 60_000 });
        const dialog = await openIn(page, lng);
        const grid = dialog.getByRole('grid', { name: t('targets.gridLabel') });
        // The Status column is in view without scrolling.
        const status = grid.getByRole('columnheader', { name: t('targets.col.status') });
        const box = await status.boundingBox();
        const gridBox = await grid.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(gridBox!.x + gridBox!.width);
        await rowOf(grid, 'SEA-SQL03').getByRole('rowheader').click();
        await dialog.getByRole('button', { name: t('targets.forcePoll.button'), exact: true }).click();
        await expect(rowOf(grid, 'SEA-SQL03').locator('.poll-state.failed')).toBeVisible();
        await rowOf(grid, 'TOKYO-SQL04').getByRole('rowheader').click();
        await expect(dialog.getByRole('region', { name: t('health.details.label') })).toBeVisible();
        await page.screenshot({ path: `${DIR}/health-${lng}-${scheme}.png` });
      });
    });
  }
}

// The lab pane at 1280×720: Reset Lab… and the Agent log in view (German labels are the longest),
// and a success toast does not stay over the lab's controls.
for (const lng of ['en', 'de', 'fr'] as const) {
  test.describe(`lab pane screens ${lng}`, () => {
    test.use({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
    test(`the lab pane shows Reset Lab… and the Agent log at 1280×720 (${lng})`, async ({ page }) => {
      mkdirSync(DIR, { recursive: true });
      const t = translator(lng);
      await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, lng] as const);
      await page.goto(`/?token=${E2E_TOKEN}`);
      const grid = page.getByRole('grid', { name: t('lab.gridLabel') });
      await expect(grid.getByRole('row')).toHaveCount(6);
      await rowOf(grid, 'LONDON-SQL01').getByRole('rowheader').click();
      const controls = page.locator('.lab-controls');
      await controls.locator('.lab-log summary').click();
      await expect(controls.locator('.lab-log ol')).toBeVisible();
      const pane = (await page.locator('.lab-pane').boundingBox())!;
      const inPane = async (what: Locator) => {
        const box = (await what.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(pane.y);
        expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
        expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
      };
      const reset = controls.getByRole('button', { name: t('lab.reset.button') });
      await inPane(reset);
      await inPane(controls.locator('.lab-log ol'));
      await page.screenshot({ path: `${DIR}/lab-${lng}.png` });
      // Reset Lab's success toast goes by itself (it would sit over the lab's buttons), untouched.
      await reset.click();
      await page.getByRole('alertdialog', { name: t('lab.reset.title') }).getByRole('button', { name: t('lab.reset.confirm') }).click();
      const toast = page.locator('.toast').filter({ hasText: t('lab.reset.done') });
      await expect(toast).toBeVisible();
      await page.mouse.move(0, 0);
      await expect(toast).toBeHidden({ timeout: 15_000 });
    });
  });
}
