// Automated accessibility audit (axe-core) of the jobs UI, light and dark: the job context menu,
// Job Properties (General, Steps with the step dialog, Targets), the Multiserver Job Status view
// and Job History. No serious or critical violation may remain; no rule is disabled.
import { expect, test } from '@playwright/test';
import { audit } from './axe';
import { api, openConsole, treeRow } from './app';
import { jobMenu } from './jobsApp';

const WAITS = 'Collect wait statistics';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`jobs accessibility (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });

    test.beforeEach(async () => {
      await api('lab.reset');
    });

    test(`axe: job menu, Job Properties, step dialog (${scheme})`, async ({ page }) => {
      test.setTimeout(180_000);
      await openConsole(page);
      await jobMenu(page, WAITS);
      await expect(page.getByRole('menuitem', { name: 'Properties' })).toBeVisible();
      await audit(page, 'job menu');
      await page.getByRole('menuitem', { name: 'Properties' }).click();

      const dialog = page.getByRole('dialog', { name: `Job Properties - ${WAITS}` });
      await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue(WAITS);
      await audit(page, 'Job Properties: General');
      await dialog.getByRole('tab', { name: 'Steps' }).click();
      await dialog.getByRole('button', { name: 'Edit…' }).click();
      const step = page.getByRole('dialog', { name: 'Job Step Properties - Snapshot' });
      await step.getByLabel('Retry attempts').fill('x');
      await step.getByRole('button', { name: 'OK' }).click();
      await expect(step.getByText('Retry attempts: a whole number from 0 to 9999.')).toBeVisible();
      await audit(page, 'Job Step Properties with an error');
      await step.getByRole('button', { name: 'Cancel' }).click();
      await dialog.getByRole('tab', { name: 'Notifications' }).click();
      await audit(page, 'Job Properties: Notifications');
      await dialog.getByRole('tab', { name: 'Targets' }).click();
      await expect(dialog.getByRole('grid', { name: 'Target servers' }).getByRole('row').nth(1)).toBeVisible();
      await audit(page, 'Job Properties: Targets');
    });

    test(`axe: Multiserver Job Status and Job History (${scheme})`, async ({ page }) => {
      test.setTimeout(180_000);
      await openConsole(page);
      await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
      await page.getByRole('menuitem', { name: 'Multiserver Job Status' }).click();
      const view = page.getByRole('dialog', { name: 'Multiserver Job Status - MSX01' });
      await expect(view.getByRole('grid', { name: 'Multiserver job status' }).getByRole('row').nth(1)).toBeVisible();
      await audit(page, 'Multiserver Job Status');

      await jobMenu(page, WAITS, 'View History');
      const history = page.getByRole('dialog', { name: `Job History - ${WAITS}` });
      await expect(history.getByRole('status')).toBeVisible();
      await audit(page, 'Job History');
    });
  });
}
