import i18next from 'i18next';
import { CATALOG_PATH, parseCatalog, type CatalogDatabase } from '../../../core/datasets/catalog.ts';
import type { ExecResult } from '../../../core/sql/protocol.ts';
import type { PiiWarning } from '../../../core/governance/pii-warnings.ts';
import { SqlClient, QueryCancelledError } from '../../sql/sql-client.ts';
import { useStore } from '../../state/store.ts';
import type { LocalDatabase } from '../../state/workbench-slice.ts';
import { downloadBlob, fileStamp } from '../../host/download.ts';
import {
  allTarget,
  clearErrorMarks,
  currentTarget,
  getEditorText,
  markError,
  setEditorText,
  type RunTarget,
} from '../../editor/editor-bridge.ts';

/**
 * The sandbox's actions: open a database, run, cancel, reset, export. Components and commands
 * call these; they talk to the SQL client and write results into the store.
 */

let client: SqlClient | null = null;

function sql(): SqlClient {
  if (!client) {
    client = new SqlClient();
    client.onStateChange((state) => {
      const { engine, setEngine } = useStore.getState();
      if (engine === 'error' || engine === 'loading') return;
      setEngine(state);
    });
    // A restore that could not reopen the learner's own state says so, naming what was lost.
    client.onSnapshotLost((loss) => {
      const { catalog, notify } = useStore.getState();
      const entry = catalog?.databases.find((d) => d.id === loss.databaseId);
      const database = entry ? entry.title[i18next.language === 'ko' ? 'ko' : 'en'] : loss.databaseId;
      const key = loss.tables.length > 0 ? 'notices.snapshotLost' : 'notices.snapshotLostChanges';
      notify('error', i18next.t(key, { database, tables: loss.tables.join(', '), reason: loss.reason }));
    });
  }
  return client;
}

/** The sandbox's SQL client, for features that stream into or out of the open database (import, export). */
export function sandboxSql(): SqlClient {
  return sql();
}

/** The catalog entry of the open database. */
export function currentDatabase(): CatalogDatabase | null {
  const { catalog, databaseId } = useStore.getState();
  return catalog?.databases.find((d) => d.id === databaseId) ?? null;
}

let catalogRequest: Promise<unknown> | null = null;

function fetchCatalog(): Promise<unknown> {
  catalogRequest ??= fetch(CATALOG_PATH).then((res) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  });
  return catalogRequest;
}

/**
 * Starts what takes time before anything needs it: the SQL worker (WebAssembly compile) and the
 * catalog request. Called first thing at start-up, in parallel with reading saved state.
 */
export function warmUpWorkbench(): void {
  sql();
  fetchCatalog().catch(() => undefined);
}

/** The sandbox's database at first start: the warehouse, where a first query answers a real question. */
export const FIRST_DATABASE = 'hanbit-warehouse';

/**
 * Database opens run one at a time, in the order they were asked for, and only the latest one
 * asked for installs anything in the store. The SQL client cannot be trusted with overlapping
 * opens: each waits for its file's bytes first, so a small database asked for second (a lesson
 * link at start-up) was sent to the worker before the large first one, which then replaced it in
 * the engine while the UI kept the lesson's database name.
 */
let latestOpen = 0;
/** The tail of the queue of opens: settles when the last one asked for is done. */
let openQueue: Promise<void> = Promise.resolve();

/**
 * Queues an open; `run` gets a check that says whether it is still the latest one asked for.
 * Resolves to what `run` returned, or undefined when it was superseded before its turn.
 */
function queueOpen<T>(run: (isLatest: () => boolean) => Promise<T>): Promise<T | undefined> {
  const ticket = ++latestOpen;
  const isLatest = (): boolean => ticket === latestOpen;
  // One superseded before its turn is skipped: the newer open brings its own database.
  const turn = openQueue.then(() => (isLatest() ? run(isLatest) : undefined));
  openQueue = turn.then(
    () => undefined,
    () => undefined,
  );
  return turn;
}

/** Settles when every database open asked for so far is done (the engine then holds the store's database). */
export function databaseReady(): Promise<void> {
  return openQueue;
}

/** Opens asked for before the catalog was read wait for it; the first database then gives way to them. */
let waitingForCatalog = 0;
let catalogSettled: () => void = () => undefined;
const catalogRead = new Promise<void>((resolve) => {
  catalogSettled = resolve;
});

