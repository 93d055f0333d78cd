// The whole method table, in one place: what the UI and scripts can call.
import { table } from '../table';
import { aboutMethods } from './about';
import { auditMethods } from './audit';
import { connectionMethods } from './connections';
import type { Core } from './core';
import { downloadListMethods } from './downloadList';
import { explorerMethods } from './explorer';
import { groupMethods } from './groups';
import { jobMethods } from './jobs';
import { labMethods } from './lab';
import { labTdsMethods } from './labTds';
import { labServerMethods } from './labServers';
import { lifecycleMethods } from './lifecycle';
import { msdbMethods } from './msdb';
import { registeredTargetMethods } from './registeredTargets';
import { savedConnectionMethods } from './savedConnections';
import { targetMethods } from './targets';

export function buildMethods(core: Core) {
  return table(
    ...connectionMethods(core),
    ...savedConnectionMethods(core),
    ...explorerMethods(core),
    ...targetMethods(core),
    ...registeredTargetMethods(core),
    ...downloadListMethods(core),
    ...groupMethods(core),
    ...jobMethods(core),
    ...labMethods(core),
    ...msdbMethods(core),
    ...aboutMethods(),
    ...labTdsMethods(core),
    ...auditMethods(core),
    ...labServerMethods(core),
    ...lifecycleMethods(core),
  );
}

export { LAB_CONNECTION_ID, type Core } from './core';
