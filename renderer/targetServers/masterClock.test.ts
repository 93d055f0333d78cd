import { describe, expect, it } from 'vitest';
import { estimateMasterOffset, pollAgeState } from './masterClock';

const now = Date.UTC(2026, 10, 22, 6, 0, 0);
const H = 3600_000;

describe("estimating the master's clock", () => {
  it('finds a whole-hour zone from the newest poll', () => {
    expect(estimateMasterOffset([now + H - 4_000, now + H - 50_000], now)).toBe(H);
    expect(estimateMasterOffset([now - 5 * H - 1_000], now)).toBe(-5 * H);
  });

  it('finds half and quarter hour zones, and bears a client clock a few seconds off', () => {
    expect(estimateMasterOffset([now + 5.5 * H - 10_000], now)).toBe(5.5 * H);
    expect(estimateMasterOffset([now + 5.75 * H + 20_000], now)).toBe(5.75 * H);
    expect(estimateMasterOffset([now - 30_000], now)).toBe(0);
  });

  it('holds while the newest poll is under 14 minutes old, and says so when nothing polled', () => {
    expect(estimateMasterOffset([now - 13 * 60_000], now)).toBe(0);
    expect(estimateMasterOffset([], now)).toBeNull();
  });
});

describe('poll age', () => {
  it('is late after two intervals and overdue (Offline) after three', () => {
    expect(pollAgeState(15_000, 10)).toBe('ok');
    expect(pollAgeState(21_000, 10)).toBe('late');
    expect(pollAgeState(30_000, 10)).toBe('late');
    expect(pollAgeState(30_001, 10)).toBe('overdue');
  });
});
