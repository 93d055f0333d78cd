import { describe, expect, it } from 'vitest';
import { moveAll, moveChosen } from './dualList';

const all = ['A', 'B', 'C', 'D'];

describe('Target Servers page lists', () => {
  it('> adds the selected, in the candidates order', () => {
    expect(moveChosen(['C'], ['D', 'A'], all, 'add')).toEqual(['A', 'C', 'D']);
  });
  it('< removes the selected', () => {
    expect(moveChosen(['A', 'C', 'D'], ['C'], all, 'remove')).toEqual(['A', 'D']);
  });
  it('>> and << move everything', () => {
    expect(moveAll(all, 'add')).toEqual(all);
    expect(moveAll(all, 'remove')).toEqual([]);
  });
  it('drops a chosen server that is no longer a candidate', () => {
    expect(moveChosen(['Z', 'B'], [], all, 'add')).toEqual(['B']);
  });
});
