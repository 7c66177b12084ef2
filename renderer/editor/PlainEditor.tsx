import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../state/store.ts';
import { runCommand } from '../commands/commands.ts';
import { attachPlainEditor } from './editor-bridge.ts';
import { DEFAULT_SQL } from './default-sql.ts';

/**
 * A plain text area shown for the moment Monaco takes to load, so the learner can type and run
 * at once. It edits the same draft; Monaco takes over its text and caret when ready.
 */
export function PlainEditor() {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const databaseId = useStore((s) => s.databaseId) ?? 'none';
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const initial = useStore.getState().queries.drafts[databaseId] ?? DEFAULT_SQL;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    attachPlainEditor(el);
    // A native listener: it also hears the bridge's programmatic edits.
    const onInput = () => useStore.getState().setDraft(databaseId, el.value);
    el.addEventListener('input', onInput);
    return () => {
      el.removeEventListener('input', onInput);
      attachPlainEditor(null);
    };
  }, [databaseId]);

  return (
    <textarea
      ref={ref}
      key={databaseId}
      className="plain-editor"
      data-testid="plain-editor"
      aria-label={t('editor.label')}
      spellCheck={false}
      defaultValue={initial}
      style={{ fontSize }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
          e.preventDefault();
          runCommand(e.shiftKey ? 'run-all' : 'run');
        }
      }}
    />
  );
}
