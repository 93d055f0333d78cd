// Which lifecycle dialog is open (enlist, defect, groups, readiness): one at a time, as SSMS
// opens its wizards modally. A small store of its own, so the lifecycle features do not widen
// the app store every other feature shares.
import { create } from 'zustand';

export type LifeDialog =
  | { kind: 'makeMaster'; connectionId: string }
  | { kind: 'makeTarget'; connectionId: string }
  | { kind: 'addTargets'; connectionId: string }
  | { kind: 'defect'; connectionId: string }
  | { kind: 'groups'; connectionId: string }
  | { kind: 'readiness'; connectionId: string };

interface LifeDialogs {
  open: LifeDialog | null;
  /** The element focus returns to when the dialog closes (the tree row the menu came from). */
  returnTo: string | null;
  show(d: LifeDialog, returnTo?: string): void;
  close(): void;
}

export const useLifeDialogs = create<LifeDialogs>((set) => ({
  open: null,
  returnTo: null,
  show: (open, returnTo) => set({ open, returnTo: returnTo ?? null }),
  close: () => set({ open: null }),
}));
