import { describe, expect, it } from 'vitest';
import { impactMessage, impactOf } from '../../../core/governance/impact.ts';
import type { LineageGraph, LineageNode, LineageNodeKind } from '../../../core/governance/types.ts';

/** The impact of a broken source: downstream traversal, owners, and the message to each owner. */

function node(id: string, kind: LineageNodeKind, owner: string | null, database?: string): LineageNode {
  const name = id.replace(/^[a-z-]+:/, '').replace(/^wh\./, '');
  return { id, kind, label: { ko: `${name}(ko)`, en: name }, owner, ...(database ? { database } : {}) };
}

/**
 *   lake ─▶ stg ─▶ a ─▶ metric ─▶ tile
 *            └──▶ b ──▲        (a diamond: stg → a → metric and stg → b → metric)
 *   other ─▶ b
 */
const diamond: LineageGraph = {
  nodes: [
    node('lake:x/*.csv', 'lake-file', 'crm'),
    node('table:wh.stg', 'table', 'data-platform', 'wh'),
    node('table:wh.a', 'table', 'data-platform', 'wh'),
    node('table:wh.b', 'table', 'marketing', 'wh'),
    node('metric:m', 'metric', 'commerce'),
    node('tile:d/t', 'tile', 'commerce'),
    node('table:wh.other', 'table', 'infra', 'wh'),
    node('view:wh.mine', 'view', null, 'wh'),
  ],
  edges: [
    { from: 'lake:x/*.csv', to: 'table:wh.stg', via: 'extract' },
    { from: 'table:wh.stg', to: 'table:wh.a', via: 'sql' },
    { from: 'table:wh.stg', to: 'table:wh.b', via: 'sql' },
    { from: 'table:wh.a', to: 'metric:m', via: 'metric' },
    { from: 'table:wh.b', to: 'metric:m', via: 'metric' },
    { from: 'metric:m', to: 'tile:d/t', via: 'tile' },
    { from: 'table:wh.other', to: 'table:wh.b', via: 'sql' },
    { from: 'table:wh.a', to: 'view:wh.mine', via: 'view' },
  ],
  problems: [],
};

describe('impactOf', () => {
  it('lists everything downstream once, nearest first, each with a shortest path', () => {
    const impact = impactOf(diamond, 'lake:x/*.csv');
    expect(impact.affected.map((a) => [a.node, a.depth])).toEqual([
      ['table:wh.stg', 1],
      ['table:wh.a', 2],
      ['table:wh.b', 2],
      ['metric:m', 3],
      ['view:wh.mine', 3],
      ['tile:d/t', 4],
    ]);
    expect(impact.affected.find((a) => a.node === 'tile:d/t')?.path).toEqual(['lake:x/*.csv', 'table:wh.stg', 'table:wh.a', 'metric:m', 'tile:d/t']);
    // Upstream-only nodes are not affected.
    expect(impact.affected.map((a) => a.node)).not.toContain('table:wh.other');
  });

  it('groups the owners with their nodes, the source’s team first, nodes without an owner left out', () => {
    expect(impactOf(diamond, 'lake:x/*.csv').owners).toEqual([
      { team: 'crm', nodes: ['lake:x/*.csv'] },
      { team: 'data-platform', nodes: ['table:wh.stg', 'table:wh.a'] },
      { team: 'marketing', nodes: ['table:wh.b'] },
      { team: 'commerce', nodes: ['metric:m', 'tile:d/t'] },
    ]);
  });

  it('starts from the middle: only what is below it', () => {
    const impact = impactOf(diamond, 'table:wh.other');
    expect(impact.affected.map((a) => a.node)).toEqual(['table:wh.b', 'metric:m', 'tile:d/t']);
    expect(impact.owners.map((o) => o.team)).toEqual(['infra', 'marketing', 'commerce']);
  });

  it('finds nothing downstream of a leaf, and nothing for a node that is not on the graph', () => {
    expect(impactOf(diamond, 'tile:d/t')).toEqual({ source: 'tile:d/t', affected: [], owners: [{ team: 'commerce', nodes: ['tile:d/t'] }] });
    expect(impactOf(diamond, 'table:wh.nope')).toEqual({ source: 'table:wh.nope', affected: [], owners: [] });
  });

  it('stops on a cycle instead of looping', () => {
    const cyclic: LineageGraph = { ...diamond, edges: [...diamond.edges, { from: 'tile:d/t', to: 'table:wh.stg', via: 'sql' }] };
    expect(impactOf(cyclic, 'table:wh.stg').affected.map((a) => a.node)).toEqual(['table:wh.a', 'table:wh.b', 'metric:m', 'view:wh.mine', 'tile:d/t']);
  });
});

describe('impactMessage', () => {
  const impact = impactOf(diamond, 'lake:x/*.csv');

  it('tells an affected team what broke, since when, what of theirs is affected by kind, how, and what to do meanwhile (ko)', () => {
    const text = impactMessage(impact, diamond, 'ko', 'commerce', { since: '2025-03-04' });
    expect(text).toContain('커머스개발팀 담당자님께,');
    expect(text).toContain('x/*.csv(ko)에 문제가 생겼습니다(2025-03-04부터).');
    expect(text).toContain('- 지표: m(ko)');
    expect(text).toContain('- 대시보드 타일: d/t(ko)');
    expect(text).toContain('경로: x/*.csv(ko) → stg(ko) (wh) → a(ko) (wh) → m(ko) → d/t(ko)');
    expect(text).toContain("'데이터 점검 중'");
    expect(text).toContain('2025-03-04 이후의 값은');
    expect(text).not.toContain('테이블:');
  });

  it('asks the source’s own team to look at it and names the teams relying on it (en)', () => {
    const text = impactMessage(impact, diamond, 'en', 'crm', { problem: { ko: '이메일이 비었습니다.', en: '36 rows have no e-mail.' } });
    expect(text).toContain('Hello CRM team,');
    expect(text).toContain('x/*.csv is broken. 36 rows have no e-mail.');
    expect(text).toContain('Your team owns it');
    expect(text).toContain('Teams relying on it: Data platform, Marketing, Commerce engineering.');
  });

  it('speaks of tables and the jobs reading them to a team whose tables are affected', () => {
    const text = impactMessage(impact, diamond, 'en', 'marketing');
    expect(text).toContain('- Tables: b (wh)');
    expect(text).toContain('Please pause the jobs that read this data');
    expect(text).not.toContain('do not make decisions');
  });

  it('writes one note to every owner, team by team, and names what nobody owns', () => {
    const text = impactMessage(impact, diamond, 'en');
    expect(text).toContain('Data platform:\n- Tables: stg (wh), a (wh)');
    expect(text).toContain('Commerce engineering:\n- Metrics: m\n- Dashboard tiles: d/t');
    expect(text).toContain('With no owner team:\n- Views: mine (wh)');
    expect(impactMessage(impactOf(diamond, 'tile:d/t'), diamond, 'ko')).toContain('이 데이터를 읽는 테이블, 지표, 대시보드는 없습니다.');
  });
});
