import { useStore, type Store } from '../state/store.ts';
import { findCommand, listCommands, type CommandDef } from '../app/registry.ts';

/**
 * Running commands from the registry: by id (buttons), by key (shortcuts, matched from each
 * command's declared keys) and from the palette. No command is named here: features register
 * theirs in their own `register.ts`.
 */

/** A registered command (the palette, shortcuts and buttons all use the same entry). */
export type Command = CommandDef;

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The shortcut as shown to the learner on this platform. */
export function displayKeys(keys: string): string {
  return keys
    .split('+')
    .map((k) => (k === 'Mod' ? (IS_MAC ? '⌘' : 'Ctrl') : k === 'Alt' && IS_MAC ? '⌥' : k === 'Shift' && IS_MAC ? '⇧' : k))
    .join(IS_MAC ? '' : '+');
}

/** The key event fields a shortcut is matched on (a DOM KeyboardEvent has them all). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Whether a keyboard event matches a shortcut like `Shift+Mod+Enter`. */
export function matchesKeys(e: KeyPress, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  const mod = parts.includes('Mod');
  const eventMod = IS_MAC ? e.metaKey : e.ctrlKey;
  if (mod !== eventMod) return false;
  if (parts.includes('Shift') !== e.shiftKey) return false;
  if (parts.includes('Alt') !== e.altKey) return false;
  const pressed = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const want = key.length === 1 ? key.toUpperCase() : key;
  // The physical key too: with a Korean layout, Ctrl+K arrives as e.key 'ㅏ'.
  return pressed === want || (/^[A-Z]$/.test(want) && e.code === `Key${want}`);
}

/** Whether a command is offered now: on its screens and visible. */
export function isVisible(cmd: Command, s: Store = useStore.getState()): boolean {
  return (!cmd.screens || cmd.screens.includes(s.screen)) && (!cmd.visible || cmd.visible(s));
}

/** Whether a command is offered and can run now. */
export function canRun(cmd: Command, s: Store = useStore.getState()): boolean {
  return isVisible(cmd, s) && (!cmd.enabled || cmd.enabled(s));
}

/** Runs a command by id if it is offered and enabled. */
export function runCommand(id: string): void {
  const cmd = findCommand(id);
  if (!cmd || !canRun(cmd)) return;
  void cmd.run();
}

/** The shortcut shown for a command (as declared), or undefined when it has none. */
export function commandKeys(id: string): string | undefined {
  return findCommand(id)?.keys;
}

/** A command's shortcut as shown on this platform (for tooltips and menus), or undefined when it has none. */
export function shownKeys(id: string): string | undefined {
  const keys = commandKeys(id);
  return keys ? displayKeys(keys) : undefined;
}

/** The command on show that a key press belongs to, if any. */
export function commandForKey(e: KeyPress, s: Store = useStore.getState()): Command | undefined {
  return listCommands().find((cmd) => {
    const keys = [cmd.keys, ...(cmd.altKeys ?? [])].filter((k) => k !== undefined);
    if (!isVisible(cmd, s) || !keys.some((k) => matchesKeys(e, k))) return false;
    return !cmd.keyOnlyWhenEnabled || canRun(cmd, s);
  });
}

/**
 * Handles a key press as a shortcut: finds its command, claims the key and runs the command if
 * it can. Returns whether the key was claimed. `inEditor` leaves the editor its own keys.
 */
export function dispatchShortcut(e: KeyboardEvent, opts: { inEditor?: boolean } = {}): boolean {
  const cmd = commandForKey(e);
  if (!cmd || (opts.inEditor && cmd.editorOwnsKey)) return false;
  e.preventDefault();
  runCommand(cmd.id);
  return true;
}

/** One line of the command palette. */
export interface PaletteEntry {
  id: string;
  /** The label in the UI language. */
  label: string;
  /** The shortcut as shown on this platform. */
  keys: string | null;
  enabled: boolean;
}

/** The palette's list: the registered commands on show, labelled by `t` (the UI language). */
export function paletteEntries(s: Store, t: (key: string) => string): PaletteEntry[] {
  return listCommands()
    .filter((cmd) => isVisible(cmd, s))
    .map((cmd) => ({
      id: cmd.id,
      label: t(cmd.label),
      keys: cmd.keys ? displayKeys(cmd.keys) : null,
      enabled: !cmd.enabled || cmd.enabled(s),
    }));
}
