import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as ContextMenu from '@radix-ui/react-context-menu';
import { Table2, Eye, TableProperties, KeyRound, CornerDownLeft, Download } from 'lucide-react';
import type { SchemaObject } from '../../../core/sql/protocol.ts';
import type { Catalog, CatalogTable, PiiClass } from '../../../core/datasets/catalog.ts';
import { useStore } from '../../state/store.ts';
import { insertAtCursor } from '../../editor/editor-bridge.ts';
import { currentDatabase, previewTable } from './workbench.ts';
import { LakeSection } from './LakeSection.tsx';
import { exportTable } from '../import/import-launch.ts';

/** Quotes an identifier only when SQLite needs it. */
function sqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** A small badge for a column's personal-data class; nothing for non-personal columns. */
export function PiiBadge({ pii }: { pii: PiiClass }) {
  const { t } = useTranslation();
  if (pii === 'none') return null;
  return (
    <span
      className={`pii-badge ${pii}`}
      title={t('pii.label', { klass: t(`pii.${pii}`) })}
      aria-label={t('pii.label', { klass: t(`pii.${pii}`) })}
    >
      {t(`pii.${pii}`)}
    </span>
  );
}

function TableEntry({
  obj,
  doc,
  lang,
  teams,
}: {
  obj: SchemaObject;
  doc: CatalogTable | undefined;
  lang: 'ko' | 'en';
  teams: Catalog['teams'];
}) {
  const { t } = useTranslation();
  const ready = useStore((s) => s.engine === 'idle');
  const Icon = obj.type === 'view' ? Eye : Table2;
  return (
    <ContextMenu.Root>
      <ContextMenu.Trigger asChild>
        <div className="schema-entry">
          <details className="schema-table" data-testid={`schema-${obj.name}`}>
            <summary>
              <Icon size={14} aria-hidden className="schema-icon" />
              <span className="schema-name">{obj.name}</span>
              {obj.rowCount !== null ? <span className="schema-count">{t('schema.rows', { count: obj.rowCount })}</span> : null}
            </summary>
            {doc ? (
              <p className="schema-desc">
                {doc.description[lang]}
                {teams[doc.owner] ? <span className="owner-tag">{t('lake.owner', { team: teams[doc.owner]![lang] })}</span> : null}
              </p>
            ) : null}
            <ul className="schema-columns">
              {obj.columns.map((c) => {
                const colDoc = doc?.columns.find((d) => d.name.toLowerCase() === c.name.toLowerCase());
                return (
                  <li key={c.name}>
                    <button className="schema-column" onClick={() => insertAtCursor(sqlName(c.name))} title={t('schema.insert')}>
                      <span className="col-name">
                        {c.primaryKey ? <KeyRound size={11} aria-label={t('schema.primaryKey')} className="pk" /> : null}
                        {c.name}
                        {colDoc ? <PiiBadge pii={colDoc.pii} /> : null}
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
          <span className="schema-actions">
            <button
              className="btn ghost small icon"
              title={t('schema.insert')}
              aria-label={`${t('schema.insert')}: ${obj.name}`}
              onClick={() => {
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
              onClick={() => {
                void previewTable(obj.name);
              }}
              data-testid={`preview-${obj.name}`}
            >
              <TableProperties size={13} aria-hidden />
            </button>
          </span>
        </div>
      </ContextMenu.Trigger>
      {/* Right-click (or the context-menu key) on a table: its actions, export among them. */}
      <ContextMenu.Portal>
        <ContextMenu.Content className="menu-content" data-testid={`schema-menu-${obj.name}`}>
          <ContextMenu.Item className="menu-item" onSelect={() => insertAtCursor(sqlName(obj.name))}>
            <CornerDownLeft size={14} aria-hidden /> {t('schema.insert')}
          </ContextMenu.Item>
          <ContextMenu.Item className="menu-item" disabled={!ready} onSelect={() => void previewTable(obj.name)}>
            <TableProperties size={14} aria-hidden /> {t('schema.preview')}
          </ContextMenu.Item>
          <ContextMenu.Item
            className="menu-item"
            disabled={!ready}
            onSelect={() => void exportTable(obj.name)}
            data-testid={`export-csv-${obj.name}`}
          >
            <Download size={14} aria-hidden /> {t('import.exportTable')}
          </ContextMenu.Item>
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}

/**
 * Tables and views of the open database, with the data dictionary's descriptions. `compact` (beside
 * a lesson's editor) puts the tables first and shortens the database's description. `stepObjects`
 * (lowercase names a lesson step's setup made) are listed as the step's, apart from the learner's own.
 */
export function SchemaBrowser({ compact = false, stepObjects = [] }: { compact?: boolean; stepObjects?: readonly string[] }) {
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
  const fromStep = (o: SchemaObject): boolean => stepObjects.includes(o.name.toLowerCase());
  const groups: [string, SchemaObject[]][] = [
    [t('schema.stepObjects'), visible.filter((o) => !o.bundled && fromStep(o))],
    [t('schema.yours'), visible.filter((o) => !o.bundled && !fromStep(o))],
    [t('schema.tables'), visible.filter((o) => o.bundled && o.type === 'table')],
    [t('schema.views'), visible.filter((o) => o.bundled && o.type === 'view')],
  ];
  return (
    <div className="sidebar-body" data-testid="schema-browser">
      {db ? (
        <div className={`db-about ${compact ? 'compact' : ''}`}>
          <span className={`layer-tag ${db.layer}`}>{t(`layers.${db.layer}`)}</span>
          <strong>{db.title[lang]}</strong>
          <p title={compact ? db.description[lang] : undefined}>{db.description[lang]}</p>
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
      {db && !compact ? <LakeSection group={db.group} size={db.size} /> : null}
      {groups.map(([title, items]) =>
        items.length === 0 ? null : (
          <section key={title} className="schema-group" aria-label={title}>
            <h3>{title}</h3>
            {items.map((o) => (
              <TableEntry key={o.name} obj={o} doc={docs.get(o.name.toLowerCase())} lang={lang} teams={catalog?.teams ?? {}} />
            ))}
          </section>
        ),
      )}
      {db && compact ? <LakeSection group={db.group} size={db.size} /> : null}
    </div>
  );
}
