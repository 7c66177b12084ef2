import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VegaLiteSpec } from '../../../core/charts/spec.ts';
import { useStore } from '../../state/store.ts';
import { queryData } from '../sandbox/workbench.ts';
import { CodeBlock } from '../../ui/CodeBlock.tsx';
import { localizeLessonSpec, type ChartTitle } from '../../../core/charts/lesson-chart.ts';

const ChartView = lazy(() => import('../../charts/ChartView.tsx'));

/**
 * A step's chart: the lesson's Vega-Lite spec over the rows of its query, on the live data, with
 * the lesson's titles and month or hour labels in the UI language.
 */
export function ReadChart({
  sql,
  spec,
  titles,
  database,
}: {
  sql: string;
  spec: Record<string, unknown>;
  titles: Record<string, ChartTitle>;
  database: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const engine = useStore((s) => s.engine);
  const databaseId = useStore((s) => s.databaseId);
  const [values, setValues] = useState<Record<string, unknown>[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onReady = useCallback(() => undefined, []);
  // Only once the step's own database is open; busy (our own query) still counts as open.
  const ready = databaseId === database && (engine === 'idle' || engine === 'busy');
  useEffect(() => {
    if (!ready || values || error) return;
    let live = true;
    queryData(sql).then(
      (out) => {
        if (!live) return;
        const result = out.results.at(-1);
        if (out.error || !result) return setError(out.error?.message ?? 'no result');
        setValues(result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i] ?? null]))));
      },
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [sql, ready, values, error]);
  // Re-localised when the UI language changes; the query's rows are kept.
  const full = useMemo<VegaLiteSpec | null>(
    () =>
      values && {
        width: 'container',
        height: 260,
        autosize: { type: 'fit', contains: 'padding' },
        ...localizeLessonSpec(spec, titles, lang),
        data: { values },
      },
    [values, spec, titles, lang],
  );
  if (error) return <p className="chart-error">{t('chart.failed', { message: error })}</p>;
  if (!full) return <p className="muted">{t('chart.rendering')}</p>;
  return (
    <div className="read-chart">
      <Suspense fallback={<p className="muted">{t('chart.rendering')}</p>}>
        <ChartView spec={full} onReady={onReady} />
      </Suspense>
      <details className="read-chart-sql">
        <summary>{t('lesson.chartQuery')}</summary>
        <CodeBlock code={sql} copyable testId="chart-query" />
      </details>
    </div>
  );
}
