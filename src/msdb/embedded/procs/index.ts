import type { ProcDef } from '../context';
import { agentLinkProcs } from './agentLink';
import { agentPropertiesProcs } from './agentProperties';
import { downloadListProcs } from './downloadList';
import { groupsProcs } from './groups';
import { jobServersProcs } from './jobServers';
import { operatorsProcs } from './operators';
import { postMsxOperationProcs } from './postMsxOperation';
import { targetServersProcs } from './targetServers';

/** Every procedure the simulated master's msdb has. */
export const MASTER_PROCS: readonly ProcDef[] = [
  ...postMsxOperationProcs,
  ...targetServersProcs,
  ...downloadListProcs,
  ...groupsProcs,
  ...jobServersProcs,
  ...agentLinkProcs,
  ...agentPropertiesProcs,
  ...operatorsProcs,
];
