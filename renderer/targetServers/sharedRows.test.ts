import { describe, expect, it } from 'vitest';
import { shareRows } from './sharedRows';

const key = (r: { name: string }) => r.name;

describe('shareRows', () => {
  it('keeps the objects of unchanged rows and the array when nothing changed', () => {
    const prev = [
      { name: 'A', n: 1, flags: ['normal'] },
      { name: 'B', n: 2, flags: ['normal'] },
    ];
    const same = shareRows(prev, [
      { name: 'A', n: 1, flags: ['normal'] },
      { name: 'B', n: 2, flags: ['normal'] },
    ], key);
    expect(same).toBe(prev);
    const changed = shareRows(prev, [
      { name: 'A', n: 1, flags: ['normal'] },
      { name: 'B', n: 3, flags: ['normal'] },
    ], key);
    expect(changed).not.toBe(prev);
    expect(changed[0]).toBe(prev[0]);
    expect(changed[1]).not.toBe(prev[1]);
  });

  it('sees rows added, removed and reordered', () => {
    const prev = [{ name: 'A', n: 1 }, { name: 'B', n: 2 }];
    expect(shareRows(prev, [{ name: 'B', n: 2 }, { name: 'A', n: 1 }], key)).toEqual([prev[1], prev[0]]);
    expect(shareRows(prev, [{ name: 'A', n: 1 }], key)).toEqual([prev[0]]);
    expect(shareRows(prev, [{ name: 'A', n: 1 }], key)).not.toBe(prev);
    expect(shareRows(undefined, prev, key)).toBe(prev);
  });
});
