import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../core/grading/compare.ts';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStepAsync } from '../../../core/grading/grade-step.ts';
import { formatMessage, type Message } from '../../../core/grading/messages.ts';
import { capstoneSolution, type CapstoneStep } from '../../../core/lessons/kinds/capstone.ts';
import { LessonSchema, type Lesson } from '../../../core/lessons/schema.ts';
import { createGradingEngine, loadDatasets, loadLakes } from '../../../scripts/lib/datasets.ts';

/**
 * The capstone on the real lake and warehouse: the lesson's reference passes; each stage's typical
 * mistake fails at that stage with its message (and names it first); an alternative right answer
 * passes; a KPI right only on a broken load fails; an answer right on the lesson's data is re-run
 * on the hidden variant. Slow (pipelines over two months of events), so one grading per case.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
let ctx: GradeContext;
let lesson: Lesson;
let step: CapstoneStep;

beforeAll(async () => {
  const datasets = await loadDatasets(ROOT);
  ctx = { engine: await createGradingEngine(), databases: datasets.provider, lakes: loadLakes(ROOT) };
  const json: unknown = JSON.parse(readFileSync(join(ROOT, 'lessons/cautions-capstone/capstone-spring-festa/lesson.json'), 'utf8'));
  lesson = LessonSchema.parse(json);
  step = lesson.steps.find((s) => s.kind === 'capstone') as CapstoneStep;
}, 60_000);

function grade(answer: unknown): Promise<Verdict> {
  return gradeStepAsync(lesson, step, answer, ctx);
}

function stages(v: Verdict): Record<string, string> {
  const summary = v.messages.find((m): m is Extract<Message, { code: 'capstone-stages' }> => m.code === 'capstone-stages');
  return Object.fromEntries((summary?.params.stages ?? []).map((s) => [s.stage, s.status]));
}

const text = (v: Verdict, lang: 'ko' | 'en' = 'en') => v.messages.map((m) => formatMessage(m, lang)).join('\n');

describe('capstone step', () => {
  it('passes the reference answer', async () => {
    const v = await grade(capstoneSolution(step));
    expect(text(v)).toBe('');
    expect(v.pass).toBe(true);
  }, 120_000);

  it('fails a load that keeps duplicate events at stage 1, and the KPI on that load too', async () => {
    const wrong = step.knownWrong[0]!;
    const v = await grade({ ...capstoneSolution(step), pipeline: wrong.load });
    expect(v.pass).toBe(false);
    expect(v.messages[0]).toMatchObject({ code: 'capstone-stage-failed', params: { stage: 'load', index: 1 } });
    expect(text(v)).toContain('Keep one line per event_id');
    // The KPI is right on the reference load but not on this one: it fails, and says to fix the load.
    expect(stages(v)).toEqual({ load: 'failed', kpi: 'failed', tile: 'passed', decision: 'passed' });
    const summary = v.messages.at(-1);
    expect(summary && formatMessage(summary, 'en')).toContain('1. the load: not yet');
    expect(JSON.stringify(summary)).toContain('capstone-kpi-own-load');
  }, 180_000);

  it('fails a KPI on the raw staging tables at stage 2 with its feedback, in Korean too', async () => {
    const wrong = step.knownWrong.find((k) => k.kpi?.includes('raw_events'))!;
    const v = await grade({ ...capstoneSolution(step), metric: { sql: wrong.kpi } });
    expect(v.messages[0]).toMatchObject({ code: 'capstone-stage-failed', params: { stage: 'kpi' } });
    expect(v.messages.map((m) => m.code)).toContain('metric-values-differ');
    expect(stages(v)).toEqual({ load: 'passed', kpi: 'failed', tile: 'passed', decision: 'passed' });
    expect(text(v, 'ko')).toContain('2단계(KPI)');
  }, 180_000);

  it('fails a tile whose range takes in the cut-off last week at stage 3', async () => {
    const v = await grade({
      ...capstoneSolution(step),
      tile: { kind: 'chart', metricId: 'festa-orders', grain: 'week', range: { from: '2025-03-03', to: '2025-04-30' }, mark: 'bar' },
    });
    expect(v.messages[0]).toMatchObject({ code: 'capstone-stage-failed', params: { stage: 'tile' } });
    const periods = v.messages.find((m) => m.code === 'capstone-tile-periods');
    expect(periods?.params).toMatchObject({ extra: ['2025-04-28'], missing: [] });
  }, 180_000);

  it('fails a tile at the month grain and a KPI tile, each with its own message', async () => {
    const month = await grade({ ...capstoneSolution(step), tile: { ...capstoneSolution(step).tile, grain: 'month' } });
    expect(month.messages.map((m) => m.code)).toContain('capstone-tile-grain');
    const kpi = await grade({ ...capstoneSolution(step), tile: { ...capstoneSolution(step).tile, kind: 'kpi' } });
    expect(text(kpi)).toContain('Use a chart tile');
  }, 240_000);

  it('fails the wrong call at stage 4 with the explanation of the choice and of the wrong reason', async () => {
    const v = await grade({ ...capstoneSolution(step), decision: { choice: 'lasting-lift', reasons: ['festa-weeks-up', 'last-week-drop'] } });
    expect(v.messages[0]).toMatchObject({ code: 'capstone-stage-failed', params: { stage: 'decision', index: 4 } });
    expect(text(v)).toContain('The extra orders did not stay');
    expect(text(v)).toContain('Compare whole weeks only');
    expect(stages(v)).toEqual({ load: 'passed', kpi: 'passed', tile: 'passed', decision: 'failed' });
  }, 180_000);

  it('passes an alternative right answer: another cleaning query, another KPI, another range holding the same weeks', async () => {
    const solution = capstoneSolution(step);
    const pipeline = structuredClone(solution.pipeline);
    const load = pipeline.tasks.find((t) => t.id === 'load_events');
    if (load?.kind !== 'sql') throw new Error('no load task');
    // SQLite's bare columns: with min(), the other columns come from the row holding the minimum (the first copy read).
    load.sql = `CREATE TABLE IF NOT EXISTS events_clean (event_id TEXT, event_name TEXT, user_id INTEGER, session_id TEXT, event_date TEXT);
DELETE FROM events_clean;
INSERT INTO events_clean
SELECT event_id, event_name, uid, session_id, kst FROM (
  SELECT event_id, event_name, CAST(user_id AS INTEGER) AS uid, session_id, substr(datetime(ts, '+9 hours'), 1, 10) AS kst,
         min(_file || printf('%08d', _line)) AS first_line
  FROM (SELECT * FROM raw_events_march UNION ALL SELECT * FROM raw_events_april)
  GROUP BY event_id)
WHERE uid IS NULL OR uid NOT IN (SELECT CAST("고객번호" AS INTEGER) FROM raw_crm WHERE trim("이메일") LIKE 'qa+%');`;
    const v = await grade({
      pipeline,
      metric: { sql: "SELECT {{ period('event_date') }} AS period, count(DISTINCT event_id) AS value FROM events_clean WHERE event_name IN ('purchase') GROUP BY period" },
      tile: { kind: 'chart', metricId: 'festa-orders', grain: 'week', range: { from: '2025-03-02', to: '2025-04-27' }, mark: 'bar' },
      decision: { choice: 'lift-while-running', reasons: ['clean-numbers', 'after-back', 'festa-weeks-up'] },
    });
    expect(text(v)).toBe('');
    expect(v.pass).toBe(true);
  }, 240_000);

  it('catches a load with this data\'s test-account ids written into it on the hidden variant', async () => {
    const solution = capstoneSolution(step);
    const pipeline = structuredClone(solution.pipeline);
    const load = pipeline.tasks.find((t) => t.id === 'load_events');
    if (load?.kind !== 'sql') throw new Error('no load task');
    load.sql = load.sql.replace('NOT IN (SELECT user_id FROM test_accounts)', 'NOT IN (866, 867, 868, 869, 870, 871, 872, 873)');
    expect(load.sql).toContain('866, 867');
    const v = await grade({ ...solution, pipeline });
    expect(v.messages[0]).toMatchObject({ code: 'capstone-stage-failed', params: { stage: 'load' } });
    expect(v.messages.map((m) => m.code), text(v)).toContain('variant-differs');
  }, 240_000);
});
