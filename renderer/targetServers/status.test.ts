import { describe, expect, it } from 'vitest';
import { statusParts, statusRank } from './status';

describe('status bits', () => {
  it('reads 1, 3, 5 and 7 as SQL Server means them', () => {
    expect(statusParts(1)).toEqual(['normal']);
    expect(statusParts(3)).toEqual(['offline']);
    expect(statusParts(5)).toEqual(['blocked']);
    expect(statusParts(7)).toEqual(['offline', 'blocked']);
    expect([1, 3, 5, 7].map(statusRank)).toEqual([0, 1, 2, 3]);
  });
});
