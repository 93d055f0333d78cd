import type { ProcDef } from '../context';

export const groupsProcs: ProcDef[] = [];
