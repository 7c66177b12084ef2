import { LANGS, type Lang, type Localized } from '../lessons/localized.ts';
import { tokenizeSql } from '../sql/sql-tokens.ts';
import { ownerLabel } from './hanbit-metrics.ts';
import { followsGrain, renderMetricSql, MetricSqlError } from './render-sql.ts';
import { GRAINS, MetricSchema, type Grain, type Metric, type MetricChangeSchema, type Review3A } from './schema.ts';
import type { z } from 'zod';

/*
 * The KPI registry as functions over plain lists: the published metrics merged with the
 * learner's, search, the name-conflict warning (one name, two definitions: the vague "revenue"),
 * validation of a metric being written, and its audit trail of changes.
 *
 * Merge rule: a learner's metric with the id of a published one replaces it in the registry (it is
 * their edited copy: tiles and searches then use their definition, and deleting the copy brings
 * the published one back). Published metrics keep their order (KPIs first); the learner's own
 * follow in the order they were saved.
 */

/** Where a metric in the merged registry comes from. */
export type MetricOrigin = 'published' | 'edited' | 'own';

/**
 * The registry's list: published metrics (with the learner's 3A reviews applied), each replaced
 * by the learner's copy of the same id when there is one, then the learner's own metrics.
 */
export function mergeMetrics(
  published: readonly Metric[],
  learner: Readonly<Record<string, Metric>> | readonly Metric[],
  reviews: Readonly<Record<string, Review3A>> = {},
): Metric[] {
  const own = Array.isArray(learner) ? [...(learner as readonly Metric[])] : Object.values(learner as Record<string, Metric>);
  const byId = new Map(own.map((m) => [m.id, m]));
  const merged: Metric[] = published.map((m) => {
    const copy = byId.get(m.id);
    if (copy) {
      byId.delete(m.id);
      return copy;
    }
    const review = reviews[m.id];
    return review ? { ...m, review } : m;
  });
  for (const m of own) if (byId.has(m.id)) merged.push(m);
  return merged;
}

/** Whether a metric of the merged list is published as is, the learner's edited copy of a published one, or their own. */
export function metricOrigin(metric: Metric, published: readonly Metric[]): MetricOrigin {
  if (metric.builtIn) return 'published';
  return published.some((p) => p.id === metric.id) ? 'edited' : 'own';
}

/** Case, width and spacing folded: '  Revenue ' and 'revenue' read the same to a person. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Filters of a registry search. */
export interface MetricFilters {
  type?: Metric['type'];
  /** An owner as stored (a team id, or the learner's own text). */
  owner?: string;
}

/**
 * Metrics matching every word of the query (in either language's name, the definitions, the
 * decision, the id or the owner, by id or team name) and the filters; name matches first.
 */
