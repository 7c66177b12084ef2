import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { governanceRequestHandler, type GovernanceProtocol } from '../../core/governance/worker-dispatch.ts';
import { fetchDatasetPeriod } from '../../core/governance/quality/period.ts';
import { fetchLakeReader } from '../../core/pipeline/lake-fetch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';

/** The governance worker: quality checks, lineage and masked views off the main thread (see governance-client.ts). */

serveWorker<GovernanceProtocol>(
  domEndpoint(),
  governanceRequestHandler({
    sql: initSqlJs({ locateFile: () => wasmUrl }),
    lakeFor: (datasets, lakeId) => fetchLakeReader(datasets, lakeId),
    periodFor: (datasets) => fetchDatasetPeriod(datasets),
  }),
);
