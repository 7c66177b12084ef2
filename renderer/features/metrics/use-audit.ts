import { useEffect, useState } from 'react';
import type { MetricAudit, TableColumns } from '../../../core/metrics/audit.ts';
import type { Grain, Metric } from '../../../core/metrics/schema.ts';
import { MetricsCancelledError, sharedMetricsClient } from '../../workbench/metrics-client.ts';

/*
 * A metric's audit, parsed in the analytics worker (node-sql-parser takes a few hundred
 * milliseconds to load and to parse first, longer than a frame, and never loads on the main
 * thread). The latest request per component wins. An older one is left to finish and its answer
 * dropped: an audit takes milliseconds once the parser is loaded, and stopping a running one would
 * replace the worker that the dashboards and experiments share (their open databases and caches).
 */

/** The audit of a metric, or null while it is being computed; `failed` when the worker could not do it. */
export function useAudit(metric: Metric, grain: Grain, schema: TableColumns | undefined): { audit: MetricAudit | null; failed: string | null } {
  const [state, setState] = useState<{ for: readonly unknown[]; audit: MetricAudit | null; failed: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    const asked = [metric, grain, schema] as const;
    sharedMetricsClient()
      .audit(metric, grain, schema)
      .then(
        (audit) => {
          if (live) setState({ for: asked, audit, failed: null });
        },
        (e: unknown) => {
          if (!live || e instanceof MetricsCancelledError) return;
          setState({ for: asked, audit: null, failed: e instanceof Error ? e.message : String(e) });
        },
      );
    return () => {
      live = false;
    };
  }, [metric, grain, schema]);
  // An answer for another metric (the selection moved on) is not shown.
  const current = state !== null && state.for[0] === metric && state.for[1] === grain && state.for[2] === schema;
  return current ? { audit: state.audit, failed: state.failed } : { audit: null, failed: null };
}
