import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertTriangle, Lightbulb } from 'lucide-react';
import type { SqlErrorInfo } from '../../../core/sql/protocol.ts';
import { explainSqlError } from '../../../core/sql/error-explain.ts';
import { editorLineColumn, revealOffset } from '../../editor/editor-bridge.ts';
import { useStore } from '../../state/store.ts';
import { Ticks, tickList } from './Ticks.tsx';
import './sql-help.css';

const LIST_PARAMS = new Set(['tables', 'available']);

/**
 * A SQL error as a learner reads it: where it is, what it means in plain words, what they may
 * have meant (from the open database's schema), and SQLite's own message underneath.
 */
export function SqlErrorBox({ error, sql, editorOffset }: { error: SqlErrorInfo; sql: string; editorOffset: number | null }) {
  const { t } = useTranslation();
  const schema = useStore((s) => s.schema);
  const explained = useMemo(() => (error.guidance ? null : explainSqlError(error, sql, schema)), [error, sql, schema]);
  // Where the learner sees it: in the editor when the text came from it, else in the text that ran.
  const at = editorOffset !== null ? editorOffset + error.offset : null;
  const pos = at !== null ? editorLineColumn(at) : { line: error.line, column: error.column };
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(explained?.params ?? {})) {
    params[key] = LIST_PARAMS.has(key) && typeof value === 'string' ? tickList(value) : value;
  }
  if (explained?.code === 'already-exists') params.kind = t(`sqlError.kind.${String(params.kind)}`, { defaultValue: String(params.kind) });
  const suggestions = explained?.suggestions ?? [];
  return (
    <div className="sql-error" role="alert" data-testid="sql-error">
      <AlertTriangle aria-hidden />
      <div className="sql-error-body">
        <div className="sql-error-head">
          <strong>{t('error.title')}</strong>{' '}
          <span data-testid="sql-error-position">{t('error.at', { line: pos.line, column: pos.column })}</span>
          {at !== null ? (
            <button className="btn small" onClick={() => revealOffset(at)}>
              {t('error.goTo')}
            </button>
          ) : null}
        </div>
        {error.guidance ? (
          <p className="sql-error-explain" data-testid="sql-error-message">
            {t(`sqlGuidance.${error.guidance.code}`, error.guidance.params)}
          </p>
        ) : (
          <>
            {explained && explained.code !== 'unknown' ? (
              <p className="sql-error-explain" data-testid="sql-error-explain" data-code={explained.code}>
                <Ticks text={t(`sqlError.codes.${explained.code}`, params)} />
              </p>
            ) : null}
            {suggestions.length > 0 ? (
              <p className="sql-error-suggest" data-testid="sql-error-suggestion">
                <Lightbulb aria-hidden />
                <span>
                  <Ticks text={t('sqlError.didYouMean', { names: suggestions.map((s) => `\`${s}\``).join(t('sqlError.or')) })} />
                </span>
              </p>
            ) : null}
            <p className="sql-error-original">
              <span>{t('sqlError.original')}</span> <code data-testid="sql-error-message">{error.message}</code>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
