import type { ProcDef } from '../context';
import { agentLinkProcs } from './agentLink';
import { applyJobProcs } from './applyJob';
import { agentPropertiesProcs } from './agentProperties';
import { downloadListProcs } from './downloadList';
import { groupsProcs } from './groups';
import { jobHistoryProcs } from './jobHistory';
import { jobServersProcs } from './jobServers';
import { jobsProcs } from './jobs';
import { jobStepsProcs } from './jobSteps';
import { operatorsProcs } from './operators';
import { postMsxOperationProcs } from './postMsxOperation';
import { proxiesProcs } from './proxies';
import { schedulesProcs } from './schedules';
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
  ...jobsProcs,
  ...jobStepsProcs,
  ...schedulesProcs,
  ...jobHistoryProcs,
  ...applyJobProcs,
  ...proxiesProcs,
];
