import initSqlJs from 'sql.js';
import { metricsRequestHandler, type MetricsProtocol } from '../../core/metrics/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/workbench/metrics.worker.ts (tests drive MetricsClient on it). */

serveWorker<MetricsProtocol>(nodeEndpoint(), metricsRequestHandler(initSqlJs()));
