import type { z } from 'zod';
import type { Verdict } from '../grading/compare.ts';
import type { GradeContext } from '../grading/engine.ts';
import type { MessageCode } from '../grading/messages.ts';
import type { Localized } from './localized.ts';

/**
 * The extension point for step kinds. A kind is one object: its schema, the answer it takes,
 * how it is graded, and what the lesson checker must prove about a definition. Adding a kind
 * (pipeline, model, kpi, experiment, governance …) is a new file plus one line in step-kinds.ts.
 */

/** What a step's grading knows about its lesson. */
export interface LessonDefaults {
  /** The lesson's default database id. */
  dataset: string;
}

/** Context for grading one answer. */
export interface StepGradeContext extends GradeContext {
  lesson: LessonDefaults;
}

/** A sample answer the checker grades: the solution must pass, the starter and known-wrong answers must not. */
export interface SampleAnswers<TAnswer> {
  solution: TAnswer;
  /** What the learner starts with; null when the kind has no starter (a read step). */
  starter: TAnswer | null;
  knownWrong: { answer: TAnswer; expect: MessageCode[]; feedback?: Localized | undefined }[];
}

/** What the checker gives a kind to prove its definition against the datasets. */
export interface StepCheckContext extends StepGradeContext {
  /** Database ids that exist in the catalog. */
  databaseIds: readonly string[];
}

/** Problems make the check fail; warnings are printed but accepted. */
export interface DefinitionFindings {
  problems: string[];
  warnings: string[];
}

/** One step kind. TSchema is a z.strictObject with `kind: z.literal(...)`. */
export interface StepKind<TSchema extends z.ZodObject, TAnswer> {
  kind: z.output<TSchema>['kind'];
  schema: TSchema;
  /** True when the step is checked automatically (it counts for seed-idea coverage). */
  gradable: boolean;
  /** The answer the renderer sends, validated before grading. */
  answerSchema: z.ZodType<TAnswer>;
  /** Names the answer's form for the 'bad-answer' message, e.g. 'SQL text'. */
  answerDescription: string;
  /** Reads an answer from a file's text (the command-line grader). */
  answerFromText(text: string): TAnswer;
  /** Grades one answer. Never throws for a wrong answer; the verdict says what is wrong. */
  grade(step: z.output<TSchema>, answer: TAnswer, ctx: StepGradeContext): Verdict;
  /** The answers the checker grades (the context lets a kind compute its solution from the data). */
  samples(step: z.output<TSchema>, ctx: StepGradeContext): SampleAnswers<TAnswer>;
  /** Database ids the step runs on (so a caller can load them before grading). */
  databases(step: z.output<TSchema>, lesson: LessonDefaults): string[];
  /** Kind-specific checks beyond the samples (prompts naming aliases, targets, chart fields …). */
  checkDefinition(step: z.output<TSchema>, ctx: StepCheckContext): DefinitionFindings;
}

/** Declares a step kind with its types inferred. */
export function defineStepKind<TSchema extends z.ZodObject, TAnswer>(kind: StepKind<TSchema, TAnswer>): StepKind<TSchema, TAnswer> {
  return kind;
}
