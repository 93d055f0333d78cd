import { getRegistry, REG } from '../registry';
import type { Db } from '../db';
import type { ProcDef } from '../context';

/**
 * sqlagent_type (spec §1): an MSX has target rows, a TSX has MSXServerName; 1 standalone, 2 TSX,
 * 3 MSX, 0 when both hold (inconsistent).
 */
export function sqlagentType(db: Db): number {
  const isMsx = Number(db.value('SELECT COUNT(*) FROM (SELECT 1 FROM systargetservers LIMIT 1)')) > 0;
  const isTsx = (getRegistry(db, REG.MSXServerName) ?? '') !== '';
  if (isMsx && isTsx) return 0;
  if (isMsx) return 3;
  if (isTsx) return 2;
  return 1;
}

export const agentPropertiesProcs: ProcDef[] = [
  {
    name: 'sp_get_sqlagent_properties',
    handler: (ctx) => {
      const msx = getRegistry(ctx.db, REG.MSXServerName);
      return {
        recordsets: [
          [
            {
              auto_start: 1,
              // The registry value as read: '' when the server is not enlisted (xp_instance_regread of an empty value).
              msx_server_name: msx ?? '',
              sqlagent_type: sqlagentType(ctx.db),
              startup_account: 'NT SERVICE\\SQLSERVERAGENT',
              jobhistory_max_rows: 1000,
              jobhistory_max_rows_per_job: 100,
              errorlog_file: 'C:\\Program Files\\Microsoft SQL Server\\MSSQL\\Log\\SQLAGENT.OUT',
              errorlogging_level: 3,
              oem_errorlog: 0,
              local_host_server: ctx.server.serverName,
            },
          ],
        ],
      };
    },
  },
];
