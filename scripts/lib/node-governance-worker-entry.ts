import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import initSqlJs from 'sql.js';
import { MANIFEST_FILE, periodOfManifest } from '../../core/governance/quality/period.ts';
import { governanceRequestHandler, type GovernanceProtocol } from '../../core/governance/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { nodeLakeReader } from './node-lake.ts';
import { nodeEndpoint } from './node-worker.ts';

/** Node only: the worker_threads twin of renderer/workbench/governance.worker.ts; `datasets` is a folder (public/datasets). */

serveWorker<GovernanceProtocol>(
  nodeEndpoint(),
  governanceRequestHandler({
    sql: initSqlJs(),
    lakeFor: (datasets, lakeId) => nodeLakeReader(join(datasets, 'lake', lakeId)),
    periodFor: async (datasets) => periodOfManifest(JSON.parse(await readFile(join(datasets, MANIFEST_FILE), 'utf8'))),
  }),
);