/** Reads the bundled catalog and opens the last used database (the warehouse at first start). */
export async function initWorkbench(): Promise<void> {
  const { catalogLoaded, catalogFailed, settings } = useStore.getState();
  try {
    const parsed = parseCatalog(await fetchCatalog());
    if (!parsed.ok) throw new Error(parsed.reason);
    catalogLoaded(parsed.catalog);
    const dbs = parsed.catalog.databases;
    const first = dbs.find((d) => d.id === settings.lastDatabase) ?? dbs.find((d) => d.id === FIRST_DATABASE) ?? dbs[0];
    // A lesson link followed before the catalog arrived has asked for its own database: no other goes first.
    const asked = waitingForCatalog > 0;
    catalogSettled();
    if (first && !asked) await openDatabase(first.id);
  } catch (e) {
    catalogFailed(i18next.t('error.catalog', { message: (e as Error).message }));
  } finally {
    catalogSettled();
  }
}

/** The open database's schema, unless a newer open has replaced it in the meantime. */
async function installSchema(isLatest: () => boolean): Promise<void> {
  const schema = await sql().schema();
  if (isLatest()) useStore.getState().setSchema(schema);
}

/**
 * Opens a bundled database, or a learner's file opened before, in the engine (the learner's
 * changes to it live until Reset). The store names it at once, as the one opening; asked for
 * before the catalog is read, it opens once the catalog is in.
 */
export async function openDatabase(id: string, opts: { remember?: boolean } = {}): Promise<void> {
  const { catalog, catalogError, localDatabases, openingDatabase } = useStore.getState();
  if (!catalog && !catalogError) {
    waitingForCatalog++;
    try {
      await catalogRead;
    } finally {
      waitingForCatalog--;
    }
    if (useStore.getState().catalog) await openDatabase(id, opts);
    return;
  }
  const db = catalog?.databases.find((d) => d.id === id);
  // A learner's file keeps its bytes in the SQL client for the session, so it reopens without a URL.
  const local = localDatabases.find((d) => d.id === id);
  if (!db && !local) return;
  openingDatabase(id);
  await queueOpen(async (isLatest) => {
    try {
      await sql().open({ id, url: db ? `datasets/${db.file}` : '', sha256: db?.sha256 });
      // Superseded while opening: the newer open, queued behind this one, installs its own database.
      if (!isLatest()) return;
      useStore.getState().setEngine('idle');
      // Only bundled databases are reopened at the next start: a learner's file is not kept.
      if (opts.remember !== false && db) useStore.getState().setSetting('lastDatabase', id);
      await installSchema(isLatest);
    } catch (e) {
      if (isLatest()) useStore.getState().engineFailed(i18next.t('error.engine', { message: (e as Error).message }));
    }
  });
}

/**
 * Opens a learner's file (already checked: see core/sql/sqlite-file.ts) as the open database, a
 * new entry in the picker. If SQLite cannot open it after all, the previous database is opened
 * again and the error is thrown for the caller to show.
 */
export async function openDatabaseBytes(entry: LocalDatabase, bytes: Uint8Array): Promise<void> {
  const { databaseId: previous, openingDatabase, localDatabaseOpened, localDatabaseDropped } = useStore.getState();
  // Listed first, so the picker names the file while it opens.
  localDatabaseOpened(entry);
  openingDatabase(entry.id);
  const outcome = await queueOpen(async (isLatest) => {
    try {
      await sql().openBytes(entry.id, bytes);
    } catch (error) {
      return { error, latest: isLatest() };
    }
    if (isLatest()) {
      useStore.getState().setEngine('idle');
      await installSchema(isLatest);
    }
    return 'opened' as const;
  });
  if (outcome === undefined) {
    // Another database was asked for before the file's turn came: the client never got its bytes to reopen it from.
    localDatabaseDropped(entry.id);
  } else if (outcome !== 'opened') {
    localDatabaseDropped(entry.id);
    // Reopened outside the queue's turn (from inside it, it would wait for itself).
    if (outcome.latest && previous) await openDatabase(previous, { remember: false });
    throw outcome.error;
  }
}

/** The open database's name in the UI language: its catalog title, or a learner's file name. */
export function currentDatabaseName(): string {
  const db = currentDatabase();
  if (db) return db.title[i18next.language === 'ko' ? 'ko' : 'en'];
  const { localDatabases, databaseId } = useStore.getState();
  return localDatabases.find((d) => d.id === databaseId)?.name ?? '';
}

/** Re-reads tables and views (after the learner creates or drops something). */
export async function refreshSchema(): Promise<void> {
  const schema = await sql().schema();
  useStore.getState().setSchema(schema);
}

function isExec(outcome: unknown): outcome is ExecResult {
  return typeof outcome === 'object' && outcome !== null && 'results' in outcome;
}

/** The direct identifiers the results of `sql` show on the open database (the editor's PII warning, core/governance/pii-warnings.ts). */
export function piiWarningsFor(text: string, direct: Record<string, string[]>, masked: string[]): Promise<PiiWarning[]> {
  return sql().piiWarnings(text, direct, masked);
}

