import { z } from 'zod';
import { buildStep } from './kinds/build.ts';
import { capstoneStep } from './kinds/capstone.ts';
import { choiceStep } from './kinds/choice.ts';
import { experimentStep } from './kinds/experiment.ts';
import { impactStep } from './kinds/impact.ts';
import { maskedViewStep } from './kinds/masked-view.ts';
import { metricStep } from './kinds/metric.ts';
import { modelsStep } from './kinds/models.ts';
import { numberStep } from './kinds/number.ts';
import { piiStep } from './kinds/pii.ts';
import { pipelineStep } from './kinds/pipeline.ts';
import { qualityStep } from './kinds/quality.ts';
import { queryStep } from './kinds/query.ts';
import { readStep } from './kinds/read.ts';
import type { StepKind } from './step-kind.ts';

/**
 * The registry of step kinds. To add a kind (pipeline, model, kpi, experiment, governance):
 * write core/lessons/kinds/<kind>.ts with defineStepKind(...) and add it to STEP_KINDS.
 * The lesson schema, the grader and the checker pick it up from here.
 */

/** Every step kind, in the order the docs list them. */
export const STEP_KINDS = [
  readStep,
  queryStep,
  buildStep,
  choiceStep,
  numberStep,
  pipelineStep,
  modelsStep,
  metricStep,
  experimentStep,
  impactStep,
  qualityStep,
  piiStep,
  maskedViewStep,
  capstoneStep,
] as const;

type SchemasOf<T extends readonly unknown[]> = { -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never };
type Schemas = SchemasOf<typeof STEP_KINDS>;

/** One step of any kind, validated by its kind's schema. */
export const StepSchema = z.discriminatedUnion('kind', STEP_KINDS.map((k) => k.schema) as unknown as Schemas);

/** A step of any kind. */
export type Step = z.output<typeof StepSchema>;

/** A step kind name. */
export type StepKindName = Step['kind'];

/** The kind definition of a step, typed for that step. */
export function stepKindOf(step: Step): StepKind<z.ZodObject, unknown> {
  const kind = STEP_KINDS.find((k) => k.kind === step.kind);
  if (!kind) throw new Error(`unknown step kind '${step.kind}'`);
  // The registry holds each kind with its own step and answer types; callers pass the matching step.
  return kind as unknown as StepKind<z.ZodObject, unknown>;
}
