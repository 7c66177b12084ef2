import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowLeft } from 'lucide-react';
import { hanbitMetric, REVENUE_DEFINITIONS } from '../../../core/metrics/hanbit-metrics.ts';
import { GRAINS, type Grain, type Metric } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../workbench/metrics-client.ts';
import { formatValue, periodLabel } from '../../../core/metrics/tile-specs.ts';
import { FULL_RANGE } from './MetricChart.tsx';
import { useMetricsStore } from './metrics-store.ts';
import { langOf, registryList } from './registry-view.ts';
import { DefinitionsChart, TwoDefinitionsChart } from './SeriesChart.tsx';
import { useSeries } from './use-series.ts';

/** Totals of both definitions over the range, their gap, and the period where they differ most. */
export function revenueGap(net: readonly SeriesPoint[], gross: readonly SeriesPoint[]): { net: number; gross: number; gap: number; share: number; largest: { period: string; gap: number } | null } {
  const sum = (rows: readonly SeriesPoint[]) => rows.reduce((a, r) => a + (r.value ?? 0), 0);
  const netTotal = sum(net);
  const grossTotal = sum(gross);
  const netBy = new Map(net.map((r) => [r.period, r.value ?? 0]));
  let largest: { period: string; gap: number } | null = null;
  for (const r of gross) {
    const gap = (r.value ?? 0) - (netBy.get(r.period) ?? 0);
    if (!largest || gap > largest.gap) largest = { period: r.period, gap };
  }
  return { net: netTotal, gross: grossTotal, gap: grossTotal - netTotal, share: netTotal === 0 ? 0 : (grossTotal - netTotal) / netTotal, largest };
}

/** Two series of the comparison: the metrics, their answers (or still computing, or why they failed). */
type PairState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; rows: [SeriesPoint[], SeriesPoint[]] };

/** Both metrics' series at the grain over the data's range: one batch when they read one database. */
function usePair(first: Metric, second: Metric, grain: Grain): PairState {
  const same = first.database === second.database;
  const one = useMemo(
    () => [first, ...(same ? [second] : [])].map((m) => ({ key: m.id, sql: m.sql, grain, range: FULL_RANGE })),
    [first, second, same, grain],
  );
  const two = useMemo(() => (same ? null : [{ key: second.id, sql: second.sql, grain, range: FULL_RANGE }]), [second, same, grain]);
  const a = useSeries(first.database, one);
  const b = useSeries(second.database, two);
  if (a.status === 'failed') return a;
  if (!same && b.status === 'failed') return b;
  if (a.status === 'loading' || (!same && b.status === 'loading')) return { status: 'loading' };
  const results = [...(a.status === 'done' ? a.results : []), ...(!same && b.status === 'done' ? b.results : [])];
  const [r1, r2] = results;
  if (!r1?.ok || !r2?.ok) {
    const bad = results.find((r) => !r.ok);
    return { status: 'failed', message: bad && !bad.ok ? bad.error.message : '' };
  }
  return { status: 'done', rows: [r1.rows, r2.rows] };
}

/**
 * Two definitions on one chart at the chosen grain, with their totals and the gap between them: a
 * vague definition gives two numbers. By default the two published definitions of revenue (with
 * refunds taken out, the KPI, and without); from a name conflict's warning, the two metrics that
 * share the name (marketing's "Revenue" and the KPI, say), each line named by its metric.
 */
