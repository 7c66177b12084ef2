import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { MaskCheckDetail } from '../../../core/governance/mask.ts';
import { governanceRequestHandler, type GovernanceRequest } from '../../../core/governance/worker-dispatch.ts';
import type { ExecResult } from '../../../core/sql/protocol.ts';
import type { ServeContext } from '../../../core/worker/serve.ts';

/**
 * The governance worker's masked-view actions: 'mask-query' runs the learner's CREATE VIEW on the
 * worker's private copy with pseudonym() under the workspace key (reset lets it run again), and
 * 'mask-check' checks the view, failing a leak and passing the fixed view.
 */

const ctx: ServeContext = { progress: () => undefined } as unknown as ServeContext;
const KEY = '9d'.repeat(32);

describe('governance worker: masked views', () => {
  it('creates a view with pseudonym(), checks it, and checks it again after a rewrite', async () => {
    const SQL = await initSqlJs();
    const handle = governanceRequestHandler({
      sql: Promise.resolve(SQL),
      lakeFor: () => {
        throw new Error('no lake in this test');
      },
      periodFor: () => Promise.resolve(null),
    } as Parameters<typeof governanceRequestHandler>[0]);
    const bytes = new Uint8Array(readFileSync('public/datasets/hanbit-prod.sqlite'));
    await handle({ id: 1, action: 'open', database: 'hanbit-prod', bytes } as GovernanceRequest, ctx);
    const leaky = `CREATE VIEW analyst_customers AS SELECT pseudonym(customer_id) AS pid, gender, email AS contact FROM customers;
      SELECT count(*) AS n FROM analyst_customers;`;
    const ran = await handle({ id: 2, action: 'mask-query', database: 'hanbit-prod', sql: leaky, key: KEY } as GovernanceRequest, ctx);
    const exec = (ran.response as { ok: true; value: ExecResult }).value;
    expect(exec.error).toBeNull();
    expect(exec.results.at(-1)?.rows).toEqual([[2608]]);
    const check = {
      action: 'mask-check',
      database: 'hanbit-prod',
      view: 'analyst_customers',
      base: 'customers',
      quasi: ['gender'],
      directColumns: ['customers.name', 'customers.email', 'customers.phone'],
      idColumns: ['customers.customer_id'],
      key: KEY,
    } as const;
    const first = await handle({ id: 3, ...check } as GovernanceRequest, ctx);
    const failed = (first.response as { ok: true; value: MaskCheckDetail }).value;
    expect(failed.passed).toBe(false);
    expect(failed.directLeft).toContainEqual({ column: 'contact', source: 'customers.email', how: 'lineage' });
    expect(failed.keyedColumns).toEqual(['pid']);
    // Without reset the same CREATE VIEW fails: the view exists in the worker's copy.
    const fixedSql = 'CREATE VIEW analyst_customers AS SELECT pseudonym(customer_id) AS pid, gender FROM customers';
    const again = await handle({ id: 4, action: 'mask-query', database: 'hanbit-prod', sql: fixedSql, key: KEY } as GovernanceRequest, ctx);
    expect((again.response as { ok: true; value: ExecResult }).value.error?.message).toMatch(/already exists/);
    await handle({ id: 5, action: 'mask-query', database: 'hanbit-prod', sql: fixedSql, key: KEY, reset: true } as GovernanceRequest, ctx);
    const second = await handle({ id: 6, ...check } as GovernanceRequest, ctx);
    const passed = (second.response as { ok: true; value: MaskCheckDetail }).value;
    expect(passed).toMatchObject({ passed: true, directLeft: [], rows: { view: 2608, base: 2608, reconciles: true } });
    expect(passed.groups[0]?.rows.columns).toEqual(['pid', 'gender']);
    // With its SQL the check starts from a fresh copy; an error in the SQL is the check's message.
    const broken = await handle({ id: 7, ...check, sql: 'CREATE VIEW analyst_customers AS SELEC 1' } as GovernanceRequest, ctx);
    const refused = (broken.response as { ok: true; value: MaskCheckDetail }).value;
    expect(refused.passed).toBe(false);
    expect(refused.messages[0]?.en).toMatch(/^SQL error at line 1/);
    const rerun = await handle({ id: 8, ...check, sql: fixedSql } as GovernanceRequest, ctx);
    expect((rerun.response as { ok: true; value: MaskCheckDetail }).value.passed).toBe(true);
  });
});
