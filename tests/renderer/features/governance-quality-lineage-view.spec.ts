import { describe, expect, it } from 'vitest';
import type { CheckResult, LineageGraph, LineageNode } from '../../../core/governance/types.ts';
import {
  brokenNodes,
  nodeOfCheck,
  searchNodes,
  sourceCandidates,
  visibleGraph,
} from '../../../renderer/features/governance/lineage-view.ts';
import { historyStatus, segmentsOf } from '../../../renderer/features/governance/QualityHistory.tsx';
import { checkLabel, groupByTable, outcomeCounts } from '../../../renderer/features/governance/QualityResults.tsx';

const node = (id: string, kind: LineageNode['kind'], en = id.split(/[:.]/).pop() ?? id): LineageNode => ({
  id,
  kind,
  label: { ko: en, en },
  owner: null,
});

// lake file → staging table → warehouse table → metric → tile, and a table nobody reads.
const graph: LineageGraph = {
  nodes: [
    node('lake:exports/crm_*.csv', 'lake-file', 'exports/crm_*.csv'),
    node('table:wh.stg_crm', 'table'),
    node('table:wh.test_accounts', 'table'),
    node('metric:search-ctr', 'metric', 'Search click-through rate'),
    node('tile:starter/ctr', 'tile', 'Search CTR chart'),
    node('table:prod.inventory', 'table'),
  ],
  edges: [
    { from: 'lake:exports/crm_*.csv', to: 'table:wh.stg_crm', via: 'extract' },
    { from: 'table:wh.stg_crm', to: 'table:wh.test_accounts', via: 'sql' },
    { from: 'table:wh.test_accounts', to: 'metric:search-ctr', via: 'metric' },
    { from: 'metric:search-ctr', to: 'tile:starter/ctr', via: 'tile' },
  ],
  problems: [],
};

describe('the lineage view', () => {
  it('hides a kind and keeps the arrows across it, so the lake file still points at the metric it feeds', () => {
    const shown = visibleGraph(graph, new Set(['table']));
    expect(shown.nodes.map((n) => n.id)).toEqual(['lake:exports/crm_*.csv', 'metric:search-ctr', 'tile:starter/ctr']);
    expect(shown.edges).toEqual([
      { from: 'lake:exports/crm_*.csv', to: 'metric:search-ctr' },
      { from: 'metric:search-ctr', to: 'tile:starter/ctr' },
    ]);
  });

  it('shows only the nodes kept (an impact) with the arrows between them', () => {
    const keep = new Set(['table:wh.test_accounts', 'metric:search-ctr', 'tile:starter/ctr']);
    const shown = visibleGraph(graph, new Set(), keep);
    expect(shown.nodes).toHaveLength(3);
    expect(shown.edges).toHaveLength(2);
  });

  it('finds nodes by name, names that start with the text first', () => {
    expect(searchNodes(graph, 'search', 'en').map((n) => n.id)).toEqual(['metric:search-ctr', 'tile:starter/ctr']);
    expect(searchNodes(graph, '  ', 'en')).toEqual([]);
    expect(searchNodes(graph, 'CRM', 'en')[0]?.id).toBe('lake:exports/crm_*.csv');
  });

  it('offers as broken sources the nodes with something downstream, sources first', () => {
    expect(sourceCandidates(graph).map((n) => n.id)).toEqual([
      'lake:exports/crm_*.csv',
      'table:wh.stg_crm',
      'table:wh.test_accounts',
      'metric:search-ctr',
    ]);
  });

  it('puts a failing or warning check on the node it reads; passing ones mark nothing', () => {
    const result = (dataset: string, table: string, outcome: CheckResult['outcome']): CheckResult => ({
      check: { id: `${dataset}/${table}/1`, dataset, table, type: 'row_count', column: null, text: 'row_count > 0', line: 3 },
      outcome,
      value: 0,
      failingCount: 0,
      failingRows: { columns: [], rows: [] },
      sql: '',
      message: null,
    });
    expect(nodeOfCheck({ dataset: 'hanbit-prod', table: 'customers' })).toBe('table:hanbit-prod.customers');
    expect(nodeOfCheck({ dataset: 'lake:events/*.jsonl.gz', table: 'events' })).toBe('lake:events/*.jsonl.gz');
    const broken = brokenNodes([
      result('hanbit-prod', 'customers', 'fail'),
      result('hanbit-prod', 'orders', 'pass'),
      result('lake:events/*.jsonl.gz', 'events', 'warn'),
    ]);
    expect([...broken.keys()]).toEqual(['table:hanbit-prod.customers', 'lake:events/*.jsonl.gz']);
  });
});

