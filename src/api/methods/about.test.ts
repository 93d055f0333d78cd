import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aboutInfo, aboutMethods } from './about';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; license: string };

describe('app.about', () => {
  it("names Electron, Chromium and Node in the desktop app's main process", () => {
    const info = aboutInfo({ electron: '45.4.1', chrome: '142.0.7444.59', node: '22.20.0' });
    expect(info).toMatchObject({ product: 'MSX Studio', version: pkg.version, license: 'MIT' });
    expect(info.runtime).toEqual({ electron: '45.4.1', chromium: '142.0.7444.59', node: '22.20.0' });
    expect(info.links.documentation).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(info.links.license).toMatch(/^https:\/\//);
  });

  it('names only Node in browser mode, and the method answers with this process', async () => {
    expect(aboutInfo({ node: '20.19.0' }).runtime).toEqual({ node: '20.19.0' });
    const [m] = aboutMethods();
    expect(m.name).toBe('app.about');
    expect((await m.handler({})).runtime.node).toBe(process.versions.node);
    expect(m.params.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('reads the version and license package.json declares', () => {
    expect(pkg.license).toBe('MIT');
    expect(aboutInfo().version).toBe(pkg.version);
  });
});
