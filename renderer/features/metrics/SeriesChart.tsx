import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { Grain, MetricUnit } from '../../../core/metrics/schema.ts';
import type { VegaLiteSpec } from '../../../core/charts/spec.ts';
import type { SeriesPoint } from '../../workbench/metrics-client.ts';

const ChartView = lazy(() => import('../../charts/ChartView.tsx'));

// PROVISIONAL: minimal specs until core/metrics/tile-specs.ts lands; then these call it.
function lineSpec(values: object[], color: boolean, height: number): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height,
    data: { values },
    mark: { type: 'line', point: false },
    encoding: {
      x: { field: 'period', type: 'temporal', title: null },
      y: { field: 'value', type: 'quantitative', title: null },
      ...(color ? { color: { field: 'series', type: 'nominal', title: null } } : {}),
    },
  } as unknown as VegaLiteSpec;
}

function Chart({ spec, label }: { spec: VegaLiteSpec; label: string }) {
  const onReady = useCallback(() => undefined, []);
  return (
    <div className="mx-chart-box" aria-label={label} role="figure">
      <Suspense fallback={null}>
        <ChartView spec={spec} onReady={onReady} />
      </Suspense>
    </div>
  );
}

/** One metric's series as a line chart. */
export function SeriesChart({ rows, height, label }: { rows: SeriesPoint[]; name: string; grain: Grain; unit: MetricUnit; label: string; height: number }) {
  const spec = useMemo(() => lineSpec(rows, false, height), [rows, height]);
  return <Chart spec={spec} label={label} />;
}

/** The two definitions of revenue on one chart. */
export function TwoDefinitionsChart({ net, gross, label }: { net: { name: string; rows: SeriesPoint[] }; gross: { name: string; rows: SeriesPoint[] }; grain: Grain; label: string }) {
  const spec = useMemo(
    () => lineSpec([...net.rows.map((r) => ({ ...r, series: net.name })), ...gross.rows.map((r) => ({ ...r, series: gross.name }))], true, 260),
    [net, gross],
  );
  return <Chart spec={spec} label={label} />;
}
