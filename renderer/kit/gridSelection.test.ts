import { describe, expect, it } from 'vitest';
import { clickSelect, EMPTY_SELECTION, keySelect, selectedInOrder, type Selection } from './gridSelection';

const keys = ['A', 'B', 'C', 'D', 'E'];
const none = { ctrl: false, shift: false };
const ctrl = { ctrl: true, shift: false };
const shift = { ctrl: false, shift: true };
const sel = (s: Selection) => [...s.selected].sort().join('');

describe('extended selection (a file list)', () => {
  it('click selects one, Ctrl+click toggles, Shift+click selects the range from the anchor', () => {
    let s = clickSelect(EMPTY_SELECTION, keys, 'B', none);
    expect(sel(s)).toBe('B');
    s = clickSelect(s, keys, 'D', ctrl);
    expect(sel(s)).toBe('BD');
    expect(s.anchor).toBe('D');
    s = clickSelect(s, keys, 'D', ctrl);
    expect(sel(s)).toBe('B');
    s = clickSelect(clickSelect(EMPTY_SELECTION, keys, 'B', none), keys, 'E', shift);
    expect(sel(s)).toBe('BCDE');
    // Shift again from the same anchor replaces the range.
    s = clickSelect(s, keys, 'A', shift);
    expect(sel(s)).toBe('AB');
    expect(s.active).toBe('A');
    // Ctrl+Shift adds a range to what is selected.
    s = clickSelect(clickSelect(clickSelect(EMPTY_SELECTION, keys, 'A', none), keys, 'D', ctrl), keys, 'E', { ctrl: true, shift: true });
    expect(sel(s)).toBe('ADE');
  });

  it('arrows move and select; Shift+arrows extend; Ctrl+arrows move only; Space toggles; Ctrl+A selects all', () => {
    let s = keySelect(EMPTY_SELECTION, keys, { key: 'ArrowDown', ...none }, 10)!;
    expect([sel(s), s.active]).toEqual(['A', 'A']);
    s = keySelect(s, keys, { key: 'ArrowDown', ...none }, 10)!;
    expect(sel(s)).toBe('B');
    s = keySelect(s, keys, { key: 'ArrowDown', ...shift }, 10)!;
    s = keySelect(s, keys, { key: 'ArrowDown', ...shift }, 10)!;
    expect([sel(s), s.active, s.anchor]).toEqual(['BCD', 'D', 'B']);
    s = keySelect(s, keys, { key: 'ArrowUp', ...shift }, 10)!;
    expect(sel(s)).toBe('BC');
    s = keySelect(s, keys, { key: 'End', ...ctrl }, 10)!;
    expect([sel(s), s.active]).toEqual(['BC', 'E']);
    s = keySelect(s, keys, { key: ' ', ...none }, 10)!;
    expect(sel(s)).toBe('BCE');
    s = keySelect(s, keys, { key: ' ', ...none }, 10)!;
    expect(sel(s)).toBe('BC');
    s = keySelect(s, keys, { key: 'a', ...ctrl }, 10)!;
    expect(sel(s)).toBe('ABCDE');
    expect(keySelect(s, keys, { key: 'a', ...none }, 10)).toBeNull();
    expect(keySelect(s, keys, { key: 'x', ...none }, 10)).toBeNull();
  });

  it('pages and ends stay inside the list', () => {
    const s = keySelect({ selected: new Set(['B']), active: 'B', anchor: 'B' }, keys, { key: 'PageDown', ...none }, 10)!;
    expect(s.active).toBe('E');
    expect(keySelect(s, keys, { key: 'PageUp', ...none }, 2)!.active).toBe('C');
    expect(keySelect(s, keys, { key: 'Home', ...none }, 2)!.active).toBe('A');
    expect(keySelect(EMPTY_SELECTION, [], { key: 'ArrowDown', ...none }, 2)).toBeNull();
  });
});

describe('checklist selection (Post Instructions recipients)', () => {
  it('a click or Space toggles and arrows only move', () => {
    let s = clickSelect(EMPTY_SELECTION, keys, 'B', none, 'checklist');
    s = clickSelect(s, keys, 'C', none, 'checklist');
    expect(sel(s)).toBe('BC');
    s = keySelect(s, keys, { key: 'ArrowDown', ...none }, 10, 'checklist')!;
    expect([sel(s), s.active]).toEqual(['BC', 'D']);
    s = keySelect(s, keys, { key: ' ', ...none }, 10, 'checklist')!;
    expect(sel(s)).toBe('BCD');
    s = clickSelect(s, keys, 'B', none, 'checklist');
    expect(sel(s)).toBe('CD');
  });
});

describe('what an action applies to', () => {
  it('is the selected rows still shown, in display order', () => {
    expect(selectedInOrder({ selected: new Set(['E', 'B', 'X']), active: null, anchor: null }, keys)).toEqual(['B', 'E']);
  });
});
