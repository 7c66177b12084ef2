import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { changeset, parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { chartConfig } from '../../charts/vega-config.ts';
import { useDarkTheme } from '../../ui/use-dark-theme.ts';

/*
 * A Vega-Lite spec drawn to fill its box (a tile's body): the box's size goes into the spec, so a
 * resized tile redraws at its new size instead of scaling its text. Expressions go through
 * vega-interpreter, as in ChartView, so the CSP never needs 'unsafe-eval'.
 *
 * A filter change gives a tile new rows, not a new chart: the spec's inline values are moved to a
 * named data source, and while the rest of the spec (mark, encodings, size, theme) is the same
 * the compiled view is kept and only its data is swapped. Compiling Vega-Lite and parsing Vega
 * for eight tiles at once was most of a redraw's time on the main thread.
 */

/** The named data source a tile's rows go into. */
const SOURCE = 'tile_rows';

/** Compiled Vega specs by shape (the spec without its rows, theme and language): tiles of one kind and size share one. */
const compiled = new Map<string, unknown>();
const COMPILED_KEEP = 64;

function compiledSpec(key: string, shape: Record<string, unknown>, lang: string, dark: boolean): unknown {
  let vg = compiled.get(key);
  if (vg === undefined) {
    vg = compile(shape as unknown as TopLevelSpec, { config: chartConfig(lang, dark) as Config }).spec;
    compiled.set(key, vg);
    if (compiled.size > COMPILED_KEEP) compiled.delete(compiled.keys().next().value as string);
  }
  return vg;
}

/**
 * Tiles draw one per task, not all in the commit that changed eight tiles at once: the main
 * thread stays free for input between them (a grain change recompiles every tile).
 */
const queue: (() => void)[] = [];
let pumping = false;
function later(job: () => void): void {
  queue.push(job);
  if (pumping) return;
  pumping = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    queue.shift()?.();
    if (queue.length > 0) channel.port2.postMessage(null);
    else {
      pumping = false;
      channel.port1.close();
    }
  };
  channel.port2.postMessage(null);
}

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

/** A spec split into its inline rows and the rest (what decides whether the compiled view can be kept). */
function splitData(spec: Record<string, unknown>): { shape: Record<string, unknown>; values: unknown[] | null } {
  const data = spec.data as { values?: unknown } | undefined;
  if (!data || !Array.isArray(data.values)) return { shape: spec, values: null };
  return { shape: { ...spec, data: { name: SOURCE } }, values: data.values };
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
  const live = useRef<{ key: string; view: View } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;

  // The view goes with the component.
  useEffect(
    () => () => {
      live.current?.view.finalize();
      live.current = null;
    },
    [],
  );

  useEffect(() => {
    const el = target.current;
    if (!el || !size || size.width < 20 || size.height < 16) return;
    let cancelled = false;
    const drawn = (): void => {
      if (cancelled) return;
      setError(null);
      // When it last finished drawing: the redraw benchmark (scripts/bench-dashboard.ts) waits for it.
      el.dataset.drawnAt = String(performance.now());
    };
    const failed = (e: unknown): void => {
      if (!cancelled) setError(e instanceof Error ? e.message : String(e));
    };
    try {
      const { shape, values } = splitData(spec(size) as Record<string, unknown>);
      const key = `${lang}|${dark ? 'dark' : 'light'}|${JSON.stringify(shape)}`;
      const current = live.current;
      if (current && current.key === key && values) {
        later(() => {
          if (cancelled) return;
          current.view
            .change(
              SOURCE,
              changeset()
                .remove(() => true)
                .insert(values),
            )
            .runAsync()
            .then(drawn, failed);
        });
      } else {
        later(() => {
          if (cancelled) return;
          try {
            live.current?.view.finalize();
            live.current = null;
            const vg = compiledSpec(key, shape, lang, dark);
            const view = new View(parse(vg as Parameters<typeof parse>[0], undefined, { ast: true }), {
              expr: expressionInterpreter,
              renderer: 'svg',
              container: el,
              hover: true,
            });
            if (values) view.insert(SOURCE, values);
            live.current = { key, view };
            view.runAsync().then(drawn, failed);
          } catch (e) {
            failed(e);
          }
        });
      }
    } catch (e) {
      failed(e);
    }
    return () => {
      cancelled = true;
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
