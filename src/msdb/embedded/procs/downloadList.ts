import type { ProcDef } from '../context';

export const downloadListProcs: ProcDef[] = [];
