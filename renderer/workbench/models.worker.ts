import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { modelsRequestHandler, type ModelsProtocol } from '../../core/models/worker-dispatch.ts';
import { serveWorker } from '../../core/worker/serve.ts';
import { domEndpoint } from '../worker/dom-endpoint.ts';

/** The models worker: the model workbench's load, build, compile and query off the main thread. */

serveWorker<ModelsProtocol>(domEndpoint(), modelsRequestHandler(initSqlJs({ locateFile: () => wasmUrl })));
