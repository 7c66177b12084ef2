import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from './monaco-bundle.js';
import EditorWorker from 'monaco-esm/editor/editor.worker.js?worker';
import { useStore } from '../state/store.ts';
import { dispatchShortcut, displayKeys } from '../commands/commands.ts';
import { attachEditor, detachEditor, takePlainHandover } from './editor-bridge.ts';
import { initialSql, isStarterSql, starterSql } from './default-sql.ts';
import { editorStatus, setEditorStatus, TAB_FOCUS_KEYS } from './editor-status.ts';
import { registerSqlCompletion } from './completion.ts';
import { PlainEditor } from './PlainEditor.tsx';
import { useUiScale } from '../ui/ui-scale.ts';

// Monaco from the app bundle, never from a CDN; its one worker from our own origin.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

monaco.editor.defineTheme('datalit-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff', 'editor.lineHighlightBackground': '#f3f5fa' },
});
monaco.editor.defineTheme('datalit-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1c1f26', 'editorGutter.background': '#1c1f26', 'editor.lineHighlightBackground': '#23272f' },
});

registerSqlCompletion(monaco, () => {
  const s = useStore.getState();
  return { enabled: s.settings.completion, schema: s.schema };
});

monaco.languages.registerDocumentFormattingEditProvider('sql', {
  // sql-formatter (75 KB gzipped) loads on the first format, not with the editor.
  async provideDocumentFormattingEdits(model) {
    try {
      const { format: formatSql } = await import('sql-formatter');
      const text = formatSql(model.getValue(), { language: 'sqlite', keywordCase: 'upper', tabWidth: 2 });
      return [{ range: model.getFullModelRange(), text }];
    } catch {
      return [];
    }
  },
});

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/** The Monaco SQL editor (loaded lazily): one model per database, with our keybindings. */
export default function SqlEditor({ docKey, starter }: { docKey: string; starter?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  // The learner's size, times the tokens' type scale (larger in presenter mode).
  const fontSize = Math.round(useStore((s) => s.settings.editorFontSize) * useUiScale());
  const completion = useStore((s) => s.settings.completion);
  const theme = useStore((s) => s.settings.theme);
  const draft = useStore.getState().queries.drafts[docKey];
  const runKeys = displayKeys('Mod+Enter');
  const initial = starter !== undefined ? (draft ?? starter) : initialSql(draft, docKey, lang, runKeys);
  // The one Monaco editor of this component. @monaco-editor/react keeps it for the component's
  // life and swaps documents on it by `path` (another database, another step): only Monaco's view
  // inside it is rebuilt then. A new component (another screen) brings a new editor, which the
  // effects below set up again, undoing their work on the old one.
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  // onMount is the first render's function (the library keeps it): it reads the document from here.
  const docKeyRef = useRef(docKey);
  docKeyRef.current = docKey;

  useEffect(() => {
    // An untouched starter follows the UI language; anything the learner wrote stays as it is.
    const model = editor?.getModel();
    if (starter !== undefined || !model) return;
    const text = model.getValue();
    const wanted = starterSql(docKey, lang, runKeys);
    if (text !== wanted && isStarterSql(text, docKey, runKeys)) model.setValue(wanted);
  }, [editor, lang, docKey, starter, runKeys]);

  useEffect(() => {
    // Follow the app theme (the attribute is set by App from the setting and the system).
    const obs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    monaco.editor.setTheme(themeName());
    return () => obs.disconnect();
  }, [theme]);

  useEffect(() => {
    if (!editor) return;
    // The status bar shows the way out of the Tab trap while the editor has focus. Monaco keeps
    // its own Ctrl+M switch where no one can read it, so the app's switch sets the editor option
    // instead, and every editor (each screen has its own) starts in the mode last chosen.
    editor.updateOptions({ tabFocusMode: editorStatus().tabMovesFocus });
    const syncFocus = () => setEditorStatus({ focused: editor.hasWidgetFocus() });
    syncFocus();
    const subscriptions = [
      editor.onDidFocusEditorWidget(syncFocus),
      editor.onDidBlurEditorWidget(syncFocus),
      // A document swap rebuilds the view, and focus can go with the old one without a blur.
      editor.onDidChangeModel(syncFocus),
    ];
    return () => {
      for (const s of subscriptions) s.dispose();
      if (detachEditor(editor)) setEditorStatus({ focused: false });
    };
  }, [editor]);

  useEffect(() => {
    if (!editor) return;
    const action = editor.addAction({
      id: 'datalit.toggleTabFocus',
      label: t('editor.toggleTabFocus'),
      keybindings: [
        IS_MAC ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM,
      ],
      run: () => {
        const on = !editorStatus().tabMovesFocus;
        setEditorStatus({ tabMovesFocus: on });
        editor.updateOptions({ tabFocusMode: on });
      },
    });
    // Registered again (label in the new language) after a language switch, never twice.
    return () => action.dispose();
  }, [editor, t]);

  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    if (dispatchShortcut(e.nativeEvent, { inEditor: true })) e.stopPropagation();
  };

  const onMount: OnMount = (instance) => {
    // Run, Explain, Format and the error marks reach the editor from here on.
    attachEditor(instance, monaco);
    setEditor(instance);
    // Take over from the plain text area: same caret, same focus.
    const handover = takePlainHandover(docKeyRef.current);
    const model = instance.getModel();
    if (handover && model) instance.setPosition(model.getPositionAt(handover.offset));
    // Take focus only from the plain editor or from nowhere: never from a heading or button the
    // learner (or the app, on entering a step) has just focused.
    const idle = !document.activeElement || document.activeElement === document.body;
    if (handover?.focused || idle) instance.focus();
  };

  return (
    <Editor
      path={`${docKey}.sql`}
      defaultLanguage="sql"
      defaultValue={initial}
      theme={themeName()}
      loading={<PlainEditor docKey={docKey} starter={starter} />}
      onMount={onMount}
      // The app's shortcuts come from the registered commands: claimed on the way down, before
      // Monaco's own handling sees them (Ctrl+K would start one of its chords), except keys the
      // editor keeps. On the wrapper, so an editor Monaco re-creates (another database) has them too.
      wrapperProps={{ onKeyDownCapture }}
      onChange={(value) => useStore.getState().setDraft(docKey, value ?? '')}
      options={{
        fontSize,
        fontFamily: "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Pretendard Variable', monospace",
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        tabSize: 2,
        renderLineHighlight: 'all',
        quickSuggestions: completion ? { other: true, comments: false, strings: false } : false,
        suggestOnTriggerCharacters: completion,
        wordBasedSuggestions: 'off',
        fixedOverflowWidgets: true,
        ariaLabel: `${t('editor.label')}. ${t('editor.tabTrap', { keys: TAB_FOCUS_KEYS })}`,
        placeholder: t('editor.placeholder'),
        padding: { top: 8 },
      }}
    />
  );
}
