import { useSyncExternalStore } from 'react';

/** What the status bar tells about the editor: whether it has focus and what Tab does there. */
export interface EditorStatus {
  focused: boolean;
  /** Monaco's tab focus mode: Tab moves focus instead of indenting (toggled with Ctrl+M). */
  tabMovesFocus: boolean;
}

let status: EditorStatus = { focused: false, tabMovesFocus: false };
const listeners = new Set<() => void>();

/** Called by the editor when its focus or tab mode changes. */
export function setEditorStatus(patch: Partial<EditorStatus>): void {
  const next = { ...status, ...patch };
  if (next.focused === status.focused && next.tabMovesFocus === status.tabMovesFocus) return;
  status = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The status now (for code outside React). */
export function editorStatus(): EditorStatus {
  return status;
}

/** The editor's status, re-rendering when it changes. */
export function useEditorStatus(): EditorStatus {
  return useSyncExternalStore(subscribe, () => status);
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Monaco's own key for "Tab moves focus" on this platform (Ctrl+M; ⌃⇧M on macOS). */
export const TAB_FOCUS_KEYS = IS_MAC ? '⌃⇧M' : 'Ctrl+M';
