import type { ProcDef } from '../context';

export const postMsxOperationProcs: ProcDef[] = [];
