import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStepAsync } from '../../../core/grading/grade-step.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkSource, gradeQuality } from '../../../core/grading/quality-grader.ts';
import { checkStepAsync } from '../../../core/lessons/check.ts';
import { loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { createGradingEngine, loadDatasets, loadLakes, loadPlantedProblems } from '../../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../../scripts/lib/lesson-files.ts';

/**
 * The quality step kind through the real grader: the sample lesson's step (NULL e-mails and
 * duplicate payments) on the visible data and the hidden variant, alternative right answers, and
 * the typical mistakes each named in both languages.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
let pack: LessonPack;
let step: Step;
let ctx: GradeContext;

beforeAll(async () => {
  const found = loadLessons(readLessonFiles(join(ROOT, 'lessons'))).packs.find((p) => p.lesson.id === 'sample-governance');
  if (!found) throw new Error('sample-governance is missing');
  pack = found;
  step = pack.lesson.steps.find((s) => s.id === 'catch-quality-problems') as Step;
  const datasets = await loadDatasets(ROOT);
  ctx = { engine: await createGradingEngine(), databases: datasets.provider, lakes: loadLakes(ROOT) };
}, 60_000);

function grade(yaml: string) {
  return gradeStepAsync(pack.lesson, step, { yaml }, ctx);
}

describe('quality step', () => {
  it('passes its definition check as lessons:check runs it (the reference counts equal the manifest)', async () => {
    const out = await checkStepAsync(pack, step, {
      ...ctx,
      databaseIds: ['hanbit-prod', 'hanbit-warehouse'],
      plantedProblems: loadPlantedProblems(ROOT),
    } as unknown as Parameters<typeof checkStepAsync>[2]);
    expect(out.problems).toEqual([]);
  }, 120_000);

  it('accepts other right answers: dbt tests, warn thresholds, extra healthy checks, planted problems not asked for', async () => {
    const dbt = `checks for hanbit-prod.customers:
  columns:
    - name: email
      tests: [not_null]
checks for hanbit-prod.payments:
  - duplicate_count(order_id):
      warn: when > 0
  - values in (order_id) must exist in orders (order_id)
checks for hanbit-prod.order_items:
  - invalid_count(quantity) = 0:
      valid min: 1
`;
    expect(await grade(dbt)).toMatchObject({ pass: true, messages: [] });
  }, 120_000);

  it('names a threshold written to today’s count, on the visible data', async () => {
    const v = await grade('checks for hanbit-prod.customers:\n  - missing_count(email) < 40\nchecks for hanbit-prod.payments:\n  - duplicate_count(order_id) = 0\n');
    expect(v.pass).toBe(false);
    expect(v.messages.map((m) => m.code)).toEqual(['quality-problem-missed']);
    expect(formatMessage(v.messages[0] as never, 'en')).toBe(
      'The problem prod-null-emails in hanbit-prod.customers has 36 rows, but your check on line 2 (missing_count(email) < 40) passes: its threshold or its rule lets them through.',
    );
    expect(formatMessage(v.messages[0] as never, 'ko')).toContain('2번째 줄의 검사(missing_count(email) < 40)는 통과합니다');
  }, 120_000);

  it('blank e-mails declared missing (none here) still pass; a check on the wrong table is named twice', async () => {
    const v = await grade(
      "checks for hanbit-prod.customers:\n  - missing_count(email) = 0:\n      missing values: ['', 'n/a']\n  - duplicate_count(email, phone) = 0\nchecks for hanbit-prod.payments:\n  - duplicate_count(order_id) = 0\n",
    );
    expect(v.pass).toBe(true);
    const wrongTable = await grade('checks for hanbit-prod.customers:\n  - missing_count(email) = 0\nchecks for hanbit-prod.orders:\n  - duplicate_count(customer_id) = 0\n');
    expect(wrongTable.messages.map((m) => m.code)).toEqual(['quality-problem-missed', 'quality-fails-on-healthy']);
    expect(formatMessage(wrongTable.messages[1] as never, 'en')).toMatch(/^Your check on line 4 \(duplicate_count\(customer_id\) = 0\) fails on 1[0-9,]+, but nothing planted there has that count/);
  }, 120_000);

  it('is graded on the hidden variant too: a threshold fitted to this copy’s counts fails there', async () => {
    // Here 36 NULL e-mails fail `when > 30`; the variant has 38 too, but its 80 duplicate payments are not `between 85 and 90`.
    const fitted = `checks for hanbit-prod.customers:
  - missing_count(email):
      fail: when > 30
checks for hanbit-prod.payments:
  - duplicate_count(order_id):
      fail: when between 85 and 90
`;
    const v = await grade(fitted);
    expect(v.pass).toBe(false);
    expect(v.messages.map((m) => m.code)).toEqual(['variant-differs']);
    const en = formatMessage(v.messages[0] as never, 'en');
    expect(en).toContain('On the other copy: The problem prod-duplicate-payments in hanbit-prod.payments has 80 rows, but your check on line 5');
    expect(formatMessage(v.messages[0] as never, 'ko')).toContain('prod-duplicate-payments에 해당하는 행은 80개인데');
  }, 240_000);

  it('an error in a fail query and a missing type are named', async () => {
    const v = await grade('checks for hanbit-prod.customers:\n  - missing_count(email) = 0\n  - failed rows:\n      fail condition: emial IS NULL\n');
    expect(v.messages.map((m) => m.code)).toEqual(['quality-type-missing', 'quality-check-error', 'quality-problem-missed']);
    expect(formatMessage(v.messages[0] as never, 'en')).toBe('The task asks for a check of type duplicate_count; your file has none.');
    expect(formatMessage(v.messages[1] as never, 'ko')).toMatch(/^3번째 줄의 검사\(failed rows\)를 실행할 수 없습니다: .*no such column: emial/);
  }, 120_000);
});

describe('quality grading of lake checks (the source counts, not the alias)', () => {
  const reference = readFileSync(join(ROOT, 'lessons', '_reference', 'quality', 'hanbit-checks.yml'), 'utf8');
  const spec = { mustFind: ['lake-crm-duplicate-rows'], requireTypes: [], asOf: null, reference, variant: false, knownWrong: [] };
  const columns = '고객번호, 이름, 이메일, 휴대폰, 생년월일, 주소, 마케팅수신동의, 가입일';

  it('a CRM export block named `as c` (the reference says `as crm`) or with a pattern naming the same file passes', async () => {
    for (const head of ['lake:exports/crm_customers_2025-12-31.csv as c', 'lake:exports/crm_customers_*.csv as crm_export', 'lake:exports/crm_customers_2025-12-31.csv']) {
      const v = await gradeQuality(spec, { yaml: `checks for ${head}:\n  - duplicate_count(${columns}) = 0\n` }, ctx, 'hanbit-prod');
      expect({ head, v }).toMatchObject({ head, v: { pass: true, messages: [] } });
    }
  }, 240_000);

  it('a block on another lake file still misses the problem, named by its source', async () => {
    const v = await gradeQuality(spec, { yaml: 'checks for lake:exports/marketing_spend_*.csv as crm:\n  - duplicate_count(date, channel) = 0\n' }, ctx, 'hanbit-prod');
    expect(v.pass).toBe(false);
    expect(v.messages[0]?.code).toBe('quality-problem-missed');
    expect(formatMessage(v.messages[0] as never, 'en')).toBe(
      'No check catches the problem lake-crm-duplicate-rows in lake:exports/crm_customers_2025-12-31.csv (19 rows): add a check on that table that warns or fails on exactly those rows.',
    );
  }, 240_000);

  it('checkSource ignores a lake alias and keeps database tables apart', () => {
    const c = (dataset: string, table: string) => ({ dataset, table }) as Parameters<typeof checkSource>[0];
    expect(checkSource(c('lake:events/*.jsonl.gz', 'ev'))).toBe(checkSource(c('lake:events/*.jsonl.gz', 'events')));
    expect(checkSource(c('hanbit-prod', 'Customers'))).toBe('hanbit-prod.customers');
    expect(checkSource(c('hanbit-prod', 'orders'))).not.toBe(checkSource(c('hanbit-warehouse', 'orders')));
  });
});
