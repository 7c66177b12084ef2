import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Editor from '@monaco-editor/react';
import * as monaco from '../../editor/monaco-bundle.js';
// The app's Monaco set-up (its worker, the light and dark themes, the bundle as @monaco-editor/react's Monaco) runs on import.
import '../../editor/SqlEditor.tsx';
import { useStore } from '../../state/store.ts';
import { dispatchShortcut } from '../../commands/commands.ts';
import type { Localized } from '../../../core/datasets/catalog.ts';

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/** A problem of the check file at a line (1-based), as the quality parser reports it. */
export interface YamlProblem {
  line: number;
  message: Localized;
}

/** A request to show a line (from the problems list); `seq` makes the same line reachable twice. */
export interface LineReveal {
  line: number;
  seq: number;
}

/**
 * A quality-check file in Monaco (YAML), controlled by `value`: the parse problems of the last run
 * are marked at their lines (red squiggle, message on hover, F8 steps through them), so the
 * learner sees where the file is wrong as well as why. `path` keeps one Monaco model (and undo
 * history) per place the editor appears: the Quality tab, each lesson step.
 */
export function QualityEditor(props: {
  path: string;
  value: string;
  onChange: (yaml: string) => void;
  problems: readonly YamlProblem[];
  reveal?: LineReveal | null;
  label: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const { problems, reveal } = props;

  useEffect(() => {
    const obs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    monaco.editor.setTheme(themeName());
    return () => obs.disconnect();
  }, []);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    const lines = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      'quality-check',
      problems.map((p) => {
        const line = Math.min(Math.max(1, p.line), lines);
        const startColumn = model.getLineFirstNonWhitespaceColumn(line) || 1;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: p.message[lang],
          startLineNumber: line,
          startColumn,
          endLineNumber: line,
          endColumn: Math.max(startColumn + 1, model.getLineMaxColumn(line)),
        };
      }),
    );
  }, [editor, problems, lang, props.value]);

  useEffect(() => {
    if (!editor || !reveal) return;
    const id = requestAnimationFrame(() => {
      editor.revealLineInCenter(reveal.line);
      editor.setPosition({ lineNumber: reveal.line, column: 1 });
      editor.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [editor, reveal]);

  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    if (dispatchShortcut(e.nativeEvent, { inEditor: true })) e.stopPropagation();
  };

  return (
    <Editor
      path={props.path}
      language="yaml"
      value={props.value}
      theme={themeName()}
      onMount={(instance) => setEditor(instance)}
      onChange={(value) => {
        if (value !== undefined && value !== props.value) props.onChange(value);
      }}
      wrapperProps={{ onKeyDownCapture, 'data-testid': props.testId ?? 'quality-editor', className: 'qc-editor' }}
      loading={<div className="muted qc-editor-loading">{t('common.loading')}</div>}
      options={{
        fontSize,
        fontFamily: "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Pretendard Variable', monospace",
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        tabSize: 2,
        insertSpaces: true,
        fixedOverflowWidgets: true,
        padding: { top: 8 },
        quickSuggestions: false,
        wordBasedSuggestions: 'off',
        lineNumbersMinChars: 3,
        ariaLabel: props.label,
      }}
    />
  );
}
