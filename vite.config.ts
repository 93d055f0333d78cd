// The renderer build: renderer/ → dist/renderer, loaded by browser mode over HTTP and by the
// desktop app over app://. Relative asset URLs work under both.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './src/server/csp.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Puts the CSP into the built index.html, so the page is protected even when opened without the
 * server's header. Build only: the dev server's React refresh needs an inline script.
 */
function cspMeta(): Plugin {
  return {
    name: 'msx-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // No data: URLs for fonts or scripts: the CSP allows assets from 'self' only.
    assetsInlineLimit: 0,
    // Chromium supports modulepreload; the polyfill would be extra code for nothing.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});
