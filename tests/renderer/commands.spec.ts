import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import { en } from '../../renderer/i18n/en.ts';
import { ko } from '../../renderer/i18n/ko.ts';
import { useStore } from '../../renderer/state/store.ts';
import { findScreen, navScreens, registerCommand, registerMessages, registerScreen } from '../../renderer/app/registry.ts';
import { commandForKey, dispatchShortcut, paletteEntries, runCommand, type KeyPress } from '../../renderer/commands/commands.ts';
// The app's own registrations, loaded through the same glob the app uses.
import { registeredFeatures } from '../../renderer/app/features.ts';

/** A key press as the browser would deliver it (Ctrl is the Mod key off macOS). */
function press(keys: string): KeyPress & { preventDefault: () => void; defaultPrevented: boolean } {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  const event = {
    key: key.length === 1 ? key.toLowerCase() : key,
    code: /^[A-Z]$/i.test(key) ? `Key${key.toUpperCase()}` : key,
    ctrlKey: parts.includes('Mod'),
    metaKey: false,
    shiftKey: parts.includes('Shift'),
    altKey: parts.includes('Alt'),
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

const dispatch = (keys: string) => {
  const e = press(keys);
  const claimed = dispatchShortcut(e as unknown as KeyboardEvent);
  return { claimed, prevented: e.defaultPrevented };
};

const initial = useStore.getState();
const undo: (() => void)[] = [];

// A fake workbench's strings, registered before i18next starts (as features are, at import time).
registerMessages('fakeEtl', {
  en: { screen: 'Pipelines', skip: 'Skip to the pipeline', runPipeline: 'Run the pipeline' },
  ko: { screen: '파이프라인', skip: '파이프라인으로 건너뛰기', runPipeline: '파이프라인 실행' },
});

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, ko: { translation: ko } }, lng: 'en', fallbackLng: 'en' });
});

beforeEach(async () => {
  useStore.setState(initial, true);
  await i18next.changeLanguage('en');
});

afterEach(() => {
  while (undo.length) undo.pop()!();
});

