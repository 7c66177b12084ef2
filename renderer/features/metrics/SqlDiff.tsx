import { useEffect, useState } from 'react';
import { DiffEditor } from '@monaco-editor/react';
import { useStore } from '../../state/store.ts';
// The app's Monaco set-up (bundled Monaco, its worker, the app's light and dark themes) runs on import.
import '../../editor/SqlEditor.tsx';

function themeName(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'datalit-dark' : 'datalit-light';
}

/**
 * A metric's SQL before and after one change, side by side in Monaco's read-only diff view (the
 * lines that changed marked), so the audit trail shows how a definition moved. Loaded lazily.
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
  const lines = Math.max(before.split('\n').length, after.split('\n').length);
  return (
    <div className="mx-diff" style={{ height: Math.min(360, lines * (fontSize + 6) + 24) }} aria-label={label} role="group" data-testid="sql-diff">
      <DiffEditor
        original={before}
        modified={after}
        language="sql"
        originalModelPath={`${path}.before.sql`}
        modifiedModelPath={`${path}.after.sql`}
        theme={themeNow}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: true,
          fontSize,
          fontFamily: "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Pretendard Variable', monospace",
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
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
