// The committed icons are what `npm run icons` makes from assets/icon.svg today, in the sizes
// and containers electron-builder reads; and a contact sheet (16, 32 and 256 px on light and
// dark backgrounds, with 16 and 32 also enlarged pixel for pixel) lands in test-results/screens/
// for a person to look at.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSETS, containers, ICON_SVG, iconFiles, PNG_SIZES, WINDOW_ICON, WINDOW_ICON_SIZE } from './icons';

const svg = readFileSync(ICON_SVG);
const generated = iconFiles(svg);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** RGBA pixels of a PNG, drawn 1:1 by resvg (which decodes PNG images inside an SVG). */
function pixelsOf(png: Buffer): Uint8Array {
  const { width, height } = pngSize(png);
  const page = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(page).render().pixels;
}

/** The largest difference in any channel of any pixel; Infinity when the sizes differ. */
function maxPixelDifference(a: Buffer, b: Buffer): number {
  const [pa, pb] = [pixelsOf(a), pixelsOf(b)];
  if (pa.length !== pb.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < pa.length; i++) max = Math.max(max, Math.abs(pa[i] - pb[i]));
  return max;
}

/** An SVG page that shows the PNGs at 1:1 (and enlarged without smoothing) on each background. */
function contactSheet(pngs: Map<number, Buffer>): string {
  const backgrounds = [
    { name: 'light', fill: '#ffffff', text: '#1b1f24' },
    { name: 'light grey', fill: '#f3f4f6', text: '#1b1f24' },
    { name: 'dark', fill: '#1a1c1f', text: '#e3e6e9' },
    { name: 'black', fill: '#000000', text: '#e3e6e9' },
  ];
  const rowH = 300;
  const width = 900;
  const image = (png: Buffer, x: number, y: number, size: number) =>
    `<image x="${x}" y="${y}" width="${size}" height="${size}" image-rendering="optimizeSpeed" href="data:image/png;base64,${png.toString('base64')}"/>`;
  const rows = backgrounds.map((bg, i) => {
    const y = i * rowH;
    return [
      `<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="${bg.fill}"/>`,
      `<text x="12" y="${y + 22}" font-family="sans-serif" font-size="14" fill="${bg.text}">${bg.name}: 16, 32, 256 px at 1:1; 16 and 32 enlarged 8× and 4×</text>`,
      image(pngs.get(16)!, 20, y + 50, 16),
      image(pngs.get(32)!, 50, y + 42, 32),
      image(pngs.get(256)!, 100, y + 36, 256),
      image(pngs.get(16)!, 380, y + 36, 128),
      image(pngs.get(32)!, 530, y + 36, 128),
      // Tab-strip sized: 16 px next to text, the way a favicon or a taskbar shows it.
      image(pngs.get(16)!, 690, y + 60, 16),
      `<text x="712" y="${y + 73}" font-family="sans-serif" font-size="13" fill="${bg.text}">MSX Studio</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${rowH * backgrounds.length}">${rows.join('')}</svg>`;
}

describe('app icon', () => {
  it('the committed files are what `npm run icons` renders from assets/icon.svg', () => {
    const committed = (name: string) => readFileSync(join(ASSETS, name));
    // PNGs compared by pixel, allowing a step of anti-aliasing: resvg's bytes may differ a little
    // between CPUs, the drawing may not.
    const stale = [...generated.keys()]
      .filter((name) => name.endsWith('.png'))
      .filter((name) => {
        try {
          return maxPixelDifference(committed(name), generated.get(name)!) > 2;
        } catch {
          return true;
        }
      });
    expect(stale, 'run `npm run icons` and commit assets/').toEqual([]);
    // The containers are plain JavaScript over the committed PNGs: the same bytes everywhere.
    for (const [name, data] of containers(committed('icons/256x256.png'), committed('icons/1024x1024.png'))) {
      expect(committed(name).equals(data), `${name}: run \`npm run icons\` and commit assets/`).toBe(true);
    }
  });

  it('has every PNG size, the window icon, and .ico/.icns containers', () => {
    for (const size of PNG_SIZES) expect(pngSize(generated.get(`icons/${size}x${size}.png`)!)).toEqual({ width: size, height: size });
    expect(pngSize(generated.get(WINDOW_ICON)!)).toEqual({ width: WINDOW_ICON_SIZE, height: WINDOW_ICON_SIZE });
    const ico = generated.get('icon.ico')!;
    // ICONDIR: reserved 0, type 1 (icon), then the number of images.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4);
    const icns = generated.get('icon.icns')!;
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('is drawn from the SVG, not a blank: the 16 px rendering has the tile and a light glyph', () => {
    const pixels = new Resvg(svg, { fitTo: { mode: 'width', value: 16 } }).render().pixels;
    let opaque = 0;
    let light = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 200) opaque++;
      if (pixels[i + 3] > 200 && pixels[i] > 200 && pixels[i + 1] > 200 && pixels[i + 2] > 200) light++;
    }
    expect(opaque).toBeGreaterThan(16 * 16 * 0.7);
    expect(light).toBeGreaterThan(20);
  });

  it('renders a contact sheet at 16, 32 and 256 px on light and dark backgrounds', () => {
    const pngs = new Map(PNG_SIZES.map((s) => [s, generated.get(`icons/${s}x${s}.png`)!] as const));
    const sheet = new Resvg(contactSheet(pngs), { font: { loadSystemFonts: true } }).render().asPng();
    mkdirSync('test-results/screens', { recursive: true });
    writeFileSync('test-results/screens/icon.png', sheet);
    expect(pngSize(Buffer.from(sheet))).toEqual({ width: 900, height: 1200 });
  });
});
