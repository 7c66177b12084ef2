import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { servePipelineWorker } from '../../core/pipeline/worker-dispatch.ts';
import { SqlEngine } from '../../core/sql/engine.ts';
import { nodeLakeReader } from './node-lake.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/workbench/pipeline.worker.ts; `datasets` is a folder here. */

servePipelineWorker(nodeEndpoint(), {
  engine: initSqlJs().then((sql) => new SqlEngine(sql)),
  lakeFor: (datasets, lakeId) => nodeLakeReader(join(datasets, 'lake', lakeId)),
});
