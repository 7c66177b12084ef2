import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, Copy } from 'lucide-react';
import { colorizeSql, colorizedSql } from './sql-colorizer.ts';
import { splitCode } from './code-text.ts';
import { useDarkTheme } from './use-dark-theme.ts';

/** Plain text now, Monaco-highlighted HTML once the colorizer has loaded. */
function useHighlighted(code: string): string | null {
  const dark = useDarkTheme();
  const [html, setHtml] = useState<{ key: string; html: string } | null>(null);
  const key = `${dark}:${code}`;
  const ready = colorizedSql(code, dark);
  useEffect(() => {
    if (ready !== null) return;
    let live = true;
    // A colorizer that cannot load leaves the plain monospace text, which is still correct.
    colorizeSql(code, dark).then(
      (h) => live && setHtml({ key, html: h }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, dark, key, ready]);
  return ready ?? (html?.key === key ? html.html : null);
}

/**
 * SQL in the code font, highlighted by Monaco's colorizer in the app's light or dark theme:
 * a block (solutions, the query behind a chart) with an optional copy button, or `inline`
 * code that never breaks inside a name. Copy gives the SQL exactly as written.
 */
export function CodeBlock({ code, inline = false, copyable = false, testId }: { code: string; inline?: boolean; copyable?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const html = useHighlighted(code);
  const [copied, setCopied] = useState(false);
  // Monaco escapes the text it colorizes, so its HTML holds no markup from the code itself.
  const body = html !== null ? <span dangerouslySetInnerHTML={{ __html: html }} /> : code;
  if (inline)
    return (
      <code className="code-inline" data-highlighted={html !== null} data-testid={testId}>
        {body}
      </code>
    );
  return (
    <div className="code-block" data-testid={testId}>
      <pre data-highlighted={html !== null}>
        <code>{body}</code>
      </pre>
      {copyable ? (
        <button
          type="button"
          className="btn ghost small icon code-copy"
          aria-label={copied ? t('code.copied') : t('code.copy')}
          title={copied ? t('code.copied') : t('code.copy')}
          onClick={() => {
            void navigator.clipboard.writeText(code).then(() => {
              setCopied(true);
              window.setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        </button>
      ) : null}
    </div>
  );
}

/** Lesson text (a hint) with its code shown as code: inline names and calls, whole statements as blocks. */
export function CodeText({ text }: { text: string }) {
  return (
    <>
      {splitCode(text).map((p, i) =>
        p.kind === 'text' ? <Fragment key={i}>{p.text}</Fragment> : <CodeBlock key={i} code={p.text} inline={p.kind === 'code'} />,
      )}
    </>
  );
}
