// `npm run bench:lab`: the lab at fleet scale on the real clock. For each fleet size it prints
// polls per second, poll lag (how late a poll runs after it was due) p50/p99, CPU, peak RSS,
// instructions posted vs downloaded, and the time to post SET-POLL to every target.
// Targets (issue 2): lag p99 < 1 s, RSS <= 400 MB at 10,000, posting to all 10,000 <= 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RealScheduler } from '../src/agent/scheduler';
import { Lab } from '../src/lab/lab';
import { fleetScenario } from '../src/lab/scenario';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    seconds: { type: 'string', default: '30' },
    interval: { type: 'string', default: '10' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const seconds = Number(values.seconds);
const interval = Number(values.interval);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'msx-bench-'));
  const scheduler = new RealScheduler();
  const t0 = performance.now();
  const lab = await Lab.create(fleetScenario(count, interval), { scheduler, file: join(dir, 'bench.msxlab') });
  const buildMs = performance.now() - t0;
  const sa = lab.executor();

  let polls = 0;
  const lags: number[] = [];
  const off = lab.events.on((e) => {
    if (e.type !== 'target.polled' || e.forced) return;
    polls++;
    const due = lab.agent(e.server)?.state.nextPollAt;
    if (due !== null && due !== undefined) lags.push(e.at - due);
  });

  global.gc?.();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

  // Post SET-POLL (same interval, so the fleet keeps its pace) to every target, as one call.
  const firstNew = Number(lab.master.db.value('SELECT COALESCE(MAX(instance_id), 0) FROM sysdownloadlist'));
  const p0 = performance.now();
  const r = await sa.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', value: interval });
  const postMs = performance.now() - p0;
  const posted = Number(lab.master.db.value('SELECT COUNT(*) FROM sysdownloadlist WHERE instance_id > ?', [firstNew]));

  await sleep(seconds * 1000);
  clearInterval(sampler);
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const s0 = performance.now();
  lab.save();
  const checkpointMs = performance.now() - s0;
  const downloaded = Number(lab.master.db.value('SELECT COUNT(*) FROM sysdownloadlist WHERE instance_id > ? AND status = 1', [firstNew]));
  off();
  lags.sort((a, b) => a - b);
  lab.close();
  scheduler.dispose();
  rmSync(dir, { recursive: true, force: true });

  return {
    targets: count,
    buildSeconds: +(buildMs / 1000).toFixed(1),
    pollsPerSecond: +(polls / (wallMs / 1000)).toFixed(1),
    lagP50ms: percentile(lags, 50),
    lagP99ms: percentile(lags, 99),
    cpuPercent: +(((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1),
    peakRssMB: Math.round(peakRss / 1024 / 1024),
    posted,
    downloaded,
    postedEqualsDownloaded: posted === downloaded,
    postSetPollToAllMs: +postMs.toFixed(1),
    checkpointMs: +checkpointMs.toFixed(1),
    message: r.messages[0]?.text,
  };
}

console.log(`bench:lab — ${seconds} s on the real clock per fleet, poll interval ${interval} s`);
for (const n of sizes) {
  const r = await run(n);
  console.log(
    [
      `targets ${r.targets}: built in ${r.buildSeconds} s`,
      `  polls/s ${r.pollsPerSecond}  lag p50 ${r.lagP50ms} ms  p99 ${r.lagP99ms} ms`,
      `  CPU ${r.cpuPercent} %  peak RSS ${r.peakRssMB} MB`,
      `  SET-POLL to all: ${r.postSetPollToAllMs} ms (${r.message}), durable on disk before return`,
      `  one full checkpoint of the lab file: ${r.checkpointMs} ms`,
      `  instructions posted ${r.posted}, downloaded ${r.downloaded} (${r.postedEqualsDownloaded ? 'equal' : 'NOT EQUAL'})`,
    ].join('\n'),
  );
}
