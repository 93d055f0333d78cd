// A read on a target's own connection (a lab server, a registered server, or an open connection
// to it), for what the master's tables do not hold: the target's version, its Agent registry.
// No connection is "notRegistered"; a connection or read that fails is "unreachable" with why.
import { isSqlServerError } from '../msx/errors';
import type { MsdbExecutor } from '../msdb/executor';

export type Unreached = { unknown: 'notRegistered' | 'unreachable'; reason?: string };

export async function readOnTarget<T>(
  server: string,
  connect: (server: string) => MsdbExecutor | undefined | Promise<MsdbExecutor | undefined>,
  read: (exec: MsdbExecutor) => Promise<T>,
): Promise<{ value: T } | Unreached> {
  const unreachable = (e: unknown): Unreached => ({ unknown: 'unreachable', reason: isSqlServerError(e) || e instanceof Error ? e.message : String(e) });
  let exec: MsdbExecutor | undefined;
  try {
    exec = await connect(server);
  } catch (e) {
    return unreachable(e);
  }
  if (!exec) return { unknown: 'notRegistered' };
  try {
    return { value: await read(exec) };
  } catch (e) {
    return unreachable(e);
  }
}
