import { lazy, Suspense } from 'react';
import type { VegaLiteSpec } from '../../../core/charts/spec.ts';

const ChartView = lazy(() => import('../../charts/ChartView.tsx'));
const noop = (): void => undefined;

/** A Vega-Lite chart of the Experiments screen, drawn by the app's ChartView (CSP-safe, themed, localised). */
export function XpChart({ spec, testId }: { spec: VegaLiteSpec; testId: string }) {
  return (
    <div className="xp-chart" data-testid={testId}>
      <Suspense fallback={null}>
        <ChartView spec={spec} onReady={noop} />
      </Suspense>
    </div>
  );
}
