import type { DispatchOutcome, ServeContext } from '../worker/serve.ts';
import { EngineFault, type SqlEngine } from './engine.ts';
import { IMPORT_ROWS_STAGE, type ImportResult, type WorkerRequest, type WorkerResults } from './protocol.ts';

/**
 * The SQL worker's request handler, shared by the browser worker and its Node twin. With `fault`
 * in the outcome the worker must not answer but throw it uncaught: the client sees the worker die
 * and restores the last snapshot in a fresh one, as after a cancel.
 */

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Streams an import's chunks into the engine, reporting bytes processed of the total (and rows so far) after each one. */
async function runImport(
  engine: SqlEngine,
  request: Extract<WorkerRequest, { action: 'import' }>,
  ctx: ServeContext,
): Promise<ImportResult> {
  const session = engine.startImport({
    format: request.format,
    table: request.table,
    totalBytes: request.totalBytes,
    ...(request.options ? { options: request.options } : {}),
  });
  let done = 0;
  let total = Math.max(0, request.totalBytes);
  try {
    for await (const chunk of ctx.chunks()) {
      const rows = session.write(chunk);
      done += chunk.byteLength;
      // A source longer than announced still ends at 100%, never past it.
      total = Math.max(total, done);
      ctx.progress({ done, total, current: { stage: IMPORT_ROWS_STAGE, text: String(rows) } });
    }
  } catch (e) {
    session.abort();
    throw e;
  }
  const result = session.finish();
  // The last word is plain bytes, done of done: the rows are in the result.
  ctx.progress({ done, total: done });
  return result;
}

/** Tables with their columns and views with their SQL, as the PII lineage reads them (no row counts: they cost a scan). */
function lineageSchemaOf(engine: SqlEngine): { tables: Record<string, string[]>; views: Record<string, string> } {
  const db = engine.database();
  const tables: Record<string, string[]> = {};
  const views: Record<string, string> = {};
  const objects = db.exec(
    "SELECT name, type, sql FROM main.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  );
  for (const [name, type, sql] of objects[0]?.values ?? []) {
    if (type === 'view') views[String(name)] = String(sql ?? '');
    else
      tables[String(name)] = (db.exec('SELECT name FROM pragma_table_info(?)', [String(name)])[0]?.values ?? []).map((r) => String(r[0]));
  }
  return { tables, views };
}

/** Runs one protocol request against the engine; errors become values, never exceptions. */
export async function handleWorkerRequest(
  engine: SqlEngine,
  request: WorkerRequest,
  ctx: ServeContext,
): Promise<DispatchOutcome<WorkerResults[WorkerRequest['action']]>> {
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
      case 'import':
        return { response: { id, ok: true, value: await runImport(engine, request, ctx) }, transfer: [] };
      case 'pseudonym-key':
        engine.setPseudonymKey(request.key);
        return { response: { id, ok: true, value: null }, transfer: [] };
      case 'pii-warnings': {
        // The parser is a large module: loaded on the first warning, in this worker only.
        const { piiWarnings } = await import('../governance/pii-warnings.ts');
        const schema = lineageSchemaOf(engine);
        const value = piiWarnings(request.sql, { ...schema, direct: request.direct, masked: request.masked ?? [] });
        return { response: { id, ok: true, value }, transfer: [] };
      }
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
    const response = { id, ok: false as const, error: messageOf(e) };
    return e instanceof EngineFault ? { response, transfer: [], fault: e } : { response, transfer: [] };
  }
}

/** Starts the engine, then serves requests: an engine that failed to start answers every request with why. */
export function sqlRequestHandler(
  engineReady: Promise<SqlEngine>,
): (request: WorkerRequest, ctx: ServeContext) => Promise<DispatchOutcome> {
  return async (request, ctx) => {
    let engine: SqlEngine;
    try {
      engine = await engineReady;
    } catch (e) {
      return { response: { id: request.id, ok: false, error: `SQLite failed to start: ${messageOf(e)}` }, transfer: [] };
    }
    return handleWorkerRequest(engine, request, ctx);
  };
}
