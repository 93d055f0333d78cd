// The desktop app's page is served from its own privileged scheme, never from a remote URL or
// file:// (Electron security checklist §18): everything that asks "is this our page?" asks here.

export const APP_SCHEME = 'app';
export const APP_HOST = 'msx-studio';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for a URL of the app's own page (app://msx-studio/…). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is 'null' for custom schemes in Node, so compare the parts.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}
