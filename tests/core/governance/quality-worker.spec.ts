import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GovernanceCancelledError, GovernanceClient } from '../../../renderer/workbench/governance-client.ts';
import { createNodeWorker } from '../../../scripts/lib/node-worker.ts';

/** The governance worker's quality actions through the app's client, on a real worker thread over the bundled data. */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DATASETS = join(ROOT, 'public', 'datasets');
const worker = () => createNodeWorker(new URL('../../../scripts/lib/node-governance-worker-entry.ts', import.meta.url));

let client: GovernanceClient | null = null;
afterEach(() => client?.dispose());

function newClient(asked: string[] = []): GovernanceClient {
  return new GovernanceClient({
    createWorker: worker,
    datasetsUrl: DATASETS,
    databaseBytes: (id) => {
      asked.push(id);
      try {
        return Promise.resolve(new Uint8Array(readFileSync(join(DATASETS, `${id}.sqlite`))));
      } catch {
        return Promise.reject(new Error(`The database '${id}' is not in the catalog.`));
      }
    },
  });
}

const PAYMENTS = 'checks for hanbit-prod.payments:\n  time column: paid_at\n  checks:\n    - duplicate_count(order_id) = 0\n';

describe('the governance worker (quality)', () => {
  it('opens the databases a check file names on demand, once, and runs it (as of a day too)', async () => {
    const asked: string[] = [];
    client = newClient(asked);
    const run = await client.quality(PAYMENTS);
    expect(run.problems).toEqual([]);
    expect(run.results[0]).toMatchObject({ outcome: 'fail', failingCount: 86 });
    const early = await client.quality(PAYMENTS, { asOf: '2024-07-03' });
    expect(early.asOf).toBe('2024-07-03');
    expect(early.results[0]?.outcome).toBe('pass');
    expect(asked).toEqual(['hanbit-prod']);
  }, 120_000);

  it('a database the catalog does not have is a problem of the file at its line, not a crash', async () => {
    client = newClient();
    const run = await client.quality(`${PAYMENTS}checks for hanbit-nowhere.orders:\n  - row_count > 0\n`);
    expect(run.results).toEqual([]);
    expect(run.problems).toEqual([{ line: 5, message: { en: "There is no database 'hanbit-nowhere'.", ko: "'hanbit-nowhere'라는 데이터베이스가 없습니다." } }]);
  }, 120_000);

  it('reads lake files through the lake of the datasets folder', async () => {
    client = newClient();
    const run = await client.quality(
      'checks for lake:exports/crm_customers_2025-12-31.csv as crm:\n  - duplicate_count(고객번호, 이름, 이메일, 휴대폰, 생년월일, 주소, 마케팅수신동의, 가입일) = 0\n',
    );
    expect(run.results[0]).toMatchObject({ outcome: 'fail', failingCount: 19 });
    const missing = await client.quality('checks for lake:exports/nothing_*.csv:\n  - row_count > 0\n');
    expect(missing.problems[0]?.line).toBe(1);
    expect(missing.problems[0]?.message.en).toMatch(/cannot be read: no lake file matches/);
  }, 120_000);

  it('a run reports progress per check (n of N and the check running, the lake source while it is read); aborting it mid-run cancels it', async () => {
    client = newClient();
    const yaml = `checks for lake:exports/crm_customers_2025-12-31.csv as crm:\n  - row_count > 0\n${PAYMENTS}    - failed rows:\n        name: big-payments\n        fail condition: amount > 100000000\n`;
    // Opened first: a request that meets an unopened database is sent again (and reads its sources again).
    await client.open('hanbit-prod');
    const seen: unknown[] = [];
    const run = await client.quality(yaml, { onProgress: (done, total, current) => seen.push([done, total, current ?? null]) });
    expect(run.results.map((r) => r.outcome)).toEqual(['pass', 'fail', 'pass']);
    expect(seen).toEqual([
      [0, 3, { stage: 'source', text: 'lake:exports/crm_customers_2025-12-31.csv', line: 1 }],
      [0, 3, { stage: 'check', text: 'row_count > 0', line: 2 }],
      [1, 3, { stage: 'check', text: 'duplicate_count(order_id) = 0', line: 6 }],
      [2, 3, { stage: 'check', text: 'big-payments', line: 7 }],
      [3, 3, null],
    ]);
    // Cancel while it runs (as the Quality tab's Cancel does): the run stops and the next one works.
    const controller = new AbortController();
    const op = client.quality(yaml, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 1) controller.abort();
      },
    });
    await expect(op).rejects.toBeInstanceOf(GovernanceCancelledError);
    expect((await client.quality(PAYMENTS)).results[0]?.failingCount).toBe(86);
  }, 120_000);

  it('history reports progress per check; aborting it cancels it and the client keeps working', async () => {
    client = newClient();
    const progress: number[] = [];
    const history = await client.history(`${PAYMENTS}    - row_count > 0\n`, { onProgress: (done) => progress.push(done) });
    expect(history.days).toHaveLength(549);
    expect(history.brokeOn['hanbit-prod/payments/1']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(progress.at(-1)).toBe(2);
    // A history that runs a query per day (the fail query does not return the time column) is long: abort it.
    const slow = `checks for hanbit-prod.orders:\n  time column: ordered_at\n  checks:\n    - failed rows:\n        fail query: SELECT a.order_id FROM orders a, orders b WHERE a.order_id = b.order_id + 1 AND a.customer_id = b.customer_id\n`;
    const controller = new AbortController();
    const op = client.history(slow, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 500));
    controller.abort();
    await expect(op).rejects.toBeInstanceOf(GovernanceCancelledError);
    const after = await client.quality(PAYMENTS);
    expect(after.results[0]?.failingCount).toBe(86);
  }, 180_000);
});
