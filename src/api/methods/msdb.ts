import { z } from 'zod';
import { renderCall } from '../../admin/script';
import type { ProcResult } from '../../msdb/executor';
import { onConnection, procName, procParams } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

export function msdbMethods(core: Core) {
  return [
    method(
      'msdb.exec',
      'Runs one msdb procedure with named parameters: the query window, and a power tool on a real master.',
      z.strictObject({ ...onConnection, proc: procName, params: procParams.default({}) }),
      (p): Promise<ProcResult> => core.master(p.connectionId).exec(p.proc, p.params),
    ),
    method('msdb.script', 'The T-SQL of one procedure call, as msdb.exec would run it.', z.strictObject({ proc: procName, params: procParams.default({}) }), async (p) => ({
      script: renderCall({ proc: p.proc, params: p.params }),
    })),
  ];
}