describe('a workbench registers itself, with no central list', () => {
  it('a registered screen joins the navigation, and its command the palette, labelled in the UI language', async () => {
    const run = vi.fn();
    undo.push(
      registerScreen({ id: 'fake-etl', label: 'fakeEtl.screen', skipLabel: 'fakeEtl.skip', component: () => null, nav: 99 }),
      registerCommand({ id: 'fake-run-pipeline', label: 'fakeEtl.runPipeline', keys: 'Mod+Shift+L', screens: ['fake-etl'], run }),
    );
    // After the app's own screens (nav 0-3: course, sandbox, pipeline, models), in its place.
    expect(navScreens().map((s) => s.id).slice(0, 2)).toEqual(['course', 'sandbox']);
    expect(navScreens().at(-1)?.id).toBe('fake-etl');
    expect(findScreen('fake-etl')?.skipLabel).toBe('fakeEtl.skip');

    // Off its screen, the command is neither listed nor run by its key.
    expect(paletteEntries(useStore.getState(), i18next.t).map((e) => e.id)).not.toContain('fake-run-pipeline');
    expect(dispatch('Mod+Shift+L').claimed).toBe(false);
    expect(run).not.toHaveBeenCalled();

    useStore.getState().openScreen('fake-etl');
    const entry = paletteEntries(useStore.getState(), i18next.t).find((e) => e.id === 'fake-run-pipeline');
    expect(entry).toEqual({ id: 'fake-run-pipeline', label: 'Run the pipeline', keys: 'Ctrl+Shift+L', enabled: true });
    await i18next.changeLanguage('ko');
    expect(paletteEntries(useStore.getState(), i18next.t).find((e) => e.id === 'fake-run-pipeline')?.label).toBe('파이프라인 실행');

    // Its key runs it, and the browser's own use of the key is prevented.
    expect(dispatch('Mod+Shift+L')).toEqual({ claimed: true, prevented: true });
    expect(run).toHaveBeenCalledTimes(1);
    // Unregistered, it is gone from the palette and its key is free again.
    undo.pop()!();
    expect(paletteEntries(useStore.getState(), i18next.t).map((e) => e.id)).not.toContain('fake-run-pipeline');
    expect(dispatch('Mod+Shift+L').claimed).toBe(false);
  });

  it('a disabled command is listed greyed out, and its key does nothing (but is still claimed)', () => {
    const run = vi.fn();
    undo.push(registerCommand({ id: 'fake-needs-db', label: 'fakeEtl.runPipeline', keys: 'Mod+Shift+L', enabled: (s) => !!s.databaseId, run }));
    expect(paletteEntries(useStore.getState(), i18next.t).find((e) => e.id === 'fake-needs-db')?.enabled).toBe(false);
    expect(dispatch('Mod+Shift+L')).toEqual({ claimed: true, prevented: true });
    runCommand('fake-needs-db');
    expect(run).not.toHaveBeenCalled();

    useStore.getState().openingDatabase('demo');
    expect(paletteEntries(useStore.getState(), i18next.t).find((e) => e.id === 'fake-needs-db')?.enabled).toBe(true);
    dispatch('Mod+Shift+L');
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('a command hidden by its visible predicate is neither listed nor run', () => {
    const run = vi.fn();
    undo.push(registerCommand({ id: 'fake-hidden', label: 'fakeEtl.runPipeline', keys: 'Mod+Shift+L', visible: () => false, run }));
    expect(paletteEntries(useStore.getState(), i18next.t).map((e) => e.id)).not.toContain('fake-hidden');
    expect(dispatch('Mod+Shift+L').claimed).toBe(false);
    runCommand('fake-hidden');
    expect(run).not.toHaveBeenCalled();
  });

  it('the same id twice is a mistake, said at once', () => {
    undo.push(registerCommand({ id: 'fake-twice', label: 'x', run: () => undefined }));
    expect(() => registerCommand({ id: 'fake-twice', label: 'y', run: () => undefined })).toThrow(/fake-twice/);
  });
});

describe("the app's own commands, as registered by its features", () => {
  it('every feature folder with a register.ts is loaded by the one glob', () => {
    expect(registeredFeatures).toEqual(expect.arrayContaining(['course', 'lesson', 'sandbox', 'sql-help', 'palette', 'settings']));
    expect(navScreens().map((s) => s.id).slice(0, 3)).toEqual(['course', 'sandbox', 'pipeline']);
    // The lesson player is not in the navigation: the course entry stays current while it shows.
    expect(findScreen('lesson')?.navParent).toBe('course');
  });

  it('Shift+Ctrl+Enter is Run all in the sandbox and Check in a lesson', () => {
    useStore.getState().openScreen('sandbox');
    expect(commandForKey(press('Shift+Mod+Enter'))?.id).toBe('run-all');
    useStore.getState().openStep('t0-l1', 's1');
    expect(commandForKey(press('Shift+Mod+Enter'))?.id).toBe('check');
  });

  it('Escape cancels only a running query; otherwise it is left to dialogs', () => {
    useStore.getState().setEngine('idle');
    expect(commandForKey(press('Escape'))).toBeUndefined();
    useStore.getState().setEngine('busy');
    expect(commandForKey(press('Escape'))?.id).toBe('cancel');
  });

  it('Ctrl+K and Ctrl+Shift+P open the palette, on a Korean keyboard layout too', () => {
    expect(dispatch('Mod+K').claimed).toBe(true);
    expect(useStore.getState().paletteOpen).toBe(true);
    useStore.getState().setPaletteOpen(false);
    // With the Korean layout the K key arrives as 'ㅏ'; the physical key still counts.
    const hangul = { ...press('Mod+K'), key: 'ㅏ' };
    dispatchShortcut(hangul as unknown as KeyboardEvent);
    expect(useStore.getState().paletteOpen).toBe(true);
    useStore.getState().setPaletteOpen(false);
    dispatch('Mod+Shift+P');
    expect(useStore.getState().paletteOpen).toBe(true);
  });

  it('Ctrl+3 shows the history and Ctrl+S opens Save only with a database open', () => {
    dispatch('Mod+3');
    expect(useStore.getState().sidebarTab).toBe('history');
    dispatch('Mod+S');
    expect(useStore.getState().saveDialogOpen).toBe(false);
    useStore.getState().openingDatabase('demo');
    dispatch('Mod+S');
    expect(useStore.getState().saveDialogOpen).toBe(true);
  });

  it('the palette lists the commands on show in the UI language, lesson commands only in a lesson', async () => {
    useStore.getState().openScreen('sandbox');
    const sandbox = paletteEntries(useStore.getState(), i18next.t);
    expect(sandbox.map((e) => e.id)).toContain('run-all');
    expect(sandbox.map((e) => e.id)).not.toContain('check');
    expect(sandbox.find((e) => e.id === 'run')).toMatchObject({ label: en.commands.run, keys: 'Ctrl+Enter' });
    // The palette keeps its familiar order: Run first, the theme switch last.
    expect(sandbox[0]?.id).toBe('run');
    expect(sandbox.at(-1)?.id).toBe('toggle-theme');

    await i18next.changeLanguage('ko');
    useStore.getState().openStep('t0-l1', 's1');
    const lesson = paletteEntries(useStore.getState(), i18next.t);
    expect(lesson.map((e) => e.id)).toEqual(expect.arrayContaining(['check', 'hint', 'next-step', 'previous-step']));
    expect(lesson.map((e) => e.id)).not.toContain('run-all');
    expect(lesson.find((e) => e.id === 'check')?.label).toBe(ko.commands.check);
  });
});
