// `npm run lab`: runs the embedded lab on the real clock without the UI and prints the
// Target Server Status grid as the master sees it. --once prints once and exits.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RealScheduler } from '../agent/scheduler';
import { statusFlags } from '../msx/status';
import { Lab } from './lab';
import { defaultLabFile } from './paths';
import { defaultScenario } from './scenario';
import { labCertificate, LabTds } from './tds';
import { parseTdsOptions, type LabTdsOptions } from './tdsOptions';

const { values } = parseArgs({
  options: {
    lab: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    once: { type: 'boolean', default: false },
    every: { type: 'string', default: '5' },
    tds: { type: 'string' },
    'tds-password': { type: 'string' },
  },
});

let tdsOptions: LabTdsOptions | undefined;
try {
  tdsOptions = parseTdsOptions(values.tds, values['tds-password']);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

const file = values.lab ?? defaultLabFile();
if (values.fresh) rmSync(file, { force: true });
const scheduler = new RealScheduler();
const lab = await Lab.openOrCreate(file, defaultScenario(), { scheduler });
const sa = lab.executor();

// --tds: the master and its first targets accept SQL Server connections while the lab runs.
let tds: LabTds | undefined;
if (tdsOptions) {
  try {
    tds = await LabTds.start(lab, { ...tdsOptions, tls: await labCertificate(file)() });
  } catch (e) {
    console.error(`The lab could not serve TDS: ${(e as Error).message}`);
    lab.close();
    scheduler.dispose();
    process.exit(1);
  }
  for (const line of tds.lines()) console.log(line);
}

function pad(s: unknown, n: number): string {
  return String(s ?? '').slice(0, n).padEnd(n);
}

async function print(): Promise<void> {
  const rows = (await sa.exec('sp_help_targetserver')).recordsets[0];
  const now = Date.now();
  console.log(`\n${lab.master.identity.serverName} — ${rows.length} target servers — ${new Date(now).toISOString()} — lab file ${file}`);
  console.log(`${pad('Target Server', 16)}${pad('Location', 26)}${pad('Last Polled', 13)}${pad('Unread', 8)}${pad('Status', 16)}${pad('Poll', 6)}Agent`);
  for (const r of rows) {
    const agent = lab.agent(String(r.server_name));
    const info = agent ? lab.describe(agent) : undefined;
    const ago = Math.round((lab.master.nowMs() - (r.last_poll_date as Date).getTime()) / 1000);
    const state = info ? `${info.agentRunning ? 'running' : 'stopped'}${info.linkUp ? '' : ', link cut'}` : '';
    console.log(
      `${pad(r.server_name, 16)}${pad(r.location, 26)}${pad(`${ago} s ago`, 13)}${pad(r.unread_instructions, 8)}${pad(statusFlags(Number(r.status)).join('+'), 16)}${pad(r.poll_interval, 6)}${state}`,
    );
  }
}

await print();
if (values.once) {
  await tds?.close();
  lab.close();
  scheduler.dispose();
} else {
  const timer = setInterval(() => void print(), Math.max(1, Number(values.every)) * 1000);
  const stop = async () => {
    clearInterval(timer);
    await tds?.close();
    lab.close();
    scheduler.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
