import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Trash2 } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { setEditorText } from '../../editor/editor-bridge.ts';

/** Saved queries of the open database, searchable by name and text. */
export function SavedList() {
  const { t } = useTranslation();
  const databaseId = useStore((s) => s.databaseId);
  const saved = useStore((s) => s.queries.saved);
  const deleteSaved = useStore((s) => s.deleteSaved);
  const notify = useStore((s) => s.notify);
  const [query, setQuery] = useState('');
  const mine = useMemo(() => saved.filter((q) => q.database === databaseId), [saved, databaseId]);
  const q = query.trim().toLowerCase();
  const shown = q ? mine.filter((s) => s.name.toLowerCase().includes(q) || s.sql.toLowerCase().includes(q)) : mine;
  return (
    <div className="sidebar-body" data-testid="saved-list">
      <input
        className="input"
        type="search"
        placeholder={t('saved.search')}
        aria-label={t('saved.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {mine.length === 0 ? (
        <p className="muted pad">{t('saved.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="muted pad">{t('history.noMatch')}</p>
      ) : null}
      <ul className="query-list">
        {shown.map((s) => (
          <li key={s.id} className="saved-row">
            <button className="query-item" onClick={() => setEditorText(s.sql)} title={t('saved.open')}>
              <strong>{s.name}</strong>
              <code>{s.sql}</code>
            </button>
            <button
              className="btn ghost small icon"
              aria-label={`${t('saved.delete')}: ${s.name}`}
              onClick={() => {
                deleteSaved(s.id);
                notify('info', t('saved.deleted', { name: s.name }));
              }}
            >
              <Trash2 aria-hidden />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
