// The page never navigates and never opens windows: a link to the web goes to the user's
// browser through the guarded openExternal, and only when the user just clicked or pressed a
// key in the page (./userActivation); everything else is dropped. Permission prompts (camera,
// notifications, …) are denied, and the renderer cannot reach the network at all.
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin';
import { isSafeExternalUrl, openExternalSafely } from './openExternal';
import { type InputLike, UserActivation } from './userActivation';

/** The page's link requests, bound to the page's user activation. */
export interface LinkGuards {
  /** will-navigate / will-redirect: stay on the page; send web links to the browser on a gesture. */
  onWillNavigate(event: { preventDefault(): void }, url: string): void;
  /** will-frame-navigate (any frame, one details object): the same rule as will-navigate. */
  onWillFrameNavigate(details: { preventDefault(): void; url: string }): void;
  /** setWindowOpenHandler: never a new Electron window. */
  windowOpenHandler(details: { url: string }): { action: 'deny' };
}

export function linkGuards(activation: Pick<UserActivation, 'consume'>): LinkGuards {
  const openOnGesture = (url: string) => {
    if (isAppUrl(url) || !isSafeExternalUrl(url)) return;
    if (!activation.consume()) {
      console.warn(`Refused to open a link the user did not click: ${url.slice(0, 200)}`);
      return;
    }
    void openExternalSafely(url);
  };
  const onWillNavigate = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    openOnGesture(url);
  };
  return {
    onWillNavigate,
    onWillFrameNavigate: (details) => onWillNavigate(details, details.url),
    windowOpenHandler: (details) => {
      openOnGesture(details.url);
      return { action: 'deny' };
    },
  };
}

export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, activation = new UserActivation()): LinkGuards {
  const guards = linkGuards(activation);
  contents.on('input-event', (_event: unknown, input: InputLike) => activation.note(input));
  contents.on('will-navigate', guards.onWillNavigate);
  contents.on('will-frame-navigate', guards.onWillFrameNavigate);
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(guards.windowOpenHandler);
  return guards;
}

export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The page talks to the core over IPC only; any web request is a bug or an injection.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}
