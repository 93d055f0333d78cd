// Row selection of a grid as pure functions over the rows' keys in display order, so the rules
// are tested without a browser. 'extended' is a file list's: click selects one, Ctrl toggles,
// Shift extends from the anchor, arrows move and select, Ctrl+arrows move only, Space toggles,
// Ctrl+A selects all. 'checklist' is a list of checkboxes: a click or Space toggles, arrows only move.

export interface Selection {
  selected: ReadonlySet<string>;
  /** The row with keyboard focus. */
  active: string | null;
  /** Where a Shift range starts. */
  anchor: string | null;
}

export type SelectMode = 'extended' | 'checklist' | 'single';

export const EMPTY_SELECTION: Selection = { selected: new Set(), active: null, anchor: null };

export interface Modifiers {
  ctrl: boolean;
  shift: boolean;
}

function range(keys: readonly string[], a: number, b: number): string[] {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return keys.slice(from, to + 1);
}

function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

export function clickSelect(sel: Selection, keys: readonly string[], key: string, mods: Modifiers, mode: SelectMode = 'extended'): Selection {
  if (mode === 'single') return { selected: new Set([key]), active: key, anchor: key };
  const anchorAt = sel.anchor === null ? -1 : keys.indexOf(sel.anchor);
  if (mods.shift && anchorAt >= 0) {
    const span = range(keys, anchorAt, keys.indexOf(key));
    const base = mods.ctrl || mode === 'checklist' ? new Set(sel.selected) : new Set<string>();
    for (const k of span) base.add(k);
    return { selected: base, active: key, anchor: sel.anchor };
  }
  if (mods.ctrl || mode === 'checklist') return { selected: toggled(sel.selected, key), active: key, anchor: key };
  return { selected: new Set([key]), active: key, anchor: key };
}

export interface KeyInput extends Modifiers {
  key: string;
}

/** The selection after a key press, or null when the key is not the grid's. */
export function keySelect(sel: Selection, keys: readonly string[], input: KeyInput, pageSize: number, mode: SelectMode = 'extended'): Selection | null {
  if (keys.length === 0) return null;
  const at = sel.active === null ? -1 : keys.indexOf(sel.active);
  const last = keys.length - 1;
  let to: number;
  switch (input.key) {
    case 'ArrowDown':
      to = at < 0 ? 0 : Math.min(last, at + 1);
      break;
    case 'ArrowUp':
      to = at < 0 ? 0 : Math.max(0, at - 1);
      break;
    case 'PageDown':
      to = Math.min(last, Math.max(0, at) + pageSize);
      break;
    case 'PageUp':
      to = Math.max(0, at - pageSize);
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = last;
      break;
    case ' ':
    case 'Spacebar': {
      if (mode === 'single') return null;
      const key = at < 0 ? keys[0] : keys[at];
      return { selected: toggled(sel.selected, key), active: key, anchor: key };
    }
    case 'a':
    case 'A':
      if (!input.ctrl || mode === 'single') return null;
      return { selected: new Set(keys), active: sel.active ?? keys[0], anchor: sel.anchor ?? keys[0] };
    default:
      return null;
  }
  const key = keys[to];
  if (mode === 'checklist' || (input.ctrl && !input.shift)) return { selected: sel.selected, active: key, anchor: input.shift ? sel.anchor : sel.anchor ?? key };
  if (input.shift && mode === 'extended') {
    const anchor = sel.anchor !== null && keys.includes(sel.anchor) ? sel.anchor : key;
    return { selected: new Set(range(keys, keys.indexOf(anchor), to)), active: key, anchor };
  }
  return { selected: new Set([key]), active: key, anchor: key };
}

/** The selected keys that are still shown, in display order: what an action applies to. */
export function selectedInOrder(sel: Selection, keys: readonly string[]): string[] {
  if (sel.selected.size === 0) return [];
  return keys.filter((k) => sel.selected.has(k));
}
