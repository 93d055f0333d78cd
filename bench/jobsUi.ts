// `npx tsx bench/jobsUi.ts`: the Multiserver Job Status view in headless Chromium (Debian's, via
// Playwright) against browser mode serving the jobs-200x1000 lab (200 multiserver jobs on each of
// 1,000 targets: 200,000 rows). Prints, over cold page loads:
//   - Multiserver Job Status click → first rows painted, p50/p90;
//   - the master's round trips for the read (jobs.status reports them; the view shows them);
//   - the longest frame while scrolling every row, a screenful a frame.
// Figures only: no assertions.
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ms, percentile, serveBrowserMode, stopBrowserMode, type Served } from './browserMode';
import { RealScheduler } from '../src/agent/scheduler';
import { Lab } from '../src/lab/lab';
import { scenarioByName } from '../src/lab/scenario';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'jobs-200x1000' },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '47225' },
  },
});
const runs = Number(values.runs);
const TOKEN = 'bench-jobs-ui-token-8c2d';
const CHROMIUM = process.env.MSX_CHROMIUM ?? '/usr/bin/chromium';
const GRID = '[role="grid"][aria-label="Multiserver job status"]';

/** Builds the scenario's lab file here and starts browser mode on it (its --scenario takes only the default and fleet-N names). */
async function serve(scenario: string, port: number): Promise<Served & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'msx-bench-jobs-ui-'));
  const file = join(dir, 'lab.msxlab');
  const spec = scenarioByName(scenario);
  if (!spec) throw new Error(`No scenario '${scenario}'.`);
  const built = performance.now();
  (await Lab.create(spec, { scheduler: new RealScheduler(), file })).close();
  console.log(`${scenario}: lab built in ${ms(performance.now() - built)}`);
  return { ...(await serveBrowserMode(port, TOKEN, ['--lab', file])), dir };
}

/** Menu click → the frame after the first grid row appears (a task queued from rAF runs once it is painted). */
async function timeOpen(page: Page, url: string): Promise<{ painted: number; roundTrips: string; rows: string }> {
  await page.goto(url);
  await page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' }).waitFor();
  await page.waitForTimeout(1000);
  await page.evaluate((grid) => {
    const w = window as unknown as { __bench: { click?: number; painted?: Promise<number> } };
    w.__bench = {};
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('[role="menuitem"]')?.textContent?.includes('Multiserver Job Status')) w.__bench.click = performance.now();
      },
      { capture: true },
    );
    w.__bench.painted = new Promise<number>((resolve) => {
      const obs = new MutationObserver(() => {
        if (document.querySelector(`${grid} [role="row"][aria-rowindex="2"]`)) {
          obs.disconnect();
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve(performance.now());
            ch.port2.postMessage(0);
          });
        }
      });
      obs.observe(document.body, { childList: true, subtree: true });
    });
  }, GRID);
  await page.getByRole('treeitem', { name: 'SQL Server Agent (MSX)' }).locator('> .tree-row').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Multi Server Administration' }).click();
  await page.getByRole('menuitem', { name: 'Multiserver Job Status' }).click();
  const painted = await page.evaluate(async () => {
    const b = (window as unknown as { __bench: { click: number; painted: Promise<number> } }).__bench;
    return (await b.painted) - b.click;
  });
  const status = page.getByRole('dialog', { name: /^Multiserver Job Status/ }).getByRole('status').first();
  await status.filter({ hasText: 'round trip' }).waitFor();
  const text = await status.innerText();
  return { painted, roundTrips: /read in ([\d,]+) round trips?/.exec(text)?.[1] ?? '?', rows: /^([\d,]+) rows?/.exec(text)?.[1] ?? '?' };
}

async function timeScroll(page: Page): Promise<{ maxFrame: number; p95Frame: number; frames: number }> {
  return page.evaluate(async (sel) => {
    const grid = document.querySelector<HTMLElement>(sel)!;
    const deltas: number[] = [];
    // 200,000 rows are 4.4 million pixels: scroll 300 screenfuls spread over the whole list.
    const step = Math.max(grid.clientHeight, Math.floor(grid.scrollHeight / 300));
    await new Promise<void>((resolve) => {
      let last = performance.now();
      const tick = (now: number) => {
        deltas.push(now - last);
        last = now;
        if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) return resolve();
        grid.scrollTop += step;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame((now) => {
        last = now;
        grid.scrollTop += step;
        requestAnimationFrame(tick);
      });
    });
    const sorted = [...deltas].sort((a, b) => a - b);
    return { maxFrame: sorted.at(-1) ?? 0, p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? 0, frames: deltas.length };
  }, GRID);
}

const t0 = performance.now();
const server = await serve(values.scenario!, Number(values.port));
console.log(`${values.scenario}: browser mode ready in ${ms(performance.now() - t0)}`);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const opens: number[] = [];
  let last: Page | undefined;
  let info = { roundTrips: '?', rows: '?' };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript('window.__name = (f) => f');
    const page = await context.newPage();
    const r = await timeOpen(page, server.url);
    opens.push(r.painted);
    info = r;
    if (last) await last.context().close();
    last = page;
  }
  console.log(`  Multiserver Job Status click → rows painted: p50 ${ms(percentile(opens, 50))}, p90 ${ms(percentile(opens, 90))} (runs: ${opens.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  rows: ${info.rows}; round trips to the master for the read: ${info.roundTrips}`);
  const scroll = await timeScroll(last!);
  console.log(`  scrolling 200,000 rows (${scroll.frames} frames): longest frame ${ms(scroll.maxFrame)}, p95 ${ms(scroll.p95Frame)}`);
} finally {
  await browser.close();
  await stopBrowserMode(server.proc);
  rmSync(server.dir, { recursive: true, force: true });
}
