import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { metricsRequestHandler, type MetricsProtocol } from '../../core/metrics/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';

/** The analytics worker: metric series for dashboards and the KPI registry, off the main thread (see metrics-client.ts). */

serveWorker<MetricsProtocol>(domEndpoint(), metricsRequestHandler(initSqlJs({ locateFile: () => wasmUrl })));
