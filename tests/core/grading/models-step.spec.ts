import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { Verdict } from '../../../core/grading/compare.ts';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStepAsync } from '../../../core/grading/grade-step.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkStepAsync } from '../../../core/lessons/check.ts';
import { LessonSchema, type Lesson } from '../../../core/lessons/schema.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';

/**
 * The models step kind end to end on a tiny shop (customers with two NULL e-mails, orders), with
 * a hidden variant whose rows differ, through the real model engine: the project builds, its tests
 * pass, the mart has the reference's rows; and the data-test variant, where the learner's test
 * must catch the planted NULL e-mails on exactly those rows and pass once they are fixed.
 */

let ctx: GradeContext;

const SEED = {
  visible: `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT);
INSERT INTO customers VALUES (1, 'a@x.kr'), (2, NULL), (3, NULL), (4, 'd@x.kr'), (5, 'e@x.kr');
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount INTEGER);
INSERT INTO orders VALUES (10, 1, 100), (11, 1, 50), (12, 4, 70);`,
  variant: `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT);
INSERT INTO customers VALUES (1, NULL), (2, 'b@x.kr'), (3, NULL), (4, NULL), (5, 'e@x.kr'), (6, 'f@x.kr');
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount INTEGER);
INSERT INTO orders VALUES (20, 2, 10), (21, 6, 20), (22, 6, 30), (23, 6, 40);`,
};

const BASE: Record<string, string> = {
  'dbt_project.yml': 'name: shop\nversion: "1.0.0"\nprofile: shop\n',
  'models/sources.yml': 'version: 2\nsources:\n  - name: shop\n    tables:\n      - name: customers\n      - name: orders\n',
  'models/staging/stg_customers.sql': "select id as customer_id, email from {{ source('shop', 'customers') }}\n",
  'models/staging/schema.yml':
    'version: 2\nmodels:\n  - name: stg_customers\n    columns:\n      - name: customer_id\n        data_tests:\n          - unique\n          - not_null\n',
};

const MART = `{{ config(materialized='table') }}
select c.customer_id, count(o.id) as orders
from {{ ref('stg_customers') }} c
left join {{ source('shop', 'orders') }} o on o.customer_id = c.customer_id
group by c.customer_id
`;

function project(files: Record<string, string | null>): ModelProjectFiles {
  const out: Record<string, string> = { ...BASE };
  for (const [path, text] of Object.entries(files)) {
    if (text === null) delete out[path];
    else out[path] = text;
  }
  return { files: out };
}

const SOLUTION = project({ 'models/marts/customer_orders.sql': MART });
const STARTER = project({});

function lessonWith(step: Record<string, unknown>): { lesson: Lesson; step: Step } {
  const lesson = LessonSchema.parse({
    formatVersion: 1,
    id: 'models-test',
    track: 't2',
    order: 0,
    title: { ko: '모델', en: 'Models' },
    minutes: 5,
    question: { ko: '질문', en: 'Question' },
    objectives: [{ id: 'o1', text: { ko: '목표', en: 'Goal' }, seedIdeas: ['t0-literacy'] }],
    dataset: 'shop',
    steps: [
      {
        kind: 'models',
        id: 'customer-orders',
        title: { ko: '고객별 주문', en: 'Orders per customer' },
        objectives: ['o1'],
        prompt: { ko: 'customer_orders 마트를 만드세요.', en: 'Build the customer_orders mart.' },
        hints: [
          { ko: '힌트 1', en: 'Hint 1' },
          { ko: '힌트 2', en: 'Hint 2' },
        ],
        starter: STARTER,
        solution: SOLUTION,
        knownWrong: [{ project: STARTER, expect: ['table-missing'] }],
        ...step,
        grading: { targets: [{ name: 'customer_orders', kind: 'table' }], ...(step.grading as object) },
      },
    ],
  });
  return { lesson, step: lesson.steps[0] as Step };
}

async function grade(answer: unknown, step: Record<string, unknown> = {}): Promise<Verdict> {
  const made = lessonWith(step);
  return gradeStepAsync(made.lesson, made.step, answer, ctx);
}

function codes(verdict: Verdict): string[] {
  return verdict.messages.map((m) => m.code);
}

