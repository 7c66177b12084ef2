import { readFileSync } from 'node:fs';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { pseudonymOf, keyBytes } from '../../../core/governance/mask-pseudonym.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { handleWorkerRequest } from '../../../core/sql/worker-dispatch.ts';
import type { ServeContext } from '../../../core/worker/serve.ts';

/**
 * The sandbox engine has pseudonym() under the workspace key the renderer sends (the SQL worker's
 * 'pseudonym-key' action), on every database it opens, and answers 'pii-warnings' after a run.
 */

const KEY = 'c3'.repeat(32);
const OTHER = '5e'.repeat(32);
let SQL: SqlJsStatic;
let prod: Uint8Array;
const ctx: ServeContext = {
  progress: () => undefined,
  chunks: async function* () {},
};

beforeAll(async () => {
  SQL = await initSqlJs();
  prod = new Uint8Array(readFileSync('public/datasets/hanbit-prod.sqlite'));
});

describe('pseudonym() in the sandbox engine', () => {
  it('fails with a clear message until a key is set, then keeps the key across opens', async () => {
    const engine = new SqlEngine(SQL);
    engine.open(prod.slice());
    expect(engine.exec('SELECT pseudonym(1)', 10).error?.message).toMatch(/no workspace key/);
    const set = await handleWorkerRequest(engine, { id: 1, action: 'pseudonym-key', key: KEY }, ctx);
    expect(set.response).toEqual({ id: 1, ok: true, value: null });
    const first = engine.exec('SELECT pseudonym(customer_id) FROM customers WHERE customer_id = 1', 10).results[0]?.rows[0]?.[0];
    expect(first).toBe(pseudonymOf(keyBytes(KEY), 1));
    // A learner's view survives a reopen of the snapshot and still reads under the same key.
    engine.exec('CREATE VIEW pids AS SELECT pseudonym(customer_id) AS pid FROM customers', 0);
    engine.open(engine.snapshot());
    expect(engine.exec('SELECT pid FROM pids LIMIT 1', 10).results[0]?.rows[0]?.[0]).toBe(first);
    engine.setPseudonymKey(OTHER);
    expect(engine.exec('SELECT pid FROM pids LIMIT 1', 10).results[0]?.rows[0]?.[0]).not.toBe(first);
    expect(() => engine.setPseudonymKey('nope')).toThrow(/64 lowercase hex/);
    engine.close();
  });

  it("answers 'pii-warnings' with the direct identifiers of a result, views of the open database included", async () => {
    const engine = new SqlEngine(SQL);
    engine.open(prod.slice());
    engine.exec('CREATE VIEW contacts AS SELECT customer_id, phone AS tel FROM customers', 0);
    const direct = { customers: ['name', 'email', 'phone'], addresses: ['street'] };
    const out = await handleWorkerRequest(
      engine,
      { id: 2, action: 'pii-warnings', sql: 'SELECT c.*, a.region FROM contacts c JOIN addresses a USING (customer_id)', direct },
      ctx,
    );
    expect(out.response.ok).toBe(true);
    const value = out.response.ok ? (out.response.value as { columns: { output: string; table: string; column: string }[] }[]) : [];
    expect(value.flatMap((w) => w.columns)).toEqual([{ output: 'tel', table: 'customers', column: 'phone' }]);
    engine.close();
  });
});
