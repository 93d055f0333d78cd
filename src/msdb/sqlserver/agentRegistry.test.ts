import { describe, expect, it } from 'vitest';
import { openFake } from './testSupport';
import { AGENT_REGISTRY_BATCH, agentRegistryRow, toAgentRegistry } from './agentRegistry';

describe('agentRegistry', () => {
  it('is one constant batch, no parameters, reading each value with xp_instance_regread on the Agent key, as msdb does', async () => {
    const { driver, executor } = await openFake();
    driver.responder = () => ({ recordsets: [[{ msx_server_name: 'MSX01', msx_encrypt_channel_options: 2, allow_downloaded_jobs_to_match_proxy_name: null, is_sysadmin: 1, read_error: null, read_error_message: null }]] });
    const read = await executor.agentRegistry();
    expect(read).toEqual({ msxServerName: 'MSX01', msxEncryptChannelOptions: 2, allowDownloadedJobsToMatchProxyName: null, readAsSysadmin: true, error: null });
    const sent = driver.sent.filter((r) => r.command === AGENT_REGISTRY_BATCH);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toEqual([]);
    for (const name of ['MSXServerName', 'MsxEncryptChannelOptions', 'AllowDownloadedJobsToMatchProxyName']) {
      expect(AGENT_REGISTRY_BATCH).toContain(`N''HKEY_LOCAL_MACHINE'', N''SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent'', N''${name}'', @value OUTPUT, N''no_output''`);
    }
    // Each read is caught on its own, so one denied read leaves the others.
    expect(AGENT_REGISTRY_BATCH.match(/BEGIN TRY/g)).toHaveLength(3);
  });

  it('maps an empty MSXServerName (a defected target) to not enlisted, and a failed read to its error', () => {
    expect(toAgentRegistry([[{ msx_server_name: '', msx_encrypt_channel_options: null, allow_downloaded_jobs_to_match_proxy_name: 1, is_sysadmin: 0, read_error: 229, read_error_message: 'denied' }]])).toEqual({
      msxServerName: null,
      msxEncryptChannelOptions: null,
      allowDownloadedJobsToMatchProxyName: 1,
      readAsSysadmin: false,
      error: { number: 229, message: 'denied' },
    });
    expect(() => toAgentRegistry([[]])).toThrow(/no row/);
  });

  it('the row an executor answers with maps back to the same read (the TDS server writes it)', () => {
    const read = { msxServerName: 'MSX01', msxEncryptChannelOptions: 0, allowDownloadedJobsToMatchProxyName: 1, readAsSysadmin: false, error: { number: 229, message: 'x' } };
    expect(toAgentRegistry([[agentRegistryRow(read)]])).toEqual(read);
  });
});
