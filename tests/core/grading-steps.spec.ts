import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import type { Verdict } from '../../core/grading/compare.ts';
import { sameTargets, type TableState } from '../../core/grading/build-grader.ts';
import type { DatabaseProvider, GradeContext } from '../../core/grading/engine.ts';
import { gradeStep, gradeStepText, stepDatabases } from '../../core/grading/grade-step.ts';
import { formatMessage, type MessageCode } from '../../core/grading/messages.ts';
import { LessonSchema, type Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { SqlEngine } from '../../core/sql/engine.ts';

/** A tiny shop: the visible copy and a hidden variant with other counts and amounts. */
function shop(SQL: SqlJsStatic, customers: number, amounts: number[]): Uint8Array {
  const db = new SQL.Database();
  db.run(`CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL, region TEXT);
          CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL, status TEXT)`);
  const regions = ['서울', '부산', '대구'];
  for (let i = 1; i <= customers; i++)
    db.run('INSERT INTO customers VALUES (?, ?, ?)', [i, `c${i}`, i % 7 === 0 ? null : (regions[i % 3] as string)]);
  amounts.forEach((amount, i) =>
    db.run('INSERT INTO orders VALUES (?, ?, ?, ?)', [i + 1, (i % customers) + 1, amount, i % 4 === 0 ? 'cancelled' : 'delivered']),
  );
  const bytes = db.export();
  db.close();
  return bytes;
}

let ctx: GradeContext;
let noVariant: GradeContext;

beforeAll(async () => {
  const SQL = await initSqlJs();
  const visible = shop(SQL, 30, [100, 250.5, 80, 400, 120, 75.25, 300, 60]);
  const variant = shop(SQL, 41, [90, 20, 310.75, 45, 500, 65, 10, 220, 130]);
  const provider: DatabaseProvider = { bytes: (id, copy) => (id !== 'shop' ? null : copy === 'visible' ? visible : variant) };
  ctx = { engine: new SqlEngine(SQL), databases: provider };
  noVariant = { engine: new SqlEngine(SQL), databases: { bytes: (id, copy) => (id === 'shop' && copy === 'visible' ? visible : null) } };
});

const HINTS = [
  { ko: '힌트 1', en: 'hint 1' },
  { ko: '힌트 2', en: 'hint 2' },
];
const COMMON = { title: { ko: '단계', en: 'Step' }, objectives: ['o1'], prompt: { ko: '문제 n', en: 'Task n' }, hints: HINTS };

function lessonWith(step: Record<string, unknown>): { lesson: Lesson; step: Step } {
  const lesson = LessonSchema.parse({
    formatVersion: 1,
    id: 'test-lesson',
    track: 't0',
    order: 1,
    title: { ko: '시험', en: 'Test' },
    minutes: 5,
    question: { ko: '질문', en: 'Question' },
    objectives: [{ id: 'o1', text: { ko: '목표', en: 'Goal' }, seedIdeas: ['t0-literacy'] }],
    dataset: 'shop',
    steps: [{ id: 's1', ...(step.kind === 'read' ? { title: COMMON.title } : COMMON), ...step }],
  });
  return { lesson, step: lesson.steps[0] as Step };
}

function querySql(solution: string, grading: Record<string, unknown> = {}): (sql: string, context?: GradeContext) => Verdict {
  const { lesson, step } = lessonWith({
    kind: 'query',
    starter: '',
    solution,
    knownWrong: [{ sql: 'SELECT 1', expect: ['missing-columns'] }],
    grading,
  });
  return (sql, context = ctx) => gradeStep(lesson, step, { sql }, context);
}

function codes(verdict: Verdict): MessageCode[] {
  return verdict.messages.map((m) => m.code);
}

describe('query steps', () => {
  const count = querySql('SELECT count(*) AS n FROM customers');

  it('passes a correct answer written differently', () => {
    expect(count('select COUNT(customer_id) as N from customers;').pass).toBe(true);
  });

  it('calls an answer hard-coded only when its SQL writes values of the visible result', () => {
    const verdict = count('SELECT 30 AS n');
    expect(codes(verdict)).toEqual(['hard-coded']);
    expect(verdict.messages[0]!.code === 'hard-coded' && verdict.messages[0]!.params.literals).toEqual(['30']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toContain('writes values of this data');
  });

  it('says an answer right only on this data differs on another copy, with what differs there', () => {
    // Right on the visible copy (30 customers, none above id 34), wrong on the variant (41 customers).
    const verdict = count('SELECT count(*) AS n FROM customers WHERE customer_id < 35');
    expect(codes(verdict)).toEqual(['variant-differs']);
    const text = formatMessage(verdict.messages[0]!, 'en');
    expect(text).toContain('on another copy of it');
    expect(text).toContain('boundary');
    expect(text).toContain('On the other copy: Column n differs: expected 41, yours 34.');
    expect(text).not.toMatch(/hard-coded/);
    expect(formatMessage(verdict.messages[0]!, 'ko')).toContain('다른 데이터에서');
  });

  it("gives a known mistake's feedback when the answer makes it on the hidden variant only", () => {
    const BOUNDARY = { ko: '34번 고객까지만 셌습니다.', en: 'You stopped at customer 34.' };
    const { lesson, step } = lessonWith({
      kind: 'query',
      starter: '',
      solution: 'SELECT count(*) AS n FROM customers',
      knownWrong: [{ sql: 'SELECT count(*) AS n FROM customers WHERE customer_id < 35', expect: ['variant-differs'], feedback: BOUNDARY }],
    });
    const verdict = gradeStep(lesson, step, { sql: 'SELECT count(*) AS n FROM customers WHERE customer_id <= 34' }, ctx);
    expect(codes(verdict)).toEqual(['known-mistake', 'variant-differs']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toBe(BOUNDARY.en);
  });

  it('cannot catch a hard-coded answer without a variant, and does not fail it for that', () => {
    expect(count('SELECT 30 AS n', noVariant).pass).toBe(true);
  });

  it('reports an SQL error with its position', () => {
    const verdict = count('SELECT count(*) AS n\nFROM customer');
    expect(codes(verdict)).toEqual(['sql-error']);
    const error = verdict.messages[0]!;
    expect(error.code === 'sql-error' && error.params.line).toBe(2);
    expect(verdict.expected?.rows).toEqual([[30]]);
  });

  it('refuses an answer that returns no rows to compare', () => {
    expect(codes(count('-- nothing yet'))).toEqual(['not-a-select']);
    expect(codes(count('CREATE TABLE x (a)'))).toEqual(['not-a-select']);
  });

  it('grades the last statement of a script', () => {
    expect(count('CREATE TEMP TABLE t AS SELECT * FROM customers; SELECT count(*) AS n FROM t').pass).toBe(true);
  });

  it('runs every answer on a fresh copy, so an earlier DELETE does not leak', () => {
    expect(count('DELETE FROM customers; SELECT count(*) AS n FROM customers').pass).toBe(false);
    expect(count('SELECT count(*) AS n FROM customers').pass).toBe(true);
  });

  it('runs the setup (starting state) before the answer and the reference', () => {
    const withSetup = querySql('SELECT count(*) AS n FROM customers', { setup: "INSERT INTO customers VALUES (999, 'new', '서울')" });
    expect(withSetup('SELECT count(*) AS n FROM customers').pass).toBe(true);
    expect(withSetup('SELECT count(*) AS n FROM customers', noVariant).pass).toBe(true);
  });

  it('says which column differs when an aggregate is wrong', () => {
    const revenue = querySql(
      "SELECT region, sum(amount) AS revenue FROM orders JOIN customers USING (customer_id) WHERE status = 'delivered' GROUP BY region",
    );
    const verdict = revenue('SELECT region, sum(amount) AS revenue FROM orders JOIN customers USING (customer_id) GROUP BY region');
    expect(codes(verdict)).toContain('column-differs');
  });

  it('reports NULLs where values belong', () => {
    const named = querySql("SELECT customer_id, coalesce(region, '미상') AS region FROM customers");
    expect(codes(named('SELECT customer_id, region FROM customers'))).toContain('nulls-where-values');
  });

  it('applies the ordered, columns and tolerance options', () => {
    const top = querySql('SELECT order_id, amount FROM orders ORDER BY amount DESC, order_id', { ordered: true });
    expect(top('SELECT order_id, amount FROM orders ORDER BY amount DESC, order_id').pass).toBe(true);
    expect(codes(top('SELECT order_id, amount FROM orders'))).toEqual(['order-by-required']);
    expect(codes(top('SELECT order_id, amount FROM orders ORDER BY amount'))).toEqual(['wrong-order']);
    const avg = querySql('SELECT avg(amount) AS avg_amount FROM orders', { tolerance: { absolute: 0.01 } });
    expect(avg('SELECT round(avg(amount), 2) AS avg_amount FROM orders').pass).toBe(true);
    const exact = querySql('SELECT avg(amount) AS avg_amount FROM orders');
    expect(codes(exact('SELECT round(avg(amount), 1) AS avg_amount FROM orders'))).toEqual(['rounding']);
    const some = querySql('SELECT customer_id AS id, name FROM customers', { columns: ['id'], extraColumns: 'allow' });
    expect(some('SELECT name, customer_id AS ID, region FROM customers').pass).toBe(true);
  });

  it('adds the lesson feedback of a known mistake', () => {
    const { lesson, step } = lessonWith({
      kind: 'query',
      starter: '',
      solution: "SELECT count(*) AS n FROM orders WHERE status = 'delivered'",
      knownWrong: [
        {
          sql: 'SELECT count(*) AS n FROM orders',
          expect: ['column-differs'],
          feedback: { ko: '취소 주문도 셌습니다.', en: 'You counted cancelled orders too.' },
        },
      ],
    });
    const verdict = gradeStep(lesson, step, { sql: 'SELECT count(order_id) AS N FROM orders' }, ctx);
    expect(verdict.pass).toBe(false);
    expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toContain('You counted cancelled orders too.');
    expect(verdict.messages.map((m) => formatMessage(m, 'ko'))).toContain('취소 주문도 셌습니다.');
  });

  it('refuses an answer of the wrong shape', () => {
    const { lesson, step } = lessonWith({
      kind: 'query',
      starter: '',
      solution: 'SELECT 1 AS n',
      knownWrong: [{ sql: 'SELECT 2 AS n', expect: ['column-differs'] }],
    });
    expect(codes(gradeStep(lesson, step, { selected: ['a'] }, ctx))).toEqual(['bad-answer']);
    expect(stepDatabases(lesson, step)).toEqual(['shop']);
  });

  it('reports a missing database', () => {
    const { lesson, step } = lessonWith({
      kind: 'query',
      starter: '',
      solution: 'SELECT 1 AS n',
      knownWrong: [{ sql: 'SELECT 2 AS n', expect: ['column-differs'] }],
      grading: { database: 'nope' },
    });
    expect(codes(gradeStep(lesson, step, { sql: 'SELECT 1 AS n' }, ctx))).toEqual(['no-database']);
  });
});

describe('build steps', () => {
  const SOLUTION = `CREATE TABLE region_revenue AS
    SELECT region, sum(amount) AS revenue FROM orders JOIN customers USING (customer_id)
    WHERE status = 'delivered' AND region IS NOT NULL GROUP BY region`;
  const { lesson, step } = lessonWith({
    kind: 'build',
    starter: '-- CREATE TABLE region_revenue AS ...',
    solution: SOLUTION,
    knownWrong: [{ sql: 'CREATE TABLE region_revenue (region TEXT)', expect: ['table-columns'] }],
    grading: { targets: [{ name: 'region_revenue', kind: 'table' }] },
  });
  const build = (sql: string, context: GradeContext = ctx): Verdict => gradeStep(lesson, step, { sql }, context);

  it('passes the same table built another way', () => {
    const other = `CREATE TABLE Region_Revenue (region TEXT, revenue REAL);
      INSERT INTO region_revenue SELECT c.region, sum(o.amount) FROM orders o, customers c
      WHERE o.customer_id = c.customer_id AND o.status <> 'cancelled' AND c.region IS NOT NULL GROUP BY 1`;
    expect(build(other).pass).toBe(true);
  });

  it('reports a missing table', () => {
    const verdict = build('CREATE TABLE revenue AS SELECT 1');
    expect(codes(verdict)).toEqual(['table-missing']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toContain('region_revenue');
  });

  it('reports a view where a table is asked for', () => {
    expect(codes(build(SOLUTION.replace('CREATE TABLE', 'CREATE VIEW')))).toContain('table-kind');
  });

  it('reports wrong columns', () => {
    const verdict = build(
      "CREATE TABLE region_revenue AS SELECT region, sum(amount) AS total FROM orders JOIN customers USING (customer_id) WHERE status = 'delivered' GROUP BY region",
    );
    const message = verdict.messages.find((m) => m.code === 'table-columns');
    expect(message?.code === 'table-columns' && message.params).toEqual({
      table: 'region_revenue',
      missing: ['revenue'],
      unexpected: ['total'],
    });
  });

  it('reports a column type affinity that differs', () => {
    const verdict = build(`CREATE TABLE region_revenue (region INTEGER, revenue REAL);
      INSERT INTO region_revenue SELECT region, sum(amount) FROM orders JOIN customers USING (customer_id) WHERE status = 'delivered' AND region IS NOT NULL GROUP BY region`);
    expect(codes(verdict)).toContain('table-column-type');
  });

  it('reports wrong rows, naming the table', () => {
    const verdict = build(SOLUTION.replace("status = 'delivered' AND ", ''));
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toContain('column-differs');
    expect(verdict.messages.every((m) => m.table === 'region_revenue')).toBe(true);
    expect(formatMessage(verdict.messages[0]!, 'en')).toMatch(/^In region_revenue: /);
    expect(verdict.expected?.columns).toEqual(['region', 'revenue']);
  });

  it('catches hard-coded rows on the hidden variant', () => {
    const literal = ctx.engine;
    literal.open(ctx.databases.bytes('shop', 'visible')!);
    literal.exec(SOLUTION, 0);
    const rows = literal.exec('SELECT region, revenue FROM region_revenue', 100).results[0]!.rows;
    const values = rows.map((r) => `('${String(r[0])}', ${String(r[1])})`).join(', ');
    const hardCoded = `CREATE TABLE region_revenue (region TEXT, revenue REAL); INSERT INTO region_revenue VALUES ${values}`;
    expect(build(hardCoded, noVariant).pass).toBe(true);
    expect(codes(build(hardCoded))).toEqual(['hard-coded']);
  });

  it('says a build right only on this data differs on another copy', () => {
    // Every delivered order on the visible copy is above 25; the variant has one of 20.
    const verdict = build(SOLUTION.replace("WHERE status = 'delivered'", "WHERE amount > 25 AND status = 'delivered'"));
    expect(codes(verdict)).toEqual(['variant-differs']);
  });

  describe('known mistakes, matched by the targets they leave behind', () => {
    const VIEW_SQL = "CREATE VIEW delivered AS SELECT order_id, amount FROM orders WHERE status = 'delivered'";
    const TABLE_SQL = VIEW_SQL.replace('CREATE VIEW', 'CREATE TABLE');
    const WHY_VIEW = { ko: '뷰는 읽을 때마다 다시 계산됩니다.', en: 'A view is computed again on every read.' };
    const WHY_TABLE = { ko: '배치는 한 번 계산해 저장합니다.', en: 'A batch is computed once and stored.' };
    const ALL_ROWS = { ko: '취소 주문까지 담았습니다.', en: 'You kept cancelled orders too.' };
    const step = (kind: 'view' | 'table', extra: Record<string, unknown> = {}) =>
      lessonWith({
        kind: 'build',
        starter: '',
        solution: kind === 'view' ? VIEW_SQL : TABLE_SQL,
        knownWrong: [
          { sql: VIEW_SQL.replace(" WHERE status = 'delivered'", ''), expect: ['rows-extra', 'known-mistake'], feedback: ALL_ROWS },
          kind === 'view'
            ? { sql: TABLE_SQL, expect: ['table-kind', 'known-mistake'], feedback: WHY_VIEW }
            : { sql: VIEW_SQL, expect: ['table-kind', 'known-mistake'], feedback: WHY_TABLE },
        ],
        grading: { targets: [{ name: 'delivered', kind, ...extra }] },
      });
    const grade = (made: { lesson: Lesson; step: Step }, sql: string): Verdict => gradeStep(made.lesson, made.step, { sql }, ctx);
    const texts = (verdict: Verdict, lang: 'ko' | 'en'): string[] => verdict.messages.map((m) => formatMessage(m, lang));

    it('explains a TABLE made where a VIEW is asked for, before the generic message', () => {
      const verdict = grade(step('view'), TABLE_SQL);
      expect(codes(verdict)).toEqual(['known-mistake', 'table-kind']);
      expect(texts(verdict, 'en')).toEqual([WHY_VIEW.en, 'delivered must be a view, but it is a table.']);
      expect(texts(verdict, 'ko')[0]).toBe(WHY_VIEW.ko);
    });

    it('explains the reverse: a VIEW where a TABLE is asked for', () => {
      expect(texts(grade(step('table'), VIEW_SQL), 'en')).toEqual([WHY_TABLE.en, 'delivered must be a table, but it is a view.']);
    });

    it('recognises the same mistake written another way (case, column order, row order, declared types)', () => {
      const other = `create table DELIVERED (AMOUNT real, Order_Id integer);
        insert into delivered select amount, order_id from orders where status <> 'cancelled' order by order_id desc`;
      expect(codes(grade(step('view'), other))).toEqual(['known-mistake', 'table-kind']);
    });

    it('does not explain a different mistake: same wrong kind, but other rows or columns', () => {
      const fewer = grade(step('view'), `${TABLE_SQL} AND amount > 100`);
      expect(codes(fewer)).toContain('table-kind');
      expect(codes(fewer)).not.toContain('known-mistake');
      const wider = grade(step('view'), TABLE_SQL.replace('amount FROM', 'amount, status FROM'));
      expect(codes(wider)).toEqual(['table-kind', 'table-columns']);
    });

    it('allows extra columns in the match only where the target allows them', () => {
      const wider = TABLE_SQL.replace('amount FROM', 'amount, status FROM');
      const allowing = step('view', { columns: ['order_id', 'amount'], extraColumns: 'allow' });
      expect(codes(grade(allowing, wider))).toEqual(['known-mistake', 'table-kind']);
    });

    it('still matches known mistakes of the right kind, and leaves a right answer alone', () => {
      const all = VIEW_SQL.replace(" WHERE status = 'delivered'", '');
      expect(codes(grade(step('view'), all))).toEqual(['known-mistake', 'rows-extra']);
      expect(grade(step('view'), VIEW_SQL).pass).toBe(true);
    });

    it('compares targets by kind, columns and rows, a missing target only with a missing one', () => {
      const targets = [{ name: 'delivered', kind: 'view' as const, columns: 'all' as const, extraColumns: 'forbid' as const, types: true }];
      const tol = { absolute: 1e-9, relative: 1e-9 };
      const table = (kind: 'table' | 'view', rows: (number | null)[][]): TableState => ({
        name: 'delivered',
        kind,
        columns: [
          { name: 'order_id', type: 'INTEGER' },
          { name: 'amount', type: '' },
        ],
        rows,
      });
      const state = (t: TableState | null) => new Map([['delivered', t]]);
      expect(sameTargets(targets, state(null), state(null), tol)).toBe(true);
      expect(sameTargets(targets, state(null), state(table('view', [])), tol)).toBe(false);
      expect(sameTargets(targets, state(table('table', [[1, 2]])), state(table('table', [[1, 2 + 1e-12]])), tol)).toBe(true);
      expect(sameTargets(targets, state(table('table', [[1, 2]])), state(table('view', [[1, 2]])), tol)).toBe(false);
      expect(sameTargets(targets, state(table('table', [[1, 2]])), state(table('table', [[1, 3]])), tol)).toBe(false);
    });
  });

  it('grades a data change (UPDATE) on a bundled table', () => {
    const update = lessonWith({
      kind: 'build',
      starter: '',
      solution: "UPDATE customers SET region = '미상' WHERE region IS NULL",
      knownWrong: [{ sql: "UPDATE customers SET region = ''", expect: ['rows-missing'] }],
      grading: { targets: [{ name: 'customers' }] },
    });
    expect(gradeStep(update.lesson, update.step, { sql: "UPDATE customers SET region = coalesce(region, '미상')" }, ctx).pass).toBe(true);
    expect(codes(gradeStep(update.lesson, update.step, { sql: "UPDATE customers SET region = 'x' WHERE region IS NULL" }, ctx))).toContain(
      'column-differs',
    );
  });
});

describe('choice steps', () => {
  const { lesson, step } = lessonWith({
    kind: 'choice',
    multiple: true,
    choices: [
      { id: 'a', label: { ko: '가', en: 'A' }, correct: true },
      { id: 'b', label: { ko: '나', en: 'B' }, correct: true },
      { id: 'c', label: { ko: '다', en: 'C' }, correct: false, explanation: { ko: '다는 틀립니다.', en: 'C is wrong because…' } },
    ],
    reason: { prompt: { ko: '이유', en: 'Why?' }, required: true },
    knownWrong: [{ choices: ['a', 'c'], expect: ['wrong-choice'], feedback: { ko: '나를 잊었습니다.', en: 'You forgot B.' } }],
  });
  const choose = (selected: string[], reason = 'because'): Verdict => gradeStep(lesson, step, { selected, reason }, ctx);

  it('passes exactly the right set, in any order', () => {
    expect(choose(['b', 'a']).pass).toBe(true);
  });

  it('explains each wrong choice', () => {
    const verdict = choose(['a', 'b', 'c']);
    expect(codes(verdict)).toEqual(['wrong-choice']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toBe('"C": C is wrong because…');
  });

  it('says how many right answers are missing', () => {
    expect(codes(choose(['a']))).toEqual(['choices-missing']);
  });

  it('asks for an answer and for the reason when required', () => {
    expect(codes(choose([]))).toEqual(['no-answer']);
    expect(codes(choose(['a', 'b'], ' '))).toEqual(['reason-required']);
  });

  it('adds the feedback of a known mistake and reads answers from text', () => {
    expect(codes(choose(['c', 'a']))).toEqual(['wrong-choice', 'known-mistake']);
    expect(gradeStepText(lesson, step, 'a, b\nmy reason', ctx).pass).toBe(true);
  });
});

describe('number steps', () => {
  const { lesson, step } = lessonWith({
    kind: 'number',
    solution: { sql: 'SELECT avg(amount) FROM orders' },
    grading: { tolerance: { absolute: 0.05 } },
    knownWrong: [{ value: 8, expect: ['number-wrong'], feedback: { ko: '주문 수를 적었습니다.', en: 'That is the number of orders.' } }],
  });
  const answer = (text: string): Verdict => gradeStep(lesson, step, { text }, ctx);

  it('passes a value within the tolerance, written in any common way', () => {
    expect(answer('173.22').pass).toBe(true);
    expect(answer(' 173.2 ').pass).toBe(true);
  });

  it('says a wrong value is wrong without a direction, so it cannot be found by halving guesses', () => {
    const high = answer('200');
    const low = answer('100');
    expect(codes(high)).toEqual(['number-wrong']);
    expect(high.messages).toEqual(low.messages);
    expect(formatMessage(high.messages[0]!, 'en')).toBe(
      'That is not the value the data gives. Compute it with a query rather than guessing, and type the result.',
    );
    expect(formatMessage(high.messages[0]!, 'ko')).not.toMatch(/큽니다|작습니다/);
  });

  it('recognises rounding', () => {
    const verdict = answer('173');
    expect(codes(verdict)).toEqual(['number-rounding']);
    expect(verdict.messages[0]!.code === 'number-rounding' && verdict.messages[0]!.params.decimals).toBe(1);
  });

  it('refuses text that is not a number and adds known-mistake feedback', () => {
    expect(codes(answer('about 170'))).toEqual(['not-a-number']);
    expect(codes(answer('8'))).toEqual(['known-mistake']);
    expect(gradeStep(lesson, step, { text: '1,234' }, ctx).pass).toBe(false);
  });
});

describe('number steps with known mistakes computed from the data', () => {
  const ALL = { ko: '취소 주문도 셌습니다.', en: 'You counted cancelled orders too.' };
  const FIXED = { ko: '고정값', en: 'A fixed value.' };
  const { lesson, step } = lessonWith({
    kind: 'number',
    solution: { sql: "SELECT count(*) FROM orders WHERE status = 'delivered'" },
    knownWrong: [
      { sql: 'SELECT count(*) FROM orders', expect: ['known-mistake'], feedback: ALL },
      { sql: 'SELECT count(*) FROM no_such_table', expect: ['number-wrong'], feedback: { ko: '깨짐', en: 'Broken.' } },
      { value: 1, expect: ['known-mistake'], feedback: FIXED },
    ],
  });
  const answer = (text: string, context: GradeContext = ctx): Verdict => gradeStep(lesson, step, { text }, context);

  it('gives the feedback of a known-wrong query to a number equal to what it computes on the visible data', () => {
    // The visible shop has 8 orders (6 delivered); the hidden variant has 9.
    const verdict = answer('8');
    // The lesson's explanation replaces the generic "not the value": one message for one mistake.
    expect(codes(verdict)).toEqual(['known-mistake']);
    expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toEqual([ALL.en]);
    expect(formatMessage(verdict.messages[0]!, 'ko')).toBe(ALL.ko);
    expect(codes(answer('9'))).toEqual(['number-wrong']);
    expect(answer('6').pass).toBe(true);
  });

  it('keeps constant known-wrong values working next to computed ones, and skips a query that cannot run', () => {
    expect(codes(answer('1'))).toEqual(['known-mistake']);
    expect(formatMessage(answer('1').messages[0]!, 'en')).toBe(FIXED.en);
    expect(codes(answer('7'))).toEqual(['number-wrong']);
  });

  it("matches within the step's tolerance", () => {
    const tolerant = lessonWith({
      kind: 'number',
      solution: { sql: 'SELECT avg(amount) FROM orders' },
      grading: { tolerance: { absolute: 0.05 } },
      knownWrong: [{ sql: "SELECT avg(amount) FROM orders WHERE status = 'delivered'", expect: ['known-mistake'], feedback: ALL }],
    });
    const grade = (text: string): MessageCode[] => codes(gradeStep(tolerant.lesson, tolerant.step, { text }, ctx));
    // avg over the 6 delivered orders: 1165.75 / 6 = 194.291…
    expect(grade('194.29')).toEqual(['known-mistake']);
    expect(grade('194.4')).toEqual(['number-wrong']);
  });

  it('needs the database when only a known-wrong answer runs SQL', () => {
    const constant = lessonWith({
      kind: 'number',
      solution: { value: 6 },
      knownWrong: [{ sql: 'SELECT count(*) FROM orders', expect: ['known-mistake'], feedback: ALL }],
    });
    expect(stepDatabases(constant.lesson, constant.step)).toEqual(['shop']);
    expect(codes(gradeStep(constant.lesson, constant.step, { text: '8' }, ctx))).toEqual(['known-mistake']);
    const offline = lessonWith({ kind: 'number', solution: { value: 6 } });
    expect(stepDatabases(offline.lesson, offline.step)).toEqual([]);
  });

  it('takes a known-wrong answer as either a value or a query, not both or neither', () => {
    const wrong = (k: Record<string, unknown>) => () =>
      lessonWith({ kind: 'number', solution: { value: 6 }, knownWrong: [{ expect: ['number-wrong'], ...k }] });
    expect(wrong({ value: 8 })).not.toThrow();
    expect(wrong({ sql: 'SELECT 8' })).not.toThrow();
    expect(wrong({ value: 8, sql: 'SELECT 8' })).toThrow();
    expect(wrong({})).toThrow();
    expect(wrong({ sql: '  ' })).toThrow();
  });
});

describe('read steps', () => {
  it('always pass', () => {
    const { lesson, step } = lessonWith({ kind: 'read', objectives: ['o1'] });
    expect(gradeStep(lesson, step, {}, ctx)).toEqual({ pass: true, messages: [], expected: null, actual: null });
  });
});
