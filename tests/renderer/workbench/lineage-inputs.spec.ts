import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../../core/governance/lineage.ts';
import { referenceLineageInputs } from '../../../core/governance/lineage-inputs.ts';
import { MetricSchema } from '../../../core/metrics/schema.ts';
import { bundledReferenceFiles, lineageInputs } from '../../../renderer/workbench/lineage-inputs.ts';
import { builtCatalog, referenceFiles } from '../../core/governance/lineage-support.ts';

/** The inputs the Lineage tab sends the governance worker: the bundled reference files and the learner's documents. */

describe('lineage inputs in the renderer', () => {
  it('bundles the same reference files the grader reads', () => {
    expect(bundledReferenceFiles()).toEqual(referenceFiles());
  });

  it("adds the learner's metrics, dashboards, model project and masked views as their own nodes, without owners", async () => {
    const metric = MetricSchema.parse({
      id: 'my-net',
      name: { ko: '내 순매출', en: 'My net' },
      definition: { ko: '정의', en: 'definition' },
      owner: 'me',
      type: 'metric',
      decision: { ko: '결정', en: 'decision' },
      sql: "SELECT {{ period('order_date') }} AS period, sum(net_revenue) AS value FROM mart_orders GROUP BY 1",
      review: {},
    });
    const tile = { id: 't1', kind: 'chart' as const, metricId: 'my-net', chart: { mark: 'line' as const }, layout: { x: 0, y: 0, w: 6, h: 4 } };
    const inputs = await lineageInputs(
      {
        metrics: { version: 1, metrics: { 'my-net': metric }, reviews: {} },
        dashboards: {
          version: 1,
          current: 'mine',
          dashboards: { mine: { id: 'mine', name: '내 대시보드', range: { from: '2025-01-01', to: '2025-12-31' }, grain: 'week', tiles: [tile] } },
        },
        project: null,
        governance: {
          version: 1,
          tags: {},
          checksYaml: '',
          workspaceKey: '',
          maskedViews: {
            v_customers: {
              name: 'v_customers',
              database: 'hanbit-warehouse',
              sql: 'CREATE VIEW v_customers AS SELECT pseudonym(customer_id) AS id, age_band, region FROM dim_customer',
              savedAt: '2025-01-01T00:00:00Z',
            },
          },
        },
      },
      { catalog: builtCatalog() },
    );
    const graph = buildLineage(inputs);
    expect(graph.problems).toEqual([]);
    const edges = graph.edges.map((e) => `${e.from} -> ${e.to}`);
    // Their metric reads the reference mart (a model built on the warehouse), their tile shows their metric.
    expect(edges).toEqual(expect.arrayContaining(['model:mart_orders -> metric:learner/my-net', 'metric:learner/my-net -> tile:learner/mine/t1']));
    expect(edges).toContain('table:hanbit-warehouse.dim_customer -> view:hanbit-warehouse.v_customers');
    for (const id of ['metric:learner/my-net', 'tile:learner/mine/t1', 'view:hanbit-warehouse.v_customers'])
      expect(graph.nodes.find((n) => n.id === id)?.owner).toBeNull();
    // The company's part is the reference lineage, unchanged.
    const reference = buildLineage(referenceLineageInputs(referenceFiles(), builtCatalog()));
    expect(graph.nodes).toEqual(expect.arrayContaining(reference.nodes));
    expect(graph.edges).toEqual(expect.arrayContaining(reference.edges));
  });
});
