import { describe, expect, it } from 'vitest';
import { splitStatements, statementAt } from '../../core/editor/statements.ts';

describe('splitStatements', () => {
  it('splits at top-level semicolons and reports exact spans', () => {
    const sql = 'SELECT 1;\n  SELECT 2 ;\nSELECT 3';
    const spans = splitStatements(sql);
    expect(spans.map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3']);
    for (const s of spans) expect(sql.slice(s.start, s.end)).toBe(s.text);
  });

  it('ignores semicolons in strings, quoted names and comments', () => {
    const sql = "SELECT ';' AS a, \"x;y\" FROM t -- a; comment\n/* ; */ WHERE b = 'it''s;';\nSELECT 2;";
    expect(splitStatements(sql)).toHaveLength(2);
  });

  it('keeps a CREATE TRIGGER body (with CASE ... END inside) as one statement', () => {
    const sql = 'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET c = CASE WHEN 1 THEN 2 END; DELETE FROM d; END;\nSELECT 1;';
    const spans = splitStatements(sql);
    expect(spans).toHaveLength(2);
    expect(spans[0]!.text.endsWith('END')).toBe(true);
  });

  it('drops empty statements and comment-only text', () => {
    expect(splitStatements(';;  -- nothing\n;')).toEqual([]);
  });
});

describe('statementAt', () => {
  const sql = 'SELECT 1;\n\nSELECT 2;\n';
  it('finds the statement containing the cursor', () => {
    expect(statementAt(sql, 3)?.text).toBe('SELECT 1');
    expect(statementAt(sql, sql.indexOf('2'))?.text).toBe('SELECT 2');
  });
  it('after the last statement, picks the one just typed', () => {
    expect(statementAt(sql, sql.length)?.text).toBe('SELECT 2');
  });
  it('between statements, picks the previous one', () => {
    expect(statementAt(sql, 10)?.text).toBe('SELECT 1');
  });
  it('returns null for an empty editor', () => {
    expect(statementAt('  ', 1)).toBeNull();
  });
});
