// The window reopens where the user left it, unless that place is no longer on any screen
// (a monitor was unplugged): then it keeps the size and lets the OS place it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_BOUNDS, type WindowBounds } from './security/windowOptions';

export interface WindowState {
  bounds: WindowBounds;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MIN = { width: 800, height: 500 };

export function loadWindowState(file: string, workAreas: Area[]): WindowState {
  let saved: Partial<{ x: unknown; y: unknown; width: unknown; height: unknown; maximized: unknown }>;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { bounds: { ...DEFAULT_BOUNDS }, maximized: false };
  }
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
  const width = Math.max(MIN.width, int(saved.width) ?? DEFAULT_BOUNDS.width);
  const height = Math.max(MIN.height, int(saved.height) ?? DEFAULT_BOUNDS.height);
  const x = int(saved.x);
  const y = int(saved.y);
  const bounds: WindowBounds = { width, height };
  if (x !== undefined && y !== undefined && workAreas.some((a) => visibleEnough({ x, y, width, height }, a))) {
    bounds.x = x;
    bounds.y = y;
  }
  return { bounds, maximized: saved.maximized === true };
}

/** At least 100×50 px of the window's top part (its title bar) must be on the area. */
function visibleEnough(w: Area, a: Area): boolean {
  const left = Math.max(w.x, a.x);
  const right = Math.min(w.x + w.width, a.x + a.width);
  const top = Math.max(w.y, a.y);
  const bottom = Math.min(w.y + 50, a.y + a.height);
  return right - left >= 100 && bottom - top >= 50;
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...state.bounds, maximized: state.maximized }));
  } catch (err) {
    console.warn('Could not save the window position:', err);
  }
}

/** The parts of BrowserWindow the tracker uses. */
export interface TrackedWindow {
  on(event: 'close' | 'resize' | 'move', listener: () => void): unknown;
  getNormalBounds(): Area;
  isMaximized(): boolean;
}

/** Saves on close (and, debounced, on move/resize so a crash keeps the last place). */
export function trackWindowState(win: TrackedWindow, file: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    saveWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
