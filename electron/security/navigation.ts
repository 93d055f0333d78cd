// The page never navigates and never opens windows: a link to the web goes to the user's
// browser through the guarded openExternal, everything else is dropped. Permission prompts
// (camera, notifications, …) are denied, and the renderer cannot reach the network at all.
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin';
import { isSafeExternalUrl, openExternalSafely } from './openExternal';

/** will-navigate / will-redirect: stay on the page; send web links to the browser. */
export function onWillNavigate(event: { preventDefault(): void }, url: string): void {
  event.preventDefault();
  if (!isAppUrl(url) && isSafeExternalUrl(url)) void openExternalSafely(url);
}

/** setWindowOpenHandler: never a new Electron window. */
export function windowOpenHandler(details: { url: string }): { action: 'deny' } {
  if (isSafeExternalUrl(details.url)) void openExternalSafely(details.url);
  return { action: 'deny' };
}

export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-navigate', onWillNavigate);
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler);
}

export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The page talks to the core over IPC only; any web request is a bug or an injection.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}
