import { useEffect, useRef, type KeyboardEvent } from 'react';
import Editor from '@monaco-editor/react';
import { useStore } from '../../state/store.ts';
import { dispatchShortcut } from '../../commands/commands.ts';
// The app's Monaco set-up (bundled Monaco, its worker, the app's light and dark themes) runs on import.
import '../../editor/SqlEditor.tsx';

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/**
 * A SQL task's text in Monaco: the same editor, themes and font as the SQL workbench, but its
 * text belongs to the pipeline (controlled by `value`), not to the sandbox's drafts, and it does
 * not take over the app's Run keys. One Monaco model per task (`path`).
 */
export default function SqlTaskEditor(props: { path: string; value: string; onChange: (sql: string) => void; label: string; readOnly?: boolean }) {
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const theme = useStore((s) => s.settings.theme);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const obs = new MutationObserver(() => {
      const el = ref.current?.querySelector('.monaco-editor');
      if (el) void import('../../editor/monaco-bundle.js').then((m) => m.editor.setTheme(themeName()));
    });
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, [theme]);

  return (
    <div ref={ref} className="pl-monaco">
      <Editor
        path={props.path}
        defaultLanguage="sql"
        value={props.value}
        theme={themeName()}
        onChange={(v) => onChange.current(v ?? '')}
        // The app's shortcuts first (Ctrl+Enter runs the selected task, as it runs the query in the sandbox).
        wrapperProps={{
          onKeyDownCapture: (e: KeyboardEvent<HTMLElement>) => {
            if (dispatchShortcut(e.nativeEvent, { inEditor: true })) e.stopPropagation();
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
          readOnly: props.readOnly ?? false,
          fixedOverflowWidgets: true,
          ariaLabel: props.label,
          padding: { top: 8 },
          lineNumbersMinChars: 3,
        }}
      />
    </div>
  );
}
