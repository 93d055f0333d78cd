// The simulated Agent on its own, over a scripted master link: what it does with a downloaded
// job whose step runs as a proxy (spec §6, §7), and what it logs when its channel to the master
// cannot be encrypted.
import { describe, expect, it } from 'vitest';
import type { DownloadListRow } from '../msx/rows';
import { PROXY_MATCHING_DISABLED, PROXY_NOT_FOUND, TargetAgent } from './agent';
import { EncryptedChannelError, type JobDefinition, type MasterLink } from './masterLink';
import { VirtualScheduler } from './scheduler';
import { newTargetState } from './targetState';

const JOB_ID = '11111111-2222-4333-8444-555555555555';

function proxyJob(proxyName?: string): JobDefinition {
  return {
    jobId: JOB_ID,
    name: 'Export',
    enabled: true,
    description: null,
    startStepId: 1,
    versionNumber: 3,
    originatingServer: 'MSX01',
    steps: [
      { stepId: 1, stepName: 'Prepare', subsystem: 'TSQL', command: 'SELECT 1', databaseName: 'master' },
      { stepId: 2, stepName: 'Copy files', subsystem: 'CmdExec', command: 'robocopy', databaseName: null, ...(proxyName ? { proxyName } : {}) },
    ],
  };
}

/** A master with one INSERT JOB row waiting for the target; records what the Agent writes back. */
function scriptedMaster(job: JobDefinition, opts: { unreachable?: boolean } = {}) {
  const errored: Array<{ id: number; message: string }> = [];
  const downloaded: number[] = [];
  let pending = true;
  const row: DownloadListRow = {
    instance_id: 7, source_server: 'MSX01', operation_code: 1, object_type: 1, object_id: JOB_ID, target_server: 'TSX1',
    error_message: null, date_posted: new Date(0), date_downloaded: null, status: 0, deleted_object_name: null,
  };
  const refuse = async () => {
    if (opts.unreachable) throw new EncryptedChannelError('MSX01');
  };
  const link: MasterLink = {
    checkVersion: refuse,
    probe: async () => ({ bad_enlistment: 0, blocking_instructions: errored.length, pending_instructions: pending ? 1 : 0 }),
    pendingInstructions: async () => (pending ? [row] : []),
    markDownloaded: async (id) => {
      downloaded.push(id);
      pending = false;
    },
    markErrored: async (id, message) => {
      errored.push({ id, message });
    },
    fetchJobs: async () => [job],
    enlist: async () => null,
    uploadOutcome: async () => undefined,
    masterTime: async () => 0,
  };
  return { link, errored, downloaded };
}

function agentWith(link: MasterLink, setup: (s: ReturnType<typeof newTargetState>) => void = () => undefined) {
  const state = newTargetState(
    { name: 'TSX1', location: null, timeZoneMinutes: 0, productVersion: '16.0.4135.4', edition: 'Enterprise Edition (64-bit)', pollInterval: 60, serviceAccount: 'CONTOSO\\svc' },
    1,
  );
  state.msxServerName = 'MSX01';
  setup(state);
  return new TargetAgent({ state, link, scheduler: new VirtualScheduler() });
}

describe('a downloaded job step that runs as a proxy', () => {
  it('proxy matching absent (default 0): the INSERT fails with SQL Server’s text and nothing is created', async () => {
    const m = scriptedMaster(proxyJob('ETL'));
    const agent = agentWith(m.link);
    await agent.poll(false);
    expect(m.errored).toEqual([{ id: 7, message: PROXY_MATCHING_DISABLED }]);
    expect(PROXY_MATCHING_DISABLED).toBe('The job step requires a proxy account, however proxy matching is disabled on the target server.');
    expect(agent.state.jobs).toEqual([]);
    expect(agent.state.log.at(-1)!.text).toBe(`Instruction 7 (INSERT) failed: ${PROXY_MATCHING_DISABLED}`);
  });

  it('proxy matching explicitly 0 fails the same way', async () => {
    const m = scriptedMaster(proxyJob('ETL'));
    await agentWith(m.link, (s) => (s.registry = { msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 0 })).poll(false);
    expect(m.errored.map((e) => e.message)).toEqual([PROXY_MATCHING_DISABLED]);
  });

  it('matching on (1) but no proxy of that name: "Proxy not found."', async () => {
    const m = scriptedMaster(proxyJob('ETL'));
    const agent = agentWith(m.link, (s) => {
      s.registry = { msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 1 };
      s.proxies = ['Other'];
    });
    await agent.poll(false);
    expect(m.errored).toEqual([{ id: 7, message: PROXY_NOT_FOUND }]);
    expect(PROXY_NOT_FOUND).toBe('Proxy not found.');
    expect(agent.state.jobs).toEqual([]);
  });

  it('matching on and a proxy of the same name (any case): the job is created, its step keeping the proxy', async () => {
    const m = scriptedMaster(proxyJob('ETL'));
    const agent = agentWith(m.link, (s) => {
      s.registry = { msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 1 };
      s.proxies = ['etl'];
    });
    await agent.poll(false);
    expect(m.errored).toEqual([]);
    expect(m.downloaded).toEqual([7]);
    expect(agent.state.jobs.map((j) => [j.name, j.categoryId, j.steps[1].proxyName])).toEqual([['Export', 1, 'ETL']]);
  });

  it('a job without proxy steps downloads whatever the registry says', async () => {
    const m = scriptedMaster(proxyJob());
    const agent = agentWith(m.link);
    await agent.poll(false);
    expect(m.downloaded).toEqual([7]);
    expect(agent.state.jobs).toHaveLength(1);
  });
});

describe('a channel to the master that cannot be encrypted', () => {
  it('the poll fails and the Agent logs SQL Server Agent’s text, a warning (retried next interval)', async () => {
    const m = scriptedMaster(proxyJob(), { unreachable: true });
    const agent = agentWith(m.link);
    await agent.poll(false);
    expect(agent.state.lastProbeAt).toBeNull();
    expect(agent.state.log.at(-1)).toMatchObject({
      severity: 'warning',
      text: "Unable to poll the MSX: The target server cannot establish an encrypted connection to the master server 'MSX01'. Make sure that the MsxEncryptChannelOptions registry subkey is set correctly on the target server.",
    });
    expect(agent.state.nextPollAt).not.toBeNull();
  });
});
