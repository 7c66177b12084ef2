import initSqlJs from 'sql.js';
import { gradeRequestHandler } from '../../core/grading/grader-dispatch.ts';
import type { GraderProtocol } from '../../core/grading/grader-protocol.ts';
import { SqlEngine } from '../../core/sql/engine.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/grading/grader.worker.ts. Runs under Node's type stripping. */

serveWorker<GraderProtocol>(nodeEndpoint(), gradeRequestHandler(initSqlJs().then((sql) => new SqlEngine(sql))));
