import { useEffect, useMemo, useState } from 'react';
import {
  MetricsCancelledError,
  sharedMetricsClient,
  type MetricsClient,
  type SeriesRequest,
  type SeriesResult,
} from '../../workbench/metrics-client.ts';

/*
 * The registry's metric series, computed in the analytics worker (never on the main thread). The
 * app's shared client: its worker keeps the warehouse open and caches series, so flipping the
 * grain back and forth answers at once. A newer request aborts the older one (its own signal only:
 * the dashboards and experiments use the same worker).
 */

/** The registry's analytics client: the app's shared one. */
export function registryClient(): MetricsClient {
  return sharedMetricsClient();
}

/** The state of a batch of series: still computing, answered (one result per request), or the engine failed. */
export type SeriesState = { status: 'loading' } | { status: 'done'; results: SeriesResult[] } | { status: 'failed'; message: string };

/** Runs `requests` on `database` whenever they change (by value); null requests run nothing. */
export function useSeries(database: string, requests: SeriesRequest[] | null): SeriesState {
  const key = requests ? JSON.stringify([database, requests]) : null;
  // The requests by value: a new array with the same content does not rerun the batch.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => requests, [key]);
  const [state, setState] = useState<{ key: string | null; value: SeriesState }>({ key: null, value: { status: 'loading' } });
  useEffect(() => {
    if (!stable || key === null) return;
    const abort = new AbortController();
    registryClient()
      .runSeries(database, stable, { signal: abort.signal })
      .then(
        (batch) => !abort.signal.aborted && setState({ key, value: { status: 'done', results: batch.results } }),
        (e: unknown) => {
          if (abort.signal.aborted || e instanceof MetricsCancelledError) return;
          setState({ key, value: { status: 'failed', message: e instanceof Error ? e.message : String(e) } });
        },
      );
    return () => abort.abort();
  }, [database, stable, key]);
  return state.key === key ? state.value : { status: 'loading' };
}
