import { describe, expect, it } from 'vitest';
import { noteScroll, SCROLL_QUIET_MS, untilScrollQuiet } from './scrollActivity';

describe('scroll activity', () => {
  it('counts down from the last scroll to a quiet moment', () => {
    noteScroll(1000);
    expect(untilScrollQuiet(1000)).toBe(SCROLL_QUIET_MS);
    expect(untilScrollQuiet(1000 + SCROLL_QUIET_MS / 2)).toBe(SCROLL_QUIET_MS / 2);
    expect(untilScrollQuiet(1000 + SCROLL_QUIET_MS)).toBe(0);
    noteScroll(1100);
    expect(untilScrollQuiet(1000 + SCROLL_QUIET_MS)).toBe(100);
  });
});
