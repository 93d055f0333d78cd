import { describe, expect, it } from 'vitest';
import { Refresher, type RefresherClock } from './refresher';

/** A hand-driven clock: frames and timers run when the test says. */
function fakeClock() {
  let t = 0;
  const frames: Array<() => void> = [];
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const clock: RefresherClock = {
    now: () => t,
    frame: (fn) => frames.push(fn),
    after: (ms, fn) => {
      const timer = { at: t + ms, fn, live: true };
      timers.push(timer);
      return () => (timer.live = false);
    },
  };
  return {
    clock,
    frame() {
      const run = frames.splice(0);
      for (const f of run) f();
    },
    advance(ms: number) {
      t += ms;
      for (const timer of timers.filter((x) => x.live && x.at <= t)) {
        timer.live = false;
        timer.fn();
      }
    },
    get frames() {
      return frames.length;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Refresher', () => {
  it('turns a burst of requests into one reload at the next frame', async () => {
    const c = fakeClock();
    let reloads = 0;
    const r = new Refresher(async () => void reloads++, c.clock);
    r.request();
    r.request();
    r.request();
    expect(reloads).toBe(0);
    expect(c.frames).toBe(1);
    c.frame();
    await tick();
    expect(reloads).toBe(1);
    expect(c.frames).toBe(0);
  });

  it('never runs two reloads at once, and runs one more for requests made during a reload', async () => {
    const c = fakeClock();
    let running = 0;
    let max = 0;
    let reloads = 0;
    let finish: () => void = () => {};
    const r = new Refresher(
      () =>
        new Promise<void>((resolve) => {
          running++;
          reloads++;
          max = Math.max(max, running);
          finish = () => {
            running--;
            resolve();
          };
        }),
      c.clock,
    );
    r.request();
    c.frame();
    r.request();
    r.request();
    c.frame();
    expect(reloads).toBe(1);
    finish();
    await tick();
    c.frame();
    expect(reloads).toBe(2);
    finish();
    await tick();
    expect(max).toBe(1);
    expect(c.frames).toBe(0);
  });

  it('waits after a slow reload as long as it took before the next one', async () => {
    const c = fakeClock();
    let reloads = 0;
    const r = new Refresher(async () => {
      reloads++;
      c.advance(200);
    }, c.clock);
    r.request();
    c.frame();
    await tick();
    r.request();
    expect(c.frames).toBe(0);
    c.advance(150);
    expect(c.frames).toBe(0);
    c.advance(60);
    expect(c.frames).toBe(1);
    c.frame();
    await tick();
    expect(reloads).toBe(2);
  });

  it('an urgent request skips the spacing, even one asked for during a reload', async () => {
    const c = fakeClock();
    let reloads = 0;
    const r = new Refresher(
      async () => {
        reloads++;
        c.advance(200);
      },
      c.clock,
      { spacing: 3 },
    );
    r.request();
    c.frame();
    await tick();
    // A plain request waits 3 × 200 ms; an urgent one goes at the next frame.
    r.request();
    expect(c.frames).toBe(0);
    r.request(true);
    expect(c.frames).toBe(1);
    c.frame();
    await tick();
    expect(reloads).toBe(2);
    // After an urgent reload, plain requests are spaced again.
    r.request();
    expect(c.frames).toBe(0);
    c.advance(600);
    expect(c.frames).toBe(1);
  });

  it('holds a plain request while told to (a grid is scrolling), not an urgent one', async () => {
    const c = fakeClock();
    let reloads = 0;
    let holdFor = 150;
    const r = new Refresher(async () => void reloads++, c.clock, { hold: () => holdFor });
    r.request();
    expect(c.frames).toBe(0);
    holdFor = 0;
    c.advance(150);
    expect(c.frames).toBe(1);
    c.frame();
    await tick();
    expect(reloads).toBe(1);
    holdFor = 500;
    r.request(true);
    expect(c.frames).toBe(1);
  });

  it('reloads at once when asked, and stops for good', async () => {
    const c = fakeClock();
    let reloads = 0;
    const r = new Refresher(async () => void reloads++, c.clock);
    await r.now();
    expect(reloads).toBe(1);
    r.stop();
    r.request();
    expect(c.frames).toBe(0);
  });
});
