// Time for the simulation. Agents never read Date.now() or call setTimeout themselves: they ask
// a Scheduler, so tests and benchmarks can run virtual time and 10,000 agents share one timer.

export interface Timer {
  readonly at: number;
  cancelled: boolean;
}

export interface Scheduler {
  /** UTC epoch ms. */
  now(): number;
  setTimer(at: number, fn: () => void): Timer;
  clearTimer(timer: Timer | undefined): void;
}

interface Entry extends Timer {
  seq: number;
  fn: () => void;
}

/** A binary min-heap of timers ordered by time, then by insertion. */
class TimerHeap {
  private readonly items: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, fn: () => void): Entry {
    const e: Entry = { at, fn, seq: this.seq++, cancelled: false };
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
    return e;
  }

  /** The earliest live timer, dropping cancelled ones on the way. */
  peek(): Entry | undefined {
    while (this.items.length && this.items[0].cancelled) this.pop();
    return this.items[0];
  }

  pop(): Entry | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(x: Entry, y: Entry): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Virtual time: nothing happens until `advance` moves the clock and runs what fell due. */
export class VirtualScheduler implements Scheduler {
  private t: number;
  private readonly heap = new TimerHeap();

  constructor(start = Date.UTC(2026, 10, 2, 9, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(at: number, fn: () => void): Timer {
    return this.heap.push(at, fn);
  }

  clearTimer(timer: Timer | undefined): void {
    if (timer) timer.cancelled = true;
  }

  /** Moves time forward by ms, running every timer that falls due, in order, with async work settled between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      const next = this.heap.peek();
      if (!next || next.at > end) break;
      this.heap.pop();
      this.t = Math.max(this.t, next.at);
      next.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }

  /** Lets pending async work (promises) settle without moving time. */
  settle(): Promise<void> {
    return this.advance(0);
  }
}

/** Real time: one Node timer armed for the earliest simulated timer. */
export class RealScheduler implements Scheduler {
  private readonly heap = new TimerHeap();
  private handle: ReturnType<typeof setTimeout> | undefined;
  private armedFor = Infinity;
  private disposed = false;

  now(): number {
    return Date.now();
  }

  setTimer(at: number, fn: () => void): Timer {
    const e = this.heap.push(at, fn);
    if (at < this.armedFor) this.arm();
    return e;
  }

  clearTimer(timer: Timer | undefined): void {
    if (timer) timer.cancelled = true;
  }

  private arm(): void {
    if (this.disposed) return;
    if (this.handle) clearTimeout(this.handle);
    const next = this.heap.peek();
    if (!next) {
      this.handle = undefined;
      this.armedFor = Infinity;
      return;
    }
    this.armedFor = next.at;
    this.handle = setTimeout(() => this.fire(), Math.max(0, next.at - Date.now()));
    // The lab must not keep a process alive on its own (CLI and tests exit when done).
    this.handle.unref?.();
  }

  private fire(): void {
    this.handle = undefined;
    this.armedFor = Infinity;
    const now = Date.now();
    // Run a bounded batch so a burst of due timers cannot starve I/O.
    for (let i = 0; i < 5000; i++) {
      const next = this.heap.peek();
      if (!next || next.at > now) break;
      this.heap.pop();
      next.fn();
    }
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    if (this.handle) clearTimeout(this.handle);
  }
}
