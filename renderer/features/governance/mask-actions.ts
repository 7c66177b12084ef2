import i18next from 'i18next';
import { sharedGovernanceClient, GovernanceCancelledError } from '../../workbench/governance-client.ts';
import { maskColumnsFor } from '../../../core/governance/pii.ts';
import { useStore } from '../../state/store.ts';
import { useGovernanceStore } from './governance-store.ts';

/*
 * What the Masked views tab's buttons and commands do: run the learner's SQL in the governance
 * worker's private copy of the production database (pseudonym() registered under the workspace
 * key), check the view it creates, save it with the learner's work, put a saved one back.
 */

/** The database masked views are built on. */
export const MASK_DATABASE = 'hanbit-prod';

/** The minimum k the tab's check asks for (the lessons' default). */
export const MASK_MIN_K = 5;

let running: AbortController | null = null;



const gov = () => useGovernanceStore.getState();

/** The SQL in the editor: the learner's, or the starter in the UI language. */
export function maskSqlText(): string {
  return gov().maskSql ?? i18next.t('governance.masked.starter');
}

/** The name of the last view the SQL creates (CREATE [TEMP] VIEW [IF NOT EXISTS] name), or null. */
export function viewNameOf(sql: string): string | null {
  const code = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const re = /\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:main\.)?("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_]*)/gi;
  let name: string | null = null;
  for (const m of code.matchAll(re)) {
    const raw = m[1] ?? '';
    name = /^["`[]/.test(raw) ? raw.slice(1, -1).replaceAll('""', '"') : raw;
  }
  return name;
}

function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs the editor's SQL (Ctrl+Enter on the tab); the last statement's rows are shown. */
export async function runMask(): Promise<void> {
  if (gov().maskRun.status === 'running' || gov().maskCheck.status === 'running') return;
  const sql = maskSqlText();
  const key = gov().ensureWorkspaceKey();
  running = new AbortController();
  gov().setMaskRun({ status: 'running' });
  try {
    // Each run starts from the bundled data: the same CREATE VIEW can run again after an edit.
    const result = await sharedGovernanceClient().maskQuery(MASK_DATABASE, sql, key, { signal: running.signal, reset: true });
    gov().setMaskRun({ status: 'done', result });
  } catch (e) {
    gov().setMaskRun(e instanceof GovernanceCancelledError ? { status: 'idle' } : { status: 'error', message: failure(e) });
  } finally {
    running = null;
  }
}

/** Runs the SQL (so the view is the one in the editor) and checks the view it creates. */
export async function checkMask(): Promise<void> {
  if (gov().maskRun.status === 'running' || gov().maskCheck.status === 'running') return;
  const sql = maskSqlText();
  const view = viewNameOf(sql);
  if (!view) {
    gov().setMaskCheck({ status: 'error', message: i18next.t('governance.masked.noView') });
    return;
  }
  const key = gov().ensureWorkspaceKey();
  const catalog = useStore.getState().catalog;
  const base = gov().maskBase;
  running = new AbortController();
  const signal = running.signal;
  gov().setMaskCheck({ status: 'running' });
  try {
    const client = sharedGovernanceClient();
    // The view checked is the editor's: its SQL runs first (its rows shown too), then the check reads the view it made.
    const result = await client.maskQuery(MASK_DATABASE, sql, key, { signal, reset: true });
    gov().setMaskRun({ status: 'done', result });
    if (result.error) {
      gov().setMaskCheck({ status: 'error', message: result.error.message });
      return;
    }
    const check = await client.maskCheck(
      MASK_DATABASE,
      {
        view,
        base,
        // The quasi-identifiers are found from the view's lineage: any column carrying one of the database's.
        quasi: [],
        // What the data dictionary calls direct identifiers, person keys and quasi-identifiers (as the lesson grader reads them).
        ...(catalog ? maskColumnsFor(catalog, MASK_DATABASE, base) : { directColumns: [], idColumns: [], quasiSources: [] }),
        key,
        minK: MASK_MIN_K,
      },
      { signal },
    );
    gov().setMaskCheck({ status: 'done', check });
  } catch (e) {
    gov().setMaskCheck(e instanceof GovernanceCancelledError ? { status: 'idle' } : { status: 'error', message: failure(e) });
  } finally {
    running = null;
  }
}

/** Stops a running Run or Check. */
export function cancelMask(): void {
  running?.abort();
}

/** True while a Run or Check is under way. */
export function maskBusy(): boolean {
  return gov().maskRun.status === 'running' || gov().maskCheck.status === 'running';
}

/** Saves the editor's view with the learner's work, under the name it creates. */
export function saveMask(): void {
  const sql = maskSqlText();
  const name = viewNameOf(sql);
  if (!name) {
    useStore.getState().notify('error', i18next.t('governance.masked.noView'));
    return;
  }
  gov().saveMaskedView({ name, database: MASK_DATABASE, sql, savedAt: new Date().toISOString() });
  useStore.getState().notify('success', i18next.t('governance.masked.saved', { name }));
}

/** Puts a saved view's SQL in the editor. */
export function openSavedMask(name: string): void {
  const view = gov().doc.maskedViews[name];
  if (!view) return;
  gov().setMaskSql(view.sql);
  gov().setMaskRun({ status: 'idle' });
  gov().setMaskCheck({ status: 'idle' });
}
