import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { gradeRequestHandler } from '../../core/grading/grader-dispatch.ts';
import type { GraderProtocol } from '../../core/grading/grader-protocol.ts';
import { SqlEngine } from '../../core/sql/engine.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';

/**
 * The grader runs in its own worker with its own SQLite, one check at a time: a runaway answer
 * only costs this worker (the client replaces it after a time limit and carries on with the
 * checks queued behind it).
 */

serveWorker<GraderProtocol>(domEndpoint(), gradeRequestHandler(initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new SqlEngine(sql))));
