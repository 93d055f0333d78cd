// Helpers for the jobs flows: a job's row in Object Explorer, its context menu, Job Properties'
// pages, and what the master holds (through the API, where the UI could fool itself).
import { expect, type Locator, type Page } from '@playwright/test';
import { api, treeRow } from './app';

export interface WireJob {
  jobId: string;
  name: string;
  multiserver: boolean;
  enabled: boolean;
}

export const allJobs = () => api<WireJob[]>('jobs.all', { connectionId: 'lab' });
export const jobIdOf = async (name: string) => (await allJobs()).find((j) => j.name === name)!.jobId;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A job's row in the tree (its accessible name also carries the "multiserver" badge). */
export const jobRow = (page: Page, name: string) => page.getByRole('treeitem', { name: new RegExp(`^${escape(name)}( \\S+)?$`) }).locator('> .tree-row');

export async function expandJobs(page: Page): Promise<void> {
  const jobs = page.getByRole('treeitem', { name: 'Jobs', exact: true });
  if ((await jobs.getAttribute('aria-expanded')) !== 'true') await treeRow(page, 'Jobs').locator('.tree-toggle').click();
  await expect(jobs.getByRole('group').getByRole('treeitem').first()).toBeVisible();
}

/** Right-click a job > item (a path of menu items for submenus). */
export async function jobMenu(page: Page, job: string, ...path: string[]): Promise<void> {
  await expandJobs(page);
  await jobRow(page, job).click({ button: 'right' });
  for (const item of path) await page.getByRole('menuitem', { name: item, exact: true }).click();
}

export async function openProperties(page: Page, job: string): Promise<Locator> {
  await jobMenu(page, job, 'Properties');
  const dialog = page.getByRole('dialog', { name: `Job Properties - ${job}` });
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue(job);
  return dialog;
}

export const page_ = (dialog: Locator, name: string) => dialog.getByRole('tab', { name, exact: true });

/** A row of a grid by its row header. */
export const gridRow = (grid: Locator, name: string) => grid.getByRole('row').filter({ has: grid.page().getByRole('rowheader', { name, exact: true }) });

export async function insertsFor(jobName: string): Promise<string[]> {
  const rows = await api<Array<{ targetServer: string; operation: string | null }>>('downloadList.list', { connectionId: 'lab', jobName, operation: 'INSERT' });
  return rows.map((r) => r.targetServer).sort();
}

/** Makes the targets poll now (the lab's Force Poll), so a test does not wait for their intervals. */
export async function pollNow(servers: string[]): Promise<void> {
  await api('targets.forcePoll', { connectionId: 'lab', servers });
}
