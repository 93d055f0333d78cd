// Every IPC message is checked for where it came from (VS Code's validatedIpcMain): the main
// frame of the app's own page. A subframe, a page that navigated elsewhere, or a frame that is
// gone (senderFrame null) gets nothing.
import { isAppUrl } from './appOrigin';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
