import { useEffect, useState } from 'react';
import { DiffEditor } from '@monaco-editor/react';
import { useStore } from '../../state/store.ts';
// The app's Monaco set-up (bundled Monaco, its worker, the app's light and dark themes) runs on import.
import '../../editor/SqlEditor.tsx';

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/**
 * A metric's SQL before and after one change in Monaco's read-only diff view (lines removed in red
 * above the lines added in green), so the audit trail shows how a definition moved. Loaded lazily.
 */
export default function SqlDiff({ before, after, label, path }: { before: string; after: string; label: string; path: string }) {
  const fontSize = useStore((s) => s.settings.editorFontSize);
  const theme = useStore((s) => s.settings.theme);
  const [themeNow, setThemeNow] = useState(themeName);
  useEffect(() => {
    // The theme attribute changes after the setting does (system theme included): follow the attribute.
    const obs = new MutationObserver(() => setThemeNow(themeName()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, [theme]);
  const lineHeight = Math.round(fontSize * 1.5);
  // A first guess (every line of both versions), then Monaco's own measure once it has laid the diff out.
  const [height, setHeight] = useState(() => (before.split('\n').length + after.split('\n').length) * lineHeight + 16);
  return (
    <div className="mx-diff" style={{ height: Math.min(440, height) }} aria-label={label} role="group" data-testid="sql-diff">
      <DiffEditor
        original={before}
        modified={after}
        language="sql"
        originalModelPath={`${path}.before.sql`}
        modifiedModelPath={`${path}.after.sql`}
        // The library disposes its models before the diff widget lets go of them (an uncaught
        // "TextModel got disposed before DiffEditorWidget model got reset"): keep them, one pair per
        // history entry, reused by path when it is opened again.
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        theme={themeNow}
        onMount={(diff) => {
          const modified = diff.getModifiedEditor();
          const fit = () => setHeight(modified.getContentHeight() + 8);
          modified.onDidContentSizeChange(fit);
          fit();
        }}
        options={{
          readOnly: true,
          originalEditable: false,
          // One column, removed lines above the added ones: readable at any width, no half-width wrapping.
          renderSideBySide: false,
          fontSize,
          lineHeight,
          fontFamily: "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Pretendard Variable', monospace",
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          scrollbar: { alwaysConsumeMouseWheel: false },
          automaticLayout: true,
          wordWrap: 'on',
          lineNumbersMinChars: 3,
          renderOverviewRuler: false,
          ariaLabel: label,
        }}
      />
    </div>
  );
}
