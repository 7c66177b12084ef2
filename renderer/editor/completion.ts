import type * as Monaco from './monaco-bundle.js';
import type { SchemaObject } from '../../core/sql/protocol.ts';

const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'JOIN',
  'LEFT JOIN',
  'INNER JOIN',
  'ON',
  'AS',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS NULL',
  'IS NOT NULL',
  'BETWEEN',
  'LIKE',
  'DISTINCT',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'WITH',
  'UNION ALL',
  'CREATE TABLE',
  'CREATE VIEW',
  'INSERT INTO',
  'VALUES',
  'UPDATE',
  'SET',
  'DELETE FROM',
  'DROP TABLE',
  'COALESCE',
  'CAST',
  'strftime',
  'date',
  'round',
  'DESC',
  'ASC',
];

/**
 * Completion of table and column names from the open database (and SQL keywords).
 * After `name.` only that table's columns are offered. Returns nothing when the setting is off.
 */
export function registerSqlCompletion(
  monaco: typeof Monaco,
  context: () => { enabled: boolean; schema: SchemaObject[] },
): Monaco.IDisposable {
  return monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const { enabled, schema } = context();
      if (!enabled) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const dotted = /([A-Za-z_][A-Za-z0-9_]*)\.$/.exec(before);
      const { CompletionItemKind } = monaco.languages;
      if (dotted) {
        const table = schema.find((o) => o.name.toLowerCase() === dotted[1]!.toLowerCase());
        // An alias (o.) is not resolved here: offer every column then.
        const pool = table ? [table] : schema;
        return {
          suggestions: pool.flatMap((o) =>
            o.columns.map((c) => ({
              label: c.name,
              kind: CompletionItemKind.Field,
              detail: `${o.name} · ${c.type}`,
              insertText: c.name,
              range,
            })),
          ),
        };
      }
      const tables = schema.map((o) => ({
        label: o.name,
        kind: o.type === 'view' ? CompletionItemKind.Interface : CompletionItemKind.Class,
        detail: o.type,
        insertText: o.name,
        range,
        sortText: `1${o.name}`,
      }));
      const seen = new Set<string>();
      const columns = schema.flatMap((o) =>
        o.columns
          .filter((c) => !seen.has(c.name) && seen.add(c.name))
          .map((c) => ({
            label: c.name,
            kind: CompletionItemKind.Field,
            detail: `${o.name} · ${c.type}`,
            insertText: c.name,
            range,
            sortText: `2${c.name}`,
          })),
      );
      const keywords = KEYWORDS.map((k) => ({ label: k, kind: CompletionItemKind.Keyword, insertText: k, range, sortText: `3${k}` }));
      return { suggestions: [...tables, ...columns, ...keywords] };
    },
  });
}
