/**
 * SQL highlighting with Monaco's own SQL tokenizer, so hints and solutions read like the editor.
 * Monaco is large: it is imported on first use (never in the first-screen bundle), and callers
 * show plain monospace text until it is ready. Colours come from our CSS (.tok-*), not from
 * Monaco's global theme: the built-in themes' operator grey and function magenta fall below
 * WCAG AA on the app's code backgrounds, and CSS follows light/dark without re-colorizing.
 */

/** What a stretch of SQL is, for its colour. */
export type TokenKind = 'keyword' | 'function' | 'string' | 'number' | 'comment' | 'operator' | 'plain';
/** One coloured stretch of a line. */
export interface SqlToken {
  text: string;
  kind: TokenKind;
}

type Tokenize = (code: string) => SqlToken[][];

let loading: Promise<Tokenize> | null = null;
const cache = new Map<string, SqlToken[][]>();

/** Monaco's token types (keyword.sql, predefined.sql, string.sql …) to our colour kinds. */
export function tokenKind(type: string): TokenKind {
  if (type.startsWith('keyword')) return 'keyword';
  if (type.startsWith('predefined')) return 'function';
  if (type.startsWith('string')) return 'string';
  if (type.startsWith('number')) return 'number';
  if (type.startsWith('comment')) return 'comment';
  if (type.startsWith('operator')) return 'operator';
  return 'plain';
}

function load(): Promise<Tokenize> {
  loading ??= import('../editor/monaco-bundle.js').then(async (monaco) => {
    // The SQL tokenizer loads lazily; colorize waits for it, tokenize alone would not.
    await monaco.editor.colorize('SELECT 1', 'sql', {});
    return (code: string) => {
      // One call for the whole text, so a comment or string spanning lines keeps its colour.
      const lines = code.split(/\r\n|\r|\n/);
      return monaco.editor.tokenize(code, 'sql').map((tokens, i) => {
        const line = lines[i] ?? '';
        const out: SqlToken[] = [];
        tokens.forEach((tok, k) => {
          const text = line.slice(tok.offset, tokens[k + 1]?.offset ?? line.length);
          const prev = out.at(-1);
          // Spaces join the token before, so GROUP BY is one coloured stretch, not two.
          const kind = prev && /^\s+$/.test(text) ? prev.kind : tokenKind(tok.type);
          if (prev && prev.kind === kind) prev.text += text;
          else if (text.length > 0) out.push({ text, kind });
        });
        return out;
      });
    };
  });
  return loading;
}

/** The tokens of `code` if already computed (so a second view draws highlighted at once), else null. */
export function tokenizedSql(code: string): SqlToken[][] | null {
  return cache.get(code) ?? null;
}

/** `code` split into lines of coloured tokens by Monaco's SQL tokenizer. */
export async function tokenizeSql(code: string): Promise<SqlToken[][]> {
  const hit = cache.get(code);
  if (hit) return hit;
  const lines = (await load())(code);
  cache.set(code, lines);
  return lines;
}
