import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { fetchLakeReader } from '../../core/pipeline/lake-fetch.ts';
import { servePipelineWorker } from '../../core/pipeline/worker-dispatch.ts';
import { SqlEngine } from '../../core/sql/engine.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';

/**
 * The pipeline worker: sql.js and one pipeline's working database, kept between requests; the lake
 * is fetched from the served datasets folder. See pipeline-client.ts for the API.
 */

servePipelineWorker(domEndpoint(), {
  engine: initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new SqlEngine(sql)),
  lakeFor: (datasets, lakeId) => fetchLakeReader(datasets, lakeId),
});
