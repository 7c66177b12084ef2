import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Table2 } from 'lucide-react';
import type { TableColumns } from '../../../core/metrics/audit.ts';
import type { Metric } from '../../../core/metrics/schema.ts';
import { useStore } from '../../state/store.ts';
import { langOf } from './registry-view.ts';
import { useAudit } from './use-audit.ts';

/**
 * What a metric reads, found by parsing its SQL (auditMetric, in the analytics worker): each table with the columns the
 * query uses, described from the data dictionary when the catalog is loaded. A query the parser
 * cannot read says so, with the tables named after FROM and JOIN.
 */
export function TablesRead({ metric }: { metric: Metric }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const catalog = useStore((s) => s.catalog);
  const tables = useMemo(() => catalog?.databases.find((d) => d.id === metric.database)?.tables ?? [], [catalog, metric.database]);
  const schema = useMemo<TableColumns | undefined>(
    () => (tables.length > 0 ? Object.fromEntries(tables.map((tb) => [tb.name, tb.columns.map((c) => c.name)])) : undefined),
    [tables],
  );
  // Parsed in a worker: the parser's first parse takes longer than a frame.
  const { audit, failed } = useAudit(metric, 'month', schema);
  const docs = useMemo(() => new Map(tables.map((tb) => [tb.name.toLowerCase(), tb])), [tables]);

  if (failed)
    return (
      <p className="mx-error" role="alert">
        {t('metrics.audit.unparsed', { message: failed })}
      </p>
    );
  if (!audit)
    return (
      <p className="mx-muted" role="status" data-testid="tables-read-loading">
        {t('metrics.audit.parsing')}
      </p>
    );

  return (
    <div className="mx-reads" data-testid="tables-read">
      <p className="mx-muted mx-small">{t('metrics.audit.readsHint')}</p>
      {audit.fallback ? (
        <p className="mx-warn-text mx-small" role="note">
          {t('metrics.audit.unparsed', { message: audit.fallback.message })}
        </p>
      ) : null}
      <ul className="mx-reads-list">
        {audit.tables.map((table) => {
          const doc = docs.get(table.toLowerCase());
          const columns = audit.columns.filter((c) => c.table.toLowerCase() === table.toLowerCase());
          return (
            <li key={table} className="mx-read" data-testid={`read-${table}`}>
              <div className="mx-read-table">
                <Table2 size={14} aria-hidden />
                <code>{table}</code>
                {doc ? <span className="mx-muted mx-small">{doc.description[lang]}</span> : null}
              </div>
              {columns.length === 0 ? (
                <p className="mx-muted mx-small">{audit.parsed ? t('metrics.audit.noColumns') : ''}</p>
              ) : (
                <table className="mx-read-columns">
                  <caption className="sr-only">{t('metrics.audit.columns')}</caption>
                  <tbody>
                    {columns.map((c) => {
                      const col = doc?.columns.find((dc) => dc.name.toLowerCase() === c.column.toLowerCase());
                      return (
                        <tr key={c.column} data-testid={`read-${table}-${c.column}`}>
                          <th scope="row">
                            <code>{c.column}</code>
                          </th>
                          <td className="mx-muted">{col?.description[lang] ?? ''}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
