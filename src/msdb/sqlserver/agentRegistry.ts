// agentRegistry() in one round trip: one constant, parameterless batch returning one row.
//
// The three values are read the way msdb's own sp_get_sqlagent_properties reads the Agent's
// registry: master.dbo.xp_instance_regread on HKEY_LOCAL_MACHINE,
// SOFTWARE\Microsoft\MSSQLServer\SQLServerAgent (the procedure maps that key to this instance's
// own key), with 'no_output' so an absent value is NULL instead of a message. A denied read is
// silenced the same way (spec §8: registry reads report failures as low-severity messages), so
// the row says whether the login is sysadmin: only then does NULL surely mean "absent".
// Each read runs one level down (sp_executesql) inside TRY...CATCH, as serverInfo.ts does, so an
// error that does stop one read (229 on the extended procedure) leaves the others; the first
// error's number and text come back in read_error / read_error_message.
// The text is a constant the lab's TDS server (src/tds) recognizes and answers from its
// executor's agentRegistry(): keep the two in step when changing it.
import type { AgentRegistryRead } from '../executor';
import { batchRow, intOrNull } from './batchRow';

const read = (name: string, type: string, variable: string) => `BEGIN TRY
  EXECUTE sys.sp_executesql
    N'EXECUTE master.dbo.xp_instance_regread N''HKEY_LOCAL_MACHINE'', N''SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent'', N''${name}'', @value OUTPUT, N''no_output'';',
    N'@value ${type} OUTPUT',
    @value = ${variable} OUTPUT;
END TRY
BEGIN CATCH
  IF @read_error IS NULL SELECT @read_error = ERROR_NUMBER(), @read_error_message = ERROR_MESSAGE();
END CATCH;`;

export const AGENT_REGISTRY_BATCH = `SET NOCOUNT ON;
DECLARE @msx_server_name sysname = NULL, @encrypt int = NULL, @proxy_matching int = NULL, @read_error int = NULL, @read_error_message nvarchar(2048) = NULL;
${read('MSXServerName', 'sysname', '@msx_server_name')}
${read('MsxEncryptChannelOptions', 'int', '@encrypt')}
${read('AllowDownloadedJobsToMatchProxyName', 'int', '@proxy_matching')}
SELECT
  msx_server_name = @msx_server_name,
  msx_encrypt_channel_options = @encrypt,
  allow_downloaded_jobs_to_match_proxy_name = @proxy_matching,
  is_sysadmin = CONVERT(int, ISNULL(IS_SRVROLEMEMBER(N'sysadmin'), 0)),
  read_error = @read_error,
  read_error_message = @read_error_message;`;

/** The batch's one row, in column order: the lab's TDS server answers with the same columns. */
export const AGENT_REGISTRY_COLUMNS = [
  'msx_server_name',
  'msx_encrypt_channel_options',
  'allow_downloaded_jobs_to_match_proxy_name',
  'is_sysadmin',
  'read_error',
  'read_error_message',
] as const;

const int = intOrNull;

/** Maps the batch's single row. Throws when there is no row, which a real server never does. */
export function toAgentRegistry(recordsets: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): AgentRegistryRead {
  const row = batchRow(recordsets, 'The Agent registry query returned no row.');
  const msx = row.msx_server_name;
  const error = int(row.read_error);
  return {
    // An empty MSXServerName is how a defected target keeps the value: not enlisted.
    msxServerName: msx === null || msx === undefined || String(msx).trim() === '' ? null : String(msx),
    msxEncryptChannelOptions: int(row.msx_encrypt_channel_options),
    allowDownloadedJobsToMatchProxyName: int(row.allow_downloaded_jobs_to_match_proxy_name),
    readAsSysadmin: row.is_sysadmin === true || int(row.is_sysadmin) === 1,
    error: error === null ? null : { number: error, message: String(row.read_error_message ?? '') },
  };
}

/** The row an executor's agentRegistry() answers with, as the batch returns it (the TDS server writes it). */
export function agentRegistryRow(r: AgentRegistryRead): Record<(typeof AGENT_REGISTRY_COLUMNS)[number], string | number | null> {
  return {
    msx_server_name: r.msxServerName,
    msx_encrypt_channel_options: r.msxEncryptChannelOptions,
    allow_downloaded_jobs_to_match_proxy_name: r.allowDownloadedJobsToMatchProxyName,
    is_sysadmin: r.readAsSysadmin ? 1 : 0,
    read_error: r.error?.number ?? null,
    read_error_message: r.error?.message ?? null,
  };
}
