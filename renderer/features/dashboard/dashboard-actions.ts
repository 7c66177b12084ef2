import i18next from 'i18next';
import { GRAINS, type Dashboard, type Metric } from '../../../core/metrics/schema.ts';
import type { SeriesRequest } from '../../../core/metrics/series.ts';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { mergeMetrics } from '../../../core/metrics/registry.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob } from '../../host/download.ts';
import { sharedMetricsClient, type MetricsClient } from '../../workbench/metrics-client.ts';
import { useMetricsStore } from '../metrics/metrics-store.ts';
import { currentDashboard, useDashboardDocStore } from './dashboard-store.ts';
import { starterDashboard } from '../../../core/metrics/starter-dashboard.ts';
import { tileRequests, tileRunner, useTileRuns } from './tile-runs.ts';

/*
 * What the Dashboards screen's buttons and commands do: run the tiles in the analytics worker,
 * open the add-tile and name dialogs, export. Commands reach the screen's dialogs through the
 * small UI store below, as buttons do.
 */

/** The dashboard's analytics client: the app's shared one (one worker and one warehouse copy with the registry and experiments). */
export function dashboardClient(): MetricsClient {
  return sharedMetricsClient();
}

const runner = tileRunner(() => dashboardClient());

/** The registry's metrics as the dashboard reads them: published, the learner's copies and their own. */
export function registryMetrics(): Metric[] {
  const { doc } = useMetricsStore.getState();
  return mergeMetrics(HANBIT_METRICS, doc.metrics, doc.reviews);
}

/** The dashboard on show (for commands). */
export function screenDashboard(): Dashboard {
  const lang = i18next.language === 'ko' ? 'ko' : 'en';
  return currentDashboard(useDashboardDocStore.getState().doc, () => starterDashboard(lang));
}

let generation = 0;
let prefetchTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Computes the dashboard's series at the other grains in the worker once the screen has been
 * still for a moment, one grain per batch, so switching day/week/month answers from the worker's
 * cache. A newer refresh stops it (at most one batch is then still ahead of the new request).
 */
function prefetchOtherGrains(d: Dashboard, metrics: readonly Metric[], mine: number): void {
  if (prefetchTimer) clearTimeout(prefetchTimer);
  prefetchTimer = setTimeout(() => {
    prefetchTimer = null;
    void (async () => {
      for (const grain of GRAINS) {
        if (grain === d.grain) continue;
        if (mine !== generation) return;
        const byDb = new Map<string, SeriesRequest[]>();
        for (const r of tileRequests({ ...d, grain }, metrics).requests) byDb.set(r.database, [...(byDb.get(r.database) ?? []), r.request]);
        for (const [database, items] of byDb) {
          if (mine !== generation) return;
          // Only the worker's cache is wanted: the answers are dropped, a failure is the tile's to show later.
          await dashboardClient()
            .runSeries(database, items)
            .catch(() => undefined);
        }
      }
    })();
  }, PREFETCH_DELAY_MS);
}

/** How long the dashboard stays still before the other grains are computed ahead. */
const PREFETCH_DELAY_MS = 600;

/** Asks the worker for every tile of `d` whose answer on screen is not for its current filters, then prepares the other grains. */
export async function refreshTiles(d: Dashboard, metrics: readonly Metric[], force = false): Promise<void> {
  const mine = ++generation;
  if (prefetchTimer) clearTimeout(prefetchTimer);
  const { requests } = tileRequests(d, metrics);
  await runner.request(requests, force);
  if (mine === generation && d.tiles.length > 0) prefetchOtherGrains(d, metrics, mine);
}

/** Forgets the tiles' answers (another dashboard opened). */
export function clearTiles(): void {
  useTileRuns.getState().clear();
}

/** Shows a notice in the app's notice area. */
export function notify(tone: 'info' | 'success' | 'warning' | 'error', text: string): void {
  useStore.getState().notify(tone, text);
}

/** What an export writes: the tiles' Vega-Lite specs (a zip), or one picture of the whole dashboard. */
export type ExportKind = 'specs' | 'png' | 'svg';

/** A file-name-safe form of a dashboard's id. */
function fileBase(d: Dashboard): string {
  return d.id.replace(/[^a-z0-9_-]/gi, '-');
}

/**
 * Exports the dashboard on show as the tiles draw it now (their current answers): a zip of one
 * Vega-Lite spec per tile with its data inline (plus a README and the dashboard's own JSON), or
 * one PNG or SVG of every tile laid out as on the grid.
 */
export async function exportDashboard(d: Dashboard, kind: ExportKind): Promise<void> {
  try {
    const { buildExport } = await import('./dashboard-export.ts');
    const lang = i18next.language === 'ko' ? 'ko' : 'en';
    const built = await buildExport(d, kind, registryMetrics(), useTileRuns.getState().results, lang);
    if (built === null) {
      notify('warning', i18next.t('dashboard.exportWait'));
      return;
    }
    const name = `${fileBase(d)}${kind === 'specs' ? '-vega-lite.zip' : `.${kind}`}`;
    downloadBlob(name, built);
    notify('success', i18next.t('dashboard.exported', { name }));
  } catch (e) {
    notify('error', i18next.t('dashboard.exportFailed', { message: e instanceof Error ? e.message : String(e) }));
  }
}