export function searchMetrics(list: readonly Metric[], query: string, filters: MetricFilters = {}): Metric[] {
  const words = normalizeName(query).split(' ').filter(Boolean);
  const scored: { metric: Metric; score: number; index: number }[] = [];
  list.forEach((metric, index) => {
    if (filters.type && metric.type !== filters.type) return;
    if (filters.owner && normalizeName(metric.owner) !== normalizeName(filters.owner)) return;
    const name = normalizeName(`${metric.name.ko} ${metric.name.en} ${metric.id}`);
    const rest = normalizeName(
      [
        metric.definition.ko,
        metric.definition.en,
        metric.decision.ko,
        metric.decision.en,
        metric.owner,
        ...LANGS.map((l) => ownerLabel(metric.owner, l)),
      ].join(' '),
    );
    let score = 0;
    for (const word of words) {
      if (name.includes(word)) score += 2;
      else if (rest.includes(word)) score += 1;
      else return;
    }
    scored.push({ metric, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.metric);
}

/** SQL compared as tokens: spacing, comments and keyword case do not make two definitions differ. */
function sqlShape(sql: string): string {
  return tokenizeSql(sql)
    .map((t) => (t.kind === 'word' ? t.text.toLowerCase() : t.text))
    .join(' ');
}

/** True when two metric SQL templates differ beyond spacing, comments and keyword case. */
export function sameSql(a: string, b: string): boolean {
  return sqlShape(a) === sqlShape(b);
}

/** Two metrics with one name and two definitions: the registry shows the warning. */
export interface NameConflict {
  /** Ids of the two metrics. */
  ids: [string, string];
  /** The languages in which their names are the same. */
  langs: Lang[];
  /** The shared name, as the first metric writes it, per language where it is shared. */
  name: Partial<Localized>;
  /** The warning, naming both metrics. */
  message: Localized;
}

function label(metric: Metric, lang: Lang): string {
  return `${metric.name[lang]} (${metric.id})`;
}

/** Pairs of metrics whose names are the same (in either language, case and spacing folded) but whose SQL differs. */
export function nameConflicts(list: readonly Metric[]): NameConflict[] {
  const conflicts: NameConflict[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as Metric;
      const b = list[j] as Metric;
      if (a.id === b.id) continue;
      const langs = LANGS.filter((l) => normalizeName(a.name[l]) === normalizeName(b.name[l]));
      if (langs.length === 0 || (sameSql(a.sql, b.sql) && a.database === b.database)) continue;
      const name: Partial<Localized> = {};
      for (const l of langs) name[l] = a.name[l];
      const shown = (l: Lang): string => name[l] ?? name[langs[0] as Lang] ?? a.name[l];
      conflicts.push({
        ids: [a.id, b.id],
        langs,
        name,
        message: {
          ko: `이름이 "${shown('ko')}"인 지표가 둘인데 정의(SQL)가 다릅니다: ${label(a, 'ko')}, ${label(b, 'ko')}. 같은 이름에서 다른 숫자가 나오므로 하나의 이름을 바꾸거나 정의를 맞추십시오.`,
          en: `Two metrics are called "${shown('en')}" but their definitions (SQL) differ: ${label(a, 'en')} and ${label(b, 'en')}. One name gives two numbers: rename one or make the definitions agree.`,
        },
      });
    }
  }
  return conflicts;
}

/** How a metric's template renders at one grain. */
export type GrainCheck = { grain: Grain; ok: true; sql: string } | { grain: Grain; ok: false; message: string; line?: number };

/** A field of a metric that failed its schema, with the schema's (English) message. */
export interface MetricIssue {
  path: string;
  message: string;
}

/** What validateMetric found. */
export interface MetricValidation {
  /** True when the schema passes and the template renders at every grain. */
  ok: boolean;
  /** The metric with defaults filled in, when the schema passes. */
  metric: Metric | null;
  issues: MetricIssue[];
  grains: GrainCheck[];
  /** True when the template groups by the grain it is given: its day, week and month queries differ. */
  followsGrain: boolean;
}

/** Checks a metric being written: its fields (zod), its template at each grain, and whether it follows the grain. */
export function validateMetric(input: unknown): MetricValidation {
  const parsed = MetricSchema.safeParse(input);
  const issues: MetricIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const sql = parsed.success
    ? parsed.data.sql
    : typeof input === 'object' && input !== null && 'sql' in input
      ? (input as { sql: unknown }).sql
      : undefined;
  const grains: GrainCheck[] =
    typeof sql === 'string' && sql.trim() !== ''
      ? GRAINS.map((grain): GrainCheck => {
          try {
            return { grain, ok: true, sql: renderMetricSql(sql, grain) };
          } catch (e) {
            const line = e instanceof MetricSqlError ? e.line : undefined;
            return { grain, ok: false, message: e instanceof Error ? e.message : String(e), ...(line !== undefined ? { line } : {}) };
          }
        })
      : [];
  const rendered = grains.flatMap((g) => (g.ok ? [g.sql] : []));
  const follows =
    typeof sql === 'string' && followsGrain(sql) && rendered.length === GRAINS.length && new Set(rendered).size === GRAINS.length;
  return {
    ok: parsed.success && grains.length === GRAINS.length && grains.every((g) => g.ok),
    metric: parsed.success ? parsed.data : null,
    issues,
    grains,
    followsGrain: follows,
  };
}

/** The fields whose change is recorded, by the word the change's summary uses (the UI words them per language). */
export const CHANGE_FIELDS = ['name', 'definition', 'owner', 'type', 'decision', 'unit', 'higherIsBetter', 'database', 'sql'] as const;
/** A recorded field. */
export type ChangeField = (typeof CHANGE_FIELDS)[number];

type MetricChange = z.infer<typeof MetricChangeSchema>;

/** The fields that differ between two versions of a metric. */
export function changedFields(before: Metric, after: Metric): ChangeField[] {
  return CHANGE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/**
 * `next` with the change from `metric` appended to its history (summary: the changed fields
 * joined by ', '; previousSql when the SQL changed). Nothing is appended when nothing recorded
 * changed (a 3A review is not a change of the metric).
 */
export function recordChange(metric: Metric, next: Metric, by: string, at: string): Metric {
  const fields = changedFields(metric, next);
  if (fields.length === 0) return { ...next, history: metric.history };
  const change: MetricChange = { at, by, summary: fields.join(', ') };
  if (fields.includes('sql')) change.previousSql = metric.sql;
  return { ...next, history: [...metric.history, change] };
}

/** The learner's editable copy of a published metric: same id (it replaces the published one), not built in, the copy recorded. */
export function copyForEditing(metric: Metric, at: string, by = 'learner'): Metric {
  return { ...metric, builtIn: false, history: [...metric.history, { at, by, summary: 'copied' }] };
}

/** The metric's last change, for "when and how it last changed". */
export function lastChange(metric: Metric): MetricChange | null {
  return metric.history.at(-1) ?? null;
}
