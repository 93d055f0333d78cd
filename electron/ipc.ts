// The API over IPC: one invoke channel in, one event channel out (VS Code's one-contract IPC;
// the method table in src/api does the routing). Every invoke is checked for its sender, and
// everything crosses as JSON so both shells see the same values (Dates as ISO strings).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiEvent, ApiHost, ApiResponse } from '../src/api/contract';
import { wireJson } from '../src/api/wireJson';
import { isAppUrl } from './security/appOrigin';
import { isTrustedSender } from './security/sender';

export const INVOKE_CHANNEL = 'msx:invoke';
export const EVENT_CHANNEL = 'msx:event';

/** The same wire format as browser mode's HTTP; also strips anything IPC could not clone. */
export function toWire<T>(value: T): T {
  return JSON.parse(wireJson(value)) as T;
}

export async function handleInvoke(api: ApiHost, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, params: unknown): Promise<ApiResponse> {
  if (!isTrustedSender(event.senderFrame)) {
    console.warn(`Refused an IPC call from ${event.senderFrame?.url ?? 'a frame that is gone'}.`);
    return { error: { code: 'FORBIDDEN', message: "Only MSX Studio's own page may call the API." } };
  }
  if (typeof method !== 'string' || method.length > 200) {
    return { error: { code: 'BAD_REQUEST', message: 'The method name must be a string.' } };
  }
  try {
    return toWire(await api.dispatch(method, params));
  } catch (err) {
    console.error('IPC call failed:', err);
    return { error: { code: 'INTERNAL', message: 'The call failed inside MSX Studio.' } };
  }
}

/** Installs the channels; returns a function that removes them. */
export function registerApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  api: ApiHost,
  page: () => Pick<WebContents, 'isDestroyed' | 'getURL' | 'send'> | undefined,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, params: unknown) => handleInvoke(api, event, method, params));
  const off = api.onEvent((e: ApiEvent) => {
    const contents = page();
    // Events go only to the app's own page, never to whatever a window may have ended up showing.
    if (!contents || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(EVENT_CHANNEL, toWire(e));
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    off();
  };
}

/** Sends a menu command to the app's own page (never to a page a window may have ended up on). */
export function sendShellCommand(contents: Pick<WebContents, 'isDestroyed' | 'getURL' | 'send'> | undefined, command: 'about'): boolean {
  if (!contents || contents.isDestroyed() || !isAppUrl(contents.getURL())) return false;
  const event: ApiEvent = { type: 'shell', command };
  contents.send(EVENT_CHANNEL, event);
  return true;
}
