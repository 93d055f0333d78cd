// `npm run icons`: every icon format the installers and the window need, rendered from the one
// drawing in assets/icon.svg. resvg draws the PNGs at each size from the vector (so 16 px is a
// real 16 px rendering, not a shrunken 1024); png2icons wraps PNGs into Windows .ico and macOS
// .icns. The outputs are committed (electron-builder's buildResources is assets/), and
// scripts/icons.test.ts fails when they no longer match the SVG.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import png2icons from 'png2icons';

export const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));
export const ICON_SVG = join(ASSETS, 'icon.svg');

/** Linux icon sets, the window, the favicon and the two containers all draw from these sizes. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** The window's icon and electron-builder's fallback (Linux wants at least 512 px). */
export const WINDOW_ICON = 'icon.png';
export const WINDOW_ICON_SIZE = 512;

export function renderPng(svg: string | Buffer, size: number): Buffer {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
  return Buffer.from(png);
}

/**
 * Every generated file, by path under assets/. The PNG set is named `icons/<n>x<n>.png`, the
 * layout electron-builder reads for Linux; `icon.ico` and `icon.icns` are the names it looks for
 * in buildResources for Windows and macOS.
 */
export function iconFiles(svg: string | Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const pngs = new Map<number, Buffer>();
  for (const size of PNG_SIZES) {
    const png = renderPng(svg, size);
    pngs.set(size, png);
    files.set(`icons/${size}x${size}.png`, png);
  }
  files.set(WINDOW_ICON, pngs.get(WINDOW_ICON_SIZE)!);
  for (const [name, data] of containers(pngs.get(256)!, pngs.get(1024)!)) files.set(name, data);
  return files;
}

/** icon.ico and icon.icns, from the 256 and 1024 px renderings. */
export function containers(png256: Buffer, png1024: Buffer): Map<string, Buffer> {
  // .ico holds up to 256 px; starting from the 256 rendering keeps its small entries sharper than
  // starting from 1024. PNG-compressed entries, laid out for an .exe's resources.
  const ico = png2icons.createICO(png256, png2icons.BICUBIC, 0, true, true);
  const icns = png2icons.createICNS(png1024, png2icons.BICUBIC, 0);
  if (!ico || !icns) throw new Error('png2icons could not build icon.ico / icon.icns from the rendered PNGs.');
  return new Map([
    ['icon.ico', ico],
    ['icon.icns', icns],
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, data] of iconFiles(readFileSync(ICON_SVG))) {
    const file = join(ASSETS, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    console.log(`${name} (${data.length} bytes)`);
  }
}
