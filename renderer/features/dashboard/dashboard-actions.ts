import i18next from 'i18next';
import type { Dashboard, Metric } from '../../../core/metrics/schema.ts';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { mergeMetrics } from '../../../core/metrics/registry.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob } from '../../host/download.ts';
import { MetricsClient } from '../../workbench/metrics-client.ts';
import { useMetricsStore } from '../metrics/metrics-store.ts';
import { currentDashboard, useDashboardDocStore } from './dashboard-store.ts';
import { starterDashboard } from '../../../core/metrics/starter-dashboard.ts';
import { tileRequests, tileRunner, useTileRuns } from './tile-runs.ts';

/*
 * What the Dashboards screen's buttons and commands do: run the tiles in the analytics worker,
 * open the add-tile and name dialogs, export. Commands reach the screen's dialogs through the
 * small UI store below, as buttons do.
 */

let client: MetricsClient | null = null;

/** The dashboard's analytics client (its own worker and series cache, started on first use). */
export function dashboardClient(): MetricsClient {
  client ??= new MetricsClient();
  return client;
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

/** Asks the worker for every tile of `d` whose answer on screen is not for its current filters. */
export function refreshTiles(d: Dashboard, metrics: readonly Metric[], force = false): Promise<void> {
  const { requests } = tileRequests(d, metrics);
  return runner.request(requests, force);
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
