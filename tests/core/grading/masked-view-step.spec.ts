import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../core/grading/compare.ts';
import type { DatabaseProvider, GradeContext } from '../../../core/grading/engine.ts';
import { gradeStep, gradeStepAsync } from '../../../core/grading/grade-step.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkStepAsync } from '../../../core/lessons/check.ts';
import { loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { readLessonFiles } from '../../../scripts/lib/lesson-files.ts';
import { createGradingEngine, loadDatasets } from '../../../scripts/lib/datasets.ts';

/**
 * The masked-view step kind through the real grader, on the sample lesson's step (customers masked
 * for analysts on Hanbit's production database): the reference and another valid generalisation
 * pass; an e-mail under an alias, raw ids, an unkeyed hash of the id, a view that drops rows, an
 * exact birth date and a table instead of a view each fail with the message naming the mistake; a
 * view that is k-anonymous only on the visible rows fails on the hidden variant.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
let pack: LessonPack;
let step: Step;
let ctx: GradeContext;
let databases: DatabaseProvider;
let ids: string[];

const JOIN = 'FROM customers c\nLEFT JOIN addresses a ON a.customer_id = c.customer_id AND a.is_default = 1';
const AGE = `CASE WHEN c.birth_date = '1900-01-01' THEN 'unknown'
  WHEN 2025 - CAST(substr(c.birth_date, 1, 4) AS INTEGER) < 30 THEN 'under 30'
  WHEN 2025 - CAST(substr(c.birth_date, 1, 4) AS INTEGER) < 40 THEN '30s'
  WHEN 2025 - CAST(substr(c.birth_date, 1, 4) AS INTEGER) < 50 THEN '40s' ELSE '50+' END AS age_band`;
const REGION = "CASE WHEN a.region IN ('서울', '경기', '인천') THEN '수도권' ELSE '비수도권' END AS region";
const view = (columns: string, tail = '') => `CREATE VIEW customers_masked AS SELECT ${columns} ${JOIN}${tail};`;

beforeAll(async () => {
  const found = loadLessons(readLessonFiles(join(ROOT, 'lessons'))).packs.find((p) => p.lesson.id === 'sample-governance');
  if (!found) throw new Error('sample-governance is missing');
  pack = found;
  step = pack.lesson.steps.find((s) => s.id === 'mask-customers') as Step;
  const datasets = await loadDatasets(ROOT);
  databases = datasets.provider;
  ids = datasets.ids;
  ctx = { engine: await createGradingEngine(), databases };
}, 60_000);

function grade(sql: string): Promise<Verdict> {
  return gradeStepAsync(pack.lesson, step, { sql }, ctx);
}

const codes = (v: Verdict) => v.messages.map((m) => m.code);
const en = (v: Verdict) => v.messages.map((m) => formatMessage(m, 'en'));
const ko = (v: Verdict) => v.messages.map((m) => formatMessage(m, 'ko'));

describe('masked-view step', () => {
  it('passes its definition check: the solution passes on both copies, every known mistake gets its codes', async () => {
    const out = await checkStepAsync(pack, step, { engine: ctx.engine, databases, databaseIds: ids, curriculum: null });
    expect(out.problems).toEqual([]);
  }, 120_000);

  it('passes the reference and shows its smallest groups; refuses the synchronous entry point', async () => {
    if (step.kind !== 'masked-view') throw new Error('not a masked-view step');
    const verdict = await grade(step.solution);
    expect(verdict.pass).toBe(true);
    expect(verdict.messages).toEqual([]);
    expect(verdict.actual?.columns).toEqual(['age_band', 'region', 'count']);
    // Smallest first: the placeholder birth dates in the capital area (9 people on the visible copy).
    expect(verdict.actual?.rows[0]).toEqual(['unknown', '수도권', 9]);
    expect(() => gradeStep(pack.lesson, step, { sql: step.kind === 'masked-view' ? step.solution : '' }, ctx)).toThrow(/asynchronously/);
  });

  it('passes another valid generalisation: birth decades by integer division, a keyed short pseudonym, DROP VIEW first', async () => {
    const decade = `CASE WHEN c.birth_date = '1900-01-01' THEN 'unknown'
      ELSE CAST(substr(c.birth_date, 1, 4) AS INTEGER) / 10 * 10 || 's' END AS age_band`;
    const verdict = await grade(`DROP VIEW IF EXISTS customers_masked;\n${view(`pseudonym(c.customer_id, 16) AS pid, ${decade}, ${REGION}, substr(c.created_at, 1, 7) AS signup_month`)}`);
    expect(codes(verdict)).toEqual([]);
    expect(verdict.pass).toBe(true);
    expect(verdict.actual?.rows[0]?.slice(0, 2)).toEqual(['unknown', '수도권']);
  });

  it('names an e-mail kept under an alias, with the lesson’s feedback first', async () => {
    const verdict = await grade(view(`pseudonym(c.customer_id) AS customer_pid, ${AGE}, ${REGION}, c.email AS contact`));
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toEqual(['known-mistake', 'mask-direct-left']);
    expect(en(verdict)[1]).toBe('Column contact passes customers.email through as it is: leave direct identifiers out of the view.');
    expect(en(verdict)[0]).toContain('Renaming it contact does not change its values');
    expect(ko(verdict)[0]).toContain('이메일');
  });

  it('catches an e-mail by its values when the alias hides the lineage (a copy table, upper-cased)', async () => {
    const verdict = await grade(`CREATE TABLE notes AS SELECT customer_id AS cid, upper(email) AS x FROM customers;
      ${view(`pseudonym(c.customer_id) AS customer_pid, ${AGE}, ${REGION}, n.x AS note`).replace(JOIN, `${JOIN} LEFT JOIN notes n ON n.cid = c.customer_id`)}`);
    expect(verdict.pass).toBe(false);
    expect(verdict.messages).toContainEqual({ code: 'mask-direct-left', params: { column: 'note', source: 'customers.email', how: 'value' } });
  });

  it('fails raw customer ids and an unkeyed hex of the id', async () => {
    const raw = await grade(view(`c.customer_id AS customer_pid, ${AGE}, ${REGION}`));
    expect(codes(raw)).toEqual(['mask-raw-id', 'mask-id-missing']);
    expect(en(raw)[0]).toBe('Column customer_pid holds raw ids: pseudonymise them with the key, e.g. pseudonym(customer_pid).');
    const hex = await grade(view(`hex(c.customer_id) AS customer_pid, ${AGE}, ${REGION}`));
    expect(hex.pass).toBe(false);
    // hex() looks like a hash but needs no key: anyone can recompute it, and it does not change with the key.
    expect(codes(hex)).toContain('mask-id-missing');
    expect(en(hex).join(' ')).toContain('No column holds customer_id pseudonymised with pseudonym()');
  });

  it('fails a view that drops rows, with both counts', async () => {
    const verdict = await grade(view(`pseudonym(c.customer_id) AS customer_pid, ${AGE}, ${REGION}`, " WHERE c.birth_date <> '1900-01-01'"));
    expect(codes(verdict)).toEqual(['mask-rows']);
    expect(verdict.messages[0]?.params).toEqual({ view: 2587, base: 2608, table: 'customers' });
    expect(en(verdict)[0]).toContain('The view has 2,587 rows but customers has 2,608');
  });

  it('fails an exact birth date kept beside the bands: k = 1, with the smallest group shown', async () => {
    const verdict = await grade(view(`pseudonym(c.customer_id) AS customer_pid, ${AGE}, ${REGION}, c.birth_date`));
    expect(codes(verdict)).toEqual(['mask-k-too-small']);
    expect(verdict.messages[0]?.params).toMatchObject({ k: 1, minK: 5, quasi: ['age_band', 'region', 'birth_date'] });
    expect(en(verdict)[0]).toMatch(/^k = 1: a group of only 1 share age_band, region, birth_date \(age_band = .+, region = .+, birth_date = \d{4}-\d{2}-\d{2}\); the task asks for k ≥ 5/);
    expect(verdict.actual?.columns).toEqual(['age_band', 'region', 'birth_date', 'count']);
    expect(verdict.actual?.rows[0]?.at(-1)).toBe(1);
  });

  it('fails a missing view, a table posing as one, a quasi-identifier left out and an SQL error', async () => {
    expect(codes(await grade('SELECT 1;'))).toEqual(['mask-view-missing']);
    const table = await grade(view(`pseudonym(c.customer_id) AS customer_pid, ${AGE}, ${REGION}`).replace('CREATE VIEW', 'CREATE TABLE'));
    expect(codes(table)).toEqual(['mask-view-missing']);
    expect(en(table)[0]).toContain('customers_masked is a table, not a view');
    expect(codes(await grade(view(`pseudonym(c.customer_id) AS customer_pid, ${AGE}`)))).toEqual(['mask-quasi-missing']);
    // SQLite creates a view naming a column that does not exist; reading it fails, shown where the view is created.
    const broken = await grade('DROP VIEW IF EXISTS customers_masked;\nCREATE VIEW customers_masked AS SELECT nope FROM customers;');
    expect(codes(broken)).toEqual(['sql-error']);
    expect(en(broken)[0]).toBe('SQL error at line 2, column 1: no such column: nope');
  });

  it('fails on the hidden variant a view that is k-anonymous only on the visible rows', async () => {
    // Decades capped at 70 (the placeholder 1900 births land there too), Seoul or not: the smallest group
    // has 5 people on the visible copy, 4 on the variant's other customers.
    const sql = view(`pseudonym(c.customer_id) AS customer_pid,
      min((2025 - CAST(substr(c.birth_date, 1, 4) AS INTEGER)) / 10 * 10, 70) AS age_band,
      CASE WHEN a.region = '서울' THEN '서울' ELSE '그 밖' END AS region`);
    const verdict = await grade(sql);
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toEqual(['mask-variant-differs']);
    const details = verdict.messages[0]?.code === 'mask-variant-differs' ? verdict.messages[0].params.details : [];
    expect(details.map((m) => m.code)).toEqual(['mask-k-too-small']);
    expect(details[0]?.params).toMatchObject({ k: 4, minK: 5 });
    expect(en(verdict)[0]).toMatch(/^Your view passes on this data but not on another copy of it .* On the other copy: k = 4/);
    expect(verdict.actual?.rows[0]?.at(-1)).toBe(4);
  });
});
