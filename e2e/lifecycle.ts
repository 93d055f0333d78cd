// Helpers for the lifecycle flows (issue 11): lab servers as connections, the Multi Server
// Administration items of a given server's SQL Server Agent node, the wizards' buttons.
import { expect, type Locator, type Page } from '@playwright/test';
import { api } from './app';

/** The tree row of a connection's node (server: 'server', agent: 'server/agent'). */
export const nodeRow = (page: Page, connectionId: string, nodeId: string) => page.locator(`[data-key="${connectionId}|${nodeId}"] > .tree-row`);

export const labId = (server: string) => (server === 'MSX01' ? 'lab' : `lab:${server}`);

/** Connect > Embedded lab > <server>: the server opens as its own connection in Object Explorer. */
export async function connectLabServer(page: Page, server: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Embedded lab', exact: true }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${server} \\(`) }).click();
  await expect(nodeRow(page, labId(server), 'server/agent')).toBeVisible();
}

/** Right-click the server's SQL Server Agent > Multi Server Administration > item. */
export async function msxItem(page: Page, server: string, item: string): Promise<void> {
  await nodeRow(page, labId(server), 'server/agent').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** A button of the dialog's foot (Close there, not the title bar's ✕). */
export const wizardButton = (dialog: Locator, name: 'Next >' | '< Back' | 'Finish' | 'Cancel' | 'Close') => dialog.locator('.dialog-foot').getByRole('button', { name, exact: true });

/** A tree node by connection and node id (its accessible name is its label). */
export const treeNode = (page: Page, connectionId: string, nodeId: string) => page.locator(`[data-key="${connectionId}|${nodeId}"]`);

/** The wizard's current page title (the heading above its fields). */
export const pageTitle = (dialog: Locator) => dialog.locator('.wizard-page > h3');

export interface TargetRecord {
  serverName: string;
  location: string | null;
  pollInterval: number;
  lastPollDate: string;
  status: number;
}

export const masterTargets = (connectionId = 'lab') => api<TargetRecord[]>('targets.list', { connectionId });
