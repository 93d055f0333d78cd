// Window state: open documents, toasts, the Connect dialog, pane sizes (kept between sessions).
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface DocumentRef {
  id: string;
  kind: 'manageTargets' | 'jobStatus';
  connectionId: string;
}

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  /** SQL Server's own text(s), shown verbatim. */
  messages?: string[];
  /** One line per target or item. */
  lines?: Array<{ text: string; tone?: 'ok' | 'warn' | 'bad' }>;
}

export interface Layout {
  explorerWidth: number;
  labHeight: number;
  /** Open or closed by the user; undefined: open for a lab of up to LAB_AUTO_OPEN_MAX targets. */
  labOpen?: boolean;
}

/** A lab bigger than this opens with its panel collapsed: 10,000 rows reloading are no help at a glance. */
export const LAB_AUTO_OPEN_MAX = 200;

export interface UiSlice {
  documents: DocumentRef[];
  activeDocument: string | null;
  openDocument(doc: Omit<DocumentRef, 'id'>): string;
  closeDocument(id: string): void;
  activateDocument(id: string): void;

  toasts: Toast[];
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;

  connectDialogOpen: boolean;
  setConnectDialogOpen(open: boolean): void;

  layout: Layout;
  setLayout(patch: Partial<Layout>): void;
}

const LAYOUT_KEY = 'msx.layout';
const DEFAULT_LAYOUT: Layout = { explorerWidth: 300, labHeight: 250 };
const MAX_TOASTS = 5;

function readLayout(): Layout {
  try {
    const saved = JSON.parse(localStorage.getItem(LAYOUT_KEY) ?? 'null') as Partial<Layout> | null;
    return { ...DEFAULT_LAYOUT, ...(saved ?? {}) };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

function writeLayout(l: Layout): void {
  try {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify(l));
  } catch {
    // Storage may be off (a locked-down browser): the layout then lasts for this session.
  }
}

export const docId = (kind: DocumentRef['kind'], connectionId: string) => `${kind}:${connectionId}`;

let nextToastId = 1;

export const uiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  documents: [],
  activeDocument: null,
  openDocument(doc) {
    const id = docId(doc.kind, doc.connectionId);
    set((s) => ({ documents: s.documents.some((d) => d.id === id) ? s.documents : [...s.documents, { ...doc, id }], activeDocument: id }));
    return id;
  },
  closeDocument(id) {
    set((s) => {
      const documents = s.documents.filter((d) => d.id !== id);
      return { documents, activeDocument: s.activeDocument === id ? (documents.at(-1)?.id ?? null) : s.activeDocument };
    });
  },
  activateDocument(id) {
    if (get().documents.some((d) => d.id === id)) set({ activeDocument: id });
  },

  toasts: [],
  pushToast(toast) {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },

  connectDialogOpen: false,
  setConnectDialogOpen(open) {
    set({ connectDialogOpen: open });
  },

  layout: readLayout(),
  setLayout(patch) {
    const layout = { ...get().layout, ...patch };
    writeLayout(layout);
    set({ layout });
  },
});
