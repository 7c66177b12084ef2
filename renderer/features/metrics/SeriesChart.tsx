import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateRange, Grain, MetricUnit } from '../../../core/metrics/schema.ts';
import { chartTileSpec, definitionsSpec, revenueDefinitionsSpec, type DefinitionSeries } from '../../../core/metrics/tile-specs.ts';
import type { VegaLiteSpec } from '../../../core/charts/spec.ts';
import type { SeriesPoint } from '../../workbench/metrics-client.ts';
import { langOf } from './registry-view.ts';

const ChartView = lazy(() => import('../../charts/ChartView.tsx'));

function Chart({ spec, label, height }: { spec: VegaLiteSpec; label: string; height: number }) {
  const onReady = useCallback(() => undefined, []);
  return (
    <figure className="mx-chart-box" aria-label={label} style={{ minHeight: height }}>
      <Suspense fallback={null}>
        <ChartView spec={spec} onReady={onReady} />
      </Suspense>
    </figure>
  );
}

/**
 * One metric's series as a line chart (the dashboard's chart-tile spec), its axis in the metric's
 * unit; with `range`, a period the range cuts is drawn apart (hollow point, dashed segment).
 */
export function SeriesChart({ rows, name, grain, unit, label, height, range }: { rows: SeriesPoint[]; name: string | undefined; grain: Grain; unit: MetricUnit; label: string; height: number; range?: DateRange }) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const spec = useMemo(
    () => chartTileSpec(rows, { mark: 'line', unit, grain, lang, width: 'container', height, ...(name ? { valueTitle: name } : {}), ...(range ? { range } : {}) }),
    [rows, unit, grain, lang, height, name, range],
  );
  return <Chart spec={spec} label={label} height={height} />;
}

/** The two definitions of revenue on one chart, each line named by its definition. */
export function TwoDefinitionsChart({ net, gross, grain, label }: { net: SeriesPoint[]; gross: SeriesPoint[]; grain: Grain; label: string }) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const spec = useMemo(() => revenueDefinitionsSpec(net, gross, { grain, lang, width: 'container', height: 260 }), [net, gross, grain, lang]);
  return <Chart spec={spec} label={label} height={260} />;
}

/** Two metrics that share a name on one chart, each line labelled with its name and id. */
export function DefinitionsChart({ series, unit, grain, title, valueTitle, label }: { series: DefinitionSeries[]; unit: MetricUnit; grain: Grain; title: string; valueTitle: string; label: string }) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const spec = useMemo(
    () => definitionsSpec(series, { unit, grain, lang, title, valueTitle, width: 'container', height: 260 }),
    [series, unit, grain, lang, title, valueTitle],
  );
  return <Chart spec={spec} label={label} height={260} />;
}
