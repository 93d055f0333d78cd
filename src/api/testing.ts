// Fixtures for the API tests (imported by *.test.ts only): a host over an in-memory lab on
// virtual time, and helpers that unwrap the dispatcher's envelope.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { unavailableConnector } from './connections';
import type { ApiError, ApiEvent, ApiResponse } from './contract';
import { createApiHost, type ApiHostOptions } from './host';

export async function hostFixture(opts: ApiHostOptions = {}) {
  const scheduler = new VirtualScheduler();
  // No test reaches a real SQL Server by accident: the mssql connector only when a test passes it.
  // Runbook plans go to a folder of the test's own, never the user's data folder.
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'msx-data-'));
  const host = await createApiHost({ scheduler, refreshIntervalMs: 0, sqlServerConnector: unavailableConnector, ...opts, dataDir });
  const events: ApiEvent[] = [];
  const stopListening = host.onEvent((e) => events.push(e));
  const call = (method: string, params?: unknown): Promise<ApiResponse> => host.dispatch(method, params);
  return {
    host,
    scheduler,
    events,
    call,
    lab: () => host.lab(),
    dataDir,
    /** Resolves to the result; fails the test with the error otherwise. */
    ok: async <T = unknown>(method: string, params?: unknown): Promise<T> => {
      const r = await call(method, params);
      if ('error' in r) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.result as T;
    },
    /** Resolves to the error; fails the test when the call succeeds. */
    fails: async (method: string, params?: unknown): Promise<ApiError> => {
      const r = await call(method, params);
      if (!('error' in r)) throw new Error(`${method} succeeded: ${JSON.stringify(r.result)}`);
      return r.error;
    },
    /** Everything the lab holds: the master's database and the simulated targets. */
    state: () => {
      const doc = host.lab().document();
      return {
        msdb: Buffer.from(host.lab().master.db.export()),
        targets: JSON.stringify({ targets: doc.targets, network: doc.network, servers: doc.servers, mastersDown: doc.mastersDown }),
      };
    },
    close: async () => {
      stopListening();
      await host.close();
    },
  };
}

export type HostFixture = Awaited<ReturnType<typeof hostFixture>>;

export function expectSameState(a: ReturnType<HostFixture['state']>, b: ReturnType<HostFixture['state']>): void {
  expect(b.msdb.equals(a.msdb)).toBe(true);
  expect(b.targets).toBe(a.targets);
}
