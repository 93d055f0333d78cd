// Where keyboard focus can go inside a container, for focus traps and "focus the first field".
const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]') && el.getClientRects().length > 0);
}

/** Focuses an element if it is still in the document; true when it did. */
export function restoreFocus(el: Element | null | undefined): boolean {
  if (el instanceof HTMLElement && el.isConnected) {
    el.focus();
    return document.activeElement === el;
  }
  return false;
}
