// Whether the user is scrolling a grid right now. Live views hold their (non-urgent) updates
// while rows fly by and apply them once scrolling pauses: merging a few hundred re-read rows into
// a 10,000-row grid in the middle of a scroll is what turned some frames long. A pause this long
// is too short to see, and the rows in view are moving anyway.
export const SCROLL_QUIET_MS = 200;

let lastScrollAt = -Infinity;

/** A grid scrolled (its scroll handler calls this). */
export function noteScroll(now = performance.now()): void {
  lastScrollAt = now;
}

/** Milliseconds until scrolling has been quiet for SCROLL_QUIET_MS (0: it has). */
export function untilScrollQuiet(now = performance.now()): number {
  return Math.max(0, lastScrollAt + SCROLL_QUIET_MS - now);
}
