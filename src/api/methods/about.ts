// Help > About MSX Studio: the product, its version and license, and what it runs on. The API
// runs in Electron's main process in the desktop app (so process.versions names Electron,
// Chromium and Node) and in a Node server in browser mode (Node only; the page adds its browser).
import { z } from 'zod';
// Named imports: the bundle keeps these two fields, not the whole package.json.
import { license, version } from '../../../package.json';
import { method } from '../table';

export const PRODUCT_NAME = 'MSX Studio';
/** Microsoft's guide to multiserver administration: the Help menu's documentation link. */
export const DOCS_URL = 'https://learn.microsoft.com/en-us/ssms/agent/automated-administration-across-an-enterprise';
export const LICENSE_URL = 'https://opensource.org/license/mit';

export interface AboutInfo {
  product: string;
  version: string;
  /** An SPDX identifier, from package.json (the full text is LICENSE at the project's root). */
  license: string;
  copyright: string;
  /** The versions of the process serving the API; electron and chromium only in the desktop app. */
  runtime: { electron?: string; chromium?: string; node: string };
  links: { documentation: string; license: string };
}

export function aboutInfo(versions: Partial<Record<'electron' | 'chrome' | 'node', string>> = process.versions): AboutInfo {
  return {
    product: PRODUCT_NAME,
    version,
    license,
    copyright: 'Copyright © MSX Studio contributors',
    runtime: {
      ...(versions.electron ? { electron: versions.electron } : {}),
      ...(versions.chrome ? { chromium: versions.chrome } : {}),
      node: versions.node ?? 'unknown',
    },
    links: { documentation: DOCS_URL, license: LICENSE_URL },
  };
}

export function aboutMethods() {
  return [method('app.about', 'MSX Studio\'s version and license, and the versions of the runtime serving the API.', z.strictObject({}), async () => aboutInfo())];
}
