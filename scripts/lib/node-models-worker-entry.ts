import initSqlJs from 'sql.js';
import { modelsRequestHandler, type ModelsProtocol } from '../../core/models/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/workbench/models.worker.ts (tests drive ModelsClient on it). */

serveWorker<ModelsProtocol>(nodeEndpoint(), modelsRequestHandler(initSqlJs()));
