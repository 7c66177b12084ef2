import i18next from 'i18next';
import { useStore, type Store } from '../state/store.ts';
import { focusEditor } from '../editor/editor-bridge.ts';
import { resolveLanguage, setLanguage } from '../i18n/index.ts';
import { cancelRun, exportResultCsv, formatEditor, runAll, runCurrent } from '../features/sandbox/workbench.ts';
import { checkStep, moveStep, revealHint } from '../features/lesson/lesson-actions.ts';
import { findLesson, stepKey } from '../features/course/course-data.ts';
import { explainCurrent } from '../features/sql-help/explain.ts';

/** A command: one entry feeds the palette, the keyboard shortcuts and the toolbar's state. */
export interface Command {
  id: string;
  /** i18n key of its label. */
  label: string;
  /** Shortcut in a platform-neutral form: Mod = Ctrl (Cmd on macOS). */
  keys?: string;
  /** Further shortcuts for the same command (not shown; `keys` is the one shown). */
  altKeys?: string[];
  /** Whether it can run now. */
  enabled?: (s: Store) => boolean;
  /** The screens it belongs to (all when absent). */
  screens?: Store['screen'][];
  run: () => void | Promise<void>;
}

const hasResult = (s: Store) => !!s.run?.outcome && 'results' in s.run.outcome && s.run.outcome.results.length > 0;

/** The lesson step on show and its index, if a lesson is open. */
function lessonStep(s: Store) {
  const pack = findLesson(s.lessonId);
  const index = pack?.lesson.steps.findIndex((st) => st.id === s.stepId) ?? -1;
  return pack && index >= 0 ? { pack, step: pack.lesson.steps[index]!, index } : null;
}

function hintsLeft(s: Store): boolean {
  const at = lessonStep(s);
  if (!at || !('hints' in at.step)) return false;
  return (at.step.hints ?? []).length > (s.progress.steps[stepKey(at.pack.lesson.id, at.step.id)]?.hintsUsed ?? 0);
}

function hasStep(s: Store, delta: -1 | 1): boolean {
  const at = lessonStep(s);
  return !!at && !!at.pack.lesson.steps[at.index + delta];
}

/** The lesson's own "Show solution" button: the palette goes through its confirmation, never around it. */
function solutionButton(): HTMLButtonElement | null {
  return document.querySelector<HTMLButtonElement>('[data-testid="show-solution"]:not([disabled])');
}

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
  { id: 'hint', label: 'commands.hint', screens: ['lesson'], enabled: hintsLeft, run: revealHint },
  {
    id: 'show-solution',
    label: 'commands.showSolution',
    screens: ['lesson'],
    enabled: () => solutionButton() !== null,
    run: () => solutionButton()?.click(),
  },
  { id: 'next-step', label: 'commands.nextStep', screens: ['lesson'], enabled: (s) => hasStep(s, 1), run: () => moveStep(1) },
  {
    id: 'previous-step',
    label: 'commands.previousStep',
    screens: ['lesson'],
    enabled: (s) => hasStep(s, -1),
    run: () => moveStep(-1),
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
  {
    id: 'palette',
    label: 'commands.palette',
    keys: 'Mod+K',
    altKeys: ['Mod+Shift+P'],
    run: () => useStore.getState().setUi({ paletteOpen: true }),
  },
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
  // The physical key too: with a Korean layout, Ctrl+K arrives as e.key 'ㅏ'.
  return pressed === want || (/^[A-Z]$/.test(want) && e.code === `Key${want}`);
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
  const cmd = COMMANDS.find((c) => (c.keys === keys || c.altKeys?.includes(keys)) && onScreen(c));
  if (cmd) runCommand(cmd.id);
}
