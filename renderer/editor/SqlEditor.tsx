import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from './monaco-bundle.js';
import EditorWorker from 'monaco-esm/editor/editor.worker.js?worker';
import { format as formatSql } from 'sql-formatter';
import { useStore } from '../state/store.ts';
import { runCommand, runShortcut } from '../commands/commands.ts';
import { attachEditor, plainEditorState } from './editor-bridge.ts';
import { DEFAULT_SQL } from './default-sql.ts';
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

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/** The Monaco SQL editor (loaded lazily): one model per database, with our keybindings. */
export default function SqlEditor({ docKey, starter }: { docKey: string; starter?: string }) {
  const { t } = useTranslation();
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const completion = useStore((s) => s.settings.completion);
  const theme = useStore((s) => s.settings.theme);
  const initial = useStore.getState().queries.drafts[docKey] ?? starter ?? DEFAULT_SQL;
  const busyKey = useRef<monaco.editor.IContextKey<boolean> | null>(null);

  useEffect(() => {
    // Follow the app theme (the attribute is set by App from the setting and the system).
    const obs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    monaco.editor.setTheme(themeName());
    return () => obs.disconnect();
  }, [theme]);

  useEffect(() => useStore.subscribe((s) => busyKey.current?.set(s.engine === 'busy')), []);
  useEffect(() => () => attachEditor(null, null), []);

  const onMount: OnMount = (editor) => {
    // Take over from the plain text area: same caret, same focus.
    const handover = plainEditorState();
    attachEditor(editor, monaco);
    busyKey.current = editor.createContextKey('datalitBusy', useStore.getState().engine === 'busy');
    const { KeyMod, KeyCode } = monaco;
    editor.addAction({
      id: 'datalit.run',
      label: t('commands.run'),
      keybindings: [KeyMod.CtrlCmd | KeyCode.Enter],
      run: () => runCommand('run'),
    });
    editor.addAction({
      id: 'datalit.runAllOrCheck',
      label: `${t('commands.runAll')} / ${t('commands.check')}`,
      keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Enter],
      // Run all in the sandbox, Check in a lesson: the same key, resolved by screen.
      run: () => runShortcut('Shift+Mod+Enter'),
    });
    editor.addAction({
      id: 'datalit.save',
      label: t('commands.save'),
      keybindings: [KeyMod.CtrlCmd | KeyCode.KeyS],
      run: () => runCommand('save'),
    });
    editor.addAction({
      id: 'datalit.palette',
      label: t('commands.palette'),
      keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyP],
      run: () => runCommand('palette'),
    });
    editor.addAction({
      id: 'datalit.export',
      label: t('commands.exportCsv'),
      keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyE],
      run: () => runCommand('export-csv'),
    });
    editor.addAction({
      id: 'datalit.cancel',
      label: t('commands.cancel'),
      keybindings: [KeyCode.Escape],
      precondition: 'datalitBusy',
      run: () => runCommand('cancel'),
    });
    const model = editor.getModel();
    if (handover && model) editor.setPosition(model.getPositionAt(handover.offset));
    if (!handover || handover.focused) editor.focus();
  };

  return (
    <Editor
      path={`${docKey}.sql`}
      defaultLanguage="sql"
      defaultValue={initial}
      theme={themeName()}
      loading={<PlainEditor docKey={docKey} starter={starter} />}
      onMount={onMount}
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
        ariaLabel: t('editor.label'),
        placeholder: t('editor.placeholder'),
        padding: { top: 8 },
      }}
    />
  );
}
