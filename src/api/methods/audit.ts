// The audit log's view: what this console sent, newest first, searchable (auditLog.ts).
import { z } from 'zod';
import { method } from '../table';
import type { Core } from './core';

export function auditMethods(core: Core) {
  return [
    method(
      'audit.list',
      'Writes this console sent (connection, login, time, T-SQL, outcome, SQL Server\'s messages), newest first; search matches any field.',
      z.strictObject({ search: z.string().max(400).optional(), limit: z.int().min(1).max(5000).optional() }),
      async (p) => ({ file: core.audit.file ?? null, entries: core.audit.list(p) }),
    ),
  ];
}