/** Registers pseudonym(value) under the learner's workspace key in the sandbox's engine (and every later worker). */
export function setSandboxPseudonymKey(key: string | null): Promise<void> {
  return sql().setPseudonymKey(key);
}

/** Runs a query for the app's own use (a lesson's chart); its result is not shown in the results pane. */
export async function queryData(text: string, maxRows = 5000): Promise<ExecResult> {
  return sql().exec(text, { maxRows });
}

/** Runs SQL without showing it (a lesson step's starting state); refreshes the schema if it wrote. */
export async function runSilently(text: string): Promise<void> {
  const outcome = await sql().exec(text, { maxRows: 0 });
  if (outcome.wrote) await refreshSchema();
}

/** Runs SQL and records the outcome, the history entry and the error marker. */
export async function runTarget(target: RunTarget, opts: { record?: boolean } = {}): Promise<void> {
  const state = useStore.getState();
  const databaseId = state.databaseId;
  if (!databaseId || state.engine !== 'idle') return;
  clearErrorMarks();
  const startedAt = performance.now();
  const run = state.startRun({ sql: target.sql, editorOffset: target.offset, startedAt });
  try {
    const outcome = await sql().exec(target.sql, { maxRows: state.settings.rowLimit });
    // Show the last statement's result: it is what a learner running a script wants to see.
    const activeResult = Math.max(0, outcome.results.length - 1);
    useStore.getState().finishRun(run, outcome, activeResult);
    if (outcome.error && target.offset >= 0) markError(target.offset + outcome.error.offset, outcome.error.length, outcome.error.message);
    if (opts.record !== false) {
      const last = outcome.results.at(-1);
      useStore.getState().addHistory({
        database: databaseId,
        sql: target.sql.trim(),
        ranAt: new Date().toISOString(),
        elapsedMs: Math.round(outcome.elapsedMs),
        rowCount: outcome.error ? null : (last?.rowCount ?? 0),
        error: outcome.error?.message ?? null,
      });
    }
    if (outcome.wrote) await refreshSchema();
  } catch (e) {
    if (e instanceof QueryCancelledError) {
      useStore.getState().finishRun(run, { cancelled: true });
      await refreshSchema();
      return;
    }
    useStore.getState().engineFailed(i18next.t('error.engine', { message: (e as Error).message }));
  }
}

/** Runs the selection or the statement under the cursor. */
export function runCurrent(): Promise<void> {
  const target = currentTarget();
  return target ? runTarget(target) : Promise.resolve();
}

/** Runs every statement in the editor. */
export function runAll(): Promise<void> {
  const target = allTarget();
  return target ? runTarget(target) : Promise.resolve();
}

/** Stops the running query; the learner's tables come back from the last snapshot. */
export async function cancelRun(): Promise<void> {
  if (useStore.getState().engine !== 'busy') return;
  await sql().cancel();
}

/** Returns the open database to its bundled state (after the UI's confirmation). */
export async function resetDatabase(): Promise<void> {
  // A learner's file resets to the file's bytes as opened, as a bundled database to its own.
  const name = currentDatabaseName();
  if (!name) return;
  await sql().reset();
  useStore.getState().clearRun();
  await refreshSchema();
  useStore.getState().notify('success', i18next.t('reset.done', { name }));
}

/** Shows a table's first rows in the results without touching the editor. */
export function previewTable(name: string): Promise<void> {
  const quoted = `"${name.replaceAll('"', '""')}"`;
  return runTarget({ sql: `SELECT * FROM ${quoted} LIMIT 100;`, offset: -1 }, { record: false });
}

/** Exports every row of the shown result (not just the rows on screen) as a CSV file. */
export async function exportResultCsv(): Promise<void> {
  const { run, activeResult, databaseId } = useStore.getState();
  const result = run && isExec(run.outcome) ? run.outcome.results[activeResult] : undefined;
  if (!result || result.columns.length === 0) return;
  const csv = await sql().exportCsv(result.sql);
  const file = `${databaseId ?? 'result'}_${fileStamp()}.csv`;
  downloadBlob(file, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  useStore.getState().notify('success', i18next.t('results.exported', { file }));
}

/** Formats the editor's SQL with sql-formatter (SQLite dialect), loaded on first use. */
export async function formatEditor(): Promise<void> {
  const text = getEditorText();
  if (!text.trim()) return;
  try {
    const { format } = await import('sql-formatter');
    setEditorText(format(text, { language: 'sqlite', keywordCase: 'upper', tabWidth: 2 }));
  } catch (e) {
    // sql-formatter speaks English only: say it in the UI language, its own words as the detail.
    useStore.getState().notify('warning', i18next.t('editor.formatFailed', { message: (e as Error).message.split('\n')[0] }));
  }
}