export function CompareView() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const grain = useMetricsStore((s) => s.grain);
  const setGrain = useMetricsStore((s) => s.setGrain);
  const selectMetric = useMetricsStore((s) => s.selectMetric);
  const selected = useMetricsStore((s) => s.selected);
  const pair = useMetricsStore((s) => s.comparePair);
  const doc = useMetricsStore((s) => s.doc);
  const named = useMemo(() => {
    if (!pair) return null;
    const list = registryList(doc);
    const [a, b] = pair.map((id) => list.find((m) => m.id === id));
    // A metric deleted meanwhile: back to the published revenues.
    return a && b ? ([a, b] as [Metric, Metric]) : null;
  }, [pair, doc]);
  const [first, second] = useMemo(() => named ?? (REVENUE_DEFINITIONS.map((id) => hanbitMetric(id)) as [Metric, Metric]), [named]);
  const state = usePair(first, second, grain);
  const grainWord = t(`metrics.chart.grainWords.${grain}`);
  const money = (v: number) => formatValue(v, 'krw', lang);
  const percentOf = (share: number) => new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }).format(share);
  const shared = named ? first.name[lang] : '';

  let body;
  if (state.status === 'loading') body = <p className="mx-chart-status mx-muted" role="status">{t('metrics.compareView.loading')}</p>;
  else if (state.status === 'failed') body = <p className="mx-chart-status mx-error" role="alert">{t('metrics.compareView.failed', { message: state.message })}</p>;
  else if (!named) {
    const [netRows, grossRows] = state.rows;
    const [net, gross] = [first, second];
    const gap = revenueGap(netRows, grossRows);
    const percent = percentOf(gap.share);
    body = (
      <>
        <div className="mx-chart" data-testid="compare-chart">
          <TwoDefinitionsChart net={netRows} gross={grossRows} grain={grain} label={t('metrics.compareView.chartLabel', { grain: grainWord })} />
        </div>
        <div className="mx-compare-figures" data-testid="compare-figures">
          {[
            [net, gap.net],
            [gross, gap.gross],
          ].map(([m, total]) => (
            <div key={(m as Metric).id} className="mx-figure">
              <span className="mx-figure-label">{(m as Metric).name[lang]}</span>
              <span className="mx-figure-value">{money(total as number)}</span>
              <span className="mx-muted mx-small">{t('metrics.compareView.total')}</span>
              <button type="button" className="btn ghost small" onClick={() => selectMetric((m as Metric).id)}>
                {t('metrics.compareView.open')}
              </button>
            </div>
          ))}
          <div className="mx-figure mx-figure-gap" data-testid="compare-gap">
            <span className="mx-figure-label">{t('metrics.compareView.gap')}</span>
            <span className="mx-figure-value">{money(gap.gap)}</span>
            <span className="mx-small">{t('metrics.compareView.gapBody', { gross: gross.name[lang], net: net.name[lang], gap: money(gap.gap), percent })}</span>
            {gap.largest ? <span className="mx-muted mx-small">{t('metrics.compareView.largest', { period: periodLabel(gap.largest.period, grain, lang), gap: money(gap.largest.gap) })}</span> : null}
          </div>
        </div>
      </>
    );
  } else {
    const label = (m: Metric) => `${m.name[lang]} (${m.id})`;
    const sum = (rows: readonly SeriesPoint[]) => rows.reduce((a, r) => a + (r.value ?? 0), 0);
    const totals = state.rows.map(sum) as [number, number];
    const metrics = [first, second] as const;
    // A gap in one unit only (and not of ratios, whose sums mean nothing).
    const comparable = first.unit === second.unit && first.unit !== 'ratio';
    const moreAt = totals[1] > totals[0] ? 1 : 0;
    const lessAt = moreAt === 1 ? 0 : 1;
    const gap = comparable ? revenueGap(state.rows[lessAt]!, state.rows[moreAt]!) : null;
    const value = (v: number, m: Metric) => formatValue(v, m.unit, lang);
    body = (
      <>
        <div className="mx-chart" data-testid="compare-chart">
          <DefinitionsChart
            series={metrics.map((m, i) => ({ label: label(m), points: state.rows[i]! }))}
            unit={first.unit}
            grain={grain}
            title={t('metrics.compareView.chartTitleNamed', { name: shared })}
            valueTitle={shared}
            label={t('metrics.compareView.chartLabelNamed', { name: shared, grain: grainWord })}
          />
        </div>
        <div className="mx-compare-figures" data-testid="compare-figures">
          {metrics.map((m, i) => (
            <div key={m.id} className="mx-figure" data-testid={`compare-figure-${m.id}`}>
              <span className="mx-figure-label">{label(m)}</span>
              <span className="mx-figure-value">{value(totals[i]!, m)}</span>
              <span className="mx-muted mx-small">{t('metrics.compareView.total')}</span>
              <span className="mx-small" lang={lang}>
                {m.definition[lang]}
              </span>
              <button type="button" className="btn ghost small" onClick={() => selectMetric(m.id)}>
                {t('metrics.compareView.open')}
              </button>
            </div>
          ))}
          {gap ? (
            <div className="mx-figure mx-figure-gap" data-testid="compare-gap">
              <span className="mx-figure-label">{t('metrics.compareView.gap')}</span>
              <span className="mx-figure-value">{value(gap.gap, first)}</span>
              <span className="mx-small">
                {t('metrics.compareView.gapNamed', {
                  more: label(metrics[moreAt]),
                  less: label(metrics[lessAt]),
                  gap: value(gap.gap, first),
                  percent: percentOf(gap.share),
                })}
              </span>
              {gap.largest ? (
                <span className="mx-muted mx-small">{t('metrics.compareView.largest', { period: periodLabel(gap.largest.period, grain, lang), gap: value(gap.largest.gap, first) })}</span>
              ) : null}
            </div>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <article className="mx-detail" aria-labelledby="mx-compare-title" data-testid="compare-view" data-pair={`${first.id},${second.id}`}>
      <header className="mx-detail-head">
        <div className="mx-detail-title">
          <h2 id="mx-compare-title">{named ? t('metrics.compareView.titleNamed', { name: shared }) : t('metrics.compareView.title')}</h2>
        </div>
        <div className="mx-detail-actions">
          <button type="button" className="btn" onClick={() => selectMetric(selected)} data-testid="compare-back">
            <ArrowLeft aria-hidden /> {t('metrics.compareView.back')}
          </button>
        </div>
      </header>
      <p className="mx-lead">{named ? t('metrics.compareView.introNamed', { name: shared }) : t('metrics.compareView.intro')}</p>
      <section className="mx-card" aria-labelledby="mx-compare-chart-title">
        <header className="mx-card-head">
          <h3 id="mx-compare-chart-title">{t('metrics.chart.title')}</h3>
          <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.chart.grain')}>
            {GRAINS.map((g: Grain) => (
              <label key={g} className="mx-seg-item" data-checked={grain === g}>
                <input type="radio" name="mx-compare-grain" checked={grain === g} onChange={() => setGrain(g)} />
                {t(`metrics.chart.grains.${g}`)}
              </label>
            ))}
          </div>
        </header>
        {body}
      </section>
    </article>
  );
}
