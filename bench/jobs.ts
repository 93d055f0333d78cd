// `npm run bench:jobs`: the Multiserver Job Status view's data on a lab of J multiserver jobs × T
// targets (scenario `jobs-JxT`, default jobs-200x1000). Prints the time to build the lab, then for
// several reads of jobs.status's workflow (readJobStatus): wall time, round trips to the master
// (procedure calls, counted by the workflow), rows read, and the same after a step change made
// behind the console's back (drift on every target of one job).
//   npm run bench:jobs -- --jobs 200 --targets 1000 --reads 3
import { parseArgs } from 'node:util';
import { VirtualScheduler } from '../src/agent/scheduler';
import { readJobStatus } from '../src/admin/jobSync';
import { Lab } from '../src/lab/lab';
import { jobsFleetScenario } from '../src/lab/scenario';
import type { MsdbExecutor } from '../src/msdb/executor';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    targets: { type: 'string', default: '1000' },
    reads: { type: 'string', default: '3' },
  },
});
const jobCount = Number(values.jobs);
const targetCount = Number(values.targets);
const reads = Number(values.reads);

/** Counts every call that reaches the master (what a real master would see as round trips). */
function counted(exec: MsdbExecutor) {
  let calls = 0;
  const byProc = new Map<string, number>();
  const msByProc = new Map<string, number>();
  return {
    exec: {
      exec: async (proc: string, params?: Parameters<MsdbExecutor['exec']>[1]) => {
        calls++;
        byProc.set(proc, (byProc.get(proc) ?? 0) + 1);
        const t = performance.now();
        try {
          return await exec.exec(proc, params);
        } finally {
          msByProc.set(proc, (msByProc.get(proc) ?? 0) + performance.now() - t);
        }
      },
      serverInfo: () => exec.serverInfo(),
      agentRegistry: () => exec.agentRegistry(),
    } satisfies MsdbExecutor,
    calls: () => calls,
    byProc: () => Object.fromEntries(byProc),
    msByProc: () => Object.fromEntries([...msByProc].map(([k, v]) => [k, Math.round(v)])),
    reset: () => {
      calls = 0;
      byProc.clear();
      msByProc.clear();
    },
  };
}

async function main() {
  const scheduler = new VirtualScheduler();
  const t0 = performance.now();
  const lab = await Lab.create(jobsFleetScenario(jobCount, targetCount), { scheduler });
  const buildMs = performance.now() - t0;
  const rowsKept = Number(lab.master.db.value('SELECT COUNT(*) FROM sysdownloadlist'));
  console.log(`scenario jobs-${jobCount}x${targetCount}: built in ${(buildMs / 1000).toFixed(1)} s; ${rowsKept} download rows kept`);

  const master = counted(lab.executor());
  const times: number[] = [];
  let last;
  for (let i = 0; i < reads; i++) {
    master.reset();
    const t = performance.now();
    last = await readJobStatus(master.exec);
    times.push(performance.now() - t);
  }
  const cells = last!.jobs.reduce((n, j) => n + j.targets.length, 0);
  console.log(`status read: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')} (${reads} reads); ${last!.jobs.length} jobs × targets = ${cells} rows`);
  console.log(`round trips to the master per read: ${master.calls()} (workflow says ${last!.roundTrips}) ${JSON.stringify(master.byProc())}`);
  console.log(`time inside the master per procedure (last read, ms): ${JSON.stringify(master.msByProc())}`);

  // A change needs a later clock than the posts it is compared with (datetime resolution).
  await scheduler.advance(1_000);
  await lab.executor().exec('sp_update_jobstep', { job_name: last!.jobs[0].jobName, step_id: 1, command: 'EXEC DBAdmin.dbo.usp_collect @set = 0;' });
  master.reset();
  const t = performance.now();
  const drift = await readJobStatus(master.exec);
  console.log(`after a step change behind the console's back: ${(performance.now() - t).toFixed(0)} ms, ${master.calls()} round trips; ` +
    `${drift.jobs[0].jobName}: ${JSON.stringify(drift.jobs[0].counts)}`);
  lab.close();
}

void main();
