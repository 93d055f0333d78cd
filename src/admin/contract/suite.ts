// The behavioural contract of src/admin, written once over the executor seam. It runs against
// the embedded master always, against the mssql executor over a fake driver backed by that same
// embedded msdb, and against a real master when MSX_TEST_MASTER names one (contract.test.ts).
// Each assertion is something a real master does (spec sections cited), so the simulation and
// the real thing are held to the same statements. Names and intervals are read from the master
// itself, never assumed, so the suite runs on any lab fleet; it only posts a SET-POLL carrying
// the interval a target will have anyway, which changes nothing at the target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlServerError } from '../../msx/errors';
import { statusFlags } from '../../msx/status';
import type { MsdbExecutor, ProcResult, SqlValue } from '../../msdb/executor';
import { listDownloadList } from '../downloadList';
import { forcePoll, planForcePoll, type TargetResolver } from '../forcePoll';
import { postInstruction } from '../postInstruction';
import { resync } from '../resync';
import { listTargets } from '../targets';

export interface ContractFixtures {
  /** A name no master lists. */
  unknownTarget: string;
  /**
   * The same master as a login outside sysadmin and granted nothing in msdb (the default for a new
   * login), when there is one; without it that part is skipped, saying why.
   */
  nonSysadminMaster?: MsdbExecutor;
  /** Why there is no non-sysadmin master (shown as the skipped test's name). */
  nonSysadminSkipReason?: string;
  /** Exact target names, where the fleet is known (the lab). */
  expectedTargets?: string[];
  /** Round trips on the wire so far, where they can be counted below the seam (the fake mssql driver). */
  wireRequests?: () => number;
}

export interface ContractEnv {
  /** The master's msdb, as a sysadmin login. */
  master: MsdbExecutor;
  /** A target's own msdb (Force Poll's signal), or undefined where targets cannot be reached. */
  target: TargetResolver;
  fixtures: ContractFixtures;
  close?: () => Promise<void> | void;
}

/** An executor that counts what crosses the seam. */
export function counting(inner: MsdbExecutor): MsdbExecutor & { calls: Array<{ proc: string; params: Record<string, SqlValue | undefined> }>; serverInfoCalls: number } {
  const self = {
    calls: [] as Array<{ proc: string; params: Record<string, SqlValue | undefined> }>,
    serverInfoCalls: 0,
    exec: (proc: string, params?: Record<string, SqlValue | undefined>): Promise<ProcResult> => {
      self.calls.push({ proc, params: { ...(params ?? {}) } });
      return inner.exec(proc, params);
    },
    serverInfo: () => {
      self.serverInfoCalls++;
      return inner.serverInfo();
    },
    agentRegistry: () => inner.agentRegistry(),
  };
  return self;
}

async function sqlErrorOf(p: Promise<unknown>): Promise<SqlServerError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof SqlServerError)) throw new Error(`expected SQL Server to refuse the call, got ${e === undefined ? 'success' : String(e)}`);
  return e;
}

const POSTED_1_SET_POLL = 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.';

