import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Editor from '@monaco-editor/react';
import * as monaco from '../../editor/monaco-bundle.js';
// The app's Monaco set-up (its worker from our origin, the light and dark themes, the bundle as
// @monaco-editor/react's Monaco) lives with the SQL editor; importing it runs that set-up once.
import '../../editor/SqlEditor.tsx';
import { useStore } from '../../state/store.ts';
import { dispatchShortcut } from '../../commands/commands.ts';
import { languageOf } from './project-files.ts';
import type { ModelProblem } from './engine.ts';

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/** Follows the app theme (Monaco has one theme for all its editors). */
function useMonacoTheme(): void {
  useEffect(() => {
    const obs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    monaco.editor.setTheme(themeName());
    return () => obs.disconnect();
  }, []);
}

const OPTIONS = {
  fontFamily: "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Pretendard Variable', monospace",
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  automaticLayout: true,
  wordWrap: 'on' as const,
  tabSize: 2,
  fixedOverflowWidgets: true,
  padding: { top: 8 },
  quickSuggestions: false,
  wordBasedSuggestions: 'off' as const,
};

/** A request to show a line (from the Problems list); `seq` makes the same line reachable twice. */
export interface RevealRequest {
  path: string;
  line: number;
  seq: number;
}

/**
 * One project file in Monaco, SQL or YAML by its extension, with the project check's problems
 * marked at their lines (red squiggle, hover for the message, F8 to step through them). Each
 * file keeps its own Monaco model (and undo history) under `scope`, so switching files and back
 * keeps the learner's place.
 */
export function ModelFileEditor(props: {
  scope: string;
  path: string;
  text: string;
  onChange: (text: string) => void;
  problems: readonly ModelProblem[];
  reveal: RevealRequest | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  useMonacoTheme();
  const { path, problems, reveal } = props;

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    const lines = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      'models-check',
      problems.map((p) => {
        const line = Math.min(Math.max(1, p.line), lines);
        const endLine = Math.min(Math.max(line, p.endLine ?? line), lines);
        // Without a column the whole line is marked, from its first character.
        const startColumn = p.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1;
        const endColumn = p.endColumn ?? model.getLineMaxColumn(endLine);
        return {
          severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: p.message[lang],
          startLineNumber: line,
          startColumn: Math.max(1, startColumn),
          endLineNumber: endLine,
          endColumn: Math.max(startColumn + 1, endColumn),
        };
      }),
    );
  }, [editor, path, problems, lang, props.text]);

  useEffect(() => {
    if (!editor || !reveal || reveal.path !== path) return;
    // After the model swap of a newly opened file has settled.
    const id = requestAnimationFrame(() => {
      editor.revealLineInCenter(reveal.line);
      editor.setPosition({ lineNumber: reveal.line, column: 1 });
      editor.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [editor, reveal, path]);

  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    if (dispatchShortcut(e.nativeEvent, { inEditor: true })) e.stopPropagation();
  };

  return (
    <Editor
      path={`${props.scope}/${path}`}
      language={languageOf(path)}
      value={props.text}
      theme={themeName()}
      onMount={(instance) => setEditor(instance)}
      onChange={(value) => {
        if (value !== undefined && value !== props.text) props.onChange(value);
      }}
      wrapperProps={{ onKeyDownCapture, 'data-testid': 'model-editor', 'data-path': path }}
      loading={<div className="models-editor-loading muted">{t('common.loading')}</div>}
      options={{ ...OPTIONS, fontSize, ariaLabel: t('models.editor.label', { path }) }}
    />
  );
}

/** A read-only Monaco view of compiled SQL. */
export function CompiledSqlView({ scope, name, sql }: { scope: string; name: string; sql: string }) {
  const { t } = useTranslation();
  const fontSize = useStore((s) => s.settings.editorFontSize);
  useMonacoTheme();
  return (
    <Editor
      path={`${scope}/compiled/${name}.sql`}
      language="sql"
      value={sql}
      theme={themeName()}
      wrapperProps={{ 'data-testid': 'compiled-sql', 'data-name': name }}
      loading={<pre className="models-compiled-plain">{sql}</pre>}
      options={{ ...OPTIONS, fontSize, readOnly: true, domReadOnly: true, ariaLabel: t('models.editor.compiledLabel', { name }), lineNumbers: 'on' }}
    />
  );
}
