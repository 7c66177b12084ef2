import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table2, Eye, TableProperties, KeyRound, CornerDownLeft } from 'lucide-react';
import type { SchemaObject } from '../../../core/sql/protocol.ts';
import type { CatalogTable } from '../../../core/datasets/catalog.ts';
import { useStore } from '../../state/store.ts';
import { insertAtCursor } from '../../editor/editor-bridge.ts';
import { currentDatabase, previewTable } from './workbench.ts';

/** Quotes an identifier only when SQLite needs it. */
function sqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function TableEntry({ obj, doc, lang }: { obj: SchemaObject; doc: CatalogTable | undefined; lang: 'ko' | 'en' }) {
  const { t } = useTranslation();
  const ready = useStore((s) => s.engine === 'idle');
  const Icon = obj.type === 'view' ? Eye : Table2;
  return (
    <details className="schema-table" data-testid={`schema-${obj.name}`}>
      <summary>
        <Icon size={14} aria-hidden className="schema-icon" />
        <span className="schema-name">{obj.name}</span>
        {obj.rowCount !== null ? <span className="schema-count">{t('schema.rows', { count: obj.rowCount })}</span> : null}
        <span className="schema-actions">
          <button
            className="btn ghost small icon"
            title={t('schema.insert')}
            aria-label={`${t('schema.insert')}: ${obj.name}`}
            onClick={(e) => {
              e.preventDefault();
              insertAtCursor(sqlName(obj.name));
            }}
          >
            <CornerDownLeft size={13} aria-hidden />
          </button>
          <button
            className="btn ghost small icon"
            title={t('schema.preview')}
            aria-label={`${t('schema.preview')}: ${obj.name}`}
            disabled={!ready}
            onClick={(e) => {
              e.preventDefault();
              void previewTable(obj.name);
            }}
            data-testid={`preview-${obj.name}`}
          >
            <TableProperties size={13} aria-hidden />
          </button>
        </span>
      </summary>
      {doc ? <p className="schema-desc">{doc.description[lang]}</p> : null}
      <ul className="schema-columns">
        {obj.columns.map((c) => {
          const colDoc = doc?.columns.find((d) => d.name.toLowerCase() === c.name.toLowerCase());
          return (
            <li key={c.name}>
              <button className="schema-column" onClick={() => insertAtCursor(sqlName(c.name))} title={t('schema.insert')}>
                <span className="col-name">
                  {c.primaryKey ? <KeyRound size={11} aria-label={t('schema.primaryKey')} className="pk" /> : null}
                  {c.name}
                </span>
                <span className="col-type">
                  {c.type || '—'}
                  {c.notNull ? ' · ' + t('schema.notNull') : ''}
                </span>
                {colDoc ? <span className="col-desc">{colDoc.description[lang]}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/** Tables and views of the open database, with the data dictionary's descriptions. */
export function SchemaBrowser() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const schema = useStore((s) => s.schema);
  const databaseId = useStore((s) => s.databaseId);
  const catalog = useStore((s) => s.catalog);
  const [filter, setFilter] = useState('');
  const db = useMemo(() => (databaseId && catalog ? currentDatabase() : null), [databaseId, catalog]);
  const docs = useMemo(() => new Map((db?.tables ?? []).map((tb) => [tb.name.toLowerCase(), tb])), [db]);
  const f = filter.trim().toLowerCase();
  const visible = schema.filter((o) => !f || o.name.toLowerCase().includes(f) || o.columns.some((c) => c.name.toLowerCase().includes(f)));
  const groups: [string, SchemaObject[]][] = [
    [t('schema.yours'), visible.filter((o) => !o.bundled)],
    [t('schema.tables'), visible.filter((o) => o.bundled && o.type === 'table')],
    [t('schema.views'), visible.filter((o) => o.bundled && o.type === 'view')],
  ];
  return (
    <div className="sidebar-body" data-testid="schema-browser">
      {db ? (
        <div className="db-about">
          <strong>{db.title[lang]}</strong>
          <p>{db.description[lang]}</p>
        </div>
      ) : null}
      <input
        className="input"
        type="search"
        placeholder={t('schema.filter')}
        aria-label={t('schema.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {visible.length === 0 && f ? <p className="muted pad">{t('schema.empty', { filter })}</p> : null}
      {groups.map(([title, items]) =>
        items.length === 0 ? null : (
          <section key={title} className="schema-group" aria-label={title}>
            <h3>{title}</h3>
            {items.map((o) => (
              <TableEntry key={o.name} obj={o} doc={docs.get(o.name.toLowerCase())} lang={lang} />
            ))}
          </section>
        ),
      )}
    </div>
  );
}
