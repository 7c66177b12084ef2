import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { governanceRequestHandler, type GovernanceRequest } from '../../../core/governance/worker-dispatch.ts';
import type { LineageInputs } from '../../../core/governance/lineage-inputs.ts';
import type { LineageGraph } from '../../../core/governance/types.ts';
import type { ServeContext } from '../../../core/worker/serve.ts';

/** The governance worker's lineage action: the graph from plain inputs, plus the views of a database the worker has open. */

const ctx: ServeContext = { progress: () => undefined } as unknown as ServeContext;

describe('governance worker: lineage', () => {
  it('builds the graph and adds a view made in an open database (a masked view), reading through it', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec(`CREATE TABLE customers (customer_id INTEGER, email TEXT, region TEXT);
      CREATE VIEW v_customers_masked AS SELECT region, count(*) AS n FROM (SELECT * FROM customers) c GROUP BY region;`);
    const bytes = db.export();
    db.close();
    const handle = governanceRequestHandler({
      sql: Promise.resolve(SQL),
      lakeFor: () => {
        throw new Error('no lake in this test');
      },
      periodFor: () => Promise.resolve(null),
    } as Parameters<typeof governanceRequestHandler>[0]);
    await handle({ id: 1, action: 'open', database: 'prod', bytes } as GovernanceRequest, ctx);
    const inputs: LineageInputs = {
      databases: [{ id: 'prod', tables: [{ name: 'customers', owner: 'crm' }] }],
      lake: [],
      flows: [],
      pipelines: [],
      projects: [],
      views: [],
      metrics: [],
      dashboards: [],
    };
    const out = await handle({ id: 2, action: 'lineage', inputs, viewDatabases: ['prod', 'not-open'] } as GovernanceRequest, ctx);
    const graph = (out.response as { ok: true; value: LineageGraph }).value;
    expect(graph.nodes.find((n) => n.id === 'view:prod.v_customers_masked')).toMatchObject({ kind: 'view', owner: null, database: 'prod' });
    expect(graph.edges).toEqual([{ from: 'table:prod.customers', to: 'view:prod.v_customers_masked', via: 'view' }]);
    expect(graph.problems).toEqual([]);
  });
});
