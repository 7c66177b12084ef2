import type { VegaLiteSpec } from '../../../core/charts/spec.ts';
import type { CumulativePoint, PeekingResult } from '../../../core/stats/index.ts';

/**
 * The Vega-Lite specs of the Experiments screen: the cumulative difference with its interval, the
 * false-positive rate by number of looks, and the many-metrics curve. Titles come in the UI
 * language from the caller; the app's chart config supplies the theme and number locale.
 */

const BAND = '#4c6ef5';
const ALERT = '#fa5252';

/** The cumulative difference (pp) by assignment date: the interval as a band, the difference as a line, a rule at zero. */
export function cumulativeSpec(points: CumulativePoint[], titles: { date: string; diff: string; low: string; high: string }): VegaLiteSpec {
  const values = points.map((p) => ({ date: p.date, diff: p.diff * 100, low: p.low * 100, high: p.high * 100 }));
  const x = { field: 'date', type: 'temporal', title: titles.date, axis: { format: '%m-%d', labelAngle: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 240,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.18, color: BAND },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: titles.diff }, y2: { field: 'high' } },
      },
      {
        mark: { type: 'line', color: BAND, point: { size: 14, filled: true, color: BAND } },
        encoding: {
          x,
          y: { field: 'diff', type: 'quantitative', title: titles.diff },
          tooltip: [
            { field: 'date', type: 'temporal', title: titles.date, format: '%Y-%m-%d' },
            { field: 'diff', type: 'quantitative', title: titles.diff, format: '+.2f' },
            { field: 'low', type: 'quantitative', title: titles.low, format: '+.2f' },
            { field: 'high', type: 'quantitative', title: titles.high, format: '+.2f' },
          ],
        },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: ALERT, strokeDash: [4, 3] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
    ],
  };
}

/** False-positive rate by number of looks, with the promised α as a dashed rule. */
export function peekingSpec(result: PeekingResult, titles: { looks: string; rate: string; nominal: string }): VegaLiteSpec {
  const values = result.rows.map((r) => ({ looks: String(r.looks), rate: r.falsePositiveRate }));
  const order = result.rows.map((r) => String(r.looks));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 240,
    layer: [
      {
        data: { values },
        mark: { type: 'line', color: ALERT, point: { size: 50, filled: true, color: ALERT } },
        encoding: {
          x: { field: 'looks', type: 'ordinal', sort: order, title: titles.looks, axis: { labelAngle: 0 } },
          y: { field: 'rate', type: 'quantitative', title: titles.rate, axis: { format: '.0%' }, scale: { domain: [0, Math.max(0.4, ...values.map((v) => v.rate))] } },
          tooltip: [
            { field: 'looks', title: titles.looks },
            { field: 'rate', type: 'quantitative', title: titles.rate, format: '.1%' },
          ],
        },
      },
      {
        data: { values: [{ alpha: result.alpha, label: titles.nominal }] },
        layer: [
          { mark: { type: 'rule', color: BAND, strokeDash: [4, 3] }, encoding: { y: { field: 'alpha', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'right', dx: -4, dy: -8, color: BAND, x: 'width' },
            encoding: { y: { field: 'alpha', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}

/** P(at least one of m metrics "significant") for each m, with α as a dashed rule. */
export function manyMetricsSpec(rows: { m: number; p: number }[], alpha: number, titles: { metrics: string; atLeastOne: string }): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 200,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', color: ALERT, opacity: 0.8 },
        encoding: {
          x: { field: 'm', type: 'ordinal', title: titles.metrics, axis: { labelAngle: 0 } },
          y: { field: 'p', type: 'quantitative', title: titles.atLeastOne, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          tooltip: [
            { field: 'm', title: titles.metrics },
            { field: 'p', type: 'quantitative', title: titles.atLeastOne, format: '.1%' },
          ],
        },
      },
      { data: { values: [{ alpha }] }, mark: { type: 'rule', color: BAND, strokeDash: [4, 3] }, encoding: { y: { field: 'alpha', type: 'quantitative' } } },
    ],
  };
}

/** The chance that at least one of m independent tests at α is significant under the null: 1 − (1 − α)^m, for m = 1..max. */
export function anyFalsePositive(alpha: number, max = 20): { m: number; p: number }[] {
  return Array.from({ length: max }, (_, i) => ({ m: i + 1, p: 1 - (1 - alpha) ** (i + 1) }));
}
