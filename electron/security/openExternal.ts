// The only place that hands a URL to the operating system. A page that could open file:,
// javascript:, smb: or a custom handler URL could run programs on the DBA's machine, so only
// https passes (Beekeeper Studio's guarded openExternal; eslint bans the direct call). Plain
// http is refused too: every link the app makes is https, and an http link could be rewritten
// on the way. Links from the page also need a user gesture (./navigation, ./userActivation).
import { shell } from 'electron';

export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a link are a phishing trick, never something this app produces.
  return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
}

/** Opens an https URL in the user's browser; refuses anything else. Returns whether it opened. */
export async function openExternalSafely(url: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(url)) {
    console.warn(`Refused to open a link that is not https: ${String(url).slice(0, 200)}`);
    return false;
  }
  await shell.openExternal(new URL(url).href);
  return true;
}