export function adminContractSuite(name: string, setup: () => Promise<ContractEnv>): void {
  describe(name, () => {
    let env: ContractEnv;
    /** A target the master lists: the first by name. */
    let target: string;

    const lastInstanceId = async () => Math.max(0, ...(await instanceIds()));
    // Rows are compared by id: on a real fleet a target may download (status, date) meanwhile.
    const instanceIds = async () => (await listDownloadList(env.master)).map((r) => r.instanceId);

    beforeAll(async () => {
      env = await setup();
      const targets = await listTargets(env.master);
      if (targets.length === 0) throw new Error('The master lists no target servers: the contract suite needs an MSX with at least one enlisted target.');
      target = targets[0].serverName;
    });

    afterAll(async () => {
      await env?.close?.();
    });

    it('serverInfo: the master is an MSX and its login is sysadmin (spec §1)', async () => {
      const info = await env.master.serverInfo();
      expect(info.agentRole).toBe('msx');
      expect(info.isSysadmin).toBe(true);
      expect(info.msxServerName).toBeNull();
      expect(info.serverName).not.toBe('');
    });

    it("listTargets: sp_help_targetserver's rows ordered by name, intervals in range, status bits spelled out (spec §4.1, §2.2)", async () => {
      const rows = await listTargets(env.master);
      const names = rows.map((r) => r.serverName);
      expect([...names].sort()).toEqual(names);
      for (const r of rows) {
        expect(r.serverName).toBe(r.serverName.toUpperCase());
        expect(r.serverId).toBeGreaterThan(0);
        expect(r.pollInterval).toBeGreaterThanOrEqual(10);
        expect(r.pollInterval).toBeLessThanOrEqual(28800);
        expect(r.unreadInstructions).toBeGreaterThanOrEqual(0);
        expect(r.status & 1).toBe(1);
        expect(r.statusFlags).toEqual(statusFlags(r.status));
        expect(r.lastPollDate).toBeInstanceOf(Date);
      }
      if (env.fixtures.expectedTargets) expect(names).toEqual(env.fixtures.expectedTargets);
    });

    it('Grid refresh of Manage Target Servers costs one round trip (sp_help_targetserver)', async () => {
      const seam = counting(env.master);
      const wireBefore = env.fixtures.wireRequests?.();
      await listTargets(seam);
      expect(seam.calls).toEqual([{ proc: 'sp_help_targetserver', params: {} }]);
      expect(seam.serverInfoCalls).toBe(0);
      if (wireBefore !== undefined) expect(env.fixtures.wireRequests!() - wireBefore).toBe(1);
    });

    it('downloadList: filters by target and operation; an unknown target is 14262 (spec §4.2)', async () => {
      const forTarget = await listDownloadList(env.master, { targetServer: target });
      expect(forTarget.every((r) => r.targetServer === target)).toBe(true);
      const setPolls = await listDownloadList(env.master, { operation: 'SET-POLL' });
      expect(setPolls.every((r) => r.operation === 'SET-POLL' && r.operationCode === '9 (SET-POLL)')).toBe(true);
      const ids = (await listDownloadList(env.master)).map((r) => r.instanceId);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const e = await sqlErrorOf(listDownloadList(env.master, { targetServer: env.fixtures.unknownTarget }));
      expect([e.number, e.severity]).toEqual([14262, 16]);
    });

    it('postInstruction SET-POLL: 14230 says one row was posted, and the queue shows it with the value (spec §3.2, §3.3)', async () => {
      const before = await lastInstanceId();
      // The value Force Poll would post: a pending SET-POLL's, else the current interval.
      const value = (await planForcePoll(env.master, [target])).targets[0].pollInterval;
      const [outcome] = await postInstruction(env.master, { type: 'SET-POLL', pollInterval: value, recipients: [target] });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.returnValue).toBe(0);
      expect(outcome.messages).toContainEqual({ number: 14230, severity: 10, text: POSTED_1_SET_POLL });
      const posted = (await listDownloadList(env.master, { targetServer: target, operation: 'SET-POLL' })).filter((r) => r.instanceId > before);
      expect(posted).toHaveLength(1);
      expect(posted[0]).toMatchObject({ operation: 'SET-POLL', targetServer: target, value, objectName: target });
    });

    it('forcePoll: one result per target, the SET-POLL row named, and when not signalled, when the next poll is due (spec §8.3)', async () => {
      const [row] = (await listTargets(env.master)).filter((t) => t.serverName === target);
      const reachable = (await env.target(target)) !== undefined;
      const [r] = await forcePoll(env.master, [target], env.target);
      expect(r.server).toBe(target);
      expect(r.message).toBe(POSTED_1_SET_POLL);
      expect(typeof r.instanceId).toBe('number');
      expect(r.pollInterval).toBeGreaterThanOrEqual(10);
      if (reachable) {
        expect(r.signal).toBe('signalled');
        expect(r.nextPollDueAt).toBeUndefined();
      } else {
        expect(['notRegistered', 'unreachable', 'failed']).toContain(r.signal);
        expect(r.nextPollDueAt).toEqual(new Date(row.lastPollDate.getTime() + row.pollInterval * 1000));
      }
      const [unregistered] = await forcePoll(env.master, [target], () => undefined);
      expect(unregistered).toMatchObject({ server: target, signal: 'notRegistered', message: POSTED_1_SET_POLL });
      expect(unregistered.reason).toMatch(/not a registered server/);
      expect(unregistered.nextPollDueAt).toBeInstanceOf(Date);
    });

    it('resync on an unknown target: 14262 from sp_help_targetserver, and nothing posted (spec §4.3)', async () => {
      const before = await instanceIds();
      const e = await sqlErrorOf(resync(env.master, [env.fixtures.unknownTarget]));
      expect([e.number, e.severity]).toEqual([14262, 16]);
      expect(e.message.toUpperCase()).toContain(env.fixtures.unknownTarget.toUpperCase());
      expect(await instanceIds()).toEqual(before);
    });

    describe('a login outside sysadmin (spec §3.2, §4.3, §8 Permissions)', () => {
      const skipReason = () => env.fixtures.nonSysadminSkipReason ?? 'no non-sysadmin login was given';
      it('the read procedures answer 229 (EXECUTE permission denied), not rows and not 15003', async (ctx) => {
        const pleb = env.fixtures.nonSysadminMaster;
        if (!pleb) {
          ctx.skip(skipReason());
          return;
        }
        for (const proc of ['sp_help_targetserver', 'sp_help_downloadlist', 'sp_help_targetservergroup']) {
          const e = await sqlErrorOf(pleb.exec(proc));
          expect({ number: e.number, severity: e.severity, message: e.message }).toEqual({
            number: 229,
            severity: 14,
            message: `The EXECUTE permission was denied on the object '${proc}', database 'msdb', schema 'dbo'.`,
          });
        }
        const before = await instanceIds();
        const e = await sqlErrorOf(pleb.exec('sp_delete_targetserver', { server_name: target }));
        expect(e.number).toBe(229);
        expect(await instanceIds()).toEqual(before);
        expect((await listTargets(env.master)).map((t) => t.serverName)).toContain(target);
      });

      it('is told apart by serverInfo; sp_post_msx_operation returns 0 with no message and posts nothing; resync is refused', async (ctx) => {
        const pleb = env.fixtures.nonSysadminMaster;
        if (!pleb) {
          ctx.skip(skipReason());
          return;
        }
        expect((await pleb.serverInfo()).isSysadmin).toBe(false);
        const before = await instanceIds();
        // 'All target servers': one call, no name check first, so only sp_post_msx_operation speaks.
        const setPoll = await postInstruction(pleb, { type: 'SET-POLL', pollInterval: 60, recipients: 'all' });
        expect(setPoll).toMatchObject([{ ok: true, returnValue: 0, messages: [] }]);
        const syncTime = await postInstruction(pleb, { type: 'SYNC-TIME', recipients: 'all' });
        expect(syncTime).toMatchObject([{ ok: true, returnValue: 0, messages: [] }]);
        expect(await instanceIds()).toEqual(before);
        // Refused by the name check first (sp_help_targetserver: 229, no EXECUTE permission); for
        // 'ALL', which needs no name check, by sp_resync_targetserver itself (15003).
        const refused = await resync(pleb, [target]).then(
          ([o]) => (o.ok ? undefined : o.error.number),
          (e: unknown) => (e instanceof SqlServerError ? e.number : undefined),
        );
        expect(refused).toBe(229);
        const [all] = await resync(pleb, 'all');
        expect(all.ok ? undefined : all.error.number).toBe(15003);
        expect(await instanceIds()).toEqual(before);
      });
    });
  });
}
