import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { SqlEngine } from '../../core/sql/engine.ts';
import type { SqlProtocol } from '../../core/sql/protocol.ts';
import { sqlRequestHandler } from '../../core/sql/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';

/**
 * The SQL worker: sql.js compiled as soon as the worker starts (so a spare worker is warm before
 * it is needed), then one request at a time, each answered by one response (core/worker/serve.ts).
 */

serveWorker<SqlProtocol>(domEndpoint(), sqlRequestHandler(initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new SqlEngine(sql))));
