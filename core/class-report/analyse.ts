import type { ClassLearner, ClassStep, MergedClass } from './merge.ts';
import type { ReportStep } from './schema.ts';

/** A cell of the heat map: what one learner did on one step. */
export type CellState = 'passed' | 'tried' | 'untouched';

/** How a learner's step reads on the heat map: passed, tried and not passed (checked at least once), or untouched. */
export function cellState(step: ReportStep | undefined): CellState {
  if (!step) return 'untouched';
  if (step.status === 'done') return 'passed';
  return step.attempts > 0 ? 'tried' : 'untouched';
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The wrong-answer message most learners' attempts got on a step. */
export interface CommonMessage {
  code: string;
  /** How many times it was shown, over all learners. */
  count: number;
  /** How many learners got it at least once. */
  learners: number;
  /** Its text as a learner read it (in the instructor's language when a learner had it so), null when no report kept its text. */
  text: string | null;
  language: 'en' | 'ko' | null;
}

/** A step where learners struggled. */
export interface HardStep {
  step: ClassStep;
  /** Learners who checked it at least once (or passed it). */
  tried: number;
  /** Of those, the ones who have not passed it. */
  failed: number;
  /** failed / tried. */
  failedShare: number;
  /** The median attempts of the learners who tried it. */
  medianAttempts: number;
  /** Wrong answers over all learners. */
  wrongAnswers: number;
  message: CommonMessage | null;
}

/** The most common wrong-answer message on a step: most shown, then most learners, then by code; its text from a learner who last read it. */
export function commonMessage(learners: readonly ClassLearner[], key: string, lang: 'en' | 'ko'): CommonMessage | null {
  const counts = new Map<string, { count: number; learners: number }>();
  for (const l of learners) {
    for (const f of l.steps[key]?.failures ?? []) {
      const c = counts.get(f.code) ?? { count: 0, learners: 0 };
      counts.set(f.code, { count: c.count + f.count, learners: c.learners + 1 });
    }
  }
  const top = [...counts].sort(([a, x], [b, y]) => y.count - x.count || y.learners - x.learners || a.localeCompare(b))[0];
  if (!top) return null;
  const [code, { count, learners: n }] = top;
  const texts = learners
    .filter((l) => l.steps[key]?.lastFailure?.code === code)
    .map((l) => ({ text: l.steps[key]!.lastFailure!.text, language: l.language }));
  const best = texts.find((t) => t.language === lang) ?? texts[0] ?? null;
  return { code, count, learners: n, text: best?.text ?? null, language: best?.language ?? null };
}

/**
 * The steps where learners struggled most: ranked by the share of those who tried and have not
 * passed, then the median attempts, then wrong answers; only steps with a wrong answer or a learner stuck.
 */
export function hardestSteps(merged: MergedClass, lang: 'en' | 'ko', limit = 10): HardStep[] {
  const out: HardStep[] = [];
  merged.steps.forEach((step) => {
    const tried = merged.learners.filter((l) => cellState(l.steps[step.key]) !== 'untouched');
    if (tried.length === 0) return;
    const failed = tried.filter((l) => cellState(l.steps[step.key]) === 'tried').length;
    const wrongAnswers = tried.reduce((sum, l) => sum + (l.steps[step.key]?.failures ?? []).reduce((s, f) => s + f.count, 0), 0);
    if (failed === 0 && wrongAnswers === 0) return;
    out.push({
      step,
      tried: tried.length,
      failed,
      failedShare: failed / tried.length,
      medianAttempts: median(tried.map((l) => l.steps[step.key]!.attempts)),
      wrongAnswers,
      message: commonMessage(merged.learners, step.key, lang),
    });
  });
  // Array.prototype.sort is stable: equal steps keep course order.
  return out
    .sort((a, b) => b.failedShare - a.failedShare || b.medianAttempts - a.medianAttempts || b.wrongAnswers - a.wrongAnswers)
    .slice(0, limit);
}

/** One learner's totals. */
export interface LearnerTotals {
  name: string;
  stepsPassed: number;
  stepsTried: number;
  lessonsCompleted: number;
  hintsUsed: number;
  solutionsShown: number;
  wrongAnswers: number;
  timeSpentMs: number;
}

/** A learner's totals; a lesson counts as completed when every step of it in their own course is passed. */
export function learnerTotals(learner: ClassLearner): LearnerTotals {
  const steps = Object.values(learner.steps);
  const lessonsCompleted = Object.entries(learner.lessons).filter(
    ([id, l]) => l.stepIds.length > 0 && l.stepIds.every((s) => learner.steps[`${id}/${s}`]?.status === 'done'),
  ).length;
  return {
    name: learner.name,
    stepsPassed: steps.filter((s) => s.status === 'done').length,
    stepsTried: steps.filter((s) => cellState(s) !== 'untouched').length,
    lessonsCompleted,
    hintsUsed: steps.reduce((n, s) => n + s.hintsUsed, 0),
    solutionsShown: steps.filter((s) => s.solutionShown).length,
    wrongAnswers: steps.reduce((n, s) => n + s.failures.reduce((m, f) => m + f.count, 0), 0),
    timeSpentMs: steps.reduce((n, s) => n + s.timeSpentMs, 0),
  };
}

/** The class at a glance. */
export interface ClassSummary {
  learners: number;
  steps: number;
  lessons: number;
  /** Lessons completed by the whole class, counted once per learner. */
  lessonsCompleted: number;
  medianLessonsCompleted: number;
  medianStepsPassed: number;
  medianTimeMs: number;
}

/** The summary figures of a class. */
export function classSummary(merged: MergedClass): ClassSummary {
  const totals = merged.learners.map(learnerTotals);
  return {
    learners: merged.learners.length,
    steps: merged.steps.length,
    lessons: new Set(merged.steps.map((s) => s.lessonId)).size,
    lessonsCompleted: totals.reduce((n, t) => n + t.lessonsCompleted, 0),
    medianLessonsCompleted: median(totals.map((t) => t.lessonsCompleted)),
    medianStepsPassed: median(totals.map((t) => t.stepsPassed)),
    medianTimeMs: median(totals.map((t) => t.timeSpentMs)),
  };
}
