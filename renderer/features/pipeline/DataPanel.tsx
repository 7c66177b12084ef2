import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RefreshCw } from 'lucide-react';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import type { ResultSet } from '../../../core/sql/protocol.ts';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { Select } from '../../ui/Select.tsx';
import { useStore } from '../../state/store.ts';
import { pipelineEngine } from './engine-client.ts';
import { quoteName } from './sql-name.ts';
import type { PipelineSessionView } from './pipeline-store.ts';

/** How many rows of a table the grid shows. */
const ROW_LIMIT = 1000;

const TABLES_SQL = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name";

/** Any table of the pipeline's database after the last run, in the result grid. */
export function DataPanel({ session, pipeline, sessionKey }: { session: PipelineSessionView; pipeline: Pipeline; sessionKey: string }) {
  const { t } = useTranslation();
  const [tables, setTables] = useState<string[]>([]);
  const [table, setTable] = useState<string | null>(null);
  const [data, setData] = useState<{ table: string; result: ResultSet } | { table: string; error: string } | null>(null);
  const [tick, setTick] = useState(0);
  const runs = session.runs.length;
  const ready = session.hasDatabase && session.busy === null;

  useEffect(() => {
    if (!ready) return;
    let live = true;
    pipelineEngine()
      .query(sessionKey, pipeline, TABLES_SQL, 10_000)
      .then(
        (r) => live && setTables((r.results.at(-1)?.rows ?? []).map((row) => String(row[0]))),
        () => live && setTables([]),
      );
    return () => {
      live = false;
    };
    // The pipeline object changes with every edit; the tables change only with a run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, runs, tick, sessionKey]);

  useEffect(() => {
    if (!table || !ready) return;
    let live = true;
    pipelineEngine()
      .query(sessionKey, pipeline, `SELECT * FROM ${quoteName(table)}`, ROW_LIMIT)
      .then(
        (r) => {
          if (!live) return;
          if (r.error) setData({ table, error: r.error.message });
          else if (r.results.at(-1)) setData({ table, result: r.results.at(-1)! });
        },
        (e: unknown) => live && setData({ table, error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table, ready, runs, tick, sessionKey]);

  if (!session.hasDatabase) return <p className="pl-placeholder">{t('pipeline.data.runFirst')}</p>;
  const shown = data && data.table === table ? data : null;
  return (
    <div className="pl-data" data-testid="pl-data">
      <div className="pl-row">
        <Select
          label={t('pipeline.data.table')}
          value={table ?? ''}
          options={tables.map((name) => ({ value: name, label: name, group: /__quarantine$/.test(name) ? t('pipeline.data.quarantine') : t('pipeline.data.tables') }))}
          onChange={setTable}
          testId="pl-data-table"
          minWidth={240}
        />
        <button className="btn ghost icon small" onClick={() => setTick((n) => n + 1)} aria-label={t('pipeline.data.refresh')} disabled={!ready}>
          <RefreshCw aria-hidden />
        </button>
        {shown && 'result' in shown ? (
          <span className="muted small" data-testid="pl-data-count">
            {t('pipeline.data.count', { count: shown.result.rowCount, shown: shown.result.rows.length })}
          </span>
        ) : null}
      </div>
      {!table ? <p className="pl-placeholder">{t('pipeline.data.pick')}</p> : null}
      {shown && 'error' in shown ? (
        <div className="pl-error" role="alert">
          {shown.error}
        </div>
      ) : null}
      {shown && 'result' in shown ? (
        <div className="pl-data-grid">
          <ResultGrid columns={shown.result.columns} rows={shown.result.rows} onCopied={() => useStore.getState().notify('success', t('results.copied'))} />
        </div>
      ) : null}
    </div>
  );
}
