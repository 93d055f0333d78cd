// Fixtures for lab tests (imported by *.test.ts only).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualScheduler } from '../agent/scheduler';
import { Lab } from './lab';
import { defaultScenario, type Scenario } from './scenario';
import type { LabEvent } from './events';

type TargetStatusRow = Record<string, unknown> & {
  server_name: string;
  status: number;
  unread_instructions: number;
  poll_interval: number;
  last_poll_date: Date;
};

export async function createTestLab(opts: { scenario?: Scenario; file?: boolean } = {}) {
  const scheduler = new VirtualScheduler();
  const file = opts.file ? join(mkdtempSync(join(tmpdir(), 'msx-lab-')), 'test.msxlab') : undefined;
  const lab = await Lab.create(opts.scenario ?? defaultScenario(), { scheduler, file });
  const events: LabEvent[] = [];
  lab.events.on((e) => events.push(e));
  const sa = lab.executor();
  const targets = async () => (await sa.exec('sp_help_targetserver')).recordsets[0] as TargetStatusRow[];
  const target = async (name: string) => (await targets()).find((t) => t.server_name === name)!;
  const downloads = async (server: string) =>
    (await sa.exec('sp_help_downloadlist', { target_server: server })).recordsets[0] as Array<Record<string, unknown>>;
  return { lab, scheduler, file, events, sa, targets, target, downloads };
}
