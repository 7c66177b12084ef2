import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en } from '../../../renderer/i18n/en.ts';
import { ko } from '../../../renderer/i18n/ko.ts';
import { useStore } from '../../../renderer/state/store.ts';
import { commandForKey, paletteEntries, type KeyPress } from '../../../renderer/commands/commands.ts';
import { COURSE, lessonPlace } from '../../../renderer/features/course/course-data.ts';
import { usesEditor } from '../../../renderer/features/lesson/lesson-actions.ts';
// The app's own registrations (the lesson's Check, the sandbox's Run), loaded as the app loads them.
import { registeredFeatures } from '../../../renderer/app/features.ts';

/** Ctrl+Enter or Shift+Ctrl+Enter as the browser delivers it off macOS. */
function press(keys: 'Mod+Enter' | 'Shift+Mod+Enter'): KeyPress {
  return { key: 'Enter', code: 'Enter', ctrlKey: true, metaKey: false, shiftKey: keys.startsWith('Shift'), altKey: false };
}

const initial = useStore.getState();

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, ko: { translation: ko } }, lng: 'en', fallbackLng: 'en' });
});

beforeEach(() => {
  useStore.setState(initial, true);
});

describe('the lesson header numbers a lesson within its track, as the course map does', () => {
  it('Track 1 starts again at Lesson 1 after the orientation track, in English and Korean', () => {
    const t0 = COURSE.filter((p) => p.lesson.track === 't0');
    const t1 = COURSE.filter((p) => p.lesson.track === 't1');
    expect(t0.length).toBeGreaterThan(1);
    expect(t1.length).toBeGreaterThan(0);
    expect(t0.map((p) => lessonPlace(p.lesson.id))).toEqual(t0.map((_, i) => ({ track: 0, lesson: i + 1 })));
    const first = lessonPlace(t1[0]!.lesson.id)!;
    expect(first).toEqual({ track: 1, lesson: 1 });
    expect(i18next.t('lesson.lessonPlace', { track: first.track, n: first.lesson, lng: 'en' })).toBe('Track 1 · Lesson 1');
    expect(i18next.t('lesson.lessonPlace', { track: first.track, n: first.lesson, lng: 'ko' })).toBe('트랙 1 · 레슨 1');
    // The same words the course map's track heading starts with.
    expect(en.tracks.t1.title.startsWith('Track 1 ·')).toBe(true);
    expect(ko.tracks.t1.title.startsWith('트랙 1 ·')).toBe(true);
  });

  it('a lesson off the course map gets no number', () => {
    expect(lessonPlace('no-such-lesson')).toBeNull();
  });
});

describe('Ctrl+Enter on a lesson step', () => {
  expect(registeredFeatures).toContain('lesson');
  const steps = COURSE.flatMap((p) => p.lesson.steps.map((step) => ({ lessonId: p.lesson.id, step })));
  const columnChoice = steps.find((s) => s.step.kind === 'choice' && !usesEditor(s.step))!;
  const columnNumber = steps.find((s) => s.step.kind === 'number' && !usesEditor(s.step));
  const query = steps.find((s) => s.step.kind === 'query')!;
  const on = (at: { lessonId: string; step: { id: string } }) =>
    useStore.setState({ screen: 'lesson', lessonId: at.lessonId, stepId: at.step.id });

  it('checks a choice (or number) answered in the lesson column, where there is nothing to run', () => {
    for (const at of [columnChoice, columnNumber].filter((s) => s !== undefined)) {
      on(at);
      expect(commandForKey(press('Mod+Enter'))?.label).toBe('commands.check');
      // Shift+Ctrl+Enter still checks, and the palette offers Check once, under its shown shortcut.
      expect(commandForKey(press('Shift+Mod+Enter'))?.label).toBe('commands.check');
      const checks = paletteEntries(useStore.getState(), i18next.t).filter((e) => e.label === en.commands.check);
      expect(checks).toHaveLength(1);
      expect(checks[0]!.keys).toBe('Shift+Ctrl+Enter');
    }
  });

  it('still runs the SQL on a query step, where Shift+Ctrl+Enter checks', () => {
    on(query);
    expect(commandForKey(press('Mod+Enter'))?.id).toBe('run');
    expect(commandForKey(press('Shift+Mod+Enter'))?.id).toBe('check');
    expect(paletteEntries(useStore.getState(), i18next.t).filter((e) => e.label === en.commands.check)).toHaveLength(1);
  });
});
