import { describe, expect, it } from 'vitest';
import { batchKind, createdNames } from '../../renderer/sql/write-mirror.ts';

/** Which batches the SQL client replays in its standby workers, and which it snapshots instead. */

describe('batchKind', () => {
  it('replays plain writes: CREATE TABLE AS, INSERT, UPDATE, DELETE, views, WITH … INSERT', () => {
    for (const sql of [
      "CREATE TABLE kr AS SELECT * FROM users WHERE country = 'KR'",
      'INSERT INTO t VALUES (1); UPDATE t SET x = 2 WHERE x = 1;',
      'DELETE FROM t',
      "CREATE VIEW v AS SELECT strftime('%Y-%m', ts) AS month FROM events",
      'WITH s AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM s',
      "INSERT INTO t SELECT date(ts, '+1 day') FROM events",
    ]) {
      expect(batchKind(sql), sql).toEqual({ writes: true, transaction: false, replayable: true });
    }
  });

  it('does not count queries as writes (their `wrote` is an earlier batch’s)', () => {
    for (const sql of ['SELECT * FROM t', 'WITH a AS (SELECT 1) SELECT * FROM a', 'VALUES (1), (2)', 'EXPLAIN QUERY PLAN SELECT 1', '-- note\nSELECT 1;']) {
      expect(batchKind(sql).writes, sql).toBe(false);
    }
  });

  it('snapshots writes whose result depends on the clock, chance or the connection', () => {
    for (const sql of [
      'CREATE TABLE s AS SELECT random() AS r',
      'INSERT INTO t VALUES (randomblob(4))',
      "INSERT INTO t VALUES (datetime('now'))",
      "INSERT INTO t VALUES (date('NOW', '-1 day'))",
      'INSERT INTO t VALUES (CURRENT_TIMESTAMP)',
      'INSERT INTO t VALUES (date())',
      "INSERT INTO t VALUES (strftime('%s'))",
      'INSERT INTO t VALUES (last_insert_rowid())',
      'UPDATE t SET x = total_changes()',
    ]) {
      expect(batchKind(sql), sql).toEqual({ writes: true, transaction: false, replayable: false });
    }
    // The same words inside a string or a comment are only text.
    expect(batchKind("INSERT INTO t VALUES ('random() now') -- date()").replayable).toBe(true);
  });

  it('marks transaction control, which is never replayed', () => {
    expect(batchKind('BEGIN')).toEqual({ writes: false, transaction: true, replayable: false });
    expect(batchKind('BEGIN; INSERT INTO t VALUES (1); COMMIT;')).toEqual({ writes: true, transaction: true, replayable: false });
    expect(batchKind('SAVEPOINT a').transaction).toBe(true);
    // END closing a CASE is not the end of a transaction.
    expect(batchKind('UPDATE t SET x = CASE WHEN x > 1 THEN 1 ELSE 0 END').transaction).toBe(false);
  });
});

describe('createdNames', () => {
  it('names the tables and views a batch creates', () => {
    expect(
      createdNames('CREATE TABLE a (x); CREATE TEMP VIEW IF NOT EXISTS "my view" AS SELECT 1; create table main.b as select 1; CREATE INDEX i ON a(x);'),
    ).toEqual(['a', 'my view', 'b']);
  });
});
