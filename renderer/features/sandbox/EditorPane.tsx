import { lazy, Suspense, useEffect, useState } from 'react';
import { useStore } from '../../state/store.ts';
import { useTranslation } from 'react-i18next';
import { PlainEditor } from '../../editor/PlainEditor.tsx';

// Monaco is big: never in the initial bundle, and loaded once the database is open, so it
// does not delay the first paint; the plain editor takes typing and Ctrl+Enter until then.
const SqlEditor = lazy(() => import('../../editor/SqlEditor.tsx'));

/** The editor area. */
export function EditorPane({ docKey, starter }: { docKey: string; starter?: string }) {
  const { t } = useTranslation();
  const engine = useStore((s) => s.engine);
  // Straight to Monaco when the database is already open (another step, back from another screen):
  // no detour through the plain editor, whose caret and focus would only be handed over again.
  const [wantMonaco, setWantMonaco] = useState(() => useStore.getState().engine !== 'loading');
  useEffect(() => {
    if (engine !== 'loading') setWantMonaco(true);
    // Never wait forever on a database that does not open.
    const id = setTimeout(() => setWantMonaco(true), 1500);
    return () => clearTimeout(id);
  }, [engine]);
  return (
    <section className="panel editor-pane" id="sql-editor" aria-label={t('editor.label')} data-testid="editor-pane">
      {wantMonaco ? (
        <Suspense fallback={<PlainEditor docKey={docKey} starter={starter} />}>
          <SqlEditor docKey={docKey} starter={starter} />
        </Suspense>
      ) : (
        <PlainEditor docKey={docKey} starter={starter} />
      )}
    </section>
  );
}
