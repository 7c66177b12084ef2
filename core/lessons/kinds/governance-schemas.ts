import { z } from 'zod';
import { PiiClassSchema } from '../../datasets/catalog.ts';
import { GradedStepShape, IdSchema, SqlStepShape, DatabaseShape, knownWrongSchema } from '../step-base.ts';
import { PipelineRefSchema, ProjectRefSchema } from './workbench-refs.ts';

/*
 * The schemas of the governance step kinds (Track 5), apart from their grading so lessons can be
 * written against them: tagging PII, writing quality checks, tracing an impact, building a masked
 * view. Each kind's file (pii.ts, quality.ts, impact.ts, masked-view.ts) adds grading.
 */

/** A catalogue key: 'hanbit-prod.customers.email' or 'lake:exports/crm_customers_*.csv.이메일'. */
export const CatalogueKeySchema = z.string().min(3);

/**
 * A PII step: the learner tags the listed columns (direct identifier, quasi-identifier, sensitive,
 * none) in the catalogue; graded against the reference, every difference named with its reason.
 *
 *   { "kind": "pii", "columns": ["hanbit-prod.customers.email", …], "knownWrong": [{ "tags": {…}, "expect": ["pii-tag-differs"] }] }
 */
export const PiiStepSchema = z.strictObject({
  kind: z.literal('pii'),
  ...GradedStepShape,
  /** The catalogue keys to tag (the checker proves each exists). */
  columns: z.array(CatalogueKeySchema).min(2),
  knownWrong: z
    .array(knownWrongSchema({ tags: z.record(z.string(), PiiClassSchema) }))
    .min(1, 'list at least one known-wrong answer with the message it must get'),
});
/** A PII step. */
export type PiiStep = z.output<typeof PiiStepSchema>;
/** The answer to a PII step: a tag per catalogue key (untagged keys are absent). */
export const PiiAnswerSchema = z.strictObject({ tags: z.record(z.string(), PiiClassSchema) });
/** An answer to a PII step. */
export type PiiAnswer = z.infer<typeof PiiAnswerSchema>;

/**
 * A quality step: the learner writes checks in the YAML check format (core/governance/quality);
 * graded by running them: each problem in `mustFind` must be caught by a failing (or warning) check
 * with exactly its count, and no check may fail on data that is healthy (`mustPass` lists checks
 * that must pass). `requireTypes` names the check types the answer must use.
 */
export const QualityStepSchema = z.strictObject({
  kind: z.literal('quality'),
  ...GradedStepShape,
  database: DatabaseShape.database,
  starter: z.string(),
  solution: z.string().min(1),
  /** Planted problems (manifest ids) the checks must catch, each with its exact count. */
  mustFind: z.array(z.strictObject({ problem: IdSchema })).default([]),
  /** Check types the answer must use (e.g. freshness, row_count). */
  requireTypes: z
    .array(z.enum(['row_count', 'missing_count', 'duplicate_count', 'invalid_count', 'freshness', 'relationships', 'custom_sql']))
    .default([]),
  /** Simulated day to run 'as of' (the history's day a source broke), when the step is about one day. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /**
   * The reference check file (path under lessons/, replaced by its text when the lesson loads): its
   * checks named after planted problems give each problem's count on each copy of the data, and tell
   * a check that fails on a planted problem from one that fails on healthy data.
   */
  reference: z.string().min(1).default('_reference/quality/hanbit-checks.yml'),
  /** Also grade on the hidden variant's data. */
  variant: z.boolean().default(true),
  knownWrong: z
    .array(knownWrongSchema({ yaml: z.string() }))
    .min(1, 'list at least one known-wrong answer with the message it must get'),
});
/** A quality step. */
export type QualityStep = z.output<typeof QualityStepSchema>;
/** The answer to a quality step: the check file's text. */
export const QualityAnswerSchema = z.strictObject({ yaml: z.string() });
/** An answer to a quality step. */
export type QualityAnswer = z.infer<typeof QualityAnswerSchema>;

/**
 * An impact step: a source is broken (a lake file, a table); the learner picks it on the lineage
 * graph, marks what it affects (at least every dashboard tile and metric downstream) and the owner
 * teams to tell. Graded against the traversal of the reference lineage (core/governance/lineage).
 */
export const ImpactStepSchema = z.strictObject({
  kind: z.literal('impact'),
  ...GradedStepShape,
  /** The lineage node id of the broken source ('lake:exports/crm_customers_*.csv', 'table:hanbit-prod.payments'). */
  source: z.string().min(3),
  /** Which affected kinds the learner must list: all downstream nodes of these kinds, no others. */
  mark: z.array(z.enum(['table', 'view', 'model', 'metric', 'tile'])).min(1).default(['metric', 'tile']),
  /** Whether the owners must be listed too. */
  owners: z.boolean().default(true),
  /**
   * The reference files the lineage is built from (resolved to their content when the lesson
   * loads): the ETL pipeline and the dbt project; the published metrics and the starter dashboard
   * come with the app. Lessons leave it out: it defaults to lessons/_reference/.
   */
  lineage: z
    .strictObject({ pipeline: PipelineRefSchema, project: ProjectRefSchema })
    .default({ pipeline: '_reference/pipeline/hanbit-etl.pipeline.json', project: '_reference/dbt/hanbit' }),
  knownWrong: z
    .array(knownWrongSchema({ source: z.string(), affected: z.array(z.string()), owners: z.array(z.string()).default([]) }))
    .min(1, 'list at least one known-wrong answer with the message it must get'),
});
/** An impact step. */
export type ImpactStep = z.output<typeof ImpactStepSchema>;
/** The answer to an impact step. */
export const ImpactAnswerSchema = z.strictObject({
  source: z.string(),
  affected: z.array(z.string()),
  owners: z.array(z.string()).default([]),
});
/** An answer to an impact step. */
export type ImpactAnswer = z.infer<typeof ImpactAnswerSchema>;

/**
 * A masked-view step: the learner writes CREATE VIEW <view> for analysts: pseudonymised ids
 * (`pseudonym(customer_id)`: HMAC-SHA256 under the workspace key), no direct identifiers,
 * generalised quasi-identifiers. Graded by the masked-view check (core/governance/mask.ts): no
 * direct identifier by lineage or by value, ids keyed (they change with the key), rows reconcile
 * with `base`, k-anonymity over the quasi-identifiers at least `minK`; on the hidden variant too.
 */
export const MaskedViewStepSchema = z.strictObject({
  kind: z.literal('masked-view'),
  ...GradedStepShape,
  ...SqlStepShape,
  database: DatabaseShape.database,
  setup: DatabaseShape.setup,
  /** The view the answer must create. */
  view: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  /** The table whose rows the view must reconcile with (one view row per base row). */
  base: z.string().min(1),
  /** The quasi-identifier columns of the view k is computed over. */
  quasi: z.array(z.string()).min(1),
  minK: z.number().int().min(2).default(5),
});
/** A masked-view step. */
export type MaskedViewStep = z.output<typeof MaskedViewStepSchema>;
/** The answer to a masked-view step: its SQL. */
export const MaskedViewAnswerSchema = z.strictObject({ sql: z.string() });

