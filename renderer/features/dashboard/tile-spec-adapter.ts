import type { DateRange, Grain, MetricUnit } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';
import { chartTileSpec, kpiSparklineSpec } from '../../../core/metrics/tile-specs.ts';

/*
 * The tile specs of core/metrics/tile-specs.ts, made for a box: the tile body's measured size goes
 * in, and `autosize: fit` keeps axes and legends inside it, so a resized tile redraws at its size.
 */

/** A spec maker for a box size. */
export type SizedSpec = (size: { width: number; height: number }) => unknown;

/** The KPI tile's sparkline over the periods on show (a period the range cuts drawn apart). */
export function sparklineSpecFor(
  points: readonly SeriesPoint[],
  unit: MetricUnit,
  grain: Grain,
  lang: 'ko' | 'en',
  range?: DateRange,
): SizedSpec {
  return ({ width, height }) => ({
    ...kpiSparklineSpec(points, { unit, grain, lang, width, height, ...(range ? { range } : {}) }),
    autosize: { type: 'fit', contains: 'padding' },
  });
}

/**
 * A chart tile's chart (one colour per `series` when the rows carry one), axis titles left to the
 * tile's header; a period the range cuts is drawn apart (chartTileSpec's `range`).
 */
export function chartSpecFor(
  rows: readonly SeriesPoint[],
  mark: 'line' | 'bar' | 'area',
  unit: MetricUnit,
  grain: Grain,
  lang: 'ko' | 'en',
  range?: DateRange,
): SizedSpec {
  return ({ width, height }) => {
    const spec = chartTileSpec(rows, { mark, unit, grain, lang, width, height, ...(range ? { range } : {}) }) as Record<string, unknown> & {
      encoding?: Record<string, Record<string, unknown>>;
    };
    // The tile's title bar already names the metric, grain and range: axis titles would repeat it in less room.
    const encoding = spec.encoding ? { ...spec.encoding } : undefined;
    if (encoding?.x) encoding.x = { ...encoding.x, title: null };
    if (encoding?.y) encoding.y = { ...encoding.y, title: null };
    return { ...spec, ...(encoding ? { encoding } : {}), autosize: { type: 'fit', contains: 'padding' } };
  };
}
