import { z } from 'zod';
import { LocalizedSchema, NonBlankSchema } from '../lessons/localized.ts';

/*
 * The KPI registry and dashboards as data (no components): what a metric means, who owns it,
 * the SQL that computes it at any grain, the learner's 3A review, and the dashboards built on
 * metrics. Shared by the registry and dashboard screens, the metric step kind, the command line
 * and governance's lineage (a dashboard tile reads a metric, a metric reads tables).
 */

/** The time grains a metric is read at. */
export const GRAINS = ['day', 'week', 'month'] as const;
/** A time grain: day, week (Monday-start) or month. */
export const GrainSchema = z.enum(GRAINS);
/** A time grain. */
export type Grain = z.infer<typeof GrainSchema>;

/** Ids of metrics and dashboards: lowercase words joined by single dashes or underscores. */
export const MetricIdSchema = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lowercase letters and digits joined by - or _');

/** What a value is measured in, for formatting. */
export const MetricUnitSchema = z.enum(['krw', 'count', 'ratio', 'number']);
/** What a value is measured in. */
export type MetricUnit = z.infer<typeof MetricUnitSchema>;

/** One answer of the 3A review: null until the learner judges it. */
export const ReviewAnswerSchema = z.strictObject({
  ok: z.boolean().nullable().default(null),
  note: z.string().default(''),
});

/** The learner's 3A review of a metric: Accessible, Actionable, Auditable. */
export const Review3ASchema = z
  .strictObject({
    accessible: ReviewAnswerSchema.default({ ok: null, note: '' }),
    actionable: ReviewAnswerSchema.default({ ok: null, note: '' }),
    auditable: ReviewAnswerSchema.default({ ok: null, note: '' }),
  })
  .default({ accessible: { ok: null, note: '' }, actionable: { ok: null, note: '' }, auditable: { ok: null, note: '' } });
/** A 3A review. */
export type Review3A = z.infer<typeof Review3ASchema>;

/** One change of a metric, newest last: the audit trail's "when and how it last changed". */
export const MetricChangeSchema = z.strictObject({
  at: z.string(),
  /** Who changed it (the owner, or 'learner'). */
  by: z.string().default('learner'),
  /** What changed, in words ('definition', 'sql', 'owner' …). */
  summary: z.string(),
  /** The SQL before this change, when the SQL changed. */
  previousSql: z.string().optional(),
  /** The change told in both languages (the published metrics' history); the UI shows it instead of `summary` when present. */
  text: LocalizedSchema.optional(),
});

/**
 * A metric. `sql` is a template returning the columns `period` (the ISO date the period starts
 * on) and `value`; `{{ period('col') }}` groups a date or timestamp column by the grain asked
 * for (see render-sql.ts), so one definition serves day, week and month.
 */
export const MetricSchema = z.strictObject({
  id: MetricIdSchema,
  name: LocalizedSchema,
  /** The written definition, precise enough to write the SQL from (매출 = 반품을 제외한 매출액). */
  definition: LocalizedSchema,
  owner: NonBlankSchema,
  type: z.enum(['kpi', 'metric']),
  /** The decision the metric serves. */
  decision: LocalizedSchema,
  unit: MetricUnitSchema.default('number'),
  /** True when a rise is good news (a KPI tile colours its change by this). */
  higherIsBetter: z.boolean().default(true),
  /** Catalog id of the database the SQL runs on. */
  database: z.string().default('hanbit-warehouse'),
  sql: NonBlankSchema,
  review: Review3ASchema,
  history: z.array(MetricChangeSchema).default([]),
  /** True for the company's published metrics (read-only in the registry; the learner copies to edit). */
  builtIn: z.boolean().default(false),
});
/** A metric. */
export type Metric = z.infer<typeof MetricSchema>;

/** A tile's place on the dashboard grid (react-grid-layout units: 12 columns, rows of fixed height). */
export const TileLayoutSchema = z.strictObject({
  x: z.number().int().min(0).max(11),
  y: z.number().int().min(0),
  w: z.number().int().min(1).max(12),
  h: z.number().int().min(1).max(12),
});
/** A tile's place on the grid. */
export type TileLayout = z.infer<typeof TileLayoutSchema>;

/** A chart tile's look. */
export const TileChartSchema = z.strictObject({
  mark: z.enum(['line', 'bar', 'area']).default('line'),
});

/**
 * A dashboard tile: a KPI tile (value, change against the previous period, sparkline) or a chart
 * tile (Vega-Lite over a metric, or over a query returning `period` and `value` columns, plus an
 * optional `series` column for several lines).
 */
export const TileSchema = z
  .strictObject({
    id: NonBlankSchema,
    kind: z.enum(['kpi', 'chart']),
    /** The metric the tile shows (every tile links to what it computes). */
    metricId: MetricIdSchema.optional(),
    /** A query instead of a metric (chart tiles only): same template rules as a metric's SQL. */
    sql: NonBlankSchema.optional(),
    /** Database of `sql` (a metric carries its own). */
    database: z.string().optional(),
    /** The tile's own title; defaults to the metric's name. */
    title: LocalizedSchema.optional(),
    chart: TileChartSchema.default({ mark: 'line' }),
    layout: TileLayoutSchema,
  })
  .refine((t) => (t.metricId === undefined) !== (t.sql === undefined), 'a tile shows either a metric or a query, not both and not neither')
  .refine((t) => t.kind === 'chart' || t.metricId !== undefined, 'a KPI tile shows a metric');
/** A dashboard tile. */
export type Tile = z.infer<typeof TileSchema>;

/** The one date range all tiles share: ISO dates, inclusive. */
export const DateRangeSchema = z
  .strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
  .refine((r) => r.from <= r.to, 'the range starts after it ends');
/** A date range. */
export type DateRange = z.infer<typeof DateRangeSchema>;

/** A dashboard: tiles on a grid, one date range and one grain for all of them. */
export const DashboardSchema = z.strictObject({
  id: MetricIdSchema,
  name: NonBlankSchema,
  range: DateRangeSchema,
  grain: GrainSchema.default('week'),
  tiles: z.array(TileSchema).default([]),
});
/** A dashboard. */
export type Dashboard = z.infer<typeof DashboardSchema>;
