import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, at the top of the jitter range', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, DEFAULT_BACKOFF, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('never goes below half the nominal delay', () => {
    expect([1, 2, 6].map((n) => backoffDelay(n, DEFAULT_BACKOFF, () => 0))).toEqual([500, 1000, 15000]);
  });

  it('stays within [d/2, d] for any random value', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it('is bounded for absurd attempt numbers', () => {
    expect(backoffDelay(10_000, DEFAULT_BACKOFF, () => 1)).toBe(30000);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 1)).toBe(1000);
  });
});
