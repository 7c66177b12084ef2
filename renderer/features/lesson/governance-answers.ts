import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { ImpactAnswer, ImpactStep, QualityAnswer, QualityStep } from '../../../core/lessons/kinds/governance-schemas.ts';
import { useStore } from '../../state/store.ts';

/*
 * The answers of quality and impact steps, kept beside the SQL editors' drafts so they survive a
 * restart: a quality step's check file (YAML), an impact step's source, marked nodes and owner
 * teams (JSON). The lesson player's Check reads them here (lesson-actions answerFor).
 */

/** Where a quality step's check file is saved. */
export function qualityDraftKey(key: string): string {
  return `lesson:${key}:quality-yaml`;
}

/** Where an impact step's answer is saved. */
export function impactDraftKey(key: string): string {
  return `lesson:${key}:impact`;
}

/** True for the kinds answered in the lesson's quality or impact area. */
export function isGovernanceStep(step: Step): boolean {
  const kind: string = step.kind;
  return kind === 'quality' || kind === 'impact';
}

/** The learner's check file for a quality step: their saved text, else the step's starter. */
export function qualityYaml(step: QualityStep, key: string): string {
  return useStore.getState().queries.drafts[qualityDraftKey(key)] ?? step.starter;
}

/** Saves the learner's check file (every edit). */
export function saveQualityYaml(key: string, yaml: string): void {
  useStore.getState().setDraft(qualityDraftKey(key), yaml);
}

const EMPTY_IMPACT: ImpactAnswer = { source: '', affected: [], owners: [] };

/** The learner's impact answer so far (empty when none, or when the saved one no longer reads). */
export function impactDraft(key: string): ImpactAnswer {
  const text = useStore.getState().queries.drafts[impactDraftKey(key)];
  if (!text) return EMPTY_IMPACT;
  try {
    const v = JSON.parse(text) as Partial<ImpactAnswer>;
    return {
      source: typeof v.source === 'string' ? v.source : '',
      affected: Array.isArray(v.affected) ? v.affected.filter((x): x is string => typeof x === 'string') : [],
      owners: Array.isArray(v.owners) ? v.owners.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return EMPTY_IMPACT;
  }
}

/** Saves the learner's impact answer (every change). */
export function saveImpactDraft(key: string, answer: ImpactAnswer): void {
  useStore.getState().setDraft(impactDraftKey(key), JSON.stringify(answer));
}

/** The answer Check grades for a quality or impact step; undefined for other kinds. */
export function governanceAnswer(step: Step, key: string): QualityAnswer | ImpactAnswer | undefined {
  const kind: string = step.kind;
  if (kind === 'quality') return { yaml: qualityYaml(step as unknown as QualityStep, key) };
  if (kind === 'impact') {
    const a = impactDraft(key);
    // Owners only when the step asks for them: the answer schema defaults them to none.
    return (step as unknown as ImpactStep).owners ? a : { ...a, owners: [] };
  }
  return undefined;
}

/** A quality step's reference check file, shown when the learner asks for the solution; undefined for other kinds. */
export function governanceSolution(step: Step): { code: string } | undefined {
  const kind: string = step.kind;
  return kind === 'quality' ? { code: (step as unknown as QualityStep).solution } : undefined;
}

/** Puts a quality step's reference check file in its editor (after the learner chose to see it). */
export function putQualitySolution(step: Step, key: string): boolean {
  const solution = governanceSolution(step);
  if (!solution) return false;
  saveQualityYaml(key, solution.code);
  return true;
}
