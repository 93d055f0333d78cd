// Events the lab emits so live views never need to poll.
import type { AgentEvent } from '../agent/agent';

export type LabEvent =
  | AgentEvent
  | { type: 'target.status'; server: string; status: number; previous: number }
  | { type: 'lab.target'; server: string }
  /** A write that is not an agent's; `servers`: the only targets it concerns (a post to a few). */
  | { type: 'master.changed'; proc: string; servers?: string[] }
  | { type: 'lab.reset' };

export type LabEventType = LabEvent['type'];

/** A minimal typed emitter; listeners that throw do not stop the others. */
export class Emitter<E> {
  private readonly listeners = new Set<(e: E) => void>();

  /** Returns the unsubscribe function; it answers whether the listener was still subscribed. */
  on(listener: (e: E) => void): () => boolean {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: E): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        console.error('event listener failed:', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}