beforeAll(async () => {
  const SQL = await initSqlJs();
  const bytes = (sql: string): Uint8Array => {
    const db = new SQL.Database();
    db.run(sql);
    const out = db.export();
    db.close();
    return out;
  };
  const databases = { visible: bytes(SEED.visible), variant: bytes(SEED.variant) };
  ctx = { engine: new SqlEngine(SQL), databases: { bytes: (id, copy) => (id === 'shop' ? databases[copy] : null) } };
});

describe('models steps', () => {
  it('passes the reference project: it builds, its tests pass, the mart has its rows on both copies', async () => {
    const verdict = await grade(SOLUTION);
    expect(verdict.messages).toEqual([]);
    expect(verdict.pass).toBe(true);
  });

  it('fails the starter: the mart is missing', async () => {
    expect(codes(await grade(STARTER))).toEqual(['table-missing']);
  });

  it('says which rows differ: an inner join drops the customers without orders', async () => {
    const verdict = await grade(project({ 'models/marts/customer_orders.sql': MART.replace('left join', 'join') }));
    expect(codes(verdict)).toEqual(['rows-missing']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toMatch(/^In customer_orders: 3 rows missing \(e\.g\. \(customer_id = 2, orders = 0\)/);
  });

  it('names a model that fails to build, and the models it kept from building', async () => {
    const verdict = await grade(
      project({
        'models/staging/stg_customers.sql': "{{ config(materialized='table') }}\nselect id as customer_id, emial from {{ source('shop', 'customers') }}\n",
        'models/marts/customer_orders.sql': MART,
      }),
    );
    expect(codes(verdict)).toEqual(['model-failed', 'models-not-built']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toMatch(/^Model stg_customers failed to build: .*emial/);
  });

  it('points at the line of a ref to a model that does not exist', async () => {
    const verdict = await grade(project({ 'models/marts/customer_orders.sql': MART.replace("ref('stg_customers')", "ref('stg_customer')") }));
    expect(codes(verdict)).toEqual(['project-error']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toMatch(/^models\/marts\/customer_orders\.sql, line 3: .*stg_customer/);
  });

  it('fails a project whose own test fails, with the failing-row count', async () => {
    const verdict = await grade(
      project({
        'models/marts/customer_orders.sql': MART,
        'models/staging/schema.yml': `${BASE['models/staging/schema.yml']}      - name: email\n        data_tests:\n          - not_null\n`,
      }),
    );
    // The failing test stops the mart after it, as dbt build does.
    expect(codes(verdict)).toEqual(['test-failed', 'models-not-built']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toBe('Test not_null_stg_customers_email fails on 2 rows.');
    expect(formatMessage(verdict.messages[1]!, 'en')).toBe('Not built because a model or test it depends on failed: customer_orders.');
  });

  it('catches a mart written out as values with the hidden variant', async () => {
    const values =
      "{{ config(materialized='table') }}\nselect 1 as customer_id, 2 as orders union all select 2, 0 union all select 3, 0 union all select 4, 1 union all select 5, 0\n";
    const verdict = await grade(project({ 'models/marts/customer_orders.sql': values }));
    expect(codes(verdict)).toEqual(['variant-differs']);
  });

  describe('known mistakes that fail before or after the rows are compared get their feedback', () => {
    const said = (verdict: Verdict): string | null => {
      const m = verdict.messages[0];
      return m?.code === 'known-mistake' ? m.params.feedback.en : null;
    };
    const typo = (column: string): ModelProjectFiles =>
      project({
        'models/staging/stg_customers.sql': `{{ config(materialized='table') }}\nselect id as customer_id, ${column} from {{ source('shop', 'customers') }}\n`,
        'models/marts/customer_orders.sql': MART,
      });
    const VALUES = project({
      'models/marts/customer_orders.sql':
        "{{ config(materialized='table') }}\nselect 1 as customer_id, 2 as orders union all select 2, 0 union all select 3, 0 union all select 4, 1 union all select 5, 0\n",
    });
    const wrongs = [
      { project: typo('emial'), expect: ['model-failed', 'known-mistake'], feedback: { ko: '열 이름 오타입니다.', en: 'The column name is misspelt.' } },
      { project: VALUES, expect: ['variant-differs', 'known-mistake'], feedback: { ko: '값을 적지 마세요.', en: 'Do not write the values out.' } },
    ];

    it('a model that fails with the same error, and not one that fails another way', async () => {
      const verdict = await grade(typo('emial'), { knownWrong: wrongs });
      expect(codes(verdict)).toEqual(['known-mistake', 'model-failed', 'models-not-built']);
      expect(said(verdict)).toBe('The column name is misspelt.');
      expect(codes(await grade(typo('e_mail'), { knownWrong: wrongs }))).toEqual(['model-failed', 'models-not-built']);
    });

    it('a mart written out as values: it differs on the hidden variant', async () => {
      const verdict = await grade(VALUES, { knownWrong: wrongs });
      expect(codes(verdict)).toEqual(['known-mistake', 'variant-differs']);
      expect(said(verdict)).toBe('Do not write the values out.');
    });

    it('a mart with the same graded column as the known mistake, whatever its ungraded one holds', async () => {
      const withNote = (note: string): ModelProjectFiles =>
        project({ 'models/marts/customer_orders.sql': MART.replace('left join', 'join').replace('count(o.id) as orders', `count(o.id) as orders, '${note}' as note`) });
      const known = [{ project: withNote('a'), expect: ['known-mistake'], feedback: { ko: 'left join입니다.', en: 'Use a left join.' } }];
      const grading = { targets: [{ name: 'customer_orders', kind: 'table', columns: ['customer_id', 'orders'], extraColumns: 'allow' }] };
      const verdict = await grade(withNote('b'), { knownWrong: known, grading });
      expect(codes(verdict)).toEqual(['known-mistake', 'rows-missing']);
    });
  });

  describe('a data test that must catch a planted problem', () => {
    const CATCH = { test: 'missing_emails', problem: 'shop-null-emails', fix: "UPDATE customers SET email = 'fixed' || id || '@x.kr' WHERE email IS NULL" };
    const singular = (where: string) => project({ 'tests/missing_emails.sql': `select * from {{ ref('stg_customers') }} where ${where}\n` });
    const step = { grading: { targets: [], catches: CATCH }, solution: singular('email is null'), starter: STARTER, knownWrong: [{ project: STARTER, expect: ['test-missing'] }] };

    it('passes a test that fails on exactly the planted rows and passes once they are fixed (both copies)', async () => {
      const verdict = await grade(singular('email is null'), step);
      expect(verdict.messages).toEqual([]);
      expect(verdict.pass).toBe(true);
    });

    it('asks for the test when it is missing', async () => {
      expect(codes(await grade(STARTER, step))).toEqual(['test-missing']);
    });

    it('says the test passes where the problem is, with the exact count it must find', async () => {
      const verdict = await grade(singular("email = ''"), step);
      expect(codes(verdict)).toEqual(['problem-not-caught']);
      expect(verdict.messages[0]!.params).toEqual({ test: 'missing_emails', expected: 2, actual: 0 });
      expect(formatMessage(verdict.messages[0]!, 'ko')).toBe('문제가 있는 데이터에서 missing_emails 테스트가 통과합니다. 2개 행에서 실패해야 합니다.');
    });

    it('refuses a test that flags more rows than the problem has', async () => {
      const verdict = await grade(singular("email is null or email like 'd%'"), step);
      expect(verdict.messages[0]!.params).toEqual({ test: 'missing_emails', expected: 2, actual: 3 });
    });

    it('refuses a test that still fails once the problem is fixed', async () => {
      const verdict = await grade(singular("email is null or email like 'fixed%'"), step);
      expect(codes(verdict)).toEqual(['fails-after-fix']);
      expect(formatMessage(verdict.messages[0]!, 'en')).toContain('still fails on 2 rows');
    });

    it('is proven by the lesson checker against the manifest count', async () => {
      const { lesson, step: made } = lessonWith(step);
      const pack = { trackFolder: 't2', lessonFolder: lesson.id, lesson, prose: { ko: { intro: '', steps: [], recap: '' }, en: { intro: '', steps: [], recap: '' } }, inCourse: false };
      const env = { engine: ctx.engine, databases: ctx.databases, databaseIds: ['shop'], curriculum: null };
      const planted = (count: number) => [{ id: 'shop-null-emails', count, database: 'shop' }];
      expect(await checkStepAsync(pack, made, { ...env, plantedProblems: planted(2) })).toEqual({ problems: [], warnings: [] });
      expect((await checkStepAsync(pack, made, { ...env, plantedProblems: planted(3) })).problems).toEqual([
        "the reference test missing_emails fails on 2 rows, but the manifest's problem 'shop-null-emails' has 3",
      ]);
    });
  });
});
