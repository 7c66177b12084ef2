import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import {
  AlertTriangle,
  ArrowDownRight,
  ArrowRight,
  ArrowUpRight,
  ExternalLink,
  GripVertical,
  Info,
  MoreHorizontal,
  Trash2,
} from 'lucide-react';
import type { Dashboard, Metric, Tile as TileData } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { changeTone, formatChange, formatCompact, formatExact } from './kpi.ts';
import { kpiSummary, partialLegend, partialPeriods, periodLabel } from '../../../core/metrics/tile-specs.ts';
import type { LayoutStep } from './layout-ops.ts';
import type { Basis, TileError, TileResult } from './tile-runs.ts';
import { TileVega } from './TileVega.tsx';
import { chartSpecFor, sparklineSpecFor } from './tile-spec-adapter.ts';

/** What a tile needs beyond its data: its metric, title and the screen's handlers. */
export interface TileProps {
  tile: TileData;
  dashboard: Dashboard;
  metric: Metric | undefined;
  /** The metric id the tile names when the registry no longer has it. */
  missingMetric: string | null;
  title: string;
  result: TileResult | undefined;
  onStep: (tileId: string, step: LayoutStep) => void;
  onRemove: (tileId: string) => void;
  onInfo: (tileId: string) => void;
  onOpenMetric: (metricId: string) => void;
}

const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
const RESIZE = { left: 'narrower', right: 'wider', up: 'shorter', down: 'taller' } as const;

/** The keyboard step an arrow key asks for on a focused tile (Shift resizes), or null. */
export function stepForKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>): LayoutStep | null {
  const dir = ARROWS[e.key];
  if (!dir || e.altKey || e.ctrlKey || e.metaKey) return null;
  return e.shiftKey ? { op: 'resize', dir: RESIZE[dir] } : { op: 'move', dir };
}

function errorText(t: TFunction, error: TileError): string {
  const columns = 'columns' in error && error.columns ? error.columns.join(', ') || '–' : '–';
  const body = t(`dashboard.errors.${error.code}`, { message: error.message, columns });
  return error.line !== undefined ? t('dashboard.tile.failedAt', { line: error.line, message: body }) : body;
}

/** One dashboard tile: its title bar (what it computes, what it is, its metric, its menu) and its KPI or chart. */
export const Tile = memo(function Tile(props: TileProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { tile, dashboard, metric, result, title } = props;
  const grain = t(`dashboard.grainsAdj.${dashboard.grain}`);
  const subtitle = t('dashboard.tile.computes', { grain, from: dashboard.range.from, to: dashboard.range.to });
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      // Keys typed on the tile's own buttons stay theirs.
      if (e.target !== e.currentTarget) return;
      const step = stepForKey(e);
      if (!step) return;
      e.preventDefault();
      props.onStep(tile.id, step);
    },
    [props, tile.id],
  );
  const loading = result?.loading ?? true;
  return (
    <section
      className={`dash-tile dash-tile-${tile.kind}`}
      tabIndex={0}
      aria-roledescription={t('dashboard.tile.role')}
      aria-label={`${title} (${tile.kind === 'kpi' ? t('dashboard.tile.kpi') : t('dashboard.tile.chart')})`}
      aria-describedby="dash-keys-help"
      aria-busy={loading}
      onKeyDown={onKeyDown}
      data-testid={`tile-${tile.id}`}
      data-kind={tile.kind}
      data-state={loading ? 'loading' : result?.error || props.missingMetric ? 'error' : 'ready'}
    >
      <TileHeader
        tileId={tile.id}
        title={title}
        subtitle={subtitle}
        metricId={tile.metricId && metric ? metric.id : null}
        metricName={metric?.name[lang] ?? ''}
        onInfo={props.onInfo}
        onRemove={props.onRemove}
        onOpenMetric={props.onOpenMetric}
      />
      <div className="dash-tile-body">
        <TileBody {...props} lang={lang} />
      </div>
      <div className={`dash-tile-progress${loading ? ' on' : ''}`} aria-hidden />
    </section>
  );
});

