/// <reference lib="webworker" />
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { importDbtFiles, importDbtZip, type DbtImport, type DbtInputFile } from '../../../core/models/dbt-import.ts';
import { dbtProjectZip, DbtExportError, exportDbtProject, modelEngineReadTable } from '../../../core/models/dbt-export.ts';
import { sqlEngineModelEngine } from '../../../core/models/engine.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';

/*
 * Import and export of dbt projects off the main thread: unzipping (fflate), reading a folder of
 * seeds, and writing the warehouse's source tables out as seed CSVs all take longer than a frame.
 * Export opens the project's database here (sql.js) to read its sources' rows; the worker is
 * started for one export and terminated after it.
 */

/** What the screen asks of this worker. */
export type DbtIoAsk =
  | { kind: 'zip'; bytes: Uint8Array }
  | { kind: 'files'; files: DbtInputFile[] }
  | { kind: 'export'; project: ModelProjectFiles; databaseBytes: Uint8Array | null };
/** A request with its id. */
export type DbtIoRequest = DbtIoAsk & { id: number };

/** An answer: an imported project, an exported zip, a refusal in both languages, or a crash. */
export type DbtIoResult =
  | { ok: true; imported: DbtImport }
  | { ok: true; exported: { bytes: Uint8Array; name: string } }
  | { ok: false; error: { ko: string; en: string } }
  | { ok: false; crash: string };

/** The answer to one request. */
export interface DbtIoResponse {
  id: number;
  result: DbtIoResult;
}

async function exportZip(project: ModelProjectFiles, databaseBytes: Uint8Array | null): Promise<DbtIoResult> {
  const SQL = await initSqlJs({ locateFile: () => wasmUrl });
  const engine = new SqlEngine(SQL);
  engine.open(databaseBytes ?? new SQL.Database().export());
  try {
    const exported = await exportDbtProject(project, { readTable: modelEngineReadTable(sqlEngineModelEngine(engine)) });
    const name = /^name:\s*['"]?([A-Za-z0-9_]+)/m.exec(project.files['dbt_project.yml'] ?? '')?.[1] ?? 'dbt_project';
    return { ok: true, exported: { bytes: dbtProjectZip(exported.files), name } };
  } catch (e) {
    if (e instanceof DbtExportError) return { ok: false, error: { ko: e.ko, en: e.en } };
    throw e;
  }
}

async function answer(req: DbtIoRequest): Promise<DbtIoResult> {
  if (req.kind === 'export') return exportZip(req.project, req.databaseBytes);
  const r = req.kind === 'zip' ? importDbtZip(req.bytes) : importDbtFiles(req.files);
  return r.ok ? { ok: true, imported: r.value } : { ok: false, error: { ko: r.error.ko, en: r.error.en } };
}

self.onmessage = async (e: MessageEvent<DbtIoRequest>) => {
  const req = e.data;
  let result: DbtIoResult;
  try {
    result = await answer(req);
  } catch (err) {
    result = { ok: false, crash: err instanceof Error ? err.message : String(err) };
  }
  const transfer = 'exported' in result ? [result.exported.bytes.buffer as ArrayBuffer] : [];
  (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id: req.id, result } satisfies DbtIoResponse, transfer);
};
