import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../../core/governance/lineage.ts';
import type { LineageInputs } from '../../../core/governance/lineage-inputs.ts';
import { MetricSchema, type Metric } from '../../../core/metrics/schema.ts';
import { PipelineSchema } from '../../../core/pipeline/schema.ts';

/** The lineage graph from small, hand-made inputs: each kind of node and edge, and what cannot be parsed. */

function metric(id: string, sql: string, owner = 'commerce'): Metric {
  return MetricSchema.parse({
    id,
    name: { ko: id, en: id },
    definition: { ko: '정의', en: 'definition' },
    owner,
    type: 'metric',
    decision: { ko: '결정', en: 'decision' },
    database: 'wh',
    sql,
    review: {},
  });
}

function inputs(extra: Partial<LineageInputs> = {}): LineageInputs {
  return {
    databases: [
      { id: 'prod', tables: [{ name: 'orders', owner: 'commerce' }, { name: 'customers', owner: 'crm' }] },
      { id: 'wh', tables: [{ name: 'fact_orders', owner: 'data-platform' }, { name: 'spend', owner: 'marketing' }] },
    ],
    lake: [{ folder: 'exports', pattern: 'spend_*.csv', owner: 'marketing', title: { ko: '내보내기', en: 'Exports' }, files: ['spend_2025-01.csv'] }],
    flows: [{ from: 'table:prod.orders', to: 'table:wh.fact_orders', via: 'load', detail: 'etl' }],
    pipelines: [],
    projects: [],
    views: [],
    metrics: [],
    dashboards: [],
    ...extra,
  };
}

function edgesOf(graph: ReturnType<typeof buildLineage>): string[] {
  return graph.edges.map((e) => `${e.from} -${e.via}-> ${e.to}`);
}

