import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import ReactGridLayout, { useContainerWidth, verticalCompactor, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import type { Dashboard, Metric, TileLayout } from '../../../core/metrics/schema.ts';
import { GRID_COLS, layoutsById, sameLayout, stepLayout, toGridLayout, type LayoutStep } from './layout-ops.ts';
import type { TileResult } from './tile-runs.ts';
import { Tile } from './Tile.tsx';

/** Height of one grid row in pixels, and the gap between tiles. */
export const ROW_HEIGHT = 80;
const MARGIN: [number, number] = [12, 12];

/** The dashboard's tiles on react-grid-layout: dragged by their title bar, resized by their corner, moved and resized by keyboard. */
export function DashboardGrid(props: {
  dashboard: Dashboard;
  metricOf: (id: string) => Metric | undefined;
  titleOf: (tileId: string) => string;
  missing: Record<string, string>;
  results: Record<string, TileResult>;
  onLayout: (layouts: Record<string, TileLayout>) => void;
  onRemove: (tileId: string) => void;
  onInfo: (tileId: string) => void;
  onOpenMetric: (metricId: string) => void;
}) {
  const { t } = useTranslation();
  const { width, containerRef, mounted } = useContainerWidth({ initialWidth: 1200 });
  const { dashboard, onLayout, titleOf } = props;
  const layout = useMemo(() => toGridLayout(dashboard.tiles), [dashboard.tiles]);
  const [announcement, setAnnouncement] = useState('');
  // The newest tiles and layout, for the keyboard handler (stable, so memoised tiles do not re-render).
  const latest = useRef({ layout, dashboard, onLayout, titleOf });
  latest.current = { layout, dashboard, onLayout, titleOf };

  // Only the learner's own drags and resizes are saved (and keyboard steps, below): feeding the
  // grid's every layout report back into the store made a loop with its own compaction.
  const onStop = useCallback((next: Layout) => {
    const { dashboard: d, onLayout: apply } = latest.current;
    if (!sameLayout(d.tiles, next)) apply(layoutsById(next));
  }, []);

  const onStep = useCallback(
    (tileId: string, step: LayoutStep) => {
      const { layout: current, onLayout: apply, titleOf: title } = latest.current;
      const result = stepLayout(current, tileId, step);
      const name = title(tileId);
      if (!result.changed) {
        setAnnouncement(
          t(
            result.reason === 'edge'
              ? 'dashboard.tile.edge'
              : result.reason === 'min'
                ? 'dashboard.tile.minSize'
                : 'dashboard.tile.maxSize',
            { title: name },
          ),
        );
        return;
      }
      const byId = layoutsById(result.layout);
      apply(byId);
      const l = byId[tileId];
      if (!l) return;
      setAnnouncement(
        step.op === 'move'
          ? t('dashboard.tile.moved', { title: name, x: l.x + 1, y: l.y + 1 })
          : t('dashboard.tile.resized', { title: name, w: l.w, h: l.h }),
      );
    },
    [t],
  );

  return (
    <div className="dash-grid-wrap" ref={containerRef}>
      <p id="dash-keys-help" className="sr-only">
        {t('dashboard.gridHelp')}
      </p>
      <div className="sr-only" aria-live="polite" data-testid="dash-announce">
        {announcement}
      </div>
      {mounted ? (
        <ReactGridLayout
          className="dash-grid"
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLS, rowHeight: ROW_HEIGHT, margin: MARGIN, containerPadding: [0, 0] }}
          dragConfig={{ enabled: true, handle: '.dash-drag', cancel: '.dash-no-drag' }}
          resizeConfig={{ enabled: true, handles: ['se'] }}
          compactor={verticalCompactor}
          onDragStop={onStop}
          onResizeStop={onStop}
        >
          {dashboard.tiles.map((tile) => {
            const metric = tile.metricId !== undefined ? props.metricOf(tile.metricId) : undefined;
            return (
              <div key={tile.id} className="dash-cell" data-testid={`cell-${tile.id}`}>
                <Tile
                  tile={tile}
                  dashboard={dashboard}
                  metric={metric}
                  missingMetric={props.missing[tile.id] ?? null}
                  title={titleOf(tile.id)}
                  result={props.results[tile.id]}
                  onStep={onStep}
                  onRemove={props.onRemove}
                  onInfo={props.onInfo}
                  onOpenMetric={props.onOpenMetric}
                />
              </div>
            );
          })}
        </ReactGridLayout>
      ) : null}
    </div>
  );
}
