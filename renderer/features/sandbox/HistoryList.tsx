import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertCircle, Trash2 } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { setEditorText } from '../../editor/editor-bridge.ts';

/** The queries run on the open database, newest first, searchable; click to reopen. */
export function HistoryList() {
  const { t, i18n } = useTranslation();
  const databaseId = useStore((s) => s.databaseId);
  const history = useStore((s) => s.queries.history);
  const clearHistory = useStore((s) => s.clearHistory);
  const [query, setQuery] = useState('');
  const mine = useMemo(() => history.filter((h) => h.database === databaseId), [history, databaseId]);
  const q = query.trim().toLowerCase();
  const shown = q ? mine.filter((h) => h.sql.toLowerCase().includes(q)) : mine;
  const timeFmt = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);
  return (
    <div className="sidebar-body" data-testid="history-list">
      <div className="row">
        <input
          className="input"
          type="search"
          placeholder={t('history.search')}
          aria-label={t('history.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button
          className="btn ghost icon"
          aria-label={t('history.clear')}
          title={t('history.clear')}
          disabled={mine.length === 0}
          onClick={() => databaseId && clearHistory(databaseId)}
        >
          <Trash2 aria-hidden />
        </button>
      </div>
      {mine.length === 0 ? (
        <p className="muted pad">{t('history.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="muted pad">{t('history.noMatch')}</p>
      ) : null}
      <ul className="query-list">
        {shown.map((h) => (
          <li key={h.id}>
            <button className="query-item" onClick={() => setEditorText(h.sql)} title={t('history.open')}>
              <code>{h.sql}</code>
              <span className="meta">
                {h.error ? (
                  <span className="bad">
                    <AlertCircle size={11} aria-hidden /> {t('history.failed')}
                  </span>
                ) : (
                  <span>{t('history.rows', { count: h.rowCount ?? 0 })}</span>
                )}
                <span>{h.elapsedMs} ms</span>
                <time dateTime={h.ranAt}>{timeFmt.format(new Date(h.ranAt))}</time>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
