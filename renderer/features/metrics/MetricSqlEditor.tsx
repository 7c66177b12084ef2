import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useStore } from '../../state/store.ts';
import { dispatchShortcut } from '../../commands/commands.ts';
// The app's Monaco set-up (bundled Monaco, its worker, the app's light and dark themes) runs on import.
import '../../editor/SqlEditor.tsx';

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

type Monaco = Parameters<OnMount>[1];
type CodeEditor = Parameters<OnMount>[0];

/**
 * A metric's SQL template in Monaco (the app's themes and font), controlled by `value`. The line
 * of a problem found by the last check is marked in the editor, with its message on hover, so the
 * learner sees where it failed as well as why.
 */
export default function MetricSqlEditor(props: { value: string; onChange: (sql: string) => void; label: string; errorLine: number | null; errorMessage: string | null }) {
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const [mounted, setMounted] = useState<{ editor: CodeEditor; monaco: Monaco } | null>(null);
  const [theme, setTheme] = useState(themeName);

  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);

  useEffect(() => {
    const model = mounted?.editor.getModel();
    if (!mounted || !model) return;
    const line = props.errorLine;
    const markers =
      line !== null && line >= 1 && line <= model.getLineCount()
        ? [
            {
              severity: mounted.monaco.MarkerSeverity.Error,
              message: props.errorMessage ?? '',
              startLineNumber: line,
              startColumn: model.getLineFirstNonWhitespaceColumn(line) || 1,
              endLineNumber: line,
              endColumn: model.getLineMaxColumn(line),
            },
          ]
        : [];
    mounted.monaco.editor.setModelMarkers(model, 'metric-check', markers);
  }, [mounted, props.errorLine, props.errorMessage, props.value]);

  return (
    <div className="mx-sql-editor" data-testid="metric-sql-editor">
      <Editor
        path="metric-editor/metric.sql"
        defaultLanguage="sql"
        value={props.value}
        theme={theme}
        onChange={(v) => onChange.current(v ?? '')}
        onMount={(editor, monaco) => setMounted({ editor, monaco })}
        // The app's shortcuts first (the palette opens from the editor too); Escape is left to the dialog.
        wrapperProps={{
          onKeyDownCapture: (e: KeyboardEvent<HTMLElement>) => {
            if (e.key !== 'Escape' && dispatchShortcut(e.nativeEvent, { inEditor: true })) e.stopPropagation();
          },
        }}
        options={{
          fontSize,
          fontFamily: "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Pretendard Variable', monospace",
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          wordWrap: 'on',
          tabSize: 2,
          fixedOverflowWidgets: true,
          ariaLabel: props.label,
          padding: { top: 8 },
          lineNumbersMinChars: 3,
          glyphMargin: false,
        }}
      />
    </div>
  );
}
