import { z } from 'zod';
import { connectFieldsShape, connectOptionsOf, refineConnectFields } from '../connectFields';
import type { ConnectionInfo } from '../connections';
import type { SaveOutcome } from '../savedConnections';
import { connectionId, onConnection } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

/** What saving asks for, beside the Connect fields (connections.save, connectSqlServer's save). */
export const saveFields = {
  /** Update this saved connection instead of matching by server, authentication and login. */
  id: z.string().trim().min(1).max(200).optional(),
  /** The name the saved list shows; default `server (login)`. */
  name: z.string().trim().max(200).optional(),
  rememberPassword: z.boolean().optional(),
  /** Where no encrypted store exists (browser mode): keep the password in connections.json, unencrypted, with a warning. */
  rememberPasswordUnencrypted: z.boolean().optional(),
};

const connectSqlServer = z
  .strictObject({
    ...connectFieldsShape,
    ...saveFields,
    /** Also record it in the saved connections (rememberPassword implies it). */
    save: z.boolean().optional(),
  })
  .superRefine(refineConnectFields);

const openLab = z.strictObject({
  /** The login the lab's master sees; default sa, or msx_viewer with sysadmin false. */
  login: z.string().trim().min(1).max(128).optional(),
  /** false opens the lab as a login outside sysadmin, to see what the console does then. */
  sysadmin: z.boolean().optional(),
});

export function connectionMethods(core: Core) {
  return [
    method('connections.list', 'The open connections, the lab first.', z.strictObject({}), async () => {
      // A lab server's role follows its enlistments (all targets defected: standalone; a target
      // that defected at a poll: standalone), and reading it costs nothing.
      for (const c of core.connections.list()) if (c.kind === 'lab') await core.connections.refresh(c.id);
      return core.connections.list();
    }),
    method(
      'connections.openLab',
      "Opens the embedded lab's master as connection 'lab' (or returns it when open); login / sysadmin: false open it as another login.",
      openLab,
      (p) => core.openLab(p.login === undefined && p.sysadmin === undefined ? undefined : p),
    ),
    method(
      'connections.connectSqlServer',
      'Connects to a SQL Server master (Connect to Server fields); save or rememberPassword also records it in the saved connections.',
      connectSqlServer,
      async (p): Promise<ConnectionInfo & { saved?: SaveOutcome }> => {
        const info = await core.connectSqlServer(connectOptionsOf(p));
        if (!p.save && !p.rememberPassword) return info;
        // Saved only once connecting worked, as SSMS adds a server to its list.
        const saved = await core.saved.save({
          ...(p.id === undefined ? {} : { id: p.id }),
          ...(p.name === undefined ? {} : { name: p.name }),
          options: connectOptionsOf(p),
          rememberPassword: p.rememberPassword ?? false,
          rememberPasswordUnencrypted: p.rememberPasswordUnencrypted ?? false,
        });
        return { ...info, saved };
      },
    ),
    method('connections.disconnect', 'Closes a connection.', z.strictObject({ connectionId }), async (p) => {
      await core.connections.close(p.connectionId);
      return { connectionId: p.connectionId, closed: true as const };
    }),
    method('connections.serverInfo', 'Server name, version, edition, login and Agent role of a connection.', z.strictObject(onConnection), (p) =>
      core.connections.refresh(p.connectionId),
    ),
  ];
}
