import type { TFunction } from 'i18next';
import { copyForEditing, recordChange, validateMetric, type MetricValidation } from '../../../core/metrics/registry.ts';
import { GRAINS, type Grain, type Metric, type MetricUnit } from '../../../core/metrics/schema.ts';
import type { SeriesResult } from '../../workbench/metrics-client.ts';
import { LEARNER_OWNER } from './registry-view.ts';

/*
 * The metric dialog's form as plain data: filled from a metric (edit, copy) or blank (new), turned
 * back into a metric, and checked — the fields by the metric's schema (zod), the SQL template at
 * day, week and month, then the query itself in the analytics worker. Each problem is a message
 * key with its values (worded in the UI language by the dialog) and the SQL line when known.
 */

/** The dialog's fields. */
export interface MetricForm {
  id: string;
  nameKo: string;
  nameEn: string;
  definitionKo: string;
  definitionEn: string;
  decisionKo: string;
  decisionEn: string;
  owner: string;
  type: Metric['type'];
  unit: MetricUnit;
  higherIsBetter: boolean;
  sql: string;
}

/** The SQL a new metric starts from: the shape every metric has (period, value, grouped by the grain). */
export const STARTER_SQL = `SELECT {{ period('order_date') }} AS period, COUNT(*) AS value
FROM fact_orders
GROUP BY 1`;

/** A new metric's form. */
export function blankForm(): MetricForm {
  return {
    id: '',
    nameKo: '',
    nameEn: '',
    definitionKo: '',
    definitionEn: '',
    decisionKo: '',
    decisionEn: '',
    owner: LEARNER_OWNER,
    type: 'metric',
    unit: 'count',
    higherIsBetter: true,
    sql: STARTER_SQL,
  };
}

/** The form of an existing metric. */
export function formFromMetric(m: Metric): MetricForm {
  return {
    id: m.id,
    nameKo: m.name.ko,
    nameEn: m.name.en,
    definitionKo: m.definition.ko,
    definitionEn: m.definition.en,
    decisionKo: m.decision.ko,
    decisionEn: m.decision.en,
    owner: m.owner,
    type: m.type,
    unit: m.unit,
    higherIsBetter: m.higherIsBetter,
    sql: m.sql,
  };
}

/** The metric the form describes (unvalidated), keeping what the form does not show (review, history, database) from `base`. */
export function metricInput(form: MetricForm, base: Metric | null): Record<string, unknown> {
  return {
    id: form.id.trim(),
    name: { ko: form.nameKo.trim(), en: form.nameEn.trim() },
    definition: { ko: form.definitionKo.trim(), en: form.definitionEn.trim() },
    decision: { ko: form.decisionKo.trim(), en: form.decisionEn.trim() },
    owner: form.owner.trim(),
    type: form.type,
    unit: form.unit,
    higherIsBetter: form.higherIsBetter,
    database: base?.database ?? 'hanbit-warehouse',
    sql: form.sql,
    review: base?.review ?? {},
    history: base?.history ?? [],
    builtIn: false,
  };
}

/** A problem found by a check: a message key under `metrics.errors`, its values, the field or SQL line it is about. */
export interface FormProblem {
  key: 'required' | 'id' | 'idTaken' | 'template' | 'sql' | 'columns' | 'noGrain' | 'empty' | 'engine' | 'field';
  values: Record<string, string | number>;
  /** The form field it is about (an i18n key under `metrics.editor`), when it is a field's. */
  field?: string;
  /** The 1-based line of the SQL, when known. */
  line?: number;
}

const FIELD_LABELS: Record<string, string> = {
  id: 'id',
  'name.ko': 'nameKo',
  'name.en': 'nameEn',
  'definition.ko': 'definitionKo',
  'definition.en': 'definitionEn',
  'decision.ko': 'decisionKo',
  'decision.en': 'decisionEn',
  owner: 'owner',
  sql: 'sql',
  type: 'type',
  unit: 'unit',
};

/** The problems of the fields and of the template (no query run): the first half of a check. */
export function staticProblems(validation: MetricValidation, form: MetricForm, takenIds: ReadonlySet<string>): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const issue of validation.issues) {
    const field = FIELD_LABELS[issue.path] ?? issue.path;
    if (issue.path === 'id') problems.push({ key: form.id.trim() === '' ? 'required' : 'id', values: {}, field });
    else if (issue.message === 'must not be empty') problems.push({ key: 'required', values: {}, field });
    // Any other schema message, as zod words it (English), with the field named in the UI language.
    else problems.push({ key: 'field', values: { message: issue.message }, field });
  }
  if (takenIds.has(form.id.trim())) problems.push({ key: 'idTaken', values: { id: form.id.trim() }, field: 'id' });
  for (const g of validation.grains) {
    if (!g.ok) {
      problems.push({ key: 'template', values: { grain: g.grain, message: g.message }, ...(g.line !== undefined ? { line: g.line } : {}) });
      // One template error is reported once, not at each grain.
      break;
    }
  }
  if (validation.grains.length === GRAINS.length && validation.grains.every((g) => g.ok) && !validation.followsGrain) problems.push({ key: 'noGrain', values: {} });
  return problems;
}

/** The problems of the query as it ran at each grain (the second half of a check); one report per distinct error. */
export function runProblems(results: readonly SeriesResult[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if (r.ok) continue;
    const grain = (r.key.split(':').at(-1) ?? '') as Grain;
    const sig = `${r.error.code}\u0000${r.error.message}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    const line = r.error.line !== undefined ? { line: r.error.line } : {};
    if (r.error.code === 'columns') problems.push({ key: 'columns', values: { columns: (r.error.columns ?? []).join(', ') } });
    else problems.push({ key: r.error.code === 'template' ? 'template' : 'sql', values: { grain, message: r.error.message }, ...line });
  }
  if (problems.length === 0 && results.length > 0 && results.every((r) => r.ok && r.rows.length === 0)) problems.push({ key: 'empty', values: {} });
  return problems;
}

/** The key of a preview series at a grain (runProblems reads the grain back from it). */
export function previewKey(grain: Grain): string {
  return `preview:${grain}`;
}

/** What saving the form stores: a new metric, the learner's copy of a published one, or an edit; the change recorded in its history. */
export function metricToSave(mode: 'new' | 'edit' | 'copy', validated: Metric, base: Metric | null, at: string): Metric {
  const next: Metric = { ...validated, builtIn: false };
  if (mode === 'new' || !base) return { ...next, history: [{ at, by: LEARNER_OWNER, summary: 'created' }] };
  const from = mode === 'copy' ? copyForEditing(base, at, LEARNER_OWNER) : base;
  return recordChange(from, { ...next, review: from.review }, LEARNER_OWNER, at);
}

/** Validates the form's metric (fields and template at every grain). */
export function validateForm(form: MetricForm, base: Metric | null): MetricValidation {
  return validateMetric(metricInput(form, base));
}

/** Words a problem in the UI language, with its SQL line when known. */
export function problemText(p: FormProblem, t: TFunction): string {
  const field = p.field ? t(`metrics.editor.${p.field}`) : '';
  const values: Record<string, unknown> = { ...p.values, field, period: "{{ period('…') }}" };
  if (typeof p.values.grain === 'string') values.grain = t(`metrics.chart.grainWords.${p.values.grain}`);
  if (p.key === 'columns' && p.values.columns === '') values.columns = t('metrics.errors.noColumns');
  const text = p.key === 'field' ? `${field}: ${String(p.values.message)}` : t(`metrics.errors.${p.key}`, values);
  return p.line !== undefined ? `${t('metrics.editor.line', { line: p.line })}: ${text}` : text;
}
