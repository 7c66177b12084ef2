import i18next from 'i18next';
import { Gunzip } from 'fflate';
import {
  byteKind,
  csvPreview,
  decodeSample,
  detectEncoding,
  guessFormat,
  jsonlPreview,
  parseSample,
  PREVIEW_BYTES,
  sniffDelimiter,
  sniffHeader,
  suggestTableName,
  type ImportPreview,
} from '../../../core/sql/csv-sniff.ts';
import { importRefusalCode, IMPORT_ROWS_STAGE, type ImportColumnType } from '../../../core/sql/protocol.ts';
import { QueryCancelledError } from '../../sql/sql-client.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob, fileStamp } from '../../host/download.ts';
import { formatBytes } from '../sandbox/format-bytes.ts';
import { currentDatabaseName, previewTable, refreshSchema, sandboxSql } from '../sandbox/workbench.ts';
import { useImportStore, type ImportDraft } from './import-store.ts';
import { mountImportUi } from './mount.tsx';

/**
 * What the import dialog does: read a file's first bytes (never the whole file: a 200 MB CSV is
 * streamed to the SQL worker, which parses it), refuse a file that is not text before anything
 * opens, guess how to read it, then import with progress and Cancel; and the two exports.
 */

const t = (key: string, params: Record<string, unknown> = {}): string => i18next.t(key, params);
const size = (bytes: number): string => formatBytes(bytes, i18next.language);

/** The first bytes of a gzip stream unpacked (as many as the compressed head gives, up to PREVIEW_BYTES). */
function gunzipHead(compressed: Uint8Array, whole: boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const gunzip = new Gunzip((chunk) => {
    parts.push(chunk);
    length += chunk.byteLength;
  });
  try {
    gunzip.push(compressed, whole);
  } catch (e) {
    // A small file that is whole but does not unpack is cut short or damaged: the worker says which on import.
    if (whole) throw e;
  }
  const out = new Uint8Array(Math.min(length, PREVIEW_BYTES));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    out.set(p.subarray(0, out.length - at), at);
    at += p.byteLength;
  }
  return out;
}

function refuse(name: string, code: string, params: Record<string, unknown> = {}): void {
  useStore.getState().notify('error', t(`import.refused.${code}`, { name, ...params }));
}

/** A free table name: the suggestion, or with _2, _3 when a table already has it. */
function freeName(base: string): string {
  const taken = new Set(useStore.getState().schema.map((o) => o.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  return name;
}

/**
 * Opens the import dialog on a file, or refuses it with the reason (the open database is not
 * touched either way). Reads only its first ~64 KB.
 */
export async function beginImport(file: Blob, name: string): Promise<void> {
  const { engine, databaseId } = useStore.getState();
  if (!databaseId) return refuse(name, 'noDatabase');
  if (engine === 'busy' || engine === 'restoring' || useImportStore.getState().phase === 'importing') return refuse(name, 'busy');
  if (file.size === 0) return refuse(name, 'empty');
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  } catch (e) {
    return refuse(name, 'unreadable', { message: (e as Error).message });
  }
  const complete = file.size <= PREVIEW_BYTES;
  let kind = byteKind(raw);
  let head = raw;
  const gzip = kind.kind === 'gzip';
  if (gzip) {
    try {
      head = gunzipHead(raw, complete);
    } catch {
      return refuse(name, 'gzip-truncated');
    }
    kind = byteKind(head);
    if (kind.kind === 'gzip') return refuse(name, 'binary', { what: t('import.what.gzip') });
  }
  if (kind.kind === 'binary') return refuse(name, 'binary', { what: t(`import.what.${kind.what}`) });
  // A gzip head is whole only when the whole file was unpacked.
  const whole = complete && (!gzip || head.byteLength < PREVIEW_BYTES);
  const encoding = detectEncoding(head, whole);
  const text = decodeSample(head, encoding, whole);
  const format = guessFormat(name, text);
  const delimiter = /\.tsv(\.gz)?$/i.test(name) ? '\t' : sniffDelimiter(text, whole);
  const header = format === 'csv' ? sniffHeader(parseSample(text, delimiter, whole, 51)) : true;
  const draft: ImportDraft = {
    file,
    name,
    size: file.size,
    head,
    complete: whole,
    gzip,
    format,
    encoding,
    delimiter,
    header,
    table: freeName(suggestTableName(name)),
    typeOverrides: {},
  };
  useImportStore.getState().opened(draft);
  mountImportUi();
}

/** What the dialog shows for a draft: columns, guessed types, first rows, lines to be skipped. */
export function previewOf(draft: ImportDraft): ImportPreview & { badLines: number[] } {
  const text = decodeSample(draft.head, draft.encoding, draft.complete);
  if (draft.format === 'jsonl') return jsonlPreview(text, draft.complete);
  return { ...csvPreview(text, draft.delimiter, draft.header, draft.complete), badLines: [] };
}

/** The problem with a table name, in the learner's language, or null. */
export function tableNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return t('import.nameEmpty');
  if (trimmed.toLowerCase().startsWith('sqlite_')) return t('import.nameReserved');
  const taken = useStore.getState().schema.find((o) => o.name.toLowerCase() === trimmed.toLowerCase());
  if (!taken) return null;
  return t(taken.bundled ? 'import.nameBundled' : 'import.nameTaken', { name: taken.name });
}

