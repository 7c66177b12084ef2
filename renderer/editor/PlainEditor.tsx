import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../state/store.ts';
import { dispatchShortcut, displayKeys } from '../commands/commands.ts';
import { attachPlainEditor, detachPlainEditor } from './editor-bridge.ts';
import { initialSql } from './default-sql.ts';
import { useUiScale } from '../ui/ui-scale.ts';

/**
 * A plain text area shown for the moment Monaco takes to load, so the learner can type and run
 * at once. It edits the same draft; Monaco takes over its text and caret when ready.
 */
export function PlainEditor({ docKey, starter }: { docKey: string; starter?: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const fontSize = Math.round(useStore((s) => s.settings.editorFontSize) * useUiScale());
  const draft = useStore.getState().queries.drafts[docKey];
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const initial = starter !== undefined ? (draft ?? starter) : initialSql(draft, docKey, lang, displayKeys('Mod+Enter'));

  // A layout effect: on the way out the text area is still in the page, so whether it has focus
  // can be read and handed to what replaces it (a passive effect would run after its removal).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    attachPlainEditor(el, docKey);
    // A native listener: it also hears the bridge's programmatic edits.
    const onInput = () => useStore.getState().setDraft(docKey, el.value);
    el.addEventListener('input', onInput);
    return () => {
      el.removeEventListener('input', onInput);
      detachPlainEditor(el, docKey);
    };
  }, [docKey]);

  return (
    <textarea
      ref={ref}
      key={docKey}
      className="plain-editor"
      data-testid="plain-editor"
      aria-label={t('editor.label')}
      spellCheck={false}
      defaultValue={initial}
      style={{ fontSize }}
      // The registered commands' keys (Run, Check…) work here as in the full editor.
      onKeyDown={(e) => dispatchShortcut(e.nativeEvent, { inEditor: true })}
    />
  );
}
