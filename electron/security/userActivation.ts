// A link leaves the app only on a user gesture. The page cannot prove a gesture to the main
// process (a navigation or window.open carries no such flag), so the main process watches the
// input Chromium itself delivers to the page ('input-event': real mouse, key and touch input,
// which script cannot synthesise) and treats a link request as the user's only within a few
// seconds of such input, as Chromium's transient user activation does. Each activation opens at
// most one link, so one click cannot open a burst of tabs.

/** Chromium's transient activation lasts about five seconds. */
export const USER_ACTIVATION_MS = 5_000;

/** Electron's input event types that count as activation (HTML's "activation triggering input"). */
const ACTIVATING = new Set(['mouseDown', 'mouseUp', 'rawKeyDown', 'keyDown', 'gestureTap', 'touchEnd']);

/** Escape and lone modifier keys do not activate a page. */
const NON_ACTIVATING_KEY_CODES = new Set(['Escape', 'Shift', 'Control', 'Alt', 'Meta']);

export interface InputLike {
  type: string;
  keyCode?: string;
}

export class UserActivation {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records input Chromium delivered to the page. */
  note(input: InputLike): void {
    if (!ACTIVATING.has(input.type)) return;
    if (input.keyCode !== undefined && NON_ACTIVATING_KEY_CODES.has(input.keyCode)) return;
    this.last = this.now();
  }

  /** True (once) when the user gave input within the activation window; uses the activation up. */
  consume(): boolean {
    const active = this.now() - this.last <= USER_ACTIVATION_MS;
    this.last = Number.NEGATIVE_INFINITY;
    return active;
  }
}
