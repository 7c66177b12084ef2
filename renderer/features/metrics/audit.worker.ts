/// <reference lib="webworker" />
import { auditMetric, type MetricAudit, type TableColumns } from '../../../core/metrics/audit.ts';
import type { Grain, Metric } from '../../../core/metrics/schema.ts';

/*
 * A metric's audit (its SQL parsed by node-sql-parser) off the main thread: loading the parser
 * and its first parse take a few hundred milliseconds, longer than a frame.
 */

/** What the registry asks: the audit of a metric at a grain, with the database's tables and columns when known. */
export interface AuditRequest {
  id: number;
  metric: Metric;
  grain: Grain;
  schema?: TableColumns;
}

/** The answer to one request: the audit, or why it failed. */
export type AuditResponse = { id: number; ok: true; audit: MetricAudit } | { id: number; ok: false; message: string };

self.onmessage = (e: MessageEvent<AuditRequest>) => {
  const { id, metric, grain, schema } = e.data;
  let response: AuditResponse;
  try {
    response = { id, ok: true, audit: auditMetric(metric, { grain, ...(schema ? { schema } : {}) }) };
  } catch (err) {
    response = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(response);
};
