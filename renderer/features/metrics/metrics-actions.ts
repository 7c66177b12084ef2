import { useStore } from '../../state/store.ts';
import { useMetricsStore } from './metrics-store.ts';

/*
 * What the KPI registry's buttons and commands do, and the way in for other screens: a dashboard
 * tile "links to its metric" by calling openMetric(id).
 */

/** The registry's screen id. */
export const METRICS_SCREEN = 'metrics';

/** Opens the KPI registry. */
export function openRegistry(): void {
  useStore.getState().openScreen(METRICS_SCREEN);
}

/**
 * Opens the KPI registry at a metric (published or the learner's): selects it, clears a search or
 * filter that would hide it from the list, and shows the screen. For deep links from other screens.
 */
export function openMetric(id: string): void {
  const s = useMetricsStore.getState();
  s.clearFilters();
  s.selectMetric(id);
  openRegistry();
}

/** Opens the registry with the new-metric dialog. */
export function newMetric(): void {
  openRegistry();
  useMetricsStore.getState().openDialog({ kind: 'new' });
}

/** Opens the registry on the two definitions of revenue, side by side. */
export function compareDefinitions(): void {
  useMetricsStore.getState().showCompare();
  openRegistry();
}
