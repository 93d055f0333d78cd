// Developer tools: never in a packaged build (they are a console into the main window, one
// paste away from the API), and in development only when asked for: `npm start -- --devtools`.
import type { WebContents } from 'electron';

export const DEVTOOLS_FLAG = '--devtools';

export function devToolsAllowed(opts: { isPackaged: boolean; argv: readonly string[] }): boolean {
  return !opts.isPackaged && opts.argv.includes(DEVTOOLS_FLAG);
}

/**
 * Closes DevTools that open anyway where they are not allowed: webPreferences.devTools covers the
 * main window, this covers every other web contents and any way in the options do not.
 */
export function guardDevTools(contents: Pick<WebContents, 'on' | 'closeDevTools'>, allowed: boolean): void {
  if (allowed) return;
  contents.on('devtools-opened', () => contents.closeDevTools());
}
