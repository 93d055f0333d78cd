// The simulated network between the master and each target: a link can be cut, or slowed by a
// fixed latency each way. Every MasterLink call crosses it.
import { LinkError, type MasterLink } from '../agent/masterLink';
import type { Scheduler } from '../agent/scheduler';

export interface LinkState {
  up: boolean;
  latencyMs: number;
}

export const UNREACHABLE =
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible.';

/** Wraps a link so each call first checks the link, waits the latency, and checks again. */
export function throughNetwork(link: MasterLink, state: () => LinkState, scheduler: Scheduler): MasterLink {
  const delay = (ms: number) => new Promise<void>((resolve) => scheduler.setTimer(scheduler.now() + ms, resolve));
  const cross = async <T>(call: () => Promise<T>): Promise<T> => {
    let s = state();
    if (!s.up) throw new LinkError(UNREACHABLE);
    if (s.latencyMs > 0) {
      await delay(s.latencyMs);
      s = state();
      if (!s.up) throw new LinkError(UNREACHABLE);
    }
    const result = await call();
    if (s.latencyMs > 0) await delay(s.latencyMs);
    return result;
  };
  const wrapped = {} as Record<string, unknown>;
  for (const key of Object.keys(link) as Array<keyof MasterLink>) {
    const fn = link[key] as (...a: unknown[]) => Promise<unknown>;
    wrapped[key] = (...args: unknown[]) => cross(() => fn(...args));
  }
  return wrapped as unknown as MasterLink;
}
