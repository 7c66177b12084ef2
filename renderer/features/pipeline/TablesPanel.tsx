import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Plus, Trash2, TriangleAlert } from 'lucide-react';
import type { Pipeline } from '../../../core/pipeline/schema.ts';

/**
 * Who owns each table the pipeline loads and why it exists (the notes: requests pile up; keep
 * records; name a business owner). Tables the pipeline writes without a record are listed first.
 */
export function TablesPanel({ pipeline, onChange, missing }: { pipeline: Pipeline; onChange: (p: Pipeline) => void; missing: string[] }) {
  const { t } = useTranslation();
  const setRecord = (i: number, field: 'owner' | 'purpose', value: string) =>
    onChange({ ...pipeline, tables: pipeline.tables.map((r, k) => (k === i ? { ...r, [field]: value } : r)) });
  const [draft, setDraft] = useState<Record<string, { owner: string; purpose: string }>>({});
  const addRecord = (table: string) => {
    const d = draft[table];
    if (!d?.owner.trim() || !d.purpose.trim()) return;
    onChange({ ...pipeline, tables: [...pipeline.tables, { table, owner: d.owner.trim(), purpose: d.purpose.trim() }] });
    setDraft(({ [table]: _gone, ...rest }) => rest);
  };
  return (
    <div className="pl-tables" data-testid="pl-tables">
      <p className="muted small">{t('pipeline.tables.intro')}</p>
      {missing.length > 0 ? (
        <div className="pl-warning" role="status" data-testid="pl-tables-missing">
          <TriangleAlert size={14} aria-hidden /> {t('pipeline.tables.missing', { count: missing.length, tables: missing.join(', ') })}
        </div>
      ) : null}
      {missing.map((table) => (
        <form
          key={table}
          className="pl-record new"
          onSubmit={(e) => {
            e.preventDefault();
            addRecord(table);
          }}
        >
          <code className="pl-record-table">{table}</code>
          <input
            className="input"
            placeholder={t('pipeline.tables.ownerPlaceholder')}
            aria-label={t('pipeline.tables.ownerOf', { table })}
            value={draft[table]?.owner ?? ''}
            onChange={(e) => setDraft({ ...draft, [table]: { owner: e.target.value, purpose: draft[table]?.purpose ?? '' } })}
          />
          <input
            className="input"
            placeholder={t('pipeline.tables.purposePlaceholder')}
            aria-label={t('pipeline.tables.purposeOf', { table })}
            value={draft[table]?.purpose ?? ''}
            onChange={(e) => setDraft({ ...draft, [table]: { owner: draft[table]?.owner ?? '', purpose: e.target.value } })}
          />
          <button className="btn small" type="submit" disabled={!draft[table]?.owner.trim() || !draft[table]?.purpose.trim()}>
            <Plus aria-hidden /> {t('pipeline.tables.record')}
          </button>
        </form>
      ))}
      {pipeline.tables.length > 0 ? (
        <table className="pl-table">
          <thead>
            <tr>
              <th scope="col">{t('pipeline.tables.table')}</th>
              <th scope="col">{t('pipeline.tables.owner')}</th>
              <th scope="col">{t('pipeline.tables.purpose')}</th>
              <th scope="col">
                <span className="sr-only">{t('pipeline.tables.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pipeline.tables.map((r, i) => (
              <tr key={`${r.table}-${i}`}>
                <td className="mono">{r.table}</td>
                <td>
                  <input
                    className="input"
                    defaultValue={r.owner}
                    aria-label={t('pipeline.tables.ownerOf', { table: r.table })}
                    onBlur={(e) => e.target.value.trim() && e.target.value !== r.owner && setRecord(i, 'owner', e.target.value.trim())}
                  />
                </td>
                <td>
                  <input
                    className="input"
                    defaultValue={r.purpose}
                    aria-label={t('pipeline.tables.purposeOf', { table: r.table })}
                    onBlur={(e) => e.target.value.trim() && e.target.value !== r.purpose && setRecord(i, 'purpose', e.target.value.trim())}
                  />
                </td>
                <td>
                  <button
                    className="btn ghost icon small"
                    aria-label={t('pipeline.tables.removeOf', { table: r.table })}
                    onClick={() => onChange({ ...pipeline, tables: pipeline.tables.filter((_, k) => k !== i) })}
                  >
                    <Trash2 aria-hidden />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
