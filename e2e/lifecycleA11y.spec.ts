// Automated accessibility audit (axe-core, e2e/axe.ts) of the lifecycle UI and the lab's fault
// panel, light and dark: each page of Make this a Master (operator, targets, credentials,
// summary with its script, progress), the Pick Server dialog of Make this a Target, Defect
// with its script, Manage Target Server Groups, Upgrade Readiness with its runbook, and the Faults
// group showing SQL Server's answer and its diagnosis. No serious or critical violation may remain.
import { expect, test } from '@playwright/test';
import { audit } from './axe';
import { restoreLab, rowOf } from './app';
import { E2E_TOKEN } from './env';
import { connectLabServer, labId, msxItem, nodeRow, pageTitle, wizardButton } from './lifecycle';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`lifecycle accessibility (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    test.beforeEach(restoreLab);
    test.afterAll(restoreLab);

    test(`axe: wizards, Defect, groups, readiness and the lab's faults (${scheme})`, async ({ page }) => {
      // A dozen full-page axe runs: slow on two busy cores.
      test.setTimeout(240_000);
      await page.goto(`/?token=${E2E_TOKEN}`);
      await expect(nodeRow(page, labId('MSX01'), 'server/agent')).toBeVisible();
      await connectLabServer(page, 'PAR-SQL07');
      await connectLabServer(page, 'BOS-SQL06');

      // Make this a Master… on PAR-SQL07, every page.
      await msxItem(page, 'PAR-SQL07', 'Make this a Master…');
      const master = page.getByRole('dialog', { name: 'Master Server Wizard - PAR-SQL07' });
      await expect(pageTitle(master)).toHaveText('Master Server Operator');
      await master.getByLabel('E-mail address').fill('dba-paris@contoso.com');
      await audit(page, 'Make this a Master: operator');
      await wizardButton(master, 'Next >').click();
      await master.getByLabel('Registered servers').selectOption('BOS-SQL06');
      await master.getByRole('button', { name: 'Add the selected servers' }).click();
      await audit(page, 'Make this a Master: target servers');
      await master.getByRole('button', { name: 'Remove all servers' }).click();
      await wizardButton(master, 'Next >').click();
      await audit(page, 'Make this a Master: credentials');
      await wizardButton(master, 'Next >').click();
      await expect(master.getByRole('region', { name: 'T-SQL script' })).toContainText('sp_add_operator');
      await audit(page, 'Make this a Master: complete the wizard');
      await wizardButton(master, 'Finish').click();
      await expect(master.locator('.step-success')).toHaveCount(1);
      await audit(page, 'Make this a Master: progress');
      await wizardButton(master, 'Close').click();

      // Make this a Target… on BOS-SQL06: its Pick Server dialog.
      await msxItem(page, 'BOS-SQL06', 'Make this a Target…');
      const target = page.getByRole('dialog', { name: 'Target Server Wizard - BOS-SQL06' });
      await target.getByRole('button', { name: 'Pick Server…' }).click();
      await expect(page.getByRole('dialog', { name: 'Pick Server' })).toBeVisible();
      await audit(page, 'Make this a Target: Pick Server');
      await page.getByRole('dialog', { name: 'Pick Server' }).getByRole('button', { name: 'Cancel' }).click();
      await wizardButton(target, 'Cancel').click();

      // Defect… on a target's own node, its script shown.
      await connectLabServer(page, 'SEA-SQL03');
      await msxItem(page, 'SEA-SQL03', 'Defect…');
      const defect = page.getByRole('alertdialog', { name: 'Defect - SEA-SQL03' });
      await defect.getByRole('button', { name: 'Script' }).click();
      await expect(defect.getByRole('region', { name: 'T-SQL script' })).toContainText('sp_msx_defect');
      await audit(page, 'Defect');
      await defect.getByRole('button', { name: 'No' }).click();

      // Manage Target Server Groups…
      await msxItem(page, 'MSX01', 'Manage Target Server Groups…');
      const groups = page.getByRole('dialog', { name: 'Manage Target Server Groups - MSX01' });
      await expect(groups.getByLabel('Members of Production').getByRole('option')).toHaveCount(3);
      await audit(page, 'Manage Target Server Groups');
      await wizardButton(groups, 'Close').click();

      // Upgrade Readiness… and its runbook.
      await msxItem(page, 'MSX01', 'Upgrade Readiness…');
      const readiness = page.getByRole('dialog', { name: 'Upgrade Readiness - MSX01' });
      await expect(readiness.locator('.readiness-headline')).toContainText('SEA-SQL03');
      await audit(page, 'Upgrade Readiness');
      await readiness.getByRole('tab', { name: 'Runbook' }).click();
      await readiness.getByRole('button', { name: 'Read the plan' }).click();
      await audit(page, 'Upgrade Readiness: runbook');
      await wizardButton(readiness, 'Close').click();

      // The lab's Faults group with SQL Server's answer and its diagnosis inline.
      const grid = page.getByRole('grid', { name: 'Lab target servers' });
      await rowOf(grid, 'TOKYO-SQL04').getByRole('rowheader').click();
      const faults = page.getByRole('group', { name: 'Faults' });
      await faults.getByLabel('Reproduce').selectOption({ label: 'Enlist into another master (14296)' });
      await faults.getByRole('button', { name: 'Run' }).click();
      await expect(faults.getByRole('status', { name: 'Result' })).toContainText('Msg 14296');
      await audit(page, "Lab: Faults with a call's result");
    });
  });
}
