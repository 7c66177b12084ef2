import type { Step } from '../../../core/lessons/step-kinds.ts';

/*
 * What a step is like, for code that must not load the lesson actions (the lesson commands'
 * checks run at startup; lesson-actions.ts brings the graders with it).
 */

/** The kinds answered in a workbench (a pipeline, a model project) instead of the SQL editor. */
export type WorkbenchStep = Extract<Step, { kind: 'pipeline' | 'models' }>;

/** True for a step answered in the pipeline or model workbench. */
export function isWorkbenchStep(step: Step): step is WorkbenchStep {
  return step.kind === 'pipeline' || step.kind === 'models';
}

/** Steps worked in the SQL editor (the rest are answered in the lesson column or a workbench). */
export function usesEditor(step: Step): boolean {
  if (isWorkbenchStep(step)) return false;
  return (
    step.kind === 'query' ||
    step.kind === 'build' ||
    step.kind === 'metric' ||
    step.kind === 'experiment' ||
    step.kind === 'masked-view' ||
    ('starter' in step && !!step.starter)
  );
}
