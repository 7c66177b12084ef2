import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import type { Verdict } from '../../../core/grading/compare.ts';
import type { DatabaseCopy, GradeContext } from '../../../core/grading/engine.ts';
import { gradeStep, gradeStepAsync } from '../../../core/grading/grade-step.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkStepAsync } from '../../../core/lessons/check.ts';
import { LessonSchema, type Lesson } from '../../../core/lessons/schema.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { LakeReadError, type LakeReader } from '../../../core/pipeline/lake.ts';
import type { PipelineInput } from '../../../core/pipeline/schema.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';

/**
 * The pipeline step kind end to end on tiny data: a two-file lake (a CSV of orders per day) and an
 * empty warehouse, each with a hidden variant whose rows differ. The learner's pipeline and the
 * reference run through the real pipeline engine; the verdict names what differs.
 */

let SQL: SqlJsStatic;
let ctx: GradeContext;

const LAKES: Record<DatabaseCopy, Record<string, string>> = {
  visible: {
    'orders/2025-12-01.csv': 'order_id,customer,amount\n1,kim,100\n2,lee,250\n3,park,50\n',
    'orders/2025-12-02.csv': 'order_id,customer,amount\n4,kim,70\n5,choi,30\n',
  },
  variant: {
    'orders/2025-12-01.csv': 'order_id,customer,amount\n11,han,90\n12,lee,250\n13,park,50\n14,jung,10\n',
    'orders/2025-12-02.csv': 'order_id,customer,amount\n15,kim,5\n',
  },
};

function lakeOf(files: Record<string, string>): LakeReader {
  return {
    list: () => Promise.resolve(Object.keys(files).sort()),
    read: (path) => {
      const text = files[path];
      return text === undefined ? Promise.reject(new LakeReadError('missing', `${path}: no such file`)) : Promise.resolve(new TextEncoder().encode(text));
    },
  };
}

function pipeline(tasks: PipelineInput['tasks'], edges: PipelineInput['edges'] = [{ from: 'extract_orders', to: 'load_daily' }]): PipelineInput {
  return { formatVersion: 1, id: 'orders_daily', database: 'wh', tasks, edges };
}

const EXTRACT = {
  id: 'extract_orders',
  kind: 'extract',
  path: 'orders/{{ ds }}.csv',
  source: { format: 'csv' },
  target: 'stg_orders',
} as const;

/** The reference: the day's orders into daily_sales, idempotently (delete the partition, insert it). */
const SOLUTION = pipeline([
  EXTRACT,
  {
    id: 'load_daily',
    kind: 'sql',
    sql: `CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '{{ ds }}';
INSERT INTO daily_sales SELECT '{{ ds }}', count(*), sum(CAST(amount AS INTEGER)) FROM stg_orders;`,
  },
]);

function withLoad(sql: string): PipelineInput {
  return pipeline([EXTRACT, { id: 'load_daily', kind: 'sql', sql }]);
}

