// Screenshots of the lifecycle UI (issue 11) for a person to look at: each wizard page, Defect,
// Manage Target Server Groups and Upgrade Readiness with its runbook, in light and dark, English
// and French, at 1280×720. Saved to test-results/screens/life-<name>-<lng>-<scheme>.png. The
// controls are found by the locale's own strings, so a missing translation fails here too.
import { expect, test, type Locator } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { restoreLab } from './app';
import { E2E_TOKEN } from './env';
import { labId, nodeRow } from './lifecycle';
import { translator } from './locales';

const DIR = 'test-results/screens';

for (const lng of ['en', 'fr'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`lifecycle screens (${lng}, ${scheme})`, () => {
      test.use({ colorScheme: scheme, viewport: { width: 1280, height: 720 }, locale: lng === 'fr' ? 'fr-FR' : 'en-US' });

      test.beforeEach(async () => {
        mkdirSync(DIR, { recursive: true });
        await restoreLab();
      });
      test.afterAll(restoreLab);

      test(`wizards, Defect, groups and readiness (${lng}, ${scheme})`, async ({ page }) => {
        test.setTimeout(120_000);
        const t = translator(lng);
        const shot = (name: string) => page.screenshot({ path: `${DIR}/life-${name}-${lng}-${scheme}.png` });
        const foot = (d: Locator, key: 'life.wizard.next' | 'life.wizard.finish' | 'common.cancel' | 'common.close') =>
          d.locator('.dialog-foot').getByRole('button', { name: t(key), exact: true });
        const title = (d: Locator) => d.locator('.wizard-page > h3');
        const menu = async (server: string, item: string) => {
          await nodeRow(page, labId(server), 'server/agent').click({ button: 'right' });
          await page.getByRole('menuitem', { name: t('explorer.menu.multiServerAdministration') }).click();
          await page.getByRole('menuitem', { name: item, exact: true }).click();
        };
        const connect = async (server: string) => {
          await page.getByRole('button', { name: t('explorer.connect.button'), exact: true }).click();
          await page.getByRole('menuitem', { name: t('explorer.connect.lab'), exact: true }).click();
          await page.getByRole('menuitem', { name: new RegExp(`^${server} \\(`) }).click();
          await expect(nodeRow(page, labId(server), 'server/agent')).toBeVisible();
        };

        await page.goto(`/?token=${E2E_TOKEN}`);
        await expect(nodeRow(page, 'lab', 'server/agent')).toBeVisible();
        await connect('PAR-SQL07');
        await connect('BOS-SQL06');

        // Make this a Master… on PAR-SQL07: every page, then Finish (MSXOperator only).
        await menu('PAR-SQL07', t('explorer.menu.makeMaster'));
        const master = page.getByRole('dialog', { name: t('life.enlist.master.title', { server: 'PAR-SQL07' }) });
        await expect(title(master)).toHaveText(t('life.enlist.master.operatorPage'));
        await shot('master-1-operator-empty');
        await master.getByLabel(t('life.enlist.master.email')).fill('dba-paris@contoso.com');
        await master.getByLabel(t('life.enlist.master.pager')).fill('pager-paris@contoso.com');
        await shot('master-1-operator');
        await foot(master, 'life.wizard.next').click();
        await expect(title(master)).toHaveText(t('life.enlist.servers.title'));
        await master.getByLabel(t('life.enlist.servers.registered')).selectOption('BOS-SQL06');
        await master.getByRole('button', { name: t('life.enlist.servers.addChosen') }).click();
        await shot('master-2-targets');
        await master.getByRole('button', { name: t('life.enlist.servers.removeAll') }).click();
        await foot(master, 'life.wizard.next').click();
        await expect(title(master)).toHaveText(t('life.enlist.credentials.title'));
        await shot('master-3-credentials');
        await foot(master, 'life.wizard.next').click();
        await expect(master.getByRole('region', { name: t('script.label') })).toContainText('sp_add_operator');
        await shot('master-4-complete');
        await foot(master, 'life.wizard.finish').click();
        await expect(master.locator('.step-success')).toHaveCount(1);
        await shot('master-5-progress');
        await foot(master, 'common.close').click();

        // Add Target Servers… on MSX01: the Target Servers page.
        await menu('MSX01', t('explorer.menu.addTargetServers'));
        const add = page.getByRole('dialog', { name: t('life.enlist.add.title', { server: 'MSX01' }) });
        // PAR-SQL07 has MSXOperator but no target yet: still standalone (spec §1), so still offered.
        await expect(add.getByLabel(t('life.enlist.servers.registered')).getByRole('option')).toHaveCount(2);
        await shot('add-1-targets-empty');
        await add.getByLabel(t('life.enlist.servers.registered')).selectOption('BOS-SQL06');
        await add.getByRole('button', { name: t('life.enlist.servers.addChosen') }).click();
        await foot(add, 'life.wizard.next').click();
        await expect(add.getByRole('region', { name: t('script.label') })).toContainText('sp_msx_enlist');
        await shot('add-2-complete');
        await foot(add, 'common.cancel').click();

        // Make this a Target… on BOS-SQL06 into MSX01, through Finish.
        await menu('BOS-SQL06', t('explorer.menu.makeTarget'));
        const target = page.getByRole('dialog', { name: t('life.enlist.target.title', { server: 'BOS-SQL06' }) });
        await target.getByLabel(t('life.enlist.target.description')).fill('Boston, DC1');
        await shot('target-1-master');
        await target.getByRole('button', { name: t('life.enlist.target.pickServer') }).click();
        await expect(page.getByRole('dialog', { name: t('life.enlist.pick.title') })).toBeVisible();
        await shot('target-1b-pick-server');
        await page.getByRole('dialog', { name: t('life.enlist.pick.title') }).getByRole('button', { name: t('common.ok') }).click();
        await foot(target, 'life.wizard.next').click();
        await shot('target-2-credentials');
        await foot(target, 'life.wizard.next').click();
        await expect(target.getByRole('region', { name: t('script.label') })).toContainText('sp_msx_enlist');
        await shot('target-3-complete');
        await foot(target, 'life.wizard.finish').click();
        await expect(target.locator('.step-success')).toHaveCount(1);
        await shot('target-4-progress');
        await foot(target, 'common.close').click();

        // Defect… on SEA-SQL03's own node.
        await connect('SEA-SQL03');
        await menu('SEA-SQL03', t('explorer.menu.defect'));
        const defect = page.getByRole('alertdialog', { name: t('life.enlist.defect.title', { server: 'SEA-SQL03' }) });
        await defect.getByRole('button', { name: t('script.button') }).click();
        await expect(defect.getByRole('region', { name: t('script.label') })).toContainText('sp_msx_defect');
        await shot('defect-1-ask');
        await defect.getByRole('button', { name: t('life.enlist.defect.no') }).click();

        // Manage Target Server Groups… with a member being added.
        await menu('MSX01', t('explorer.menu.manageTargetServerGroups'));
        const groups = page.getByRole('dialog', { name: t('life.groups.title', { server: 'MSX01' }) });
        await expect(groups.getByLabel(t('life.groups.membersOf', { group: 'Production' })).getByRole('option')).toHaveCount(3);
        await shot('groups-1');
        await groups.getByRole('button', { name: t('life.groups.addMembers') }).nth(1).click();
        await groups.getByLabel(t('life.groups.chooseTargets')).selectOption('SEA-SQL03');
        await groups.getByRole('button', { name: t('script.button') }).click();
        await expect(groups.getByRole('region', { name: t('script.label') })).toContainText('sp_add_targetsvrgrp_member');
        await shot('groups-2-add-members');
        await foot(groups, 'common.close').click();

        // Upgrade Readiness and its runbook.
        await menu('MSX01', t('life.menu.upgradeReadiness'));
        const readiness = page.getByRole('dialog', { name: t('life.readiness.title', { server: 'MSX01' }) });
        await expect(readiness.locator('.readiness-headline')).toContainText('SEA-SQL03');
        await shot('readiness-1');
        await readiness.locator('.dialog-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await shot('readiness-2-rules');
        await readiness.getByRole('tab', { name: t('life.runbook.tab') }).click();
        await readiness.getByRole('button', { name: t('life.runbook.capture') }).click();
        await readiness.getByRole('button', { name: t('life.runbook.save') }).click();
        await expect(readiness.getByRole('region', { name: t('life.runbook.defectScript') })).toContainText('sp_msx_defect');
        await shot('runbook-1');
        await foot(readiness, 'common.close').click();
      });
    });
  }
}
