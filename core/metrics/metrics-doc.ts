import { z } from 'zod';
import { defineDoc } from '../persist/define-doc.ts';
import { DashboardSchema, MetricSchema } from './schema.ts';

/*
 * The learner's metrics and dashboards, saved with their work (autosave, `.bak`, recovery) like
 * their queries. A damaged metric or dashboard is left out on load and the others stay. The
 * company's published metrics are not stored: they come with the app (hanbit-metrics.ts).
 */

export const MetricsDocV1 = z.object({
  version: z.literal(1),
  /** The learner's own metrics (and copies of published ones they edited), by id. */
  metrics: z.record(z.string(), MetricSchema).default({}),
  /** The learner's 3A reviews of published metrics, by metric id. */
  reviews: z.record(z.string(), MetricSchema.shape.review).default({}),
});
/** The saved state of the KPI registry. */
export type MetricsDoc = z.infer<typeof MetricsDocV1>;

/** The KPI registry's document. */
export const metricsDoc = defineDoc({ key: 'metrics', version: 1, schema: MetricsDocV1, entries: { metrics: MetricSchema } });

export const DashboardsDocV1 = z.object({
  version: z.literal(1),
  dashboards: z.record(z.string(), DashboardSchema).default({}),
  /** The dashboard open when they left (null: the first one, or the starter). */
  current: z.string().nullable().default(null),
});
/** The saved state of the Dashboards screen. */
export type DashboardsDoc = z.infer<typeof DashboardsDocV1>;

/** The Dashboards screen's document. */
export const dashboardsDoc = defineDoc({ key: 'dashboards', version: 1, schema: DashboardsDocV1, entries: { dashboards: DashboardSchema } });
