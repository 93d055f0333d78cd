// Fixed port and token for the browser-mode server Playwright starts; the lab is a throwaway
// file rebuilt from the scenario (--fresh) on every run.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const E2E_PORT = Number(process.env.MSX_E2E_PORT ?? 47191);
export const E2E_TOKEN = 'e2e-token-7d3f9b2c41';
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
// One folder per port, so two checkouts can run their browser tests side by side.
export const E2E_LAB_FILE = join(tmpdir(), `msx-studio-e2e-${E2E_PORT}`, 'lab.msxlab');

/** The five targets of the default scenario (src/lab/scenario.ts). */
export const LAB_TARGETS = ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05'];

// The lab also serves TDS (--tds): its master on E2E_TDS_PORT, each target on the ports after it
// in the scenario's order. Per checkout, like E2E_PORT, so browser tests can run side by side.
export const E2E_TDS_PORT = Number(process.env.MSX_E2E_TDS_PORT ?? E2E_PORT + 109);
export const E2E_TDS_PASSWORD = process.env.MSX_E2E_TDS_PASSWORD ?? 'E2e-Tds-pw-5c1';
/** The servers in the lab's order, so each one's port is E2E_TDS_PORT + its index. */
export const TDS_SERVERS = ['MSX01', 'LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05'];
export const tdsPort = (server: string) => E2E_TDS_PORT + TDS_SERVERS.indexOf(server);
