import { HANBIT_METRICS, ownerLabel } from '../../../core/metrics/hanbit-metrics.ts';
import type { MetricsDoc } from '../../../core/metrics/metrics-doc.ts';
import { mergeMetrics, metricOrigin, nameConflicts, searchMetrics, type MetricOrigin, type NameConflict } from '../../../core/metrics/registry.ts';
import type { Metric } from '../../../core/metrics/schema.ts';
import type { Lang } from '../../../core/lessons/localized.ts';
import type { TypeFilter } from './metrics-store.ts';

/*
 * What the registry screen shows, computed from the saved document: the merged list (published
 * metrics, the learner's copies in their place, then their own), the search and filters, and
 * the name conflicts per metric. Pure, so the store tests and the screen agree.
 */

/** The owner a learner's metric gets by default (shown as "You" / "나"). */
export const LEARNER_OWNER = 'learner';

/** The merged registry: published metrics with reviews applied, the learner's copies and own metrics. */
export function registryList(doc: MetricsDoc): Metric[] {
  return mergeMetrics(HANBIT_METRICS, doc.metrics, doc.reviews);
}

/** Where a metric comes from (published as is, the learner's edited copy, or their own). */
export function originOf(metric: Metric): MetricOrigin {
  return metricOrigin(metric, HANBIT_METRICS);
}

/** The list after the search box and the type and owner filters. */
export function visibleMetrics(list: readonly Metric[], query: string, type: TypeFilter, owner: string | null): Metric[] {
  return searchMetrics(list, query, { ...(type !== 'all' ? { type } : {}), ...(owner ? { owner } : {}) });
}

/** The other metrics each metric shares a name with while differing, by metric id. */
export function conflictsById(list: readonly Metric[]): Map<string, { conflict: NameConflict; other: Metric }[]> {
  const byId = new Map(list.map((m) => [m.id, m]));
  const out = new Map<string, { conflict: NameConflict; other: Metric }[]>();
  for (const conflict of nameConflicts(list)) {
    const [a, b] = conflict.ids;
    const ma = byId.get(a);
    const mb = byId.get(b);
    if (!ma || !mb) continue;
    out.set(a, [...(out.get(a) ?? []), { conflict, other: mb }]);
    out.set(b, [...(out.get(b) ?? []), { conflict, other: ma }]);
  }
  return out;
}

/** The owners present in the list, for the owner filter (ids as stored). */
export function ownersOf(list: readonly Metric[]): string[] {
  return [...new Set(list.map((m) => m.owner))];
}

/** An owner's name in a language: a team's name, "You" for the learner, else as written. */
export function ownerName(owner: string, lang: Lang, you: string): string {
  return owner === LEARNER_OWNER ? you : ownerLabel(owner, lang);
}

/** The language the UI speaks, as a lesson language. */
export function langOf(language: string): Lang {
  return language.startsWith('ko') ? 'ko' : 'en';
}
