import initSqlJs from 'sql.js';
import { SqlEngine } from '../../core/sql/engine.ts';
import type { SqlProtocol } from '../../core/sql/protocol.ts';
import { sqlRequestHandler } from '../../core/sql/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/sql/sql.worker.ts (see node-sql-worker.ts). Runs under Node's type stripping. */

serveWorker<SqlProtocol>(nodeEndpoint(), sqlRequestHandler(initSqlJs().then((sql) => new SqlEngine(sql))));
