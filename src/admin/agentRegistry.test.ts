import { describe, expect, it } from 'vitest';
import type { AgentRegistryRead, MsdbExecutor } from '../msdb/executor';
import { SqlServerError } from '../msx/errors';
import { readTargetRegistry, registryFindings } from './agentRegistry';

const read = (r: Partial<AgentRegistryRead>): AgentRegistryRead => ({
  msxServerName: 'MSX01',
  msxEncryptChannelOptions: null,
  allowDownloadedJobsToMatchProxyName: null,
  readAsSysadmin: true,
  error: null,
  ...r,
});

const answering = (r: AgentRegistryRead | Error): MsdbExecutor => ({
  exec: async () => ({ returnValue: 0, recordsets: [], messages: [] }),
  serverInfo: async () => {
    throw new Error('not used');
  },
  agentRegistry: async () => {
    if (r instanceof Error) throw r;
    return r;
  },
});

describe('registryFindings', () => {
  it('a target enlisted into this master with the defaults has nothing to say', () => {
    expect(registryFindings(read({}), 'msx01')).toEqual([]);
  });
  it('an empty MSXServerName read by a sysadmin: not enlisted (the master row is left over)', () => {
    expect(registryFindings(read({ msxServerName: null }), 'MSX01')).toEqual(['notEnlisted']);
  });
  it('another master named: its row here is an orphan', () => {
    expect(registryFindings(read({ msxServerName: 'MSX02' }), 'MSX01')).toEqual(['otherMaster']);
  });
  it('encryption off is said; 1 and 2 are not findings', () => {
    expect(registryFindings(read({ msxEncryptChannelOptions: 0 }), 'MSX01')).toEqual(['encryptionOff']);
    expect(registryFindings(read({ msxEncryptChannelOptions: 1 }), 'MSX01')).toEqual([]);
    expect(registryFindings(read({ msxEncryptChannelOptions: 2 }), 'MSX01')).toEqual([]);
  });
  it('outside sysadmin an absent value may be a denied read: not "not enlisted", but a caveat', () => {
    expect(registryFindings(read({ msxServerName: null, readAsSysadmin: false }), 'MSX01')).toEqual(['maybeDenied']);
  });
});

describe('readTargetRegistry', () => {
  it('reads on the target connection and says what the Agent uses (defaults for absent values)', async () => {
    const r = await readTargetRegistry('SEA-SQL03', 'MSX01', async () => answering(read({ allowDownloadedJobsToMatchProxyName: 1 })));
    expect(r).toMatchObject({ server: 'SEA-SQL03', unknown: null, effective: { msxEncryptChannelOptions: 2, allowDownloadedJobsToMatchProxyName: 1 }, findings: [] });
  });
  it('no connection to the target: notRegistered; a failing connection or read: unreachable with the reason', async () => {
    expect(await readTargetRegistry('X', 'MSX01', async () => undefined)).toEqual({ server: 'X', unknown: 'notRegistered', findings: [] });
    expect(
      await readTargetRegistry('X', 'MSX01', async () => {
        throw new Error('connect ECONNREFUSED');
      }),
    ).toEqual({ server: 'X', unknown: 'unreachable', reason: 'connect ECONNREFUSED', findings: [] });
    expect(await readTargetRegistry('X', 'MSX01', async () => answering(new SqlServerError(229, 14, 'The EXECUTE permission was denied.')))).toMatchObject({
      unknown: 'unreachable',
      reason: 'The EXECUTE permission was denied.',
    });
  });
});
