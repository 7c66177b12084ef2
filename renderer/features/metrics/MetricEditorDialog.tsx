import { lazy, Suspense, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertCircle, CheckCircle2, Play } from 'lucide-react';
import { ownerTeams } from '../../../core/metrics/hanbit-metrics.ts';
import { GRAINS, MetricUnitSchema, type Grain, type Metric } from '../../../core/metrics/schema.ts';
import { PERIOD_END, PERIOD_START } from '../../../datasets/hanbit/config.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { useStore } from '../../state/store.ts';
import type { SeriesPoint } from '../../workbench/metrics-client.ts';
import { blankForm, formFromMetric, metricToSave, previewKey, problemText, runProblems, staticProblems, validateForm, type FormProblem, type MetricForm } from './metric-form.ts';
import { useMetricsStore, type MetricDialog } from './metrics-store.ts';
import { langOf, LEARNER_OWNER } from './registry-view.ts';
import { registryClient } from './use-series.ts';
import { SeriesChart } from './SeriesChart.tsx';

const MetricSqlEditor = lazy(() => import('./MetricSqlEditor.tsx'));

type Mode = 'new' | 'edit' | 'copy';
type CheckState = { status: 'idle' } | { status: 'checking' } | { status: 'done'; problems: FormProblem[]; preview: SeriesPoint[] | null; grain: Grain };

