/**
 * Finds the code in a sentence of lesson text (a hint): `backticked` code, a whole SQL statement
 * at the end ("… round up: SELECT … FROM …;"), and the SQL inside prose (count(*), GROUP BY
 * platform, fact_orders, refunds.amount), so each can be shown in the code font.
 */

/** A piece of text: prose, inline code, or a whole SQL statement shown as a block. */
export interface TextPiece {
  kind: 'text' | 'code' | 'sql';
  text: string;
}

const FUNCTIONS =
  'count|sum|avg|min|max|total|round|abs|substr|substring|strftime|date|datetime|julianday|unixepoch|coalesce|ifnull|nullif|iif|lower|upper|trim|ltrim|rtrim|length|cast|instr|replace|printf|group_concat|row_number|rank|dense_rank|ntile|lag|lead|first_value|last_value';
// A name after a keyword; English glue words end the list ("GROUP BY platform, and count …").
const IDENT = '(?!(?:and|or|then|the|but|with|so|to|in|on|for|as|not|is|it|a|an)\\b)[a-z_][a-z0-9_.]*';
const KEYWORD_PHRASE = `(?:AS|DESC|ASC|GROUP BY|ORDER BY|PARTITION BY|LEFT JOIN|INNER JOIN|CROSS JOIN|UNION ALL|IS NOT NULL|IS NULL|SELECT DISTINCT|DISTINCT|HAVING|WHERE|BETWEEN|CASE WHEN|JOIN|LIKE|OVER|LIMIT \\d+)`;
const INLINE = new RegExp(
  [
    // count(*), max(requests), COUNT(DISTINCT customer_id), (one level of nested parentheses)
    `\\b(?:${FUNCTIONS})\\((?:[^()]|\\([^()]*\\))*\\)`,
    // GROUP BY platform, ORDER BY requests DESC, hour (the keywords with the names they take)
    `\\b${KEYWORD_PHRASE}\\b(?: ${IDENT}(?: (?:DESC|ASC)\\b)?(?:, ${IDENT}(?: (?:DESC|ASC)\\b)?)*)?`,
    // table.column
    `\\b[a-z][a-z0-9_]+\\.[a-z][a-z0-9_]*\\b`,
    // snake_case names
    `\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b`,
  ].join('|'),
  'gi',
);
// A statement: an upper-case keyword that starts one, running to its semicolon or the end.
const STATEMENT = /\b(?:SELECT|WITH|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|VIEW|INDEX))\b[^;]*(?:;|$)/;

function inlinePieces(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    // Keywords count only in capitals: "where" and "like" are English words.
    if (/^[A-Z ]+\b/.test(m[0]) === false && new RegExp(`^${KEYWORD_PHRASE}`, 'i').test(m[0])) continue;
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    out.push({ kind: 'code', text: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

function prosePieces(text: string): TextPiece[] {
  const m = STATEMENT.exec(text);
  // A lone keyword in prose ("use SELECT to …") is not a statement: it needs FROM or a semicolon.
  if (!m || !(/\bFROM\b/.test(m[0]) || m[0].trimEnd().endsWith(';'))) return inlinePieces(text);
  return [
    ...inlinePieces(text.slice(0, m.index)),
    { kind: 'sql', text: m[0].trim() },
    ...prosePieces(text.slice(m.index + m[0].length)),
  ];
}

/** Splits text into prose, inline code and SQL statements; empty prose pieces are dropped. */
export function splitCode(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  text.split(/`([^`]+)`/).forEach((part, i) => {
    if (i % 2 === 1) pieces.push({ kind: 'code', text: part });
    else pieces.push(...prosePieces(part));
  });
  return pieces.filter((p) => p.kind !== 'text' || p.text.length > 0);
}
