// Screenshots of the jobs UI for a person to look at, at 1280×720, light and dark, English and
// German: each page of Job Properties, the step dialog, the Multiserver Job Status view (with a
// target in each sync state worth seeing) and Job History. Saved to
// test-results/screens/jobs-<what>-<lng>-<scheme>.png.
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { api, openConsole, treeRow } from './app';
import { jobIdOf, jobRow, pollNow } from './jobsApp';
import { translator } from './locales';

const DIR = 'test-results/screens';
const WAITS = 'Collect wait statistics';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  await api('lab.reset');
  const waits = await jobIdOf(WAITS);
  const nightly = await jobIdOf('Nightly DBCC CHECKDB');
  // History: a run on each of the job's targets.
  await api('jobs.start', { connectionId: 'lab', jobId: waits });
  await pollNow(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03']);
  await expect
    .poll(async () => new Set((await api<Array<{ server: string }>>('jobs.history', { connectionId: 'lab', jobId: waits })).map((r) => r.server)).size, { timeout: 30_000 })
    .toBe(3);
  // Status: a download that fails on TOKYO-SQL04, and a step changed without a post (drift).
  await api('lab.failNext', { server: 'TOKYO-SQL04', message: 'The job step requires a proxy account, however proxy matching is disabled on the target server.' });
  await api('jobs.synchronize', { connectionId: 'lab', jobId: nightly, servers: ['TOKYO-SQL04'] });
  await pollNow(['TOKYO-SQL04']);
  await api('msdb.exec', { connectionId: 'lab', proc: 'sp_update_jobstep', params: { job_id: waits, step_id: 1, command: 'SELECT 1;' } });
});

for (const lng of ['en', 'de'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`jobs screens (${lng}, ${scheme})`, () => {
      test.use({ colorScheme: scheme, viewport: { width: 1280, height: 720 }, locale: lng === 'de' ? 'de-DE' : 'en-US' });

      test(`Job Properties pages, status view and history (${lng}, ${scheme})`, async ({ page }) => {
        test.setTimeout(90_000);
        const t = translator(lng);
        const shot = (name: string) => page.screenshot({ path: `${DIR}/jobs-${name}-${lng}-${scheme}.png` });
        await openConsole(page).catch(() => undefined);
        await expect(page.getByRole('tree')).toBeVisible();
        const jobs = page.getByRole('treeitem', { name: t('explorer.jobs'), exact: true });
        if ((await jobs.getAttribute('aria-expanded')) !== 'true') await treeRow(page, t('explorer.jobs')).locator('.tree-toggle').click();
        const row = page.getByRole('treeitem', { name: new RegExp(`^${WAITS}`) }).locator('> .tree-row');
        await expect(row).toBeVisible();

        await row.click({ button: 'right' });
        await expect(page.getByRole('menuitem', { name: t('jobs.menu.properties') })).toBeVisible();
        await shot('menu');
        await page.getByRole('menuitem', { name: t('jobs.menu.properties') }).click();
        const dialog = page.getByRole('dialog', { name: t('jobs.props.title', { job: WAITS }) });
        await expect(dialog.getByLabel(t('jobs.general.name'), { exact: true })).toHaveValue(WAITS);
        await shot('props-general');
        for (const p of ['steps', 'schedules', 'notifications', 'targets'] as const) {
          await dialog.getByRole('tab', { name: t(`jobs.props.page.${p}`), exact: true }).click();
          if (p === 'targets') await expect(dialog.getByRole('grid', { name: t('jobs.targets.servers') }).getByRole('row').nth(1)).toBeVisible();
          if (p === 'steps') await expect(dialog.getByRole('grid', { name: t('jobs.steps.list') }).getByRole('row').nth(1)).toBeVisible();
          await shot(`props-${p}`);
        }
        await dialog.getByRole('tab', { name: t('jobs.props.page.steps'), exact: true }).click();
        await dialog.getByRole('button', { name: t('jobs.steps.edit') }).click();
        const step = page.getByRole('dialog', { name: t('jobs.step.title', { step: 'Snapshot' }) });
        await step.getByLabel(t('jobs.step.retryAttempts')).fill('x');
        await step.getByRole('button', { name: t('common.ok') }).click();
        await expect(step.getByText(t('jobs.step.issue.retryAttempts'))).toBeVisible();
        await shot('step');
        await step.getByRole('button', { name: t('common.cancel') }).click();
        await dialog.getByRole('button', { name: t('common.cancel') }).click();
        await expect(dialog).toBeHidden();

        await treeRow(page, t('explorer.agentMsx')).click({ button: 'right' });
        await page.getByRole('menuitem', { name: t('explorer.menu.multiServerAdministration') }).click();
        await page.getByRole('menuitem', { name: t('jobs.menu.status') }).click();
        const view = page.getByRole('dialog', { name: t('jobs.status.title', { server: 'MSX01' }) });
        const grid = view.getByRole('grid', { name: t('jobs.status.grid') });
        await expect(grid.getByRole('row').filter({ hasText: t('jobs.status.state.failed') })).toHaveCount(1);
        await grid.getByRole('row').filter({ hasText: t('jobs.status.state.failed') }).getByRole('rowheader').click();
        await shot('status');

        await view.getByRole('button', { name: t('jobs.status.history') }).click();
        await page.keyboard.press('Escape');
        await jobRow(page, WAITS).click({ button: 'right' });
        await page.getByRole('menuitem', { name: t('jobs.menu.history') }).click();
        const history = page.getByRole('dialog', { name: t('jobs.history.title', { job: WAITS }) });
        const hgrid = history.getByRole('grid', { name: t('jobs.history.grid') });
        await expect(hgrid.getByRole('rowheader', { name: t('jobs.history.jobOutcome') }).first()).toBeVisible();
        await hgrid.getByRole('rowheader', { name: t('jobs.history.jobOutcome') }).first().click();
        await shot('history');
      });
    });
  }
}
