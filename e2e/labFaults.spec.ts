// The lab's Faults group (issue 13): a known failure set up from the panel shows where a DBA
// meets it (a proxy step Blocks the target in Manage Target Servers), a failing call runs for real
// and shows SQL Server's answer with the diagnosis inline, and the group fits the lab pane at
// 1280×720 in English, German and French, light and dark.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { api, cellOf, openConsole, openManageTargetServers, restoreLab, rowOf, watchErrors } from './app';
import { E2E_TOKEN } from './env';
import { LANGUAGE_STORAGE_KEY, translator, type Locale } from './locales';

const DIR = 'test-results/screens';
const PROXY_ERROR = 'The job step requires a proxy account, however proxy matching is disabled on the target server.';

test.beforeEach(async () => {
  await restoreLab();
});
test.afterAll(async () => {
  await restoreLab();
});

/** Selects a target in the lab grid and returns its Faults group. */
async function faultsOf(page: Page, server: string, lng: Locale = 'en'): Promise<Locator> {
  const t = translator(lng);
  const grid = page.getByRole('grid', { name: t('lab.gridLabel') });
  await expect(grid.getByRole('row')).toHaveCount(6);
  await rowOf(grid, server).getByRole('rowheader').click();
  await expect(page.locator('.lab-controls .lab-title')).toContainText(server);
  return page.getByRole('group', { name: t('labFaults.title') });
}

test('a proxy step sent from the panel: after the target polls, Manage Target Servers shows it Blocked with the proxy text; Undo clears it', async ({ page }) => {
  const errors = watchErrors(page);
  await openConsole(page);
  const faults = await faultsOf(page, 'SYD-SQL05');
  const reproduce = faults.getByLabel('Reproduce');
  await reproduce.selectOption({ label: 'Proxy step, proxy matching off' });
  await expect(faults.getByText('Sends SYD-SQL05 a multiserver job whose step runs as proxy LabProxy')).toBeVisible();
  await expect(faults.getByLabel('AllowDownloadedJobsToMatchProxyName')).toHaveValue('');
  await faults.getByRole('button', { name: 'Apply' }).click();
  await expect(faults.getByText('Applied', { exact: true })).toBeVisible();
  await expect(faults.getByRole('button', { name: 'Undo' })).toBeEnabled();

  // SYD-SQL05 polls every 10 s: its download of the INSERT fails as SQL Server's Agent fails it.
  await expect
    .poll(async () => ((await api<Array<{ serverName: string; status: number }>>('targets.list', { connectionId: 'lab' })).find((r) => r.serverName === 'SYD-SQL05')!.status & 4) !== 0, { timeout: 30_000 })
    .toBe(true);
  const dialog = await openManageTargetServers(page);
  const grid = dialog.getByRole('grid', { name: 'Target servers' });
  const row = rowOf(grid, 'SYD-SQL05');
  await expect(await cellOf(grid, row, 'Status')).toHaveText('Blocked');
  await expect(row).toHaveAttribute('title', `Blocked: ${PROXY_ERROR}`);
  await row.getByRole('rowheader').click();
  await expect(dialog.getByRole('region', { name: 'Problem details' })).toContainText('AllowDownloadedJobsToMatchProxyName');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The way back: the job leaves the target and Resync clears Blocked.
  await faults.getByRole('button', { name: 'Undo' }).click();
  await expect(faults.getByText('Not applied', { exact: true })).toBeVisible();
  await expect
    .poll(async () => (await api<Array<{ serverName: string; status: number }>>('targets.list', { connectionId: 'lab' })).find((r) => r.serverName === 'SYD-SQL05')!.status & 4)
    .toBe(0);
  expect(errors).toEqual([]);
});

