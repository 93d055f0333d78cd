// The event stream every transport relays: lab events per connection, connection state, and
// refresh ticks that tell live views (Enable Auto Refresh) to reload.
import type { Scheduler, Timer } from '../agent/scheduler';
import { Emitter } from '../lab/events';
import type { ApiEvent } from './contract';

export const DEFAULT_REFRESH_MS = 5000;

export class EventHub {
  private readonly emitter = new Emitter<ApiEvent>();
  private tick: Timer | undefined;
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly refreshMs: number,
    private readonly openConnections: () => string[],
  ) {}

  on(listener: (e: ApiEvent) => void): () => void {
    const off = this.emitter.on(listener);
    if (this.emitter.size === 1) this.armTick();
    return () => {
      if (off() && this.emitter.size === 0) this.disarmTick();
    };
  }

  /** A listener that throws does not stop the others. */
  emit(e: ApiEvent): void {
    this.emitter.emit(e);
  }

  get size(): number {
    return this.emitter.size;
  }

  // Ticks run only while someone listens, so an idle host arms no timer.
  private armTick(): void {
    if (this.stopped || this.refreshMs <= 0) return;
    this.disarmTick();
    this.tick = this.scheduler.setTimer(this.scheduler.now() + this.refreshMs, () => {
      this.tick = undefined;
      const at = this.scheduler.now();
      for (const id of this.openConnections()) this.emit({ type: 'refresh', connectionId: id, at });
      if (this.emitter.size > 0) this.armTick();
    });
  }

  private disarmTick(): void {
    this.scheduler.clearTimer(this.tick);
    this.tick = undefined;
  }

  stop(): void {
    this.stopped = true;
    this.disarmTick();
    this.emitter.clear();
  }
}
