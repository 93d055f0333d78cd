// Registered targets (registeredTargets.ts): the connections Force Poll uses to signal a real
// master's targets. The lab's targets are simulated and always reachable, so on the lab
// connection they are all listed as connected and there is nothing to register.
import { z } from 'zod';
import { connectFieldsShape, connectOptionsOf, refineConnectFields } from '../connectFields';
import { ApiFailure } from '../errors';
import type { RegisteredTarget } from '../registeredTargets';
import { onConnection, serverName } from '../schemas';
import { method } from '../table';
import { LAB_CONNECTION_ID, type Core } from './core';

const connection = z.strictObject(connectFieldsShape).superRefine(refineConnectFields);

export function registeredTargetMethods(core: Core) {
  /** The SQL Server master a registration belongs to; the lab has none to register. */
  const sqlServerMaster = (connectionId: string) => {
    const info = core.connections.info(connectionId);
    if (info.kind !== 'sqlserver') {
      throw new ApiFailure('BAD_REQUEST', "The lab's targets are simulated: Force Poll always reaches them, so there is nothing to register.");
    }
    return info;
  };

  return [
    method(
      'targets.register',
      "Registers a target of a SQL Server master with its own connection (checked: the master lists it, and it is enlisted into this master), for Force Poll's signal.",
      z.strictObject({
        ...onConnection,
        server: serverName,
        connection,
        /** Where no encrypted store exists: keep the password in connections.json, unencrypted, with a warning. */
        rememberPasswordUnencrypted: z.boolean().optional(),
      }),
      async (p) => {
        const master = sqlServerMaster(p.connectionId);
        return core.registeredTargets.register(
          { server: master.server, address: master.address },
          core.master(p.connectionId),
          p.server,
          connectOptionsOf(p.connection),
          p.rememberPasswordUnencrypted ?? false,
        );
      },
    ),
    method('targets.unregister', 'Forgets a registered target and its saved password, closing its connection.', z.strictObject({ ...onConnection, server: serverName }), async (p) => {
      const master = sqlServerMaster(p.connectionId);
      await core.registeredTargets.unregister(master.server, p.server);
      return { server: p.server, unregistered: true as const };
    }),
    method(
      'targets.registered',
      "A master's registered targets and their state: connected, saved (opened at the first Force Poll), or error with the reason.",
      z.strictObject(onConnection),
      async (p): Promise<RegisteredTarget[]> => {
        const info = core.connections.info(p.connectionId);
        if (p.connectionId === LAB_CONNECTION_ID || info.kind === 'lab') {
          return core.lab().targetNames().map((server) => ({
            server,
            state: 'connected' as const,
            address: server,
            authentication: 'sql' as const,
            passwordStorage: 'none' as const,
            registeredAt: info.openedAt,
          }));
        }
        return core.registeredTargets.list(info.server);
      },
    ),
  ];
}
