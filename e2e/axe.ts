// The accessibility audit every a11y spec runs (axe-core through Playwright): WCAG 2.0–2.2 A/AA
// and best practice, no rule disabled. A serious or critical violation fails, reported with the
// rule and the first places it was found, enough to act on from the report alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function audit(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary ?? ''}`) }));
  expect(bad, `${what}: ${JSON.stringify(bad, null, 2)}`).toEqual([]);
}
