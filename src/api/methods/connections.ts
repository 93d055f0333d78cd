import { z } from 'zod';
import { connectionId, onConnection } from '../schemas';
import { method } from '../table';
import { LAB_CONNECTION_ID, type Core } from './core';

const connectSqlServer = z
  .strictObject({
    server: z.string().trim().min(1, 'Required.').max(300),
    authentication: z.enum(['sql', 'windows']).default('sql'),
    login: z.string().trim().min(1).max(128).optional(),
    password: z.string().max(256).optional(),
    encrypt: z.boolean().default(true),
    trustServerCertificate: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.authentication === 'sql' && v.login === undefined) ctx.addIssue({ code: 'custom', path: ['login'], message: 'SQL Server authentication needs a login.' });
  });

export function connectionMethods(core: Core) {
  return [
    method('connections.list', 'The open connections, the lab first.', z.strictObject({}), async () => {
      // The lab's role follows its targets (all defected: standalone), and reading it costs nothing.
      if (core.connections.has(LAB_CONNECTION_ID)) await core.connections.refresh(LAB_CONNECTION_ID);
      return core.connections.list();
    }),
    method('connections.openLab', "Opens the embedded lab's master as connection 'lab' (or returns it when open).", z.strictObject({}), () =>
      core.openLab(),
    ),
    method('connections.connectSqlServer', 'Connects to a SQL Server master.', connectSqlServer, (p) => core.connectSqlServer(p)),
    method('connections.disconnect', 'Closes a connection.', z.strictObject({ connectionId }), async (p) => {
      await core.connections.close(p.connectionId);
      return { connectionId: p.connectionId, closed: true as const };
    }),
    method('connections.serverInfo', 'Server name, version, edition, login and Agent role of a connection.', z.strictObject(onConnection), (p) =>
      core.connections.refresh(p.connectionId),
    ),
  ];
}