test('Enlist into another master runs sp_msx_enlist on the target: 14296 and its diagnosis show inline', async ({ page }) => {
  const errors = watchErrors(page);
  await openConsole(page);
  const faults = await faultsOf(page, 'TOKYO-SQL04');
  await faults.getByLabel('Reproduce').selectOption({ label: 'Enlist into another master (14296)' });
  await faults.getByRole('button', { name: 'Run' }).click();
  const result = faults.getByRole('status', { name: 'Result' });
  await expect(result).toContainText("EXEC msdb.dbo.sp_msx_enlist @msx_server_name = N'BOS-SQL06';");
  await expect(result).toContainText("Msg 14296");
  await expect(result).toContainText("This server is already enlisted into MSX 'MSX01'.");
  await expect(result).toContainText(translator('en')('health.diag.alreadyEnlisted.cause'));
  await result.getByText('Run on the target server').click();
  await expect(result.locator('pre')).toContainText("EXEC msdb.dbo.sp_msx_enlist @msx_server_name = N'BOS-SQL06';");
  mkdirSync(DIR, { recursive: true });
  await result.getByText(translator('en')('labFaults.cause')).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${DIR}/lab-faults-14296.png` });
  // Nothing changed: TOKYO-SQL04 is still MSX01's target.
  expect((await api<Array<{ name: string; msxServerName: string }>>('lab.targets')).find((x) => x.name === 'TOKYO-SQL04')!.msxServerName).toBe('MSX01');
  expect(errors).toEqual([]);
});

test('registry values and the certificate are set from the panel, keyboard only', async ({ page }) => {
  await openConsole(page);
  const faults = await faultsOf(page, 'NYC-SQL02');
  const enc = faults.getByLabel('MsxEncryptChannelOptions');
  await enc.focus();
  await enc.selectOption('1');
  await expect.poll(async () => (await api<Array<{ name: string; registry: { msxEncryptChannelOptions: number | null } }>>('lab.targets')).find((x) => x.name === 'NYC-SQL02')!.registry.msxEncryptChannelOptions).toBe(1);
  await expect(enc).toHaveValue('1');
  const trust = faults.getByRole('checkbox', { name: 'Trusts the certificate of MSX01' });
  await trust.focus();
  await page.keyboard.press('Space');
  await expect(trust).not.toBeChecked();
  await faults.getByLabel('Proxies on this target').fill('LabProxy, ETL');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await api<Array<{ name: string; proxies: string[] }>>('lab.targets')).find((x) => x.name === 'NYC-SQL02')!.proxies).toEqual(['LabProxy', 'ETL']);
});

async function openLabIn(page: Page, lng: Locale): Promise<void> {
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, lng] as const);
  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page.locator('html')).toHaveAttribute('lang', lng);
}

for (const lng of ['en', 'de', 'fr'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`lab faults screens ${lng} ${scheme}`, () => {
      test.use({ locale: 'en-US', colorScheme: scheme, viewport: { width: 1280, height: 720 } });
      test(`the Faults group fits the lab pane at 1280×720 (${lng}, ${scheme})`, async ({ page }) => {
        mkdirSync(DIR, { recursive: true });
        const t = translator(lng);
        await api('lab.applyFault', { server: 'SYD-SQL05', fault: 'encryption' });
        await openLabIn(page, lng);
        const faults = await faultsOf(page, 'SYD-SQL05', lng);
        await faults.getByLabel(t('labFaults.reproduce')).selectOption({ label: t('labFaults.fault.permission') });
        await faults.getByRole('button', { name: t('labFaults.run'), exact: true }).click();
        const result = faults.getByRole('status', { name: t('labFaults.resultLabel') });
        await expect(result).toContainText('15003');
        const controls = page.locator('.lab-controls');
        const box = (await controls.boundingBox())!;
        const pane = (await page.locator('.lab-pane').boundingBox())!;
        // Nothing of the group is wider than its column; Reset Lab… stays in the pane.
        for (const part of [faults, result, faults.getByLabel('AllowDownloadedJobsToMatchProxyName'), faults.getByLabel(t('labFaults.reproduce'))]) {
          const b = (await part.boundingBox())!;
          expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
        }
        const reset = (await controls.getByRole('button', { name: t('lab.reset.button') }).boundingBox())!;
        expect(reset.y + reset.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
        await result.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${DIR}/lab-faults-${lng}-${scheme}.png` });
        await faults.getByLabel(t('labFaults.reproduce')).selectOption({ label: t('labFaults.fault.encryption') });
        await faults.getByRole('button', { name: t('labFaults.undo') }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${DIR}/lab-faults-state-${lng}-${scheme}.png` });
        const proxies = faults.getByLabel(t('labFaults.proxies'));
        await proxies.scrollIntoViewIfNeeded();
        const p = (await proxies.boundingBox())!;
        expect(p.x + p.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
        await page.screenshot({ path: `${DIR}/lab-faults-registry-${lng}-${scheme}.png` });
      });
    });
  }
}
