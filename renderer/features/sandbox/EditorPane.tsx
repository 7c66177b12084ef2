import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// Monaco is big: it loads after the first paint, never in the initial bundle.
const SqlEditor = lazy(() => import('../../editor/SqlEditor.tsx'));

/** The editor area. */
export function EditorPane() {
  const { t } = useTranslation();
  return (
    <section className="panel editor-pane" id="sql-editor" aria-label={t('editor.label')} data-testid="editor-pane">
      <Suspense fallback={<div className="editor-loading">{t('editor.loading')}</div>}>
        <SqlEditor />
      </Suspense>
    </section>
  );
}
