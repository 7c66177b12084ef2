import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from './monaco-bundle.js';
import EditorWorker from 'monaco-esm/editor/editor.worker.js?worker';
import { format as formatSql } from 'sql-formatter';
import { useStore } from '../state/store.ts';
import { dispatchShortcut, displayKeys } from '../commands/commands.ts';
import { attachEditor, plainEditorState } from './editor-bridge.ts';
import { initialSql, isStarterSql, starterSql } from './default-sql.ts';
import { editorStatus, setEditorStatus, TAB_FOCUS_KEYS } from './editor-status.ts';
import { registerSqlCompletion } from './completion.ts';
import { PlainEditor } from './PlainEditor.tsx';

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
  provideDocumentFormattingEdits(model) {
    try {
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
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const completion = useStore((s) => s.settings.completion);
  const theme = useStore((s) => s.settings.theme);
  const draft = useStore.getState().queries.drafts[docKey];
  const runKeys = displayKeys('Mod+Enter');
  const initial = starter !== undefined ? (draft ?? starter) : initialSql(draft, docKey, lang, runKeys);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    // An untouched starter follows the UI language; anything the learner wrote stays as it is.
    const model = editorRef.current?.getModel();
    if (starter !== undefined || !model) return;
    const text = model.getValue();
    const wanted = starterSql(docKey, lang, runKeys);
    if (text !== wanted && isStarterSql(text, docKey, runKeys)) model.setValue(wanted);
  }, [lang, docKey, starter, runKeys]);

  useEffect(() => {
    // Follow the app theme (the attribute is set by App from the setting and the system).
    const obs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    monaco.editor.setTheme(themeName());
    return () => obs.disconnect();
  }, [theme]);

  useEffect(
    () => () => {
      attachEditor(null, null);
      setEditorStatus({ focused: false });
    },
    [],
  );

  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    if (dispatchShortcut(e.nativeEvent, { inEditor: true })) e.stopPropagation();
  };

  const onMount: OnMount = (editor) => {
    // Take over from the plain text area: same caret, same focus.
    const handover = plainEditorState();
    attachEditor(editor, monaco);
    editorRef.current = editor;
    // The status bar shows the way out of the Tab trap while the editor has focus. Monaco keeps
    // its own Ctrl+M switch where no one can read it, so the app's switch sets the editor option
    // instead, and every editor (each step has its own) starts in the mode last chosen.
    editor.updateOptions({ tabFocusMode: editorStatus().tabMovesFocus });
    setEditorStatus({ focused: editor.hasWidgetFocus() });
    editor.onDidFocusEditorWidget(() => setEditorStatus({ focused: true }));
    editor.onDidBlurEditorWidget(() => setEditorStatus({ focused: false }));
    const { KeyMod, KeyCode } = monaco;
    editor.addAction({
      id: 'datalit.toggleTabFocus',
      label: t('editor.toggleTabFocus'),
      keybindings: [IS_MAC ? KeyMod.WinCtrl | KeyMod.Shift | KeyCode.KeyM : KeyMod.CtrlCmd | KeyCode.KeyM],
      run: () => {
        const on = !editorStatus().tabMovesFocus;
        setEditorStatus({ tabMovesFocus: on });
        editor.updateOptions({ tabFocusMode: on });
      },
    });
    const model = editor.getModel();
    if (handover && model) editor.setPosition(model.getPositionAt(handover.offset));
    // Take focus only from the plain editor or from nowhere: never from a heading or button the
    // learner (or the app, on entering a step) has just focused.
    const idle = !document.activeElement || document.activeElement === document.body;
    if (handover ? handover.focused : idle) editor.focus();
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
