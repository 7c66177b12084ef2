import { z } from 'zod';
import { DateRangeSchema, GrainSchema } from '../../metrics/schema.ts';
import { LocalizedSchema } from '../localized.ts';
import { GradedStepShape, IdSchema, SqlSchema, SqlStepShape, ToleranceSchema, knownWrongSchema, DatabaseShape } from '../step-base.ts';
import { ChoiceOptionSchema } from './choice.ts';

/*
 * The schemas of the decision-science step kinds (Tracks 3 and 4), apart from their grading so
 * lessons can be written against them: a metric step and an experiment step.
 */

/**
 * A metric step: the learner writes a KPI's SQL from its written definition. The SQL returns
 * `period` and `value` and groups with `{{ period('col') }}`; it is graded at every grain listed
 * (so a query fixed to months fails at the week grain) over the range, on the lesson's data and
 * on the hidden variant.
 */
export const MetricStepSchema = z.strictObject({
  kind: z.literal('metric'),
  ...GradedStepShape,
  ...SqlStepShape,
  /** The metric as the registry would show it while the learner writes it. */
  metric: z.strictObject({ name: LocalizedSchema, definition: LocalizedSchema }),
  /** The grains the answer is graded at. */
  grains: z.array(GrainSchema).min(1).default(['month']),
  /** The periods compared (all of the data's when absent). */
  range: DateRangeSchema.optional(),
  tolerance: ToleranceSchema,
  database: DatabaseShape.database,
});
/** A metric step. */
export type MetricStep = z.output<typeof MetricStepSchema>;

/** The answer to a metric step: the SQL template. */
export const MetricAnswerSchema = z.strictObject({ sql: z.string() });

/** The calls a learner can make on an experiment. */
export const DecisionSchema = z.enum(['ship', 'dont-ship', 'keep-running', 'invalid']);

/**
 * An experiment step: the learner writes the query returning one row per arm (columns `variant`,
 * `users`, `conversions`), reads the readout computed from their own numbers, and makes the call
 * with its reasons. Graded on the numbers (visible and hidden variant data), on the decision
 * (which must be 'invalid' when the sample-ratio check fails) and on the reasons picked.
 */
export const ExperimentStepSchema = z.strictObject({
  kind: z.literal('experiment'),
  ...GradedStepShape,
  /** experiment_id in the experiment tables. */
  experiment: IdSchema,
  database: DatabaseShape.database,
  starter: z.string(),
  solution: SqlSchema,
  /** The right call; the checker proves it is what core/stats recommends on the reference numbers. */
  decision: DecisionSchema,
  /** Reasons to pick (all the correct ones, none of the wrong ones). */
  reasons: z.array(ChoiceOptionSchema).min(2),
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** The smallest absolute lift worth shipping (passed to the readout). */
  mde: z.number().positive().optional(),
  knownWrong: z
    .array(
      knownWrongSchema({
        sql: SqlSchema.optional(),
        decision: DecisionSchema.optional(),
        reasons: z.array(IdSchema).optional(),
      }),
    )
    .min(1, 'list at least one known-wrong answer with the message it must get'),
});
/** An experiment step. */
export type ExperimentStep = z.output<typeof ExperimentStepSchema>;

/** The answer to an experiment step. */
export const ExperimentAnswerSchema = z.strictObject({
  sql: z.string(),
  decision: DecisionSchema.nullable(),
  reasons: z.array(IdSchema).default([]),
});
/** An answer to an experiment step. */
export type ExperimentAnswer = z.infer<typeof ExperimentAnswerSchema>;
