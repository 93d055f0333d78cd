import { describe, expect, it, vi } from 'vitest';
import { devToolsAllowed, DEVTOOLS_FLAG, guardDevTools } from './devTools';

describe('DevTools', () => {
  it('are never allowed in a packaged build, flag or not', () => {
    expect(devToolsAllowed({ isPackaged: true, argv: ['/opt/MSX Studio/msx-studio'] })).toBe(false);
    expect(devToolsAllowed({ isPackaged: true, argv: ['/opt/MSX Studio/msx-studio', DEVTOOLS_FLAG] })).toBe(false);
  });

  it('are allowed in development only with --devtools', () => {
    expect(devToolsAllowed({ isPackaged: false, argv: ['electron', '.'] })).toBe(false);
    expect(devToolsAllowed({ isPackaged: false, argv: ['electron', '.', '--devtools'] })).toBe(true);
    expect(devToolsAllowed({ isPackaged: false, argv: ['electron', '.', '--devtools=1'] })).toBe(false);
  });

  it('are closed as soon as they open where they are not allowed', () => {
    const handlers = new Map<string, () => void>();
    const contents = { on: vi.fn((name: string, fn: () => void) => handlers.set(name, fn)), closeDevTools: vi.fn() };
    guardDevTools(contents as never, false);
    handlers.get('devtools-opened')!();
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);

    const allowed = { on: vi.fn(), closeDevTools: vi.fn() };
    guardDevTools(allowed as never, true);
    expect(allowed.on).not.toHaveBeenCalled();
  });
});
