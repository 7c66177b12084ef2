import { EngineFault, type SqlEngine } from './engine.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * A response and the buffers to transfer with it (snapshot bytes move instead of being copied).
 * With `fault`, the worker must not answer but throw it uncaught: the client sees the worker
 * die and restores the last snapshot in a fresh one, as after a cancel.
 */
export interface DispatchOutcome {
  response: WorkerResponse;
  transfer: ArrayBuffer[];
  fault?: EngineFault;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs one protocol request against the engine; errors become values, never exceptions. */
export function handleWorkerRequest(engine: SqlEngine, request: WorkerRequest): DispatchOutcome {
  const { id } = request;
  try {
    switch (request.action) {
      case 'open':
        return { response: { id, ok: true, value: engine.open(request.bytes, request.bundledNames) }, transfer: [] };
      case 'exec':
        return { response: { id, ok: true, value: engine.exec(request.sql, request.maxRows) }, transfer: [] };
      case 'schema':
        return { response: { id, ok: true, value: engine.schema() }, transfer: [] };
      case 'export-csv':
        return { response: { id, ok: true, value: engine.exportCsv(request.sql) }, transfer: [] };
      case 'snapshot': {
        const ownTables = engine.ownTables();
        let bytes = engine.snapshot();
        // Transfer only a buffer the view owns whole; otherwise copy into one that it does.
        if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength || !(bytes.buffer instanceof ArrayBuffer)) {
          bytes = bytes.slice();
        }
        return { response: { id, ok: true, value: { bytes, ownTables } }, transfer: [bytes.buffer as ArrayBuffer] };
      }
      default: {
        const unknown: never = request;
        return { response: { id, ok: false, error: `Unknown action: ${JSON.stringify(unknown)}` }, transfer: [] };
      }
    }
  } catch (e) {
    const response: WorkerResponse = { id, ok: false, error: messageOf(e) };
    return e instanceof EngineFault ? { response, transfer: [], fault: e } : { response, transfer: [] };
  }
}
