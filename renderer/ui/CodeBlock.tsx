import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, Copy } from 'lucide-react';
import { tokenizeSql, tokenizedSql, type SqlToken } from './sql-colorizer.ts';
import { splitCode } from './code-text.ts';

/** Inline code up to this length never breaks inside (a name, a short call); longer may wrap (as lesson prose's, Markdown.tsx). */
const INLINE_NOWRAP_MAX = 40;

/** Plain text now, Monaco's tokens once its tokenizer has loaded. */
function useTokens(code: string): SqlToken[][] | null {
  const ready = tokenizedSql(code);
  const [tokens, setTokens] = useState<{ code: string; lines: SqlToken[][] } | null>(null);
  useEffect(() => {
    if (ready !== null) return;
    let live = true;
    // A tokenizer that cannot load leaves the plain monospace text, which is still correct.
    tokenizeSql(code).then(
      (lines) => live && setTokens({ code, lines }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, ready]);
  return ready ?? (tokens?.code === code ? tokens.lines : null);
}

function render(lines: SqlToken[][]): ReactNode {
  return lines.map((line, i) => (
    <Fragment key={i}>
      {i > 0 ? '\n' : null}
      {line.map((tok, k) =>
        tok.kind === 'plain' ? (
          <Fragment key={k}>{tok.text}</Fragment>
        ) : (
          <span key={k} className={`tok-${tok.kind}`}>
            {tok.text}
          </span>
        ),
      )}
    </Fragment>
  ));
}

/**
 * SQL in the code font, highlighted by Monaco's tokenizer in the app's light or dark theme:
 * a block (solutions, the query behind a chart) with an optional copy button, or `inline`
 * code (a short one never breaks inside a name, a long one wraps). Copy gives the SQL exactly as written.
 */
export function CodeBlock({ code, inline = false, copyable = false, testId }: { code: string; inline?: boolean; copyable?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const lines = useTokens(code);
  const [copied, setCopied] = useState(false);
  const body = lines !== null ? render(lines) : code;
  if (inline)
    return (
      <code className={code.length > INLINE_NOWRAP_MAX ? 'code-inline code-wrap' : 'code-inline'} data-highlighted={lines !== null} data-testid={testId}>
        {body}
      </code>
    );
  return (
    <div className="code-block" data-testid={testId}>
      <pre data-highlighted={lines !== null}>
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
