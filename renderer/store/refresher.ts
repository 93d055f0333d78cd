// Coalesced reloads for live views. Lab events come in bursts (a poll is a probe, downloads and
// status changes; a 10,000-target fleet polls a thousand times a second), and each view needs
// one reload per burst, not one per event: a request marks the view dirty and the reload runs
// at the next animation frame, so a poll shows within a frame. One reload is in flight at a
// time; requests during it cause exactly one more. After a reload that took d ms the next waits
// at least d × spacing, so a slow reload (a huge fleet) cannot keep the server busy all the time.

export interface RefresherClock {
  now(): number;
  /** Runs fn at the next frame (requestAnimationFrame in the page). */
  frame(fn: () => void): void;
  /** Runs fn after ms (setTimeout in the page). */
  after(ms: number, fn: () => void): () => void;
}

export interface RefresherOptions {
  /** Least time between the end of one reload and the start of the next. */
  minGapMs?: number;
  /** Gap as a multiple of the last reload's duration. */
  spacing?: number;
  /** Milliseconds to hold a non-urgent reload a while longer (a grid being scrolled); 0 to go. */
  hold?: () => number;
}

export const pageClock: RefresherClock = {
  now: () => performance.now(),
  frame: (fn) => {
    // A hidden page gets no frames; its reload waits for the page to be shown.
    requestAnimationFrame(() => fn());
  },
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export class Refresher {
  private dirty = false;
  private inFlight = false;
  private framePending = false;
  private lastEnd = -Infinity;
  private lastDuration = 0;
  private cancelWait: (() => void) | undefined;
  private stopped = false;
  private urgent = false;

  constructor(
    private readonly reload: () => Promise<unknown>,
    private readonly clock: RefresherClock = pageClock,
    private readonly opts: RefresherOptions = {},
  ) {}

  /**
   * Something changed: reload soon (at most once per frame, and never two at once). An urgent
   * request (a row someone is waiting on) skips the spacing and goes at the next frame.
   */
  request(urgent = false): void {
    if (this.stopped) return;
    this.dirty = true;
    if (urgent) {
      this.urgent = true;
      this.cancelWait?.();
      this.cancelWait = undefined;
    }
    this.schedule();
  }

  /** Reload now, skipping the spacing (a user pressed Refresh). */
  now(): Promise<void> {
    this.dirty = false;
    this.urgent = false;
    return this.start();
  }

  stop(): void {
    this.stopped = true;
    this.cancelWait?.();
  }

  private gap(): number {
    return Math.max(this.opts.minGapMs ?? 0, this.lastDuration * (this.opts.spacing ?? 1));
  }

  private schedule(): void {
    if (!this.dirty || this.inFlight || this.framePending || this.cancelWait) return;
    const wait = this.urgent ? 0 : Math.max(this.lastEnd + this.gap() - this.clock.now(), this.opts.hold?.() ?? 0);
    if (wait > 1) {
      this.cancelWait = this.clock.after(wait, () => {
        this.cancelWait = undefined;
        this.schedule();
      });
      return;
    }
    this.framePending = true;
    this.clock.frame(() => {
      this.framePending = false;
      if (!this.dirty || this.inFlight || this.stopped) return;
      this.dirty = false;
      this.urgent = false;
      void this.start();
    });
  }

  private async start(): Promise<void> {
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    this.inFlight = true;
    const began = this.clock.now();
    try {
      await this.reload();
    } catch {
      // The reload records its own error for the view; the next request tries again.
    } finally {
      this.inFlight = false;
      this.lastEnd = this.clock.now();
      this.lastDuration = this.lastEnd - began;
      this.schedule();
    }
  }
}
