import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { chartConfig } from '../../charts/vega-config.ts';
import { useDarkTheme } from '../../ui/use-dark-theme.ts';

/*
 * A Vega-Lite spec drawn to fill its box (a tile's body): the box's size goes into the spec, so a
 * resized tile redraws at its new size instead of scaling its text. Expressions go through
 * vega-interpreter, as in ChartView, so the CSP never needs 'unsafe-eval'.
 */

/** The pixel size of an element, updated as it changes. */
export function useBoxSize<T extends HTMLElement>(): [React.RefObject<T | null>, { width: number; height: number } | null] {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}

/** A Vega-Lite spec (made for a width and a height) drawn as SVG into a box that fills its parent. */
export function TileVega({
  spec,
  label,
  testId,
}: {
  spec: (size: { width: number; height: number }) => unknown;
  label: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const dark = useDarkTheme();
  const [box, size] = useBoxSize<HTMLDivElement>();
  const target = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;
  useEffect(() => {
    const el = target.current;
    if (!el || !size || size.width < 20 || size.height < 16) return;
    let view: View | null = null;
    let cancelled = false;
    try {
      const vl = spec(size) as TopLevelSpec;
      const vg = compile(vl, { config: chartConfig(lang, dark) as Config }).spec;
      view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'svg', container: el, hover: true });
      view.runAsync().then(
        () => !cancelled && setError(null),
        (e: unknown) => !cancelled && setError((e as Error).message),
      );
    } catch (e) {
      setError((e as Error).message);
    }
    return () => {
      cancelled = true;
      view?.finalize();
    };
  }, [spec, size, lang, dark]);
  return (
    <div className="dash-vega-box" ref={box}>
      {error ? (
        <p className="dash-tile-error-text" role="alert">
          {t('chart.failed', { message: error })}
        </p>
      ) : null}
      <div className="dash-vega" ref={target} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
