// Helpers for the console's end-to-end tests: the API (to set up and to check what the UI did),
// and the way a DBA reaches Manage Target Servers.
import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_BASE_URL, E2E_TOKEN } from './env';

export async function api<T = unknown>(method: string, params: unknown = {}): Promise<T> {
  const res = await fetch(`${E2E_BASE_URL}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${E2E_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { result?: T; error?: unknown };
  if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

/**
 * Closes every connection but the lab's master (lab servers opened by a flow, SQL Server
 * connections) and resets the lab: the one browser-mode server serves every spec in turn, and the
 * specs after a lifecycle flow expect Object Explorer as it opens.
 */
export async function restoreLab(): Promise<void> {
  for (const c of await api<Array<{ id: string }>>('connections.list')) {
    if (c.id !== 'lab') await api('connections.disconnect', { connectionId: c.id });
  }
  await api('lab.reset');
}

export interface WireTarget {
  serverName: string;
  lastPollDate: string;
  unreadInstructions: number;
  pollInterval: number;
  status: number;
}

export interface WireInstruction {
  instanceId: number;
  operation: string | null;
  targetServer: string;
  status: number;
  errorMessage: string | null;
  value: number | null;
}

export const targets = () => api<WireTarget[]>('targets.list', { connectionId: 'lab' });
export const downloadList = (filter: Record<string, unknown> = {}) => api<WireInstruction[]>('downloadList.list', { connectionId: 'lab', ...filter });

/** Collects what would mean the page is broken: console errors and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function openConsole(page: Page): Promise<void> {
  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' })).toBeVisible();
}

/** The row (not the treeitem, which spans its children) of a tree node, to click on. */
export const treeRow = (page: Page, name: string) => page.getByRole('treeitem', { name, exact: true }).locator('> .tree-row');

/** Right-click SQL Server Agent > Multi Server Administration > Manage Target Servers…. */
export async function openManageTargetServers(page: Page): Promise<Locator> {
  await treeRow(page, 'SQL Server Agent (MSX)').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
  await page.getByRole('menuitem', { name: 'Manage Target Servers…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Target Servers - MSX01' });
  await expect(dialog.getByRole('grid', { name: 'Target servers' }).getByRole('row')).toHaveCount(6);
  return dialog;
}

/** A grid row by the text of its row header. */
export const rowOf = (grid: Locator, name: string) => grid.getByRole('row').filter({ has: grid.page().getByRole('rowheader', { name, exact: true }) });

/** A cell of a row by its column header's position in the grid. */
export async function cellOf(grid: Locator, row: Locator, column: string): Promise<Locator> {
  const headers = await grid.getByRole('columnheader').allInnerTexts();
  const at = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === column);
  if (at < 0) throw new Error(`No column '${column}' in ${JSON.stringify(headers)}`);
  return row.locator(`[aria-colindex="${at + 1}"]`);
}
