import { useEffect, useState } from 'react';
import type { MetricAudit, TableColumns } from '../../../core/metrics/audit.ts';
import type { Grain, Metric } from '../../../core/metrics/schema.ts';
import type { AuditRequest, AuditResponse } from './audit.worker.ts';

/*
 * The registry's handle on its audit worker: one worker for the screen's life, answers matched to
 * requests by id, the latest request per component winning.
 */

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, (response: AuditResponse) => void>();

function auditWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./audit.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<AuditResponse>) => {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
    };
    worker.onerror = (e) => {
      // A worker that cannot start answers every waiting request with why.
      for (const [id, answer] of pending) answer({ id, ok: false, message: e.message || 'The audit worker stopped' });
      pending.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

/** A metric's audit (tables and columns read) computed in the audit worker. */
export function auditInWorker(metric: Metric, grain: Grain, schema?: TableColumns): Promise<AuditResponse> {
  const id = ++seq;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    const request: AuditRequest = { id, metric, grain, ...(schema ? { schema } : {}) };
    auditWorker().postMessage(request);
  });
}

/** The audit of a metric, or null while it is being computed; `failed` when the worker could not do it. */
export function useAudit(metric: Metric, grain: Grain, schema: TableColumns | undefined): { audit: MetricAudit | null; failed: string | null } {
  const [state, setState] = useState<{ for: readonly unknown[]; audit: MetricAudit | null; failed: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    const asked = [metric, grain, schema] as const;
    void auditInWorker(metric, grain, schema).then((r) => {
      if (live) setState({ for: asked, audit: r.ok ? r.audit : null, failed: r.ok ? null : r.message });
    });
    return () => {
      live = false;
    };
  }, [metric, grain, schema]);
  // An answer for another metric (the selection moved on) is not shown.
  const current = state !== null && state.for[0] === metric && state.for[1] === grain && state.for[2] === schema;
  return current ? { audit: state.audit, failed: state.failed } : { audit: null, failed: null };
}