describe('the quality results and history', () => {
  const check = (id: string, dataset: string, table: string, type: 'custom_sql' | 'missing_count', text: string) => ({
    id,
    dataset,
    table,
    type,
    column: null,
    text,
    line: 1,
  });

  it('names a custom SQL check by its name, other checks as written', () => {
    expect(checkLabel(check('lake-renamed-search-field', 'lake:events/*.jsonl.gz', 'events', 'custom_sql', 'failed rows'))).toBe(
      'lake-renamed-search-field',
    );
    expect(checkLabel(check('prod-null-emails', 'hanbit-prod', 'customers', 'missing_count', 'missing_count(email) = 0'))).toBe(
      'missing_count(email) = 0',
    );
    expect(checkLabel(check('hanbit-prod/customers/4', 'hanbit-prod', 'customers', 'custom_sql', 'failed rows'))).toBe('failed rows');
  });

  it('groups results by table in file order and counts outcomes', () => {
    const r = (c: ReturnType<typeof check>, outcome: CheckResult['outcome']) =>
      ({ check: c, outcome, value: 1, failingCount: 0, failingRows: { columns: [], rows: [] }, sql: '', message: null }) as CheckResult;
    const results = [
      r(check('a', 'hanbit-prod', 'customers', 'missing_count', 'x'), 'fail'),
      r(check('b', 'hanbit-prod', 'orders', 'missing_count', 'y'), 'pass'),
      r(check('c', 'hanbit-prod', 'customers', 'missing_count', 'z'), 'pass'),
    ];
    expect(groupByTable(results).map((g) => [g.table, g.results.length])).toEqual([
      ['customers', 2],
      ['orders', 1],
    ]);
    expect(outcomeCounts(results)).toEqual({ pass: 2, warn: 0, fail: 1, error: 0 });
  });

  it('joins days with one outcome into segments and says when a check broke, failed from the start or never broke', () => {
    const days = ['2025-01-13', '2025-01-14', '2025-01-15', '2025-01-16'];
    const o = (...outcomes: CheckResult['outcome'][]) => outcomes.map((outcome) => ({ outcome }));
    expect(segmentsOf(o('pass', 'pass', 'warn', 'warn'))).toEqual([
      { outcome: 'pass', from: 0, to: 1 },
      { outcome: 'warn', from: 2, to: 3 },
    ]);
    expect(historyStatus(o('pass', 'warn', 'warn', 'warn'), '2025-01-14', days)).toEqual({ kind: 'broke', day: '2025-01-14' });
    expect(historyStatus(o('fail', 'fail', 'fail', 'fail'), null, days)).toEqual({ kind: 'always', day: '2025-01-13' });
    expect(historyStatus(o('pass', 'pass', 'pass', 'pass'), null, days)).toEqual({ kind: 'never' });
    expect(historyStatus(o('error', 'error', 'error', 'error'), null, days)).toEqual({ kind: 'error' });
    // The table's first rows came on the 15th and were failing then: from the start, not broken (the "passes" before had nothing to check).
    expect(historyStatus(o('pass', 'pass', 'fail', 'fail'), null, days, '2025-01-15')).toEqual({ kind: 'always', day: '2025-01-15' });
    // Failing only before the table had rows (row_count > 0 on an empty day): never broke.
    expect(historyStatus(o('fail', 'pass', 'pass', 'pass'), null, days, null)).toEqual({ kind: 'never' });
  });
});
