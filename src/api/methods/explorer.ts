import { z } from 'zod';
import { explorerChildren } from '../../admin/explorer';
import { onConnection } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

export function explorerMethods(core: Core) {
  return [
    method(
      'explorer.children',
      "Object Explorer children of a node; no nodeId gives the connection's server node.",
      z.strictObject({ ...onConnection, nodeId: z.string().max(400).optional() }),
      (p) => explorerChildren(core.master(p.connectionId), p.nodeId),
    ),
  ];
}
