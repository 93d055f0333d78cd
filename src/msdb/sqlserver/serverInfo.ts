// serverInfo() in one round trip: one constant, parameterless batch returning one row.
//
// The Agent role (spec §1) is what sp_get_sqlagent_properties reports as sqlagent_type. The batch
// computes it the way that procedure does, from the same two facts, instead of calling it:
//   - MSX: msdb.dbo.systargetservers has rows;
//   - TSX: the Agent registry value MSXServerName (read with xp_instance_regread, as the
//     procedure reads it) is not empty;
//   - 1 standalone, 2 TSX, 3 MSX, 0 both (the procedure's own CASE over COUNT(*) and DATALENGTH).
// Why not call the procedure:
//   - INSERT ... EXEC into a table variable needs its exact column list, which differs between
//     versions (columns were added over the releases), so the batch would break on some server;
//   - EXEC as a second statement would return its row as a second result set, but a login
//     without EXECUTE on it (anyone not sysadmin) gets error 229, and mssql then rejects the
//     whole request, losing the server properties the console needs to say "not sysadmin";
//   - it also reads a dozen unrelated registry values and service keys on every refresh.
// Each read runs one level down (sp_executesql) inside TRY...CATCH, so a denied read (229, or a
// registry access error) or a server without msdb's MSX tables is caught. The role is then
// unknown, not standalone: a master read by a login that may not see systargetservers would
// otherwise look like a standalone server. sqlagent_type comes back NULL, and role_error /
// role_error_message say why (the first error's number and SQL Server's text).
// The server name is SERVERPROPERTY('ServerName'), what msdb and the Agent use; @@SERVERNAME
// (sys.servers' local entry) keeps the old name after a host rename until sp_dropserver /
// sp_addserver, so it is only the fallback.
// The text is a constant the lab's TDS server (src/tds) recognizes and answers from its
// executor's serverInfo(): keep the two in step when changing it.
import { agentRoleFromType, type ServerInfo } from '../executor';
import { batchRow, intOrNull } from './batchRow';

export const SERVER_INFO_BATCH = `SET NOCOUNT ON;
DECLARE @msx_server_name sysname = NULL, @target_count int = NULL, @role_error int = NULL, @role_error_message nvarchar(2048) = NULL;
BEGIN TRY
  EXECUTE sys.sp_executesql
    N'EXECUTE master.dbo.xp_instance_regread N''HKEY_LOCAL_MACHINE'', N''SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent'', N''MSXServerName'', @value OUTPUT, N''no_output'';',
    N'@value sysname OUTPUT',
    @value = @msx_server_name OUTPUT;
END TRY
BEGIN CATCH
  SELECT @role_error = ERROR_NUMBER(), @role_error_message = ERROR_MESSAGE();
END CATCH;
BEGIN TRY
  EXECUTE sys.sp_executesql
    N'SELECT @n = COUNT(*) FROM msdb.dbo.systargetservers;',
    N'@n int OUTPUT',
    @n = @target_count OUTPUT;
END TRY
BEGIN CATCH
  IF @role_error IS NULL SELECT @role_error = ERROR_NUMBER(), @role_error_message = ERROR_MESSAGE();
END CATCH;
SELECT
  server_name = CONVERT(nvarchar(128), COALESCE(SERVERPROPERTY('ServerName'), @@SERVERNAME)),
  machine_name = CONVERT(nvarchar(128), SERVERPROPERTY('MachineName')),
  product_version = CONVERT(nvarchar(128), SERVERPROPERTY('ProductVersion')),
  edition = CONVERT(nvarchar(128), SERVERPROPERTY('Edition')),
  engine_edition = CONVERT(int, SERVERPROPERTY('EngineEdition')),
  is_sysadmin = CONVERT(int, ISNULL(IS_SRVROLEMEMBER(N'sysadmin'), 0)),
  login_name = SUSER_SNAME(),
  msx_server_name = CASE WHEN ISNULL(DATALENGTH(@msx_server_name), 0) = 0 THEN NULL ELSE @msx_server_name END,
  target_count = @target_count,
  sqlagent_type = CASE
    WHEN @role_error IS NOT NULL THEN NULL
    WHEN ISNULL(@target_count, 0) = 0 AND ISNULL(DATALENGTH(@msx_server_name), 0) = 0 THEN 1
    WHEN ISNULL(@target_count, 0) = 0 THEN 2
    WHEN ISNULL(DATALENGTH(@msx_server_name), 0) = 0 THEN 3
    ELSE 0
  END,
  role_error = @role_error,
  role_error_message = @role_error_message;`;

/** ServerInfo plus whether the Agent role could be read, and why not. */
export interface SqlServerInfo extends ServerInfo {
  /**
   * False when a read the role needs failed (agentRoleError says which error): the role is
   * unknown. agentRole then holds only what the readable half suggests (a target's
   * MSXServerName when that was readable, otherwise 'standalone') and must not be shown as
   * the server's role: show "unknown" and agentRoleErrorMessage instead.
   */
  agentRoleKnown: boolean;
  /**
   * SQL Server's error number when reading the role failed (229: no permission, usually not
   * sysadmin). null when both reads worked.
   */
  agentRoleError: number | null;
  /** SQL Server's text of that error, e.g. "The SELECT permission was denied on the object 'systargetservers'...". */
  agentRoleErrorMessage: string | null;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

const int = intOrNull;

/** Maps the batch's single row. Throws when there is no row, which a real server never does. */
export function toServerInfo(recordsets: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): SqlServerInfo {
  const row = batchRow(recordsets, 'The server information query returned no row.');
  const msx = row.msx_server_name;
  const msxServerName = msx === null || msx === undefined || msx === '' ? null : String(msx);
  const roleError = int(row.role_error);
  const sqlagentType = int(row.sqlagent_type);
  // Unknown when a read failed or the server did not compute a type; what was readable still
  // says "target" when MSXServerName was read.
  const known = roleError === null && sqlagentType !== null;
  return {
    serverName: str(row.server_name),
    machineName: str(row.machine_name),
    productVersion: str(row.product_version),
    edition: str(row.edition),
    engineEdition: int(row.engine_edition) ?? 0,
    isSysadmin: row.is_sysadmin === true || int(row.is_sysadmin) === 1,
    login: str(row.login_name),
    agentRole: known ? agentRoleFromType(sqlagentType) : msxServerName !== null ? 'tsx' : 'unknown',
    msxServerName,
    agentRoleKnown: known,
    agentRoleError: roleError,
    agentRoleErrorMessage: roleError === null ? null : str(row.role_error_message) || null,
  };
}
