import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Download, FileImage, FileJson, LayoutDashboard, MoreHorizontal, Pencil, Plus, Settings, Trash2 } from 'lucide-react';
import type { Grain, TileLayout } from '../../../core/metrics/schema.ts';
import { GRAINS } from '../../../core/metrics/schema.ts';
import { runCommand, shownKeys } from '../../commands/commands.ts';
import { Select } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Brand } from '../shell/Brand.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { openMetric } from '../metrics/metrics-actions.ts';
import { useMetricsStore } from '../metrics/metrics-store.ts';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { mergeMetrics } from '../../../core/metrics/registry.ts';
import { currentDashboard, useDashboardDocStore, useDashboardUi, type NewTile } from './dashboard-store.ts';
import { clearTiles, exportDashboard, notify, refreshTiles } from './dashboard-actions.ts';
import { DashboardGrid } from './DashboardGrid.tsx';
import { AddTileDialog, NameDialog, TileInfoDialog } from './DashboardDialogs.tsx';
import { DATA_SPAN, presetOf, presetRange, RANGE_PRESETS, rangeProblem, type RangePreset } from './range.ts';
import { starterDashboard } from '../../../core/metrics/starter-dashboard.ts';
import { tileTitle } from '../../../core/metrics/tile-specs.ts';
import { tileRequests, useTileRuns } from './tile-runs.ts';
import './dashboard.css';