/** A tile's title bar: what it computes, "what is this", its metric, its menu. Memoised on plain values: a redraw of the body leaves it alone. */
const TileHeader = memo(function TileHeader({
  tileId,
  title,
  subtitle,
  metricId,
  metricName,
  onInfo,
  onRemove,
  onOpenMetric,
}: {
  tileId: string;
  title: string;
  subtitle: string;
  metricId: string | null;
  metricName: string;
  onInfo: (tileId: string) => void;
  onRemove: (tileId: string) => void;
  onOpenMetric: (metricId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <header className="dash-tile-head dash-drag">
      <Tooltip text={t('dashboard.tile.keys')}>
        <span className="dash-grip" aria-hidden>
          <GripVertical />
        </span>
      </Tooltip>
      <h3 className="dash-tile-title" title={title}>
        {title}
      </h3>
      <div className="dash-tile-actions dash-no-drag">
        <Tooltip text={t('dashboard.tile.info')}>
          <button
            className="btn ghost icon small"
            aria-label={`${t('dashboard.tile.info')} ${title}`}
            onClick={() => onInfo(tileId)}
            data-testid={`tile-${tileId}-info`}
          >
            <Info aria-hidden />
          </button>
        </Tooltip>
        {metricId ? (
          <Tooltip text={t('dashboard.tile.openMetric')}>
            <button
              className="btn ghost icon small"
              aria-label={`${t('dashboard.tile.openMetric')}: ${metricName}`}
              onClick={() => onOpenMetric(metricId)}
              data-testid={`tile-${tileId}-metric`}
            >
              <ExternalLink aria-hidden />
            </button>
          </Tooltip>
        ) : null}
        <Menu.Root>
          <Menu.Trigger asChild>
            <button
              className="btn ghost icon small"
              aria-label={`${t('dashboard.tile.menu')}: ${title}`}
              data-testid={`tile-${tileId}-menu`}
            >
              <MoreHorizontal aria-hidden />
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu-content" align="end" sideOffset={4}>
              <Menu.Item className="menu-item" onSelect={() => onInfo(tileId)}>
                <Info size={14} aria-hidden /> {t('dashboard.tile.info')}
              </Menu.Item>
              {metricId ? (
                <Menu.Item className="menu-item" onSelect={() => onOpenMetric(metricId)}>
                  <ExternalLink size={14} aria-hidden /> {t('dashboard.tile.openMetric')}
                </Menu.Item>
              ) : null}
              <Menu.Separator className="menu-sep" />
              <Menu.Item className="menu-item" onSelect={() => onRemove(tileId)} data-testid={`tile-${tileId}-remove`}>
                <Trash2 size={14} aria-hidden /> {t('dashboard.tile.remove')}
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
      <p className="dash-tile-sub" title={subtitle} data-testid={`tile-${tileId}-computes`}>
        {subtitle}
      </p>
    </header>
  );
});

function TileBody(props: TileProps & { lang: 'ko' | 'en' }) {
  const { t } = useTranslation();
  const { tile, result } = props;
  if (props.missingMetric) {
    return (
      <TileMessage
        tone="error"
        title={t('dashboard.tile.failed')}
        text={t('dashboard.tile.unknownMetric', { id: props.missingMetric })}
        testId={`tile-${tile.id}-error`}
      />
    );
  }
  if (result?.error && !result.loading) {
    return (
      <TileMessage tone="error" title={t('dashboard.tile.failed')} text={errorText(t, result.error)} testId={`tile-${tile.id}-error`} />
    );
  }
  if (!result?.rows) {
    return (
      <div className="dash-skeleton" aria-label={t('dashboard.tile.loading')} role="status">
        <span className="dash-skeleton-bar wide" />
        <span className="dash-skeleton-bar" />
        <span className="dash-skeleton-fill" />
      </div>
    );
  }
  if (tile.kind === 'kpi') return <KpiBody {...props} rows={result.rows} basis={result.basis ?? props.dashboard} stale={result.loading} />;
  if (result.rows.length === 0) return <TileMessage tone="muted" text={t('dashboard.tile.noData')} testId={`tile-${tile.id}-empty`} />;
  return (
    <ChartBody {...props} rows={result.rows} basis={result.basis ?? props.dashboard} stale={result.loading} truncated={result.truncated} />
  );
}

type BodyProps = TileProps & { lang: 'ko' | 'en'; rows: readonly SeriesPoint[]; basis: Basis; stale: boolean };

function KpiBody({ tile, basis, metric, title, lang, rows, stale }: BodyProps) {
  const { t } = useTranslation();
  const unit = metric?.unit ?? 'number';
  const summary = useMemo(
    () => kpiSummary(rows, basis.grain, basis.range, metric?.higherIsBetter ?? true),
    [rows, basis.grain, basis.range, metric?.higherIsBetter],
  );
  // The sparkline draws the periods on show, not the extra one asked for to compare the first.
  const points = useMemo(() => rows.filter((p) => p.period >= basis.range.from && p.period <= basis.range.to), [rows, basis.range]);
  const spark = useMemo(
    () => sparklineSpecFor(points, unit, basis.grain, lang, basis.range),
    [points, unit, basis.grain, lang, basis.range],
  );
  if (summary.period === null) return <TileMessage tone="muted" text={t('dashboard.tile.noData')} testId={`tile-${tile.id}-empty`} />;
  const tone = changeTone(summary.change, metric?.higherIsBetter ?? true);
  const grainWord = t(`basis.grains.${basis.grain}`);
  const Arrow = summary.change === null || tone === 'flat' ? ArrowRight : summary.change > 0 ? ArrowUpRight : ArrowDownRight;
  const direction =
    summary.change === null || tone === 'flat'
      ? t('dashboard.kpi.flat')
      : summary.change > 0
        ? t('dashboard.kpi.up')
        : t('dashboard.kpi.down');
  const periodName = periodLabel(summary.period, basis.grain, lang);
  const previousName = summary.previousPeriod ? periodLabel(summary.previousPeriod, basis.grain, lang) : null;
  const toneWord = tone === 'good' ? t('dashboard.kpi.good') : tone === 'bad' ? t('dashboard.kpi.bad') : t('dashboard.kpi.flat');
  const summaryText =
    summary.change === null
      ? t('dashboard.kpi.summaryNoChange', { title, value: formatExact(summary.value, unit, lang), period: periodName })
      : t('dashboard.kpi.summary', {
          title,
          value: formatExact(summary.value, unit, lang),
          period: periodName,
          direction,
          change: formatChange(summary.change, lang),
          previous: formatExact(summary.previous, unit, lang),
          tone: toneWord,
        });
  return (
    <div className={`dash-kpi${stale ? ' dash-stale' : ''}`} data-testid={`tile-${tile.id}-kpi`}>
      <p className="sr-only">{summaryText}</p>
      <div className="dash-kpi-main" aria-hidden>
        <span
          className="dash-kpi-value"
          title={formatExact(summary.value, unit, lang)}
          data-testid={`tile-${tile.id}-value`}
          data-value={summary.value ?? ''}
        >
          {formatCompact(summary.value, unit, lang)}
        </span>
        <span
          className={`dash-kpi-change tone-${tone}`}
          title={`${direction} · ${toneWord}`}
          data-testid={`tile-${tile.id}-change`}
          data-tone={tone}
        >
          <Arrow aria-hidden />
          {formatChange(summary.change, lang)}
        </span>
      </div>
      <p className="dash-kpi-context" aria-hidden>
        <span data-testid={`tile-${tile.id}-period`}>{periodName}</span>
        <span className="dash-kpi-prev" title={previousName ?? undefined}>
          {summary.previous !== null
            ? t('dashboard.kpi.vsPrevious', { value: formatCompact(summary.previous, unit, lang) })
            : t('dashboard.kpi.noPrevious')}
        </span>
      </p>
      <div className="dash-kpi-spark">
        <TileVega
          spec={spark}
          label={t('dashboard.kpi.sparkline', { title, grain: grainWord, from: basis.range.from, to: basis.range.to })}
          testId={`tile-${tile.id}-spark`}
        />
      </div>
    </div>
  );
}

function ChartBody({ tile, basis, metric, title, lang, rows, stale, truncated }: BodyProps & { truncated: boolean }) {
  const { t } = useTranslation();
  const unit = metric?.unit ?? 'number';
  const spec = useMemo(
    () => chartSpecFor(rows, tile.chart.mark, unit, basis.grain, lang, basis.range),
    [rows, tile.chart.mark, unit, basis.grain, lang, basis.range],
  );
  // A period the range cuts (the last, three-day week of 2025) is drawn apart and named here.
  const partial = useMemo(
    () => partialLegend(partialPeriods(rows, basis.grain, basis.range), basis.grain, lang, tile.chart.mark),
    [rows, basis.grain, basis.range, lang, tile.chart.mark],
  );
  const grain = t(`basis.grainsAdj.${basis.grain}`);
  return (
    <div className={`dash-chart${stale ? ' dash-stale' : ''}`}>
      <TileVega
        spec={spec}
        label={`${title}: ${t('dashboard.tile.computes', { grain, from: basis.range.from, to: basis.range.to })}`}
        testId={`tile-${tile.id}-chart`}
      />
      {partial ? (
        <p className="dash-tile-note dash-tile-partial" title={partial} data-testid={`tile-${tile.id}-partial`}>
          {partial}
        </p>
      ) : null}
      {truncated ? <p className="dash-tile-note">{t('dashboard.tile.truncated', { count: rows.length })}</p> : null}
    </div>
  );
}

function TileMessage({ tone, title, text, testId }: { tone: 'error' | 'muted'; title?: string; text: string; testId: string }) {
  return (
    <div className={`dash-tile-message ${tone}`} role={tone === 'error' ? 'alert' : undefined} data-testid={testId}>
      {tone === 'error' ? <AlertTriangle aria-hidden /> : null}
      <div>
        {title ? <strong>{title}</strong> : null}
        <p>{text}</p>
      </div>
    </div>
  );
}
