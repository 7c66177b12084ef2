import { focusEditor } from '../editor/editor-bridge.ts';

/**
 * Keyboard focus is never dropped to the page body. When the focused element disappears (a
 * screen or step changes, a button is replaced, a dialog closes) focus moves to where a keyboard
 * user would want it: back to what had focus before a dialog, or to the screen's landing spot
 * (the step's heading in a lesson, the editor in the sandbox, the main region elsewhere).
 */

const DIALOG = '[role=dialog], [role=alertdialog]';
/** The step heading in a lesson; else the screen's main region. Both get tabindex -1 when focused. */
const LANDING = ['[data-focus-landing]', '.lesson-app .step-title'];

/** Recently focused elements, newest last, to return to after a dialog. */
const history: Element[] = [];
/** The element that last had focus, and whether it sat in a dialog. */
let last: { el: Element; inDialog: boolean } | null = null;

function focusable(el: HTMLElement): void {
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
}

function visible(el: Element): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

/** Focuses an element (Monaco's text area through the editor, so its own state follows). */
function focusElement(el: Element): boolean {
  if (el.closest('.monaco-editor') || el.classList.contains('plain-editor')) {
    focusEditor();
    return document.activeElement !== document.body;
  }
  focusable(el as HTMLElement);
  (el as HTMLElement).focus();
  return document.activeElement === el;
}

/** Where focus lands on the screen on show, or null while the screen is still loading. */
export function landingTarget(): HTMLElement | null {
  for (const selector of LANDING) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el && visible(el)) return el;
  }
  const editor = document.querySelector<HTMLElement>('#sql-editor .monaco-editor textarea, #sql-editor .plain-editor');
  if (editor && document.querySelector('.app:not(.lesson-app) #sql-editor')) return editor;
  return document.querySelector<HTMLElement>('main');
}

/** Moves focus to the screen's landing spot; false if the screen has none yet. */
export function focusLanding(): boolean {
  const target = landingTarget();
  return target ? focusElement(target) : false;
}

/** Focuses the newest element focused before a dialog that is still there and usable. */
export function restorePreviousFocus(): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const el = history[i]!;
    if (!el.isConnected || el.closest(DIALOG) || (el as HTMLButtonElement).disabled || !visible(el)) continue;
    if (focusElement(el)) return true;
  }
  return focusLanding();
}

/** For Radix dialogs opened without a trigger: return focus to where it was instead of the body. */
export function returnFocusOnClose(event: Event): void {
  event.preventDefault();
  restorePreviousFocus();
}

function lost(): boolean {
  const active = document.activeElement;
  if (active && active !== document.body) return false;
  if (!last) return false;
  const el = last.el as HTMLButtonElement;
  // A learner who clicks empty space leaves focus on the body on purpose: respect that.
  return !visible(el) || el.disabled || el.closest('[inert]') !== null;
}

let pending = 0;
function check(): void {
  pending = 0;
  if (!lost()) return;
  // An open dialog keeps focus inside itself (Radix moves it back to the dialog).
  if (document.querySelector(DIALOG)) return;
  if (last?.inDialog) restorePreviousFocus();
  else focusLanding();
  // If the new screen is still loading, the next change to the page tries again.
}

/** Starts watching focus for the life of the page; returns a function that stops it. */
export function installFocusGuard(): () => void {
  const onFocusIn = (e: FocusEvent) => {
    const el = e.target as Element;
    if (el === document.body) return;
    last = { el, inDialog: el.closest(DIALOG) !== null };
    if (history.at(-1) !== el) history.push(el);
    if (history.length > 20) history.shift();
  };
  document.addEventListener('focusin', onFocusIn);
  // After the page changes, check once the frame settles (React and Radix have run their effects).
  const observer = new MutationObserver(() => {
    pending ||= requestAnimationFrame(check);
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'inert'] });
  return () => {
    document.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
    if (pending) cancelAnimationFrame(pending);
  };
}
