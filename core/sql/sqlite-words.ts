/**
 * SQLite's keywords and the functions a learner is likely to reach for, so an error can suggest
 * "did you mean SELECT?" or "did you mean count()?" without asking the engine.
 */

/** Every SQLite keyword (https://sqlite.org/lang_keywords.html), upper case. */
export const SQLITE_KEYWORDS: ReadonlySet<string> = new Set(
  `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY
  CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE
  CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP
  EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM
  FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT
  INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING
  NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY
  RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK
  ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION
  UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT`.split(/\s+/),
);

/**
 * Keywords a misspelling is usually aiming at: the clause words of a query. Suggesting rarer
 * keywords (ABORT, GLOB) for a typo would mislead more than it helps.
 */
// prettier-ignore
export const CLAUSE_KEYWORDS: readonly string[] = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'BY', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'INNER', 'LEFT',
  'OUTER', 'CROSS', 'ON', 'USING', 'AS', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'BETWEEN', 'CASE',
  'WHEN', 'THEN', 'ELSE', 'END', 'DISTINCT', 'UNION', 'EXCEPT', 'INTERSECT', 'WITH', 'INSERT', 'INTO', 'VALUES',
  'UPDATE', 'SET', 'DELETE', 'CREATE', 'TABLE', 'VIEW', 'INDEX', 'DROP', 'ALTER', 'EXISTS', 'ASC', 'DESC',
  'OVER', 'PARTITION', 'WINDOW', 'CAST', 'EXPLAIN',
];

/** Built-in functions of SQLite (core, math, date, JSON, window, aggregate) worth suggesting. */
// prettier-ignore
export const SQLITE_FUNCTIONS: readonly string[] = [
  'abs', 'avg', 'ceil', 'char', 'coalesce', 'concat', 'concat_ws', 'count', 'cume_dist', 'date', 'datetime',
  'dense_rank', 'exp', 'first_value', 'floor', 'format', 'glob', 'group_concat', 'hex', 'iif', 'ifnull',
  'instr', 'json_extract', 'json_object', 'json_array', 'json_group_array', 'julianday', 'lag', 'last_value',
  'lead', 'length', 'like', 'ln', 'log', 'lower', 'ltrim', 'max', 'median', 'min', 'mod', 'nth_value',
  'ntile', 'nullif', 'percent_rank', 'pow', 'power', 'printf', 'quote', 'random', 'rank', 'replace',
  'round', 'row_number', 'rtrim', 'sign', 'sqrt', 'stdev', 'strftime', 'string_agg', 'substr', 'substring',
  'sum', 'time', 'timediff', 'total', 'trim', 'trunc', 'typeof', 'unixepoch', 'upper', 'variance',
];

/**
 * Functions of other databases a learner brings along, with the SQLite way to write them
 * (MySQL, PostgreSQL, SQL Server, Oracle). Keys are lower case.
 */
export const FOREIGN_FUNCTIONS: Readonly<Record<string, string>> = {
  now: "datetime('now')",
  getdate: "datetime('now')",
  sysdate: "datetime('now')",
  curdate: "date('now')",
  year: "strftime('%Y', x)",
  month: "strftime('%m', x)",
  day: "strftime('%d', x)",
  hour: "strftime('%H', x)",
  date_format: "strftime('%Y-%m', x)",
  to_char: "strftime('%Y-%m', x)",
  date_trunc: "strftime('%Y-%m-01', x)",
  datediff: 'julianday(b) - julianday(a)',
  date_add: "date(x, '+7 days')",
  dateadd: "date(x, '+7 days')",
  extract: "strftime('%Y', x)",
  isnull: 'ifnull(x, 0)',
  nvl: 'coalesce(x, 0)',
  len: 'length(x)',
  char_length: 'length(x)',
  to_date: 'date(x)',
  left: 'substr(x, 1, n)',
  right: 'substr(x, -n)',
  listagg: "group_concat(x, ', ')",
  array_agg: 'json_group_array(x)',
  stddev: 'stdev(x)',
};