describe('buildLineage', () => {
  it('parses a pipeline: extract from the lake into staging, SQL tasks from staging into the target, CTEs left out', () => {
    const pipeline = PipelineSchema.parse({
      formatVersion: 1,
      id: 'p',
      title: 'p',
      database: 'wh',
      tasks: [
        { id: 'load', kind: 'sql', sql: 'DELETE FROM spend; INSERT INTO spend SELECT * FROM clean' },
        { id: 'extract', kind: 'extract', path: 'exports/spend_{{ ds[:7] }}.csv', source: { format: 'csv' }, target: 'stg' },
        { id: 'clean', kind: 'sql', sql: 'DROP TABLE IF EXISTS clean; CREATE TABLE clean AS WITH t AS (SELECT * FROM stg) SELECT * FROM t' },
      ],
      edges: [],
    });
    const graph = buildLineage(inputs({ pipelines: [{ pipeline, database: 'wh', owner: 'data-platform' }] }));
    expect(graph.problems).toEqual([]);
    expect(edgesOf(graph)).toEqual(
      expect.arrayContaining([
        'lake:exports/spend_*.csv -extract-> table:wh.stg',
        'table:wh.stg -sql-> table:wh.clean',
        'table:wh.clean -sql-> table:wh.spend',
      ]),
    );
    expect(graph.nodes.some((n) => n.id === 'table:wh.t')).toBe(false);
    expect(graph.nodes.find((n) => n.id === 'table:wh.clean')?.owner).toBe('data-platform');
  });

  it('reads views over views, metrics over views, and tiles over metrics or their own query', () => {
    const graph = buildLineage(
      inputs({
        views: [
          { database: 'wh', sql: 'CREATE VIEW v_top AS SELECT * FROM v_paid WHERE net > 0', owner: null, learner: true },
          { database: 'wh', sql: 'CREATE VIEW v_paid AS SELECT order_date, net FROM (SELECT * FROM fact_orders) o', owner: null, learner: true },
        ],
        metrics: [{ metric: metric('paid', "SELECT {{ period('order_date') }} AS period, sum(net) AS value FROM v_top GROUP BY 1"), learner: false }],
        dashboards: [
          {
            dashboard: {
              id: 'd',
              name: 'D',
              range: { from: '2025-01-01', to: '2025-12-31' },
              grain: 'week',
              tiles: [
                { id: 'k', kind: 'kpi', metricId: 'paid', chart: { mark: 'line' }, layout: { x: 0, y: 0, w: 3, h: 2 } },
                {
                  id: 'q',
                  kind: 'chart',
                  sql: "SELECT {{ period('d') }} AS period, sum(x) AS value FROM spend GROUP BY 1",
                  database: 'wh',
                  chart: { mark: 'bar' },
                  layout: { x: 3, y: 0, w: 3, h: 2 },
                },
              ],
            },
            name: { ko: '대시보드', en: 'Board' },
            learner: false,
          },
        ],
      }),
    );
    expect(graph.problems).toEqual([]);
    expect(edgesOf(graph)).toEqual(
      expect.arrayContaining([
        'table:wh.fact_orders -view-> view:wh.v_paid',
        'view:wh.v_paid -view-> view:wh.v_top',
        'view:wh.v_top -metric-> metric:paid',
        'metric:paid -tile-> tile:d/k',
        'table:wh.spend -tile-> tile:d/q',
      ]),
    );
    expect(graph.nodes.find((n) => n.id === 'view:wh.v_top')).toMatchObject({ kind: 'view', owner: null, database: 'wh' });
    // A company tile belongs to its metric's owner.
    expect(graph.nodes.find((n) => n.id === 'tile:d/k')?.owner).toBe('commerce');
    expect(graph.nodes.find((n) => n.id === 'tile:d/k')?.label.en).toBe('Board › paid KPI');
  });

  it('reads a model project: ref() between models, source() to a table, a model reading a table directly', () => {
    const files = {
      'dbt_project.yml': "name: 'p'\nversion: '1.0.0'\nconfig-version: 2\nvars:\n  datalit_database: wh\n",
      'models/sources.yml': 'version: 2\nsources:\n  - name: w\n    tables:\n      - name: fact_orders\n',
      'models/stg.sql': "select * from {{ source('w', 'fact_orders') }}",
      'models/mart.sql': "with s as (select * from {{ ref('stg') }}) select s.*, x.amount from s join spend x on x.d = s.order_date",
    };
    const graph = buildLineage(inputs({ projects: [{ files: { files }, owner: null, learner: true }] }));
    expect(graph.problems).toEqual([]);
    expect(edgesOf(graph)).toEqual(
      expect.arrayContaining([
        'table:wh.fact_orders -source-> model:learner/stg',
        'model:learner/stg -ref-> model:learner/mart',
        'table:wh.spend -sql-> model:learner/mart',
      ]),
    );
    expect(graph.nodes.find((n) => n.id === 'model:learner/mart')).toMatchObject({ owner: null, label: { en: 'mart (yours)' } });
  });

  it('lists what it cannot parse with its node and the parser message, and still draws what tokens can tell', () => {
    const graph = buildLineage(
      inputs({
        views: [{ database: 'wh', sql: 'CREATE VIEW v_bad AS SELEC * FROM fact_orders', owner: null, learner: true }],
        metrics: [
          { metric: metric('broken', 'SELECT {{ period( }} AS period FROM fact_orders'), learner: true },
          { metric: metric('ghost', "SELECT {{ period('d') }} AS period, 1 AS value FROM nowhere GROUP BY 1"), learner: true },
        ],
      }),
    );
    const byNode = (id: string) => graph.problems.filter((p) => p.node === id).map((p) => p.message);
    expect(byNode('view:wh.v_bad')[0]).toMatch(/Expected/);
    expect(edgesOf(graph)).toContain('table:wh.fact_orders -view-> view:wh.v_bad');
    expect(byNode('metric:learner/broken')).toHaveLength(1);
    expect(edgesOf(graph)).toContain('table:wh.fact_orders -metric-> metric:learner/broken');
    expect(byNode('metric:learner/ghost')).toEqual(["reads 'nowhere', which is not a table of wh"]);
  });

  it('gives a learner copy of a published metric its own node, which their tiles use', () => {
    const sql = "SELECT {{ period('order_date') }} AS period, count(*) AS value FROM fact_orders GROUP BY 1";
    const published = metric('orders', sql);
    const copy = { ...published, sql: sql.replace('count(*)', 'count(DISTINCT order_id)') };
    const tile = { id: 't', kind: 'kpi' as const, metricId: 'orders', chart: { mark: 'line' as const }, layout: { x: 0, y: 0, w: 3, h: 2 } };
    const dashboard = { id: 'mine', name: 'Mine', range: { from: '2025-01-01', to: '2025-02-01' }, grain: 'week' as const, tiles: [tile] };
    const graph = buildLineage(
      inputs({
        metrics: [
          { metric: published, learner: false },
          { metric: copy, learner: true },
        ],
        dashboards: [{ dashboard, name: { ko: 'Mine', en: 'Mine' }, learner: true }],
      }),
    );
    expect(edgesOf(graph)).toEqual(expect.arrayContaining(['metric:learner/orders -tile-> tile:learner/mine/t', 'table:wh.fact_orders -metric-> metric:orders']));
    expect(edgesOf(graph)).not.toContain('metric:orders -tile-> tile:learner/mine/t');
    expect(graph.nodes.find((n) => n.id === 'tile:learner/mine/t')?.owner).toBeNull();
  });

  it('keeps declared flows and says when one names a node that is not there', () => {
    const graph = buildLineage(inputs({ flows: [{ from: 'table:prod.gone', to: 'table:wh.fact_orders', via: 'load', detail: 'x' }] }));
    expect(graph.edges).toEqual([]);
    expect(graph.problems).toEqual([{ node: 'table:prod.gone', message: expect.stringContaining('not in the inputs') }]);
  });
});
