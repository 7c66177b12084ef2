import { lazy } from 'react';
import { registerCommands, registerScreen } from '../../app/registry.ts';
import type { Store } from '../../state/store.ts';
// Light imports only: this runs at startup. The lesson actions, the graders and every lesson's
// content (course-data.ts) load with the lesson player or on the first command that needs them.
import { loadedLesson as findLesson } from '../course/course-index.ts';
import { stepKey } from '../course/course-progress.ts';
import { isWorkbenchStep, usesEditor } from './step-traits.ts';

const actions = () => import('./lesson-actions.ts');
const checkStep = () => actions().then((m) => m.checkStep());
const revealHint = () => actions().then((m) => m.revealHint());
const moveStep = (delta: -1 | 1) => actions().then((m) => m.moveStep(delta));

/** True when the step on show is a metric step (its Run previews the template). */
function onMetricStep(s: Store): boolean {
  return s.screen === 'lesson' && lessonStep(s)?.step.kind === 'metric';
}
import { usePresenter } from '../presenter/presenter-store.ts';

/** While presenting, nothing the room sees is counted as the presenter's own attempt or hint (presenter mode). */
const presenting = () => usePresenter.getState().active;

// The lesson player (Markdown, charts) loads when a lesson is first opened.
const LessonPlayer = lazy(() => import('./LessonPlayer.tsx').then((m) => ({ default: m.LessonPlayer })));

registerScreen({ id: 'lesson', skipLabel: 'app.skipToStep', component: LessonPlayer, navParent: 'course' });

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
  return typeof document === 'undefined'
    ? null
    : document.querySelector<HTMLButtonElement>('[data-testid="show-solution"]:not([disabled])');
}

/** A quality step's Run button, while it can run. */
function qualityRunButton(): HTMLButtonElement | null {
  return typeof document === 'undefined'
    ? null
    : document.querySelector<HTMLButtonElement>('[data-testid="quality-step-run"]:not([disabled])');
}

/**
 * Whether the step on show is answered in the lesson column alone (a choice or a number with no
 * SQL to explore): it has nothing to run, so Ctrl+Enter there can only mean "check my answer".
 */
export function nothingToRun(s: Store): boolean {
  const step = lessonStep(s)?.step;
  return !!step && step.kind !== 'read' && !isWorkbenchStep(step) && !usesEditor(step);
}

const screens = ['lesson'];
const check = { label: 'commands.check', keys: 'Shift+Mod+Enter', screens, enabled: (s: Store) => !s.checking && !presenting(), run: checkStep };

registerCommands([
  // Shift+Mod+Enter is Run all in the sandbox and Check here: the screen decides.
  { id: 'check', ...check, order: 30, visible: (s) => !nothingToRun(s) },
  // The same Check, one entry in the palette either way; on a step with nothing to run it takes
  // Mod+Enter too (ahead of Run, order 10, which would do nothing there and say nothing).
  { id: 'check-answer', ...check, altKeys: ['Mod+Enter'], order: 9, visible: nothingToRun },
  // A metric step's editor holds a template: Mod+Enter renders it at the previewed grain and runs that (ahead of Run, order 10).
  {
    id: 'run-metric',
    label: 'commands.runMetric',
    keys: 'Mod+Enter',
    screens,
    order: 8,
    visible: onMetricStep,
    enabled: (s) => s.engine === 'idle',
    run: () => import('./metric-preview.ts').then((m) => m.runMetricPreview()),
  },
  // A quality step's Mod+Enter runs its checks (the step's own Run button: the run and its results live in the step's area).
  {
    id: 'run-quality-step',
    label: 'governance.quality.run',
    keys: 'Mod+Enter',
    screens,
    order: 7,
    visible: (s) => lessonStep(s)?.step.kind === 'quality',
    enabled: () => qualityRunButton() !== null,
    run: () => qualityRunButton()?.click(),
  },
  // A masked-view step's Mod+Enter replaces the step's view when the statement creates it (masked-view-run.ts).
  {
    id: 'run-masked-view',
    label: 'commands.runMaskedView',
    keys: 'Mod+Enter',
    screens,
    order: 7,
    visible: (s) => lessonStep(s)?.step.kind === 'masked-view',
    enabled: (s) => s.engine === 'idle',
    run: () => import('./masked-view-run.ts').then((m) => m.runMaskedViewStep()),
  },
  { id: 'hint', label: 'commands.hint', screens, order: 40, enabled: (s) => hintsLeft(s) && !presenting(), run: revealHint },
  {
    id: 'show-solution',
    label: 'commands.showSolution',
    screens,
    order: 50,
    enabled: () => solutionButton() !== null,
    run: () => solutionButton()?.click(),
  },
  { id: 'next-step', label: 'commands.nextStep', screens, order: 60, enabled: (s) => hasStep(s, 1), run: () => moveStep(1) },
  { id: 'previous-step', label: 'commands.previousStep', screens, order: 70, enabled: (s) => hasStep(s, -1), run: () => moveStep(-1) },
]);

/**
 * A link to a lesson, `#lesson=<lesson-id>` or `#lesson=<lesson-id>/<step-id>`, opens it: samples
 * and drafts (`_` folders, off the course map) included, so an author can preview the lesson a
 * step at a time and an instructor can hand out a link to one step.
 */
function openLinkedLesson(): void {
  const match = /^#lesson=([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(window.location.hash);
  if (!match) return;
  void Promise.all([actions(), import('../course/course-data.ts')]).then(([m, course]) => {
    if (course.findLesson(match[1] ?? null)) return m.openLesson(match[1]!, match[2]);
  });
}

if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
  window.addEventListener('hashchange', openLinkedLesson);
  // After the app's first render, so the lesson opens over the course map rather than before it.
  window.setTimeout(openLinkedLesson, 0);
}
