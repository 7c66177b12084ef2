import i18next from 'i18next';
import type { ComponentType } from 'react';
import type { LucideIcon } from 'lucide-react';
import type { Store } from '../state/store.ts';

/**
 * Where features declare themselves: their screens, commands and UI strings. The shell (screen
 * switch, navigation, skip link), the keyboard shortcuts and the command palette all read from
 * here, so a new workbench is a feature folder with a `register.ts`, never an edit to a central
 * list (see "Adding a workbench" in the README). Modelled on excalidraw's `actions/register.ts`.
 */

/** A screen's id, e.g. `sandbox`; features choose their own. */
export type ScreenId = string;

/** A screen a feature adds to the app. */
export interface ScreenDef {
  id: ScreenId;
  /** i18n key of its name in the top navigation (screens in the navigation). */
  label?: string;
  /** i18n key of the skip link's words while this screen shows ("Skip to the editor"). */
  skipLabel: string;
  /** Its icon in the navigation. */
  icon?: LucideIcon;
  /** What it renders; may be `React.lazy` (the shell shows a loading region meanwhile). */
  component: ComponentType;
  /** Its place in the top navigation (lower first); absent for screens reached from another (a lesson). */
  nav?: number;
  /** The navigation entry that stays current while this screen shows (the lesson player belongs to the course). */
  navParent?: ScreenId;
}

/** A command: one entry feeds the palette, the keyboard shortcuts and the buttons that run it. */
export interface CommandDef {
  id: string;
  /** i18n key of its label. */
  label: string;
  /** Shortcut in a platform-neutral form: Mod = Ctrl (Cmd on macOS), e.g. `Shift+Mod+Enter`. */
  keys?: string;
  /** Further shortcuts for the same command (not shown; `keys` is the one shown). */
  altKeys?: string[];
  /** The screens it belongs to (all when absent); elsewhere it is hidden and its key is free. */
  screens?: ScreenId[];
  /** Whether it is offered at all right now (beyond `screens`); hidden commands neither list nor run. */
  visible?: (s: Store) => boolean;
  /** Whether it can run now; a disabled command is listed greyed out and its key does nothing. */
  enabled?: (s: Store) => boolean;
  /** While it cannot run, its key is left to whatever else wants it (Escape is the dialogs' unless a query runs). */
  keyOnlyWhenEnabled?: boolean;
  /** While the code editor has focus, the editor's own binding for this key wins (Monaco formats in place). */
  editorOwnsKey?: boolean;
  /** Its place in the palette (lower first; registration order breaks ties). */
  order?: number;
  run: () => void | Promise<void>;
}

/** One language's strings for a feature: nested objects of strings, like `renderer/i18n/en.ts`. */
export interface MessageTable {
  [key: string]: string | MessageTable;
}

const screens = new Map<ScreenId, ScreenDef>();
const commands = new Map<string, CommandDef>();
const messages = new Map<string, Record<string, MessageTable>>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

/** Registers a screen; returns a function that removes it again (for tests). */
export function registerScreen(def: ScreenDef): () => void {
  if (screens.has(def.id)) throw new Error(`screen "${def.id}" is registered twice`);
  screens.set(def.id, def);
  changed();
  return () => {
    if (screens.get(def.id) === def) screens.delete(def.id);
    changed();
  };
}

/** Registers a command; returns a function that removes it again (for tests). */
export function registerCommand(def: CommandDef): () => void {
  if (commands.has(def.id)) throw new Error(`command "${def.id}" is registered twice`);
  commands.set(def.id, def);
  changed();
  return () => {
    if (commands.get(def.id) === def) commands.delete(def.id);
    changed();
  };
}

/** Registers several commands at once; returns a function that removes them all. */
export function registerCommands(defs: CommandDef[]): () => void {
  const undo = defs.map(registerCommand);
  return () => undo.forEach((u) => u());
}

/**
 * Registers a feature's own UI strings under `namespace` (used as `t('namespace.key')`), one
 * table per language; typing `ko` as `typeof en` keeps the languages in step, as `ko.ts` does.
 */
export function registerMessages<T extends MessageTable>(namespace: string, tables: { en: T; ko: T }): void {
  messages.set(namespace, tables);
  if (i18next.isInitialized) addBundles(namespace, tables);
}

function addBundles(namespace: string, tables: Record<string, MessageTable>): void {
  for (const [lang, table] of Object.entries(tables)) i18next.addResourceBundle(lang, 'translation', { [namespace]: table }, true, true);
}

// Features register on import, usually before i18next starts: their strings join it when it does.
i18next.on('initialized', () => {
  for (const [namespace, tables] of messages) addBundles(namespace, tables);
});

/** Every registered screen. */
export function listScreens(): ScreenDef[] {
  return [...screens.values()];
}

/** The screens in the top navigation, in order. */
export function navScreens(): ScreenDef[] {
  return listScreens()
    .filter((s) => s.nav !== undefined)
    .sort((a, b) => a.nav! - b.nav!);
}

/** A screen by id. */
export function findScreen(id: ScreenId): ScreenDef | undefined {
  return screens.get(id);
}

/** Every registered command, in palette order. */
export function listCommands(): CommandDef[] {
  const all = [...commands.values()];
  // Array.prototype.sort is stable: equal orders keep registration order.
  return all.sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000));
}

/** A command by id. */
export function findCommand(id: string): CommandDef | undefined {
  return commands.get(id);
}

/** Subscribes to registrations (for `useSyncExternalStore`); returns the unsubscribe. */
export function subscribeRegistry(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number that changes with every registration (the snapshot for `useSyncExternalStore`). */
export function registryVersion(): number {
  return version;
}
