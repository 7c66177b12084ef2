import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStepAsync } from '../../../core/grading/grade-step.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkStepAsync } from '../../../core/lessons/check.ts';
import { loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { readLessonFiles } from '../../../scripts/lib/lesson-files.ts';
import { createGradingEngine } from '../../../scripts/lib/datasets.ts';

/**
 * The impact step kind through the real grader: the sample lesson's step (the CRM export breaks)
 * graded against the company's lineage built from lessons/_reference/, its definition checked as
 * `lessons:check` does, and the learner's typical mistakes named with their labels.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
let pack: LessonPack;
let step: Step;
let ctx: GradeContext;

const RIGHT = ['model:stg_customers', 'model:mart_customers', 'metric:search-ctr', 'tile:starter/chart-search-ctr'];

beforeAll(async () => {
  const found = loadLessons(readLessonFiles(join(ROOT, 'lessons'))).packs.find((p) => p.lesson.id === 'sample-governance');
  if (!found) throw new Error('sample-governance is missing');
  pack = found;
  step = pack.lesson.steps.find((s) => s.id === 'crm-export-impact') as Step;
  ctx = { engine: await createGradingEngine(), databases: { bytes: () => null } };
}, 60_000);

function grade(answer: unknown) {
  return gradeStepAsync(pack.lesson, step, answer, ctx);
}

describe('impact step', () => {
  it('passes its definition check: source on the graph, things downstream, every known mistake caught with its message', async () => {
    const out = await checkStepAsync(pack, step, { engine: ctx.engine, databases: ctx.databases, databaseIds: ['hanbit-warehouse'], curriculum: null });
    expect(out.problems).toEqual([]);
  });

  it('accepts the right nodes and teams in any order', async () => {
    const verdict = await grade({ source: 'lake:exports/crm_customers_*.csv', affected: [...RIGHT].reverse(), owners: ['search', 'data-platform'] });
    expect(verdict).toMatchObject({ pass: true, messages: [] });
  });

  it('counts the missing nodes and names one as a lead (not the whole answer), and counts the teams left out', async () => {
    const verdict = await grade({ source: 'lake:exports/crm_customers_*.csv', affected: RIGHT.slice(0, 2), owners: ['data-platform'] });
    expect(verdict.pass).toBe(false);
    const en = verdict.messages.map((m) => formatMessage(m, 'en'));
    const ko = verdict.messages.map((m) => formatMessage(m, 'ko'));
    expect(en[0]).toContain('2 affected items are missing (models, metrics and dashboard tiles downstream of the source), Search click-through rate among them.');
    expect(en[0]).not.toContain('Search click-through rate chart');
    expect(en[1]).toBe('One team that owns affected items is not on your list: look at the owner of each item you marked.');
    expect(en[1]).not.toContain('Search team');
    expect(ko[0]).toContain('영향을 받는 모델·지표·대시보드 타일 중 2개가 빠졌습니다(그중 하나: 검색 클릭률)');
    expect(ko[1]).toBe('영향을 받는 항목을 관리하는 팀 중 1곳이 목록에 없습니다. 표시한 항목마다 담당 팀을 확인하세요.');
    // The lesson's own explanation of this mistake follows.
    expect(verdict.messages.at(-1)?.code).toBe('known-mistake');
  });

  it('calls a node that feeds the source upstream, and one off its paths extra', async () => {
    const upstream = await grade({
      source: 'lake:exports/crm_customers_*.csv',
      affected: [...RIGHT, 'table:hanbit-prod.addresses', 'metric:marketing-spend'],
      owners: ['data-platform', 'search'],
    });
    expect(upstream.messages.map((m) => m.code)).toEqual(['impact-upstream', 'impact-extra']);
    expect(formatMessage(upstream.messages[0]!, 'en')).toContain('addresses feeds the broken source');
    expect(formatMessage(upstream.messages[1]!, 'ko')).toBe(
      '광고비는 영향을 받는 모델·지표·대시보드 타일이 아닙니다. 문제가 생긴 원본이 흘러 들어가는 모델·지표·대시보드 타일만 표시하세요.',
    );
  });

  it('stops at a wrong or missing source, naming what was picked', async () => {
    const wrong = await grade({ source: 'table:hanbit-prod.customers', affected: RIGHT, owners: ['data-platform', 'search'] });
    expect(wrong.messages.map((m) => m.code)).toEqual(['impact-wrong-source']);
    expect(formatMessage(wrong.messages[0]!, 'en')).toContain('You traced from customers, which is not the source that broke.');
    const none = await grade({ source: '', affected: [], owners: [] });
    expect(none.messages.map((m) => m.code)).toEqual(['impact-no-source']);
  });

  it('names ids that are not on the graph, and refuses an answer of the wrong shape', async () => {
    const verdict = await grade({ source: 'lake:exports/crm_customers_*.csv', affected: [...RIGHT, 'metric:nope'], owners: ['data-platform', 'search'] });
    expect(verdict.messages.map((m) => m.code)).toEqual(['impact-unknown']);
    const bad = await grade('not json');
    expect(bad.messages.map((m) => m.code)).toEqual(['bad-answer']);
  });
});
