import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadWindowState, saveWindowState, trackWindowState } from './windowState';

const screenArea = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('window state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msx-win-'));

  it('starts at the default size without a saved state', () => {
    expect(loadWindowState(join(dir, 'none.json'), screenArea)).toEqual({ bounds: { width: 1280, height: 800 }, maximized: false });
  });

  it('reopens where it was saved', () => {
    const file = join(dir, 'a.json');
    saveWindowState(file, { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    expect(loadWindowState(file, screenArea)).toEqual({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
  });

  it('drops a position that is on no screen any more, and ignores junk', () => {
    const file = join(dir, 'b.json');
    writeFileSync(file, JSON.stringify({ x: 5000, y: 100, width: 1000, height: 700 }));
    expect(loadWindowState(file, screenArea)).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
    writeFileSync(file, JSON.stringify({ x: 'a', width: 10, height: -5 }));
    expect(loadWindowState(file, screenArea)).toEqual({ bounds: { width: 800, height: 500 }, maximized: false });
    writeFileSync(file, '{not json');
    expect(loadWindowState(file, screenArea).bounds).toEqual({ width: 1280, height: 800 });
  });

  it('saves the normal bounds when the window closes', () => {
    const file = join(dir, 'c.json');
    const handlers = new Map<string, () => void>();
    trackWindowState(
      { on: vi.fn((e: string, fn: () => void) => handlers.set(e, fn)), getNormalBounds: () => ({ x: 1, y: 2, width: 1300, height: 850 }), isMaximized: () => false },
      file,
    );
    handlers.get('close')!();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 1, y: 2, width: 1300, height: 850, maximized: false });
  });
});
