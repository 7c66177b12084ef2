import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { governanceRequestHandler, type GovernanceProtocol } from '../../core/governance/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { nodeLakeReader } from './node-lake.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/workbench/governance.worker.ts; `datasets` is a folder (public/datasets). */

serveWorker<GovernanceProtocol>(
  nodeEndpoint(),
  governanceRequestHandler({ sql: initSqlJs(), lakeFor: (datasets, lakeId) => nodeLakeReader(join(datasets, 'lake', lakeId)) }),
);