/** The column types the import will use: the guesses, with the learner's choices over them. */
export function chosenTypes(draft: ImportDraft, guessed: readonly ImportColumnType[]): ImportColumnType[] {
  return guessed.map((type, i) => draft.typeOverrides[i] ?? type);
}

/** The localised reason of a failed import. */
function failureText(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = importRefusalCode(message);
  if (code) return t(`import.refused.${code}`, { name, what: t('import.what.binary') });
  return t('import.refused.failed', { name, message });
}

/** Streams the draft's file into the open database as a new table; the dialog shows progress and can cancel. */
export async function runImport(): Promise<void> {
  const store = useImportStore.getState();
  const draft = store.draft;
  if (!draft || store.phase !== 'editing' || tableNameProblem(draft.table)) return;
  if (useStore.getState().engine !== 'idle') {
    store.failed(t('import.refused.busy'));
    return;
  }
  const table = draft.table.trim();
  const types = draft.format === 'csv' ? chosenTypes(draft, previewOf(draft).types) : undefined;
  let last = 0;
  const op = sandboxSql().importWith(
    draft.file,
    {
      format: draft.format,
      table,
      options: {
        encoding: draft.encoding,
        ...(draft.format === 'csv' ? { delimiter: draft.delimiter, header: draft.header, types } : {}),
      },
    },
    {
      onProgress: (p) => {
        // Ten redraws a second are enough for a bar; a 200 MB file sends thousands of updates.
        const now = performance.now();
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        const rows = p.current?.stage === IMPORT_ROWS_STAGE ? Number(p.current.text) : (useImportStore.getState().progress?.rows ?? 0);
        useImportStore.getState().progressed({ done: p.done, total: p.total, rows });
      },
    },
  );
  store.started(op.id, draft.size);
  try {
    const result = await op;
    await refreshSchema();
    const { notify, screen, openScreen } = useStore.getState();
    if (screen !== 'sandbox') openScreen('sandbox');
    const rows = result.rows.toLocaleString(i18next.language);
    if (result.problemCount > 0) {
      useImportStore.getState().finished(result);
      notify('warning', t('import.doneSkippedNotice', { rows, table, count: result.problemCount }));
    } else {
      useImportStore.getState().finished(null);
      notify('success', t('import.done', { rows, table }));
    }
    await previewTable(table);
  } catch (e) {
    if (e instanceof QueryCancelledError) {
      useImportStore.getState().failed(t('import.cancelled'));
      await refreshSchema().catch(() => undefined);
      return;
    }
    useImportStore.getState().failed(failureText(draft.name, e));
  }
}

/** Stops the running import: its worker is stopped and the database comes back as it was before. */
export async function cancelImport(): Promise<void> {
  const { opId } = useImportStore.getState();
  if (opId !== null) await sandboxSql().cancel(opId);
}

/** Closes the dialog (not while an import runs: Cancel first). */
export function closeImport(): void {
  if (useImportStore.getState().phase === 'importing') return;
  useImportStore.getState().closed();
}

/** Saves every row of a table as a CSV file (UTF-8 with a BOM). */
export async function exportTableCsv(table: string): Promise<void> {
  try {
    const csv = await sandboxSql().exportCsv(`SELECT * FROM "${table.replaceAll('"', '""')}"`);
    const file = `${table}_${fileStamp()}.csv`;
    downloadBlob(file, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    useStore.getState().notify('success', t('import.exported', { file }));
  } catch (e) {
    useStore.getState().notify('error', t('import.exportFailed', { message: (e as Error).message }));
  }
}

/** Opens the table picker of "Export table as CSV…". */
export function pickTableToExport(): void {
  if (!useStore.getState().schema.some((o) => o.type === 'table')) {
    useStore.getState().notify('warning', t('import.noTables'));
    return;
  }
  useImportStore.getState().setExportOpen(true);
  mountImportUi();
}

/** Saves the open database, the learner's own tables in it, as a .sqlite file. */
export async function exportDatabaseFile(): Promise<void> {
  try {
    const bytes = await sandboxSql().exportDatabase();
    const base = (useStore.getState().databaseId ?? currentDatabaseName()) || 'database';
    const file = `${base
      .replace(/^file:/, '')
      .replace(/\.(db|sqlite3?)$/i, '')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '_')}_${fileStamp()}.sqlite`;
    downloadBlob(file, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.sqlite3' }));
    useStore.getState().notify('success', t('import.exported', { file }));
  } catch (e) {
    useStore.getState().notify('error', t('import.exportFailed', { message: (e as Error).message }));
  }
}

/** The file's size and kind, for the dialog's description. */
export function fileInfo(draft: ImportDraft): string {
  const format = `${t(draft.format === 'csv' ? 'import.formatCsv' : 'import.formatJsonl')}${draft.gzip ? ` (${t('import.compressed')})` : ''}`;
  return t('import.fileInfo', { size: size(draft.size), format });
}
