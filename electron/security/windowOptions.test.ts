import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './windowOptions';

describe('main window options', () => {
  it("follow Electron's security checklist", () => {
    const o = mainWindowOptions('/app/dist/electron/preload.cjs', { x: 10, y: 20, width: 1000, height: 700 });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(o).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
  });

  it('never enables anything the checklist forbids, whatever the bounds', () => {
    const w = mainWindowOptions('/p.cjs').webPreferences!;
    const forbidden = ['enableBlinkFeatures', 'nodeIntegration', 'webviewTag', 'allowRunningInsecureContent'] as const;
    for (const k of forbidden) expect(w[k] === undefined || w[k] === false, k).toBe(true);
  });

  it('carries the window icon when one is given', () => {
    expect(mainWindowOptions('/p.cjs', undefined, { icon: '/app/assets/icon.png' }).icon).toBe('/app/assets/icon.png');
    expect('icon' in mainWindowOptions('/p.cjs')).toBe(false);
  });

  it('keeps DevTools off unless they are allowed', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', undefined, { devTools: true }).webPreferences!.devTools).toBe(true);
  });
});