const STARTER = pipeline([EXTRACT], []);
/** Counts rows but sums nothing: the revenue column is wrong. */
const NO_REVENUE = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '{{ ds }}';
INSERT INTO daily_sales SELECT '{{ ds }}', count(*), 0 FROM stg_orders;`);
/** Writes the visible day's numbers: right here, wrong on the variant lake. */
const HARD_CODED = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '{{ ds }}';
INSERT INTO daily_sales VALUES ('{{ ds }}', 3, 400);`);
/** A blind INSERT: right once, doubled on a re-run. */
const BLIND_INSERT = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
INSERT INTO daily_sales SELECT '{{ ds }}', count(*), sum(CAST(amount AS INTEGER)) FROM stg_orders;`);
/** The date written into the SQL instead of {{ ds }}. */
const FIXED_DATE = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '2025-12-01';
INSERT INTO daily_sales SELECT '2025-12-01', count(*), sum(CAST(amount AS INTEGER)) FROM stg_orders;`);
/** A typo in the load: the task fails. */
const BROKEN = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
INSERT INTO daily_sales SELECT '{{ ds }}', count(*), sum(amount) FROM stg_order;`);

/** The known mistake every test lesson lists first: revenue left at 0. */
const NO_REVENUE_WRONG = {
  pipeline: NO_REVENUE,
  expect: ['column-differs', 'known-mistake'],
  feedback: { ko: '매출은 amount의 합입니다.', en: 'Revenue is the sum of amount.' },
};

function lessonWith(grading: Record<string, unknown>, knownWrong: readonly Record<string, unknown>[] = [NO_REVENUE_WRONG]): { lesson: Lesson; step: Step } {
  const lesson = LessonSchema.parse({
    formatVersion: 1,
    id: 'pipeline-test',
    track: 't1',
    order: 0,
    title: { ko: '파이프라인', en: 'Pipeline' },
    minutes: 5,
    question: { ko: '질문', en: 'Question' },
    objectives: [{ id: 'o1', text: { ko: '목표', en: 'Goal' }, seedIdeas: ['t0-literacy'] }],
    dataset: 'wh',
    steps: [
      {
        kind: 'pipeline',
        id: 'load-daily-sales',
        title: { ko: '일별 매출 적재', en: 'Load daily sales' },
        objectives: ['o1'],
        prompt: { ko: 'daily_sales에 하루 주문을 적재하세요.', en: 'Load one day of orders into daily_sales.' },
        hints: [
          { ko: '힌트 1', en: 'Hint 1' },
          { ko: '힌트 2', en: 'Hint 2' },
        ],
        starter: STARTER,
        solution: SOLUTION,
        knownWrong,
        grading: { targets: [{ name: 'daily_sales' }], ds: '2025-12-01', ...grading },
      },
    ],
  });
  return { lesson, step: lesson.steps[0] as Step };
}

async function grade(
  answer: unknown,
  grading: Record<string, unknown> = {},
  knownWrong?: readonly Record<string, unknown>[],
): Promise<Verdict> {
  const { lesson, step } = lessonWith(grading, knownWrong);
  return gradeStepAsync(lesson, step, answer, ctx);
}

function codes(verdict: Verdict): string[] {
  return verdict.messages.map((m) => m.code);
}

beforeAll(async () => {
  SQL = await initSqlJs();
  const empty = (): Uint8Array => {
    const db = new SQL.Database();
    db.run('CREATE TABLE dim_note (id INTEGER)');
    const bytes = db.export();
    db.close();
    return bytes;
  };
  const databases = { visible: empty(), variant: empty() };
  ctx = {
    engine: new SqlEngine(SQL),
    databases: { bytes: (id, copy) => (id === 'wh' ? databases[copy] : null) },
    lakes: { reader: (id, copy) => (id === 'hanbit' ? lakeOf(LAKES[copy]) : null) },
  };
});

describe('pipeline steps', () => {
  it('passes the reference pipeline, on the visible and the variant lake', async () => {
    const verdict = await grade(SOLUTION, { otherDs: ['2025-12-02'], idempotent: true });
    expect(verdict.messages).toEqual([]);
    expect(verdict.pass).toBe(true);
  });

  it('fails the starter: the target table is missing', async () => {
    const verdict = await grade(STARTER);
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toEqual(['table-missing']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toBe('There is no table or view named daily_sales.');
  });

  it('names the column that differs, and the lesson feedback of a known mistake', async () => {
    const verdict = await grade(NO_REVENUE);
    expect(codes(verdict)).toEqual(['known-mistake', 'column-differs']);
    const text = formatMessage(verdict.messages[1]!, 'en');
    expect(text).toContain('revenue');
    expect(text).toContain('expected 400, yours 0');
    expect(verdict.expected?.rows).toEqual([['2025-12-01', 3, 400]]);
    expect(verdict.actual?.rows).toEqual([['2025-12-01', 3, 0]]);
  });

  it('names the failed task and its error, and the tasks it kept from running', async () => {
    const broken = pipeline(
      [EXTRACT, { id: 'load_daily', kind: 'sql', sql: 'SELECT * FROM stg_order' }, { id: 'report', kind: 'sql', sql: 'SELECT 1' }],
      [
        { from: 'extract_orders', to: 'load_daily' },
        { from: 'load_daily', to: 'report' },
      ],
    );
    const verdict = await grade(broken);
    expect(codes(verdict)).toEqual(['task-failed', 'tasks-not-run']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toMatch(/^Task load_daily failed at line 1 of its SQL: .*no such table: stg_order/);
    expect(formatMessage(verdict.messages[1]!, 'ko')).toBe('앞선 작업이 실패해 실행되지 않았습니다: report.');
    expect(codes(await grade(BROKEN))).toEqual(['task-failed']);
  });

  it('says on which line of the SQL a task failed, in English and Korean', async () => {
    // The misspelt column is in the third statement, on line 4 of the task's SQL.
    const verdict = await grade(
      withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '{{ ds }}';
INSERT INTO daily_sales
SELECT '{{ ds }}', count(*), sum(CAST(amout AS INTEGER)) FROM stg_orders;`),
    );
    expect(codes(verdict)).toEqual(['task-failed']);
    expect(verdict.messages[0]!.params).toMatchObject({ task: 'load_daily', line: 4, in: 'sql' });
    expect(formatMessage(verdict.messages[0]!, 'en')).toBe('Task load_daily failed at line 4 of its SQL: no such column: amout');
    expect(formatMessage(verdict.messages[0]!, 'ko')).toBe('load_daily 작업이 SQL 4번째 줄에서 실패했습니다: no such column: amout');
    // A verdict stored before the line was passed still reads as before.
    expect(formatMessage({ code: 'task-failed', params: { task: 'load_daily', error: 'no such column: amout' } }, 'ko')).toBe(
      'load_daily 작업이 실패했습니다: no such column: amout',
    );
  });

  it('refuses a pipeline with a cycle before running it', async () => {
    const cyclic = pipeline(SOLUTION.tasks, [
      { from: 'extract_orders', to: 'load_daily' },
      { from: 'load_daily', to: 'extract_orders' },
    ]);
    const verdict = await grade(cyclic);
    expect(codes(verdict)).toEqual(['pipeline-invalid']);
  });

  it('catches numbers written into the SQL with the variant lake', async () => {
    const verdict = await grade(HARD_CODED);
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toEqual(['variant-differs']);
    // Without the variant the same answer would pass: the variant is what catches it.
    expect((await grade(HARD_CODED, { variant: false, note: 'test' })).pass).toBe(true);
  });

  it('catches a date written into the SQL with another logical date', async () => {
    const verdict = await grade(FIXED_DATE, { otherDs: ['2025-12-02'] });
    expect(codes(verdict)).toEqual(['ds-differs']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toContain('run for 2025-12-02');
  });

  it('catches a blind INSERT when the step asks for idempotency', async () => {
    expect((await grade(BLIND_INSERT)).pass).toBe(true);
    const verdict = await grade(BLIND_INSERT, { idempotent: true });
    expect(codes(verdict)).toEqual(['not-idempotent']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toMatch(/Running the pipeline a second time changes daily_sales/);
  });

  it('says the answer is not a pipeline, and the synchronous entry point refuses the kind', async () => {
    expect(codes(await grade({ sql: 'SELECT 1' }))).toEqual(['bad-answer']);
    const { lesson, step } = lessonWith({});
    expect(() => gradeStep(lesson, step, SOLUTION, ctx)).toThrow(/gradeStepAsync/);
  });

  it('passes the lesson checker: the solution passes, the starter fails, the known mistake gets its codes', async () => {
    const { lesson, step } = lessonWith({ otherDs: ['2025-12-02'] });
    const pack = { trackFolder: 't1', lessonFolder: lesson.id, lesson, prose: { ko: { intro: '', steps: [], recap: '' }, en: { intro: '', steps: [], recap: '' } }, inCourse: false };
    const env = { engine: ctx.engine, databases: ctx.databases, lakes: ctx.lakes, databaseIds: ['wh'], curriculum: null };
    expect(await checkStepAsync(pack, step, env)).toEqual({ problems: [], warnings: [] });
    const wrongStarter = LessonSchema.parse({ ...lesson, steps: [{ ...step, starter: SOLUTION }] });
    expect((await checkStepAsync({ ...pack, lesson: wrongStarter }, wrongStarter.steps[0] as Step, env)).problems).toEqual([
      'the starter passes: it must leave work to do',
    ]);
  });

  describe('known mistakes that fail at a later stage get their feedback', () => {
    const feedback = (en: string): { ko: string; en: string } => ({ ko: `${en} (ko)`, en });
    const wrong = (pipeline: PipelineInput, en: string): Record<string, unknown> => ({ pipeline, expect: ['known-mistake'], feedback: feedback(en) });
    const said = (verdict: Verdict): string | null => {
      const m = verdict.messages[0];
      return m?.code === 'known-mistake' ? m.params.feedback.en : null;
    };
    /** The load reads a table the extract never made: the task fails. */
    const TYPO = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '{{ ds }}';
INSERT INTO daily_sales SELECT '{{ ds }}', count(*), sum(CAST(amount AS INTEGER)) FROM stg_order;`);
    /** The arrow from the extract to the load is missing: the load runs first and finds no staging table. */
    const NO_ARROW = pipeline(SOLUTION.tasks.toReversed(), []);

    it('a task that fails with the same error (a missing arrow), and not one that fails another way', async () => {
      const list = [wrong(TYPO, 'stg_order is misspelt'), wrong(NO_ARROW, 'draw the arrow')];
      const arrow = await grade(pipeline(SOLUTION.tasks.toReversed(), []), {}, list);
      expect(codes(arrow)).toEqual(['known-mistake', 'task-failed']);
      expect(said(arrow)).toBe('draw the arrow');
      expect(formatMessage(arrow.messages[1]!, 'en')).toMatch(/^Task load_daily failed at line \d+ of its SQL: .*no such table: stg_orders/);
      expect(said(await grade(TYPO, {}, list))).toBe('stg_order is misspelt');
      // The same task failing with another error is another mistake: only the generic message.
      const other = await grade(withLoad('SELECT * FROM no_such_table'), {}, list);
      expect(codes(other)).toEqual(['task-failed']);
    });

    it('a date written into the SQL: the same date differs', async () => {
      const verdict = await grade(FIXED_DATE, { otherDs: ['2025-12-02'] }, [wrong(FIXED_DATE, 'use {{ ds }}')]);
      expect(codes(verdict)).toEqual(['known-mistake', 'ds-differs']);
      expect(said(verdict)).toBe('use {{ ds }}');
      // A pipeline right for every date but not idempotent fails earlier: not this mistake.
      const blind = await grade(BLIND_INSERT, { otherDs: ['2025-12-02'], idempotent: true }, [wrong(FIXED_DATE, 'use {{ ds }}')]);
      expect(codes(blind)).toEqual(['not-idempotent']);
    });

    it('a blind INSERT: the second run changes the same table', async () => {
      const verdict = await grade(BLIND_INSERT, { idempotent: true }, [wrong(BLIND_INSERT, 'delete the partition first')]);
      expect(codes(verdict)).toEqual(['known-mistake', 'not-idempotent']);
      expect(said(verdict)).toBe('delete the partition first');
    });

    it('a second run that fails with the same error', async () => {
      const keyed = withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT PRIMARY KEY, orders INTEGER, revenue INTEGER);
INSERT INTO daily_sales SELECT '{{ ds }}', count(*), sum(CAST(amount AS INTEGER)) FROM stg_orders;`);
      const verdict = await grade(keyed, { idempotent: true }, [wrong(keyed, 'the key is already there')]);
      expect(codes(verdict)).toEqual(['known-mistake', 'task-failed']);
      expect(formatMessage(verdict.messages[1]!, 'en')).toMatch(/UNIQUE constraint failed/);
    });

    it('numbers written into the SQL: it differs on the hidden variant', async () => {
      const verdict = await grade(HARD_CODED, {}, [wrong(HARD_CODED, 'no numbers in the SQL')]);
      expect(codes(verdict)).toEqual(['known-mistake', 'variant-differs']);
      // A known mistake caught at another stage is not offered for a variant difference.
      expect(codes(await grade(HARD_CODED, { idempotent: true }, [wrong(BLIND_INSERT, 'delete the partition first')]))).toEqual([
        'variant-differs',
      ]);
    });

    it('the lesson checker sees each of them get its own feedback', async () => {
      const { lesson, step } = lessonWith({ otherDs: ['2025-12-02'], idempotent: true }, [
        NO_REVENUE_WRONG,
        { ...wrong(NO_ARROW, 'draw the arrow'), expect: ['task-failed', 'known-mistake'] },
        { ...wrong(FIXED_DATE, 'use {{ ds }}'), expect: ['ds-differs', 'known-mistake'] },
        { ...wrong(BLIND_INSERT, 'delete the partition first'), expect: ['not-idempotent', 'known-mistake'] },
      ]);
      const pack = { trackFolder: 't1', lessonFolder: lesson.id, lesson, prose: { ko: { intro: '', steps: [], recap: '' }, en: { intro: '', steps: [], recap: '' } }, inCourse: false };
      const env = { engine: ctx.engine, databases: ctx.databases, lakes: ctx.lakes, databaseIds: ['wh'], curriculum: null };
      expect(await checkStepAsync(pack, step, env)).toEqual({ problems: [], warnings: [] });
    });
  });

  it('a known mistake is matched on the graded columns only', async () => {
    // daily_sales graded on ds and orders: a known answer with another (ungraded) revenue is still the same mistake.
    const oneOrder = (revenue: string): PipelineInput =>
      withLoad(`CREATE TABLE IF NOT EXISTS daily_sales (ds TEXT, orders INTEGER, revenue INTEGER);
DELETE FROM daily_sales WHERE ds = '{{ ds }}';
INSERT INTO daily_sales SELECT '{{ ds }}', 1, ${revenue} FROM stg_orders LIMIT 1;`);
    const grading = { targets: [{ name: 'daily_sales', columns: ['ds', 'orders'], extraColumns: 'allow' }] };
    const known = [{ pipeline: oneOrder('0'), expect: ['known-mistake'], feedback: { ko: '주문을 세세요.', en: 'Count the orders.' } }];
    const verdict = await grade(oneOrder('123'), grading, known);
    expect(codes(verdict)).toEqual(['known-mistake', 'column-differs']);
  });
});

