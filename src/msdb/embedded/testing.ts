// Fixtures for tests of the simulated msdb (imported by *.test.ts only).
import { expect } from 'vitest';
import { SqlServerError } from '../../msx/errors';
import { EmbeddedMsdb } from './master';
import type { ServerIdentity } from './context';
import { MSX01 } from './identity';
import { addOperator, addTarget, type SeedTarget } from './seed';

export const MASTER_IDENTITY: ServerIdentity = MSX01;

/** A hand-driven clock for tests: starts at 2026-11-02 09:00:00 UTC. */
export function testClock(start = Date.UTC(2026, 10, 2, 9, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** A master with MSXOperator and the given targets (none: a standalone server with MSXOperator). */
export async function createTestMaster(targets: Array<string | SeedTarget> = [], clock = testClock()) {
  const msdb = await EmbeddedMsdb.create({ identity: MASTER_IDENTITY, clock: clock.now });
  addOperator(msdb, 'MSXOperator', 'dba@contoso.com');
  for (const t of targets) addTarget(msdb, typeof t === 'string' ? { name: t } : t);
  return { msdb, clock, exec: msdb.executor() };
}

/** The whole database file, to check that a failed call changed nothing. */
export function snapshot(msdb: EmbeddedMsdb): Buffer {
  return Buffer.from(msdb.db.export());
}

/** The SqlServerError a call rejects with; fails the test when it resolves or throws anything else. */
export async function failureOf(call: Promise<unknown>): Promise<SqlServerError> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SqlServerError)) throw new Error(`expected a SqlServerError, got ${String(e)}`);
  return e;
}

/** The call fails with exactly this number and text (severity 16) and leaves the database byte-identical. */
export async function expectFailsUnchanged(msdb: EmbeddedMsdb, call: () => Promise<unknown>, number: number, message: string) {
  const before = snapshot(msdb);
  const e = await failureOf(call());
  expect({ number: e.number, severity: e.severity, message: e.message }).toEqual({ number, severity: 16, message });
  expect(snapshot(msdb).equals(before)).toBe(true);
  return e;
}

/** The call is refused with 229 (EXECUTE permission denied, severity 14, state 5) and changes nothing. */
export async function expectExecuteDenied(msdb: EmbeddedMsdb, call: () => Promise<unknown>, proc: string) {
  const before = snapshot(msdb);
  const e = await failureOf(call());
  expect({ number: e.number, severity: e.severity, state: e.state, procName: e.procName, message: e.message }).toEqual({
    number: 229,
    severity: 14,
    state: 5,
    procName: undefined,
    message: `The EXECUTE permission was denied on the object '${proc}', database 'msdb', schema 'dbo'.`,
  });
  expect(snapshot(msdb).equals(before)).toBe(true);
  return e;
}
