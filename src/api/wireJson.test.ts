import { describe, expect, it } from 'vitest';
import { isoString, wireJson } from './wireJson';

describe('wireJson', () => {
  it('writes Dates exactly as Date#toISOString, across days, milliseconds and the epoch', () => {
    const samples = [0, 1, 999, 1000, 59_999, 3_599_999, 86_399_999, 86_400_000, -1, -86_400_001, Date.UTC(2026, 10, 22, 7, 5, 9, 42), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor((i * 7919.123457 * 1e9) % 4e12) - 1e12);
    for (const ms of samples) expect(isoString(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('leaves years outside 0000..9999 and invalid Dates as Date does', () => {
    const far = new Date(Date.UTC(12345, 0, 1));
    expect(isoString(far)).toBe(far.toISOString());
    expect(isoString(new Date(NaN))).toBeNull();
  });

  it('gives the text JSON.stringify gives, for nested results', () => {
    const value = {
      result: [
        { serverName: 'TSX00001', lastPollDate: new Date(Date.UTC(2026, 10, 22, 7, 0, 0, 5)), statusFlags: ['normal'], location: null, gone: undefined },
        { nested: { at: new Date(NaN), n: 3, list: [new Date(0), 'x', true] } },
      ],
      count: 2,
    };
    expect(wireJson(value)).toBe(JSON.stringify(value));
    expect(wireJson('text')).toBe('"text"');
    expect(wireJson(null)).toBe('null');
  });

  it('puts Date#toJSON back, even when stringify throws', () => {
    const before = Date.prototype.toJSON;
    const cyclic: Record<string, unknown> = { at: new Date(0) };
    cyclic.self = cyclic;
    expect(() => wireJson(cyclic)).toThrow();
    expect(Date.prototype.toJSON).toBe(before);
    wireJson({ at: new Date(0) });
    expect(Date.prototype.toJSON).toBe(before);
  });
});
