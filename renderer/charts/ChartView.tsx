import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { VegaLiteSpec } from '../../core/charts/spec.ts';
import { chartConfig } from './vega-config.ts';
import { useDarkTheme } from '../ui/use-dark-theme.ts';

/** What the chart panel can ask of a drawn chart. */
export interface ChartHandle {
  toSvg: () => Promise<string>;
  toPng: () => Promise<string>;
}

/**
 * Renders a Vega-Lite spec as SVG. Expressions go through vega-interpreter (ast: true), so the
 * CSP never needs 'unsafe-eval'. Loaded lazily with the chart tab.
 */
export default function ChartView({ spec, onReady }: { spec: VegaLiteSpec; onReady: (handle: ChartHandle | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dark = useDarkTheme();
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let view: View | null = null;
    let cancelled = false;
    setError(null);
    try {
      const vg = compile(spec as unknown as TopLevelSpec, { config: chartConfig(lang, dark) as Config }).spec;
      const runtime = parse(vg, undefined, { ast: true });
      view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container: el, hover: true });
      view.runAsync().then(
        () => {
          if (cancelled || !view) return;
          const v = view;
          onReady({ toSvg: () => v.toSVG(), toPng: () => v.toImageURL('png', 2) });
        },
        (e: unknown) => !cancelled && setError((e as Error).message),
      );
    } catch (e) {
      setError((e as Error).message);
    }
    return () => {
      cancelled = true;
      onReady(null);
      view?.finalize();
    };
  }, [spec, onReady, lang, dark]);
  return (
    <>
      {error ? (
        <p className="chart-error" role="alert">
          {t('chart.failed', { message: error })}
        </p>
      ) : null}
      <div className="chart-view" ref={ref} role="img" aria-label={t('chart.label')} data-testid="chart-view" />
    </>
  );
}
