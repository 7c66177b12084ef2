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
  /** The planted problems of the dataset manifests (a models step's test must catch one exactly), when the checker has them. */
  plantedProblems?: readonly { id: string; count: number; database: string | null }[] | undefined;
}

/** Problems make the check fail; warnings are printed but accepted. */
export interface DefinitionFindings {
  problems: string[];
  warnings: string[];
}

/** A value, or a promise of it: kinds that run a pipeline or a model build grade asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Reads a file a step refers to, by its path relative to lessons/ ('_reference/dbt/models/x.sql'),
 * or lists the files under a folder path ('_reference/dbt/'). Undefined / empty when there is none.
 */
export interface LessonAssets {
  read(path: string): string | undefined;
  list(folder: string): string[];
}

/** One step kind. TSchema is a z.strictObject with `kind: z.literal(...)`. */
export interface StepKind<TSchema extends z.ZodObject, TAnswer> {
  kind: z.output<TSchema>['kind'];
  schema: TSchema;
  /** True when the step is checked automatically (it counts for seed-idea coverage). */
  gradable: boolean;
  /** True when grade answers with a promise: the synchronous entry point refuses the kind before any work starts on the shared engine. */
  asynchronous?: boolean;
  /** The answer the renderer sends, validated before grading. */
  answerSchema: z.ZodType<TAnswer>;
  /** Names the answer's form for the 'bad-answer' message, e.g. 'SQL text'. */
  answerDescription: string;
  /** Reads an answer from a file's text (the command-line grader). */
  answerFromText(text: string): TAnswer;
  /**
   * Grades one answer. Never throws for a wrong answer; the verdict says what is wrong. SQL kinds
   * answer at once; kinds that run a pipeline or build models return a promise (the lake is fetched).
   */
  grade(step: z.output<TSchema>, answer: TAnswer, ctx: StepGradeContext): MaybePromise<Verdict>;
  /** The answers the checker grades (the context lets a kind compute its solution from the data). */
  samples(step: z.output<TSchema>, ctx: StepGradeContext): SampleAnswers<TAnswer>;
  /** Database ids the step runs on (so a caller can load them before grading). */
  databases(step: z.output<TSchema>, lesson: LessonDefaults): string[];
  /** Kind-specific checks beyond the samples (prompts naming aliases, targets, chart fields …). */
  checkDefinition(step: z.output<TSchema>, ctx: StepCheckContext): MaybePromise<DefinitionFindings>;
  /**
   * Replaces references to files outside lesson.json (a saved pipeline, a model project folder
   * under lessons/_reference/) by their content, when the lesson is loaded; the problems refuse it.
   */
  resolveFiles?(step: z.output<TSchema>, assets: LessonAssets): { step: z.output<TSchema>; problems: string[] };
}

/** Declares a step kind with its types inferred. */
export function defineStepKind<TSchema extends z.ZodObject, TAnswer>(kind: StepKind<TSchema, TAnswer>): StepKind<TSchema, TAnswer> {
  return kind;
}
