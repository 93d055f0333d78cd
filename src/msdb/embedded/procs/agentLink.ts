import type { ProcDef } from '../context';

export const agentLinkProcs: ProcDef[] = [];
