import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PlainEditor } from '../../editor/PlainEditor.tsx';

// Monaco is big: never in the initial bundle; its download starts at start-up (preloadEditor).
const loadEditor = () => import('../../editor/SqlEditor.tsx');
const SqlEditor = lazy(loadEditor);

/** Starts downloading the editor chunk early, so it is ready when the pane first renders. */
export function preloadEditor(): void {
  loadEditor().catch(() => undefined);
}

/** The editor area. */
export function EditorPane() {
  const { t } = useTranslation();
  return (
    <section className="panel editor-pane" id="sql-editor" aria-label={t('editor.label')} data-testid="editor-pane">
      <Suspense fallback={<PlainEditor />}>
        <SqlEditor />
      </Suspense>
    </section>
  );
}