/** The Dashboards screen: the learner's dashboards, one date range and grain for all tiles, the tile grid. */
export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const doc = useDashboardDocStore((s) => s.doc);
  const actions = useDashboardDocStore.getState();
  const starter = useMemo(() => starterDashboard(lang), [lang]);
  const dashboard = currentDashboard(doc, () => starter);
  const metricsDoc = useMetricsStore((s) => s.doc);
  const metrics = useMemo(() => mergeMetrics(HANBIT_METRICS, metricsDoc.metrics, metricsDoc.reviews), [metricsDoc]);
  const metricById = useMemo(() => new Map(metrics.map((m) => [m.id, m])), [metrics]);
  const metricOf = useCallback((id: string) => metricById.get(id), [metricById]);
  const results = useTileRuns((s) => s.results);
  const pending = useTileRuns((s) => s.pending);
  const last = useTileRuns((s) => s.last);
  const dialog = useDashboardUi((s) => s.dialog);
  const openDialog = useDashboardUi.getState().openDialog;

  const missing = useMemo(() => {
    const out: Record<string, string> = {};
    for (const p of tileRequests(dashboard, metrics).problems) out[p.tileId] = p.missingMetric;
    return out;
  }, [dashboard, metrics]);

  // Another dashboard: its tiles start from nothing (ids repeat across dashboards).
  useEffect(() => {
    clearTiles();
  }, [dashboard.id]);
  // Any change of range, grain, tiles or metrics asks for the tiles whose answer is out of date.
  useEffect(() => {
    void refreshTiles(dashboard, metrics);
  }, [dashboard, metrics]);

  const titleOf = useCallback(
    (tileId: string) => {
      const tile = dashboard.tiles.find((x) => x.id === tileId);
      return tile ? tileTitle(tile, tile.metricId ? metricById.get(tile.metricId) : undefined, lang) : tileId;
    },
    [dashboard.tiles, metricById, lang],
  );
  // The handlers read the dashboard on show through a ref: stable, so a filter change does not re-render every tile's title bar.
  const latest = useRef({ dashboard, titleOf });
  latest.current = { dashboard, titleOf };
  const onLayout = useCallback(
    (layouts: Record<string, TileLayout>) => useDashboardDocStore.getState().applyLayout(latest.current.dashboard, layouts),
    [],
  );
  const onRemove = useCallback(
    (tileId: string) => {
      const title = latest.current.titleOf(tileId);
      useDashboardDocStore.getState().removeTile(latest.current.dashboard, tileId);
      notify('info', t('dashboard.tile.removed', { title }));
      // Focus would be lost with the tile: the grid's next tile, else the add button, takes it.
      requestAnimationFrame(() =>
        (document.querySelector<HTMLElement>('.dash-tile') ?? document.querySelector<HTMLElement>('[data-testid=dash-add-tile]'))?.focus(),
      );
    },
    [t],
  );
  const onInfo = useCallback((tileId: string) => openDialog({ kind: 'info', tileId }), [openDialog]);

  const saved = Object.values(doc.dashboards);
  const options = (saved.some((d) => d.id === dashboard.id) ? saved : [dashboard, ...saved]).map((d) => ({ value: d.id, label: d.name }));
  const infoTile = dialog?.kind === 'info' ? (dashboard.tiles.find((x) => x.id === dialog.tileId) ?? null) : null;
  const closeDialog = () => openDialog(null);

  return (
    <div className="app dash-app">
      <header className="topbar" role="toolbar" aria-label={t('dashboard.screen')}>
        <Brand />
        <Select
          label={t('dashboard.pick')}
          value={dashboard.id}
          options={options}
          onChange={actions.openDashboard}
          testId="dash-pick"
          minWidth={200}
        />
        <Tooltip text={t('dashboard.newHint')}>
          <button
            className="btn ghost icon"
            aria-label={t('dashboard.new')}
            onClick={() => openDialog({ kind: 'new' })}
            data-testid="dash-new"
          >
            <Plus aria-hidden />
          </button>
        </Tooltip>
        <div className="spacer" />
        <PaletteButton testId="open-palette" />
        <Menu.Root>
          <Menu.Trigger asChild>
            <button className="btn ghost icon" aria-label={t('toolbar.more')} data-testid="more-menu">
              <MoreHorizontal aria-hidden />
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu-content" align="end" sideOffset={4}>
              <Menu.Item className="menu-item" onSelect={() => openDialog({ kind: 'rename' })} data-testid="dash-menu-rename">
                <Pencil size={14} aria-hidden /> {t('dashboard.rename')}
              </Menu.Item>
              <Menu.Item
                className="menu-item"
                disabled={!doc.dashboards[dashboard.id]}
                onSelect={() => openDialog({ kind: 'remove' })}
                data-testid="dash-menu-remove"
              >
                <Trash2 size={14} aria-hidden /> {t('dashboard.remove')}
              </Menu.Item>
              <Menu.Separator className="menu-sep" />
              <Menu.Item className="menu-item" onSelect={() => runCommand('settings')}>
                <Settings size={14} aria-hidden /> {t('toolbar.settings')}
                <span className="kbd">{shownKeys('settings')}</span>
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </header>
      <main className="workspace dash-main" id="main-content" data-focus-landing tabIndex={-1} aria-label={t('dashboard.screen')}>
        <FilterBar
          key={dashboard.id}
          from={dashboard.range.from}
          to={dashboard.range.to}
          grain={dashboard.grain}
          onRange={(range) => useDashboardDocStore.getState().setRange(dashboard, range)}
          onGrain={(grain) => useDashboardDocStore.getState().setGrain(dashboard, grain)}
          status={pending > 0 ? t('dashboard.updating') : last ? t('dashboard.updated', { count: last.tiles, ms: last.ms }) : ''}
        >
          <Tooltip text={t('dashboard.addTileHint')} keys={shownKeys('dashboard-add-tile')}>
            <button className="btn primary" onClick={() => openDialog({ kind: 'add' })} data-testid="dash-add-tile">
              <LayoutDashboard aria-hidden /> <span className="btn-label">{t('dashboard.addTile')}</span>
            </button>
          </Tooltip>
          <Menu.Root>
            <Tooltip text={t('dashboard.exportHint')}>
              <Menu.Trigger asChild>
                <button className="btn" data-testid="dash-export">
                  <Download aria-hidden /> <span className="btn-label">{t('dashboard.export')}</span>
                </button>
              </Menu.Trigger>
            </Tooltip>
            <Menu.Portal>
              <Menu.Content className="menu-content" align="start" sideOffset={4}>
                <Menu.Item className="menu-item" onSelect={() => void exportDashboard(dashboard, 'specs')} data-testid="dash-export-specs">
                  <FileJson size={14} aria-hidden /> {t('dashboard.exportSpecs')}
                </Menu.Item>
                <Menu.Item className="menu-item" onSelect={() => void exportDashboard(dashboard, 'png')} data-testid="dash-export-png">
                  <FileImage size={14} aria-hidden /> {t('dashboard.exportPng')}
                </Menu.Item>
                <Menu.Item className="menu-item" onSelect={() => void exportDashboard(dashboard, 'svg')} data-testid="dash-export-svg">
                  <FileImage size={14} aria-hidden /> {t('dashboard.exportSvg')}
                </Menu.Item>
              </Menu.Content>
            </Menu.Portal>
          </Menu.Root>
        </FilterBar>
        <div className="dash-scroll" data-testid="dash-grid">
          {dashboard.tiles.length === 0 ? (
            <div className="dash-empty" data-testid="dash-empty">
              <LayoutDashboard aria-hidden />
              <p className="dash-empty-title">{t('dashboard.empty')}</p>
              <p>{t('dashboard.emptyHint')}</p>
              <button className="btn primary" onClick={() => openDialog({ kind: 'add' })}>
                <Plus aria-hidden /> {t('dashboard.addTile')}
              </button>
            </div>
          ) : (
            <DashboardGrid
              dashboard={dashboard}
              metricOf={metricOf}
              titleOf={titleOf}
              missing={missing}
              results={results}
              onLayout={onLayout}
              onRemove={onRemove}
              onInfo={onInfo}
              onOpenMetric={openMetric}
            />
          )}
        </div>
      </main>
      <AddTileDialog
        open={dialog?.kind === 'add'}
        onClose={closeDialog}
        metrics={metrics}
        onAdd={(tile: NewTile, title: string) => {
          const id = useDashboardDocStore.getState().addTile(dashboard, tile);
          notify('success', t('dashboard.dialog.added', { title }));
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid=tile-${id}]`)?.focus());
        }}
      />
      <NameDialog
        open={dialog?.kind === 'new' || dialog?.kind === 'rename'}
        mode={dialog?.kind === 'rename' ? 'rename' : 'new'}
        initial={dialog?.kind === 'rename' ? dashboard.name : t('dashboard.defaultName')}
        onClose={closeDialog}
        onSave={(name) => {
          if (dialog?.kind === 'rename') useDashboardDocStore.getState().renameDashboard(dashboard, name);
          else useDashboardDocStore.getState().createDashboard(name, dashboard);
        }}
      />
      <TileInfoDialog
        open={dialog?.kind === 'info' && infoTile !== null}
        onClose={closeDialog}
        dashboard={dashboard}
        tile={infoTile}
        metric={infoTile?.metricId ? metricById.get(infoTile.metricId) : undefined}
        title={infoTile ? titleOf(infoTile.id) : ''}
        result={infoTile ? results[infoTile.id] : undefined}
        onOpenMetric={openMetric}
      />
      <Dialog
        open={dialog?.kind === 'remove'}
        onOpenChange={(o) => !o && closeDialog()}
        title={t('dashboard.removeTitle', { name: dashboard.name })}
        description={t('dashboard.removeBody')}
      >
        <div className="dialog-actions">
          <button className="btn" onClick={closeDialog}>
            {t('common.cancel')}
          </button>
          <button
            className="btn danger"
            onClick={() => {
              useDashboardDocStore.getState().removeDashboard(dashboard.id);
              closeDialog();
            }}
            data-testid="dash-remove-confirm"
          >
            {t('dashboard.removeConfirm')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/** The one date range (two dates and presets) and the one grain every tile uses. */
function FilterBar(props: {
  from: string;
  to: string;
  grain: Grain;
  onRange: (r: { from: string; to: string }) => void;
  onGrain: (g: Grain) => void;
  status: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  // The saved range moved (a preset, another window): the inputs follow.
  useEffect(() => setFrom(props.from), [props.from]);
  useEffect(() => setTo(props.to), [props.to]);
  const problem = rangeProblem(from, to);
  const commit = (f: string, tt: string) => {
    if (rangeProblem(f, tt) === null && (f !== props.from || tt !== props.to)) props.onRange({ from: f, to: tt });
  };
  const preset = presetOf({ from: props.from, to: props.to });
  const presetOptions = [
    ...RANGE_PRESETS.map((p) => ({ value: p, label: t(`dashboard.presets.${p}`) })),
    ...(preset === null ? [{ value: 'custom', label: t('dashboard.presets.custom'), disabled: true }] : []),
  ];
  return (
    <div className="dash-filterbar">
      <div className="dash-filters" role="group" aria-label={t('dashboard.filters')} data-testid="dash-filters">
        <Select
          label={t('dashboard.preset')}
          value={preset ?? 'custom'}
          options={presetOptions}
          onChange={(p) => props.onRange(presetRange(p as RangePreset))}
          testId="dash-preset"
          minWidth={150}
        />
        <label className="dash-date">
          <span>{t('dashboard.from')}</span>
          <input
            type="date"
            className="input"
            value={from}
            min={DATA_SPAN.from}
            max={DATA_SPAN.to}
            onChange={(e) => {
              setFrom(e.target.value);
              commit(e.target.value, to);
            }}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'dash-range-problem' : undefined}
            data-testid="dash-from"
          />
        </label>
        <span className="dash-date-sep" aria-hidden>
          –
        </span>
        <label className="dash-date">
          <span>{t('dashboard.to')}</span>
          <input
            type="date"
            className="input"
            value={to}
            min={DATA_SPAN.from}
            max={DATA_SPAN.to}
            onChange={(e) => {
              setTo(e.target.value);
              commit(from, e.target.value);
            }}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'dash-range-problem' : undefined}
            data-testid="dash-to"
          />
        </label>
        {problem ? (
          <span className="dash-range-problem" id="dash-range-problem" role="alert">
            {t(`dashboard.range.${problem}`)}
          </span>
        ) : null}
        <span className="toolbar-sep" />
        <div className="dash-grain" role="radiogroup" aria-label={t('dashboard.grain')}>
          {GRAINS.map((g) => (
            <button
              key={g}
              type="button"
              role="radio"
              aria-checked={props.grain === g}
              className={`dash-grain-btn${props.grain === g ? ' on' : ''}`}
              onClick={() => props.onGrain(g)}
              onKeyDown={(e) => {
                const i = GRAINS.indexOf(g);
                const next =
                  e.key === 'ArrowRight' || e.key === 'ArrowDown'
                    ? GRAINS[(i + 1) % GRAINS.length]
                    : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
                      ? GRAINS[(i + GRAINS.length - 1) % GRAINS.length]
                      : undefined;
                if (!next) return;
                e.preventDefault();
                props.onGrain(next);
                (e.currentTarget.parentElement?.querySelector(`[data-grain=${next}]`) as HTMLElement | null)?.focus();
              }}
              tabIndex={props.grain === g ? 0 : -1}
              data-grain={g}
              data-testid={`dash-grain-${g}`}
            >
              {t(`dashboard.grains.${g}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="spacer" />
      <span className="dash-status" role="status" data-testid="dash-status">
        {props.status}
      </span>
      {props.children}
    </div>
  );
}
