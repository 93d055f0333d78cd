import type { ProcDef } from '../context';

export const jobServersProcs: ProcDef[] = [];
