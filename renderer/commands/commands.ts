import i18next from 'i18next';
import { useStore, type Store } from '../state/store.ts';
import { focusEditor } from '../editor/editor-bridge.ts';
import { resolveLanguage, setLanguage } from '../i18n/index.ts';
import { cancelRun, exportResultCsv, formatEditor, runAll, runCurrent } from '../features/sandbox/workbench.ts';
import { checkStep } from '../features/lesson/lesson-actions.ts';
import { explainCurrent } from '../features/sql-help/explain.ts';

/** A command: one entry feeds the palette, the keyboard shortcuts and the toolbar's state. */
export interface Command {
  id: string;
  /** i18n key of its label. */
  label: string;
  /** Shortcut in a platform-neutral form: Mod = Ctrl (Cmd on macOS). */
  keys?: string;
  /** Whether it can run now. */
  enabled?: (s: Store) => boolean;
  /** The screens it belongs to (all when absent). */
  screens?: Store['screen'][];
  run: () => void | Promise<void>;
}

const hasResult = (s: Store) => !!s.run?.outcome && 'results' in s.run.outcome && s.run.outcome.results.length > 0;

/** Every command in the app. */
export const COMMANDS: Command[] = [
  { id: 'run', label: 'commands.run', keys: 'Mod+Enter', enabled: (s) => s.engine === 'idle', run: runCurrent },
  {
    id: 'run-all',
    label: 'commands.runAll',
    keys: 'Shift+Mod+Enter',
    screens: ['sandbox'],
    enabled: (s) => s.engine === 'idle',
    run: runAll,
  },
  {
    id: 'check',
    label: 'commands.check',
    keys: 'Shift+Mod+Enter',
    screens: ['lesson'],
    enabled: (s) => !s.checking,
    run: checkStep,
  },
  { id: 'open-course', label: 'commands.openCourse', run: () => useStore.getState().goTo('course') },
  { id: 'open-sandbox', label: 'commands.openSandbox', run: () => useStore.getState().goTo('sandbox') },
  { id: 'cancel', label: 'commands.cancel', keys: 'Escape', enabled: (s) => s.engine === 'busy', run: cancelRun },
  { id: 'format', label: 'commands.format', keys: 'Shift+Alt+F', run: formatEditor },
  { id: 'explain', label: 'plan.command', enabled: (s) => s.engine === 'idle' && !!s.databaseId, run: explainCurrent },
  {
    id: 'save',
    label: 'commands.save',
    keys: 'Mod+S',
    enabled: (s) => !!s.databaseId,
    run: () => useStore.getState().setUi({ saveDialogOpen: true }),
  },
  {
    id: 'export-csv',
    label: 'commands.exportCsv',
    keys: 'Mod+Shift+E',
    enabled: (s) => s.engine === 'idle' && hasResult(s),
    run: exportResultCsv,
  },
  {
    id: 'reset',
    label: 'commands.reset',
    enabled: (s) => s.engine === 'idle' && !!s.databaseId,
    run: () => useStore.getState().setUi({ resetConfirmOpen: true }),
  },
  { id: 'palette', label: 'commands.palette', keys: 'Mod+Shift+P', run: () => useStore.getState().setUi({ paletteOpen: true }) },
  { id: 'settings', label: 'commands.settings', keys: 'Mod+,', run: () => useStore.getState().setUi({ settingsOpen: true }) },
  { id: 'focus-editor', label: 'commands.focusEditor', keys: 'Mod+1', run: focusEditor },
  { id: 'show-schema', label: 'commands.focusSchema', keys: 'Mod+2', run: () => useStore.getState().setUi({ sidebarTab: 'schema' }) },
  { id: 'show-history', label: 'commands.focusHistory', keys: 'Mod+3', run: () => useStore.getState().setUi({ sidebarTab: 'history' }) },
  { id: 'show-saved', label: 'commands.focusSaved', keys: 'Mod+4', run: () => useStore.getState().setUi({ sidebarTab: 'saved' }) },
  { id: 'show-table', label: 'commands.showTable', run: () => useStore.getState().setUi({ resultTab: 'table' }) },
  { id: 'show-chart', label: 'commands.showChart', run: () => useStore.getState().setUi({ resultTab: 'chart' }) },
  {
    id: 'toggle-language',
    label: 'commands.toggleLanguage',
    run: async () => {
      const next = i18next.language === 'ko' ? 'en' : 'ko';
      useStore.getState().setSetting('language', next);
      await setLanguage(resolveLanguage(next, navigator.language));
    },
  },
  {
    id: 'toggle-theme',
    label: 'commands.toggleTheme',
    run: () => {
      const dark = document.documentElement.dataset.theme === 'dark';
      useStore.getState().setSetting('theme', dark ? 'light' : 'dark');
    },
  },
];

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The shortcut as shown to the learner on this platform. */
export function displayKeys(keys: string): string {
  return keys
    .split('+')
    .map((k) => (k === 'Mod' ? (IS_MAC ? '⌘' : 'Ctrl') : k === 'Alt' && IS_MAC ? '⌥' : k === 'Shift' && IS_MAC ? '⇧' : k))
    .join(IS_MAC ? '' : '+');
}

/** Whether a keyboard event matches a shortcut like `Shift+Mod+Enter`. */
export function matchesKeys(e: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  const mod = parts.includes('Mod');
  const eventMod = IS_MAC ? e.metaKey : e.ctrlKey;
  if (mod !== eventMod) return false;
  if (parts.includes('Shift') !== e.shiftKey) return false;
  if (parts.includes('Alt') !== e.altKey) return false;
  const pressed = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const want = key.length === 1 ? key.toUpperCase() : key;
  return (
    pressed === want ||
    (want === 'F' && e.code === 'KeyF') ||
    (want === 'P' && e.code === 'KeyP') ||
    (want === 'E' && e.code === 'KeyE') ||
    (want === 'S' && e.code === 'KeyS')
  );
}

/** Whether a command belongs to the screen on show. */
export function onScreen(cmd: Command, s: Store = useStore.getState()): boolean {
  return !cmd.screens || cmd.screens.includes(s.screen);
}

/** Runs a command by id if it is enabled. */
export function runCommand(id: string): void {
  const cmd = COMMANDS.find((c) => c.id === id);
  const s = useStore.getState();
  if (!cmd || !onScreen(cmd, s) || (cmd.enabled && !cmd.enabled(s))) return;
  void cmd.run();
}

/** Runs the command bound to a shortcut on the current screen (the editor forwards its keys here). */
export function runShortcut(keys: string): void {
  const cmd = COMMANDS.find((c) => c.keys === keys && onScreen(c));
  if (cmd) runCommand(cmd.id);
}