function Field({ label, children, wide }: { label: string; children: (id: string) => ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <div className={`field mx-field${wide ? ' mx-field-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/**
 * Creating, copying or editing one of the learner's metrics. Saving checks first — the fields
 * (zod), the template at day, week and month, then the query in the analytics worker — and
 * stores nothing while a problem remains; "Check and preview" does the same without saving and
 * draws the series. A published metric is never changed: its copy is.
 */
export function MetricEditorDialog({ dialog, list }: { dialog: MetricDialog; list: Metric[] }) {
  const mode: Mode | null = dialog && dialog.kind !== 'delete' ? dialog.kind : null;
  const base = dialog && dialog.kind !== 'new' && dialog.kind !== 'delete' ? (list.find((m) => m.id === dialog.id) ?? null) : null;
  const openDialog = useMetricsStore((s) => s.openDialog);
  const close = () => openDialog(null);
  if (!mode) return null;
  return <EditorBody key={`${mode}:${base?.id ?? ''}`} mode={mode} base={base} list={list} onClose={close} />;
}

function EditorBody({ mode, base, list, onClose }: { mode: Mode; base: Metric | null; list: Metric[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const putMetric = useMetricsStore((s) => s.putMetric);
  const notify = useStore((s) => s.notify);
  const [form, setForm] = useState<MetricForm>(() => (base ? formFromMetric(base) : blankForm()));
  const [grain, setGrain] = useState<Grain>('month');
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [failedSave, setFailedSave] = useState(false);
  const takenIds = useMemo(() => (mode === 'new' ? new Set(list.map((m) => m.id)) : new Set<string>()), [mode, list]);

  // An edit after a check makes its verdict stale.
  useEffect(() => {
    setCheck((c) => (c.status === 'done' ? { status: 'idle' } : c));
    setFailedSave(false);
  }, [form]);

  const set = <K extends keyof MetricForm>(key: K, value: MetricForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  /** Checks the form; the validated metric when nothing is wrong. */
  const runCheck = async (): Promise<Metric | null> => {
    setCheck({ status: 'checking' });
    const validation = validateForm(form, base);
    const problems = staticProblems(validation, form, takenIds);
    let preview: SeriesPoint[] | null = null;
    const templateOk = validation.grains.length === GRAINS.length && validation.grains.every((g) => g.ok);
    if (templateOk) {
      try {
        const range = { from: PERIOD_START, to: PERIOD_END };
        const batch = await registryClient().runSeries(
          base?.database ?? 'hanbit-warehouse',
          GRAINS.map((g) => ({ key: previewKey(g), sql: form.sql, grain: g, range })),
        );
        problems.push(...runProblems(batch.results));
        const shown = batch.results.find((r) => r.key === previewKey(grain));
        if (shown?.ok) preview = shown.rows;
      } catch (e) {
        problems.push({ key: 'engine', values: { message: e instanceof Error ? e.message : String(e) } });
      }
    }
    setCheck({ status: 'done', problems, preview, grain });
    return problems.length === 0 ? validation.metric : null;
  };

  const save = async () => {
    const valid = await runCheck();
    if (!valid) {
      setFailedSave(true);
      return;
    }
    const metric = metricToSave(mode, valid, base, new Date().toISOString());
    putMetric(metric);
    notify('success', t('metrics.saved', { name: metric.name[lang] }));
  };

  const problems = check.status === 'done' ? check.problems : [];
  const firstLine = problems.find((p) => p.line !== undefined);
  const title =
    mode === 'new' ? t('metrics.editor.newTitle') : mode === 'copy' ? t('metrics.editor.copyTitle', { name: base?.name[lang] ?? '' }) : t('metrics.editor.editTitle', { name: base?.name[lang] ?? '' });
  const owners = [{ value: LEARNER_OWNER, label: t('metrics.audit.learner') }, ...ownerTeams().map((o) => ({ value: o.id, label: o.name[lang] }))];
  if (!owners.some((o) => o.value === form.owner)) owners.push({ value: form.owner, label: form.owner });
  const fieldProblem = (field: string) => problems.find((p) => p.field === field);

  const text = (field: keyof MetricForm, label: string, opts: { multiline?: boolean; wide?: boolean; disabled?: boolean } = {}) => {
    const problem = fieldProblem(field);
    return (
      <Field label={label} wide={opts.wide}>
        {(id) =>
          opts.multiline ? (
            <textarea
              id={id}
              className="input mx-textarea"
              rows={3}
              value={String(form[field])}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => set(field, e.target.value as never)}
              data-testid={`metric-field-${field}`}
            />
          ) : (
            <input
              id={id}
              className="input"
              value={String(form[field])}
              disabled={opts.disabled}
              spellCheck={false}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => set(field, e.target.value as never)}
              data-testid={`metric-field-${field}`}
            />
          )
        }
      </Field>
    );
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title} className="mx-editor" testId="metric-editor">
      <form
        className="mx-editor-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="mx-editor-body">
          <div className="mx-editor-fields">
            <p className="mx-muted mx-small">{t('metrics.editor.intro', { period: "{{ period('…') }}" })}</p>
            {text('id', t('metrics.editor.id'), { disabled: mode !== 'new' })}
            {mode === 'new' ? <p className="mx-muted mx-small mx-hint">{t('metrics.editor.idHint')}</p> : null}
            <div className="mx-pair">
              {text('nameKo', t('metrics.editor.nameKo'))}
              {text('nameEn', t('metrics.editor.nameEn'))}
            </div>
            <div className="mx-pair">
              {text('definitionKo', t('metrics.editor.definitionKo'), { multiline: true })}
              {text('definitionEn', t('metrics.editor.definitionEn'), { multiline: true })}
            </div>
            <div className="mx-pair">
              {text('decisionKo', t('metrics.editor.decisionKo'), { multiline: true })}
              {text('decisionEn', t('metrics.editor.decisionEn'), { multiline: true })}
            </div>
            <div className="mx-pair">
              <Field label={t('metrics.editor.owner')}>
                {(id) => <Select id={id} label={t('metrics.editor.owner')} value={form.owner} options={owners} onChange={(v) => set('owner', v)} testId="metric-field-owner" />}
              </Field>
              <Field label={t('metrics.editor.type')}>
                {(id) => (
                  <Select
                    id={id}
                    label={t('metrics.editor.type')}
                    value={form.type}
                    options={[
                      { value: 'kpi', label: t('metrics.type.kpiLong') },
                      { value: 'metric', label: t('metrics.type.metricLong') },
                    ]}
                    onChange={(v) => set('type', v as Metric['type'])}
                    testId="metric-field-type"
                  />
                )}
              </Field>
            </div>
            <div className="mx-pair">
              <Field label={t('metrics.editor.unit')}>
                {(id) => (
                  <Select
                    id={id}
                    label={t('metrics.editor.unit')}
                    value={form.unit}
                    options={MetricUnitSchema.options.map((u) => ({ value: u, label: t(`metrics.unit.${u}`) }))}
                    onChange={(v) => set('unit', v as MetricForm['unit'])}
                    testId="metric-field-unit"
                  />
                )}
              </Field>
              <Field label={t('metrics.editor.direction')}>
                {(id) => (
                  <Select
                    id={id}
                    label={t('metrics.editor.direction')}
                    value={form.higherIsBetter ? 'up' : 'down'}
                    options={[
                      { value: 'up', label: t('metrics.editor.good') },
                      { value: 'down', label: t('metrics.editor.bad') },
                    ]}
                    onChange={(v) => set('higherIsBetter', v === 'up')}
                    testId="metric-field-direction"
                  />
                )}
              </Field>
            </div>
          </div>
          <div className="mx-editor-sql">
            <span className="label mx-label" id="mx-sql-label">
              {t('metrics.editor.sql')}
            </span>
            <Suspense fallback={<div className="mx-sql-editor" />}>
              <MetricSqlEditor
                value={form.sql}
                onChange={(sql) => set('sql', sql)}
                label={t('metrics.editor.sqlLabel')}
                errorLine={firstLine?.line ?? null}
                errorMessage={firstLine ? problemText(firstLine, t) : null}
              />
            </Suspense>
            <div className="mx-editor-check">
              <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.chart.grain')}>
                {GRAINS.map((g) => (
                  <label key={g} className="mx-seg-item" data-checked={grain === g}>
                    <input type="radio" name="mx-editor-grain" checked={grain === g} onChange={() => setGrain(g)} />
                    {t(`metrics.chart.grains.${g}`)}
                  </label>
                ))}
              </div>
              <button type="button" className="btn" onClick={() => void runCheck()} disabled={check.status === 'checking'} data-testid="metric-preview">
                <Play aria-hidden /> {check.status === 'checking' ? t('metrics.editor.previewing') : t('metrics.editor.preview')}
              </button>
            </div>
            <div className="mx-editor-result" aria-live="polite">
              {check.status === 'done' && problems.length > 0 ? (
                <div className="mx-problems" role="alert" data-testid="metric-problems">
                  {failedSave ? (
                    <p className="mx-problems-head">
                      <AlertCircle aria-hidden /> {t('metrics.editor.notSaved')}
                    </p>
                  ) : null}
                  <ul>
                    {problems.map((p, i) => (
                      <li key={i} data-line={p.line}>
                        {problemText(p, t)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {/* The series draws as soon as the query runs, even while a field is still empty. */}
              {check.status === 'done' && check.preview && !problems.some((p) => p.field === undefined) ? (
                <div className="mx-preview" data-testid="metric-preview-result">
                  <p className="mx-ok">
                    <CheckCircle2 aria-hidden /> {t('metrics.editor.previewOk', { count: check.preview.length, grain: t(`metrics.chart.grainWords.${check.grain}`) })}
                  </p>
                  <SeriesChart
                    rows={check.preview}
                    name={(lang === 'ko' ? form.nameKo : form.nameEn).trim() || undefined}
                    label={t('metrics.editor.previewTitle', { grain: t(`metrics.chart.grainWords.${check.grain}`) })}
                    grain={check.grain}
                    unit={form.unit}
                    height={150}
                  />
                </div>
              ) : null}
            </div>
          </div>
        </div>
        <div className="dialog-actions mx-editor-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('metrics.editor.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={check.status === 'checking'} data-testid="metric-save">
            {mode === 'edit' ? t('metrics.editor.saveChanges') : t('metrics.editor.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
