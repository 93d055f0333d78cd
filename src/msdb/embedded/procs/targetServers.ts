import type { ProcDef } from '../context';

export const targetServersProcs: ProcDef[] = [];
