import { describe, expect, it } from 'vitest';
import { impactOf } from '../../../core/governance/impact.ts';
import { buildLineage } from '../../../core/governance/lineage.ts';
import {
  HANBIT_LAKE,
  hanbitDatabasesFromCatalog,
  hanbitDatabasesFromDictionary,
  lakeGroupsFromCatalog,
  referenceLineageInputs,
} from '../../../core/governance/lineage-inputs.ts';
import { builtCatalog, referenceFiles } from './lineage-support.ts';

/** Hanbit's lineage from the reference files: the company's data flow, end to end. */

const catalog = builtCatalog();
const graph = buildLineage(referenceLineageInputs(referenceFiles(), catalog));
const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);

describe("Hanbit's reference lineage", () => {
  it('parses every SQL of the reference pipeline, models, metrics and tiles', () => {
    expect(graph.problems).toEqual([]);
  });

  it('is the same graph whether built from the catalog (the app) or from the dictionary and the known lake layout (the grader)', () => {
    expect(lakeGroupsFromCatalog(catalog).map(({ files: _files, ...g }) => g)).toEqual(HANBIT_LAKE);
    expect(hanbitDatabasesFromDictionary()).toEqual(hanbitDatabasesFromCatalog(catalog));
    const grader = buildLineage(referenceLineageInputs(referenceFiles()));
    expect(grader).toEqual(graph);
  });

  it('follows a broken payments table to the revenue KPI tiles, through the warehouse load and the metric', () => {
    expect(edge('table:hanbit-prod.payments', 'table:hanbit-warehouse.fact_orders')?.via).toBe('load');
    expect(edge('table:hanbit-warehouse.fact_orders', 'metric:net-revenue')?.via).toBe('metric');
    expect(edge('metric:net-revenue', 'tile:starter/kpi-revenue')?.via).toBe('tile');
    const impact = impactOf(graph, 'table:hanbit-prod.payments');
    const revenueTile = impact.affected.find((a) => a.node === 'tile:starter/kpi-revenue');
    expect(revenueTile?.path).toEqual(['table:hanbit-prod.payments', 'table:hanbit-warehouse.fact_orders', 'metric:net-revenue', 'tile:starter/kpi-revenue']);
    // Search, spend and the server logs do not come from payments.
    expect(impact.affected.map((a) => a.node)).not.toContain('tile:starter/chart-search-ctr');
    expect(impact.affected.map((a) => a.node)).not.toContain('tile:starter/chart-spend');
  });

  it('models the CRM export as a dump of production customers, owned by the CRM team, which the ETL reads for test accounts', () => {
    expect(edge('table:hanbit-prod.customers', 'lake:exports/crm_customers_*.csv')?.via).toBe('export');
    expect(graph.nodes.find((n) => n.id === 'lake:exports/crm_customers_*.csv')?.owner).toBe('crm');
    expect(edge('lake:exports/crm_customers_*.csv', 'table:hanbit-warehouse.stg_crm')).toMatchObject({ via: 'extract', detail: 'extract_crm' });
    expect(edge('table:hanbit-warehouse.stg_crm', 'table:hanbit-warehouse.test_accounts')).toMatchObject({ via: 'sql', detail: 'clean_test_accounts' });
    const affected = impactOf(graph, 'lake:exports/crm_customers_*.csv').affected.map((a) => a.node);
    expect(affected).toEqual(
      expect.arrayContaining(['table:hanbit-warehouse.fact_events_daily', 'table:hanbit-warehouse.fact_searches', 'metric:search-ctr', 'tile:starter/chart-search-ctr']),
    );
    // The export is read downstream of production, never the other way.
    expect(affected).not.toContain('table:hanbit-prod.customers');
  });

  it('reads the dbt models from the warehouse by source() and from each other by ref()', () => {
    expect(edge('table:hanbit-warehouse.fact_orders', 'model:stg_orders')?.via).toBe('source');
    expect(edge('model:stg_orders', 'model:mart_orders')?.via).toBe('ref');
    expect(edge('model:stg_customers', 'model:mart_customers')?.via).toBe('ref');
  });

  it('has sources nothing reads: inventory and the calendar', () => {
    expect(impactOf(graph, 'table:hanbit-prod.inventory').affected).toEqual([]);
    expect(impactOf(graph, 'table:hanbit-warehouse.dim_date').affected).toEqual([]);
  });

  it('is a DAG', () => {
    const out = new Map<string, string[]>();
    for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    const state = new Map<string, number>();
    const visit = (n: string): boolean => {
      if (state.get(n) === 1) return false;
      if (state.get(n) === 2) return true;
      state.set(n, 1);
      const ok = (out.get(n) ?? []).every(visit);
      state.set(n, 2);
      return ok;
    };
    expect(graph.nodes.every((n) => visit(n.id))).toBe(true);
  });
});
