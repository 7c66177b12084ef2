import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../core/grading/compare.ts';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStep, gradeStepText } from '../../../core/grading/grade-step.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkStep } from '../../../core/lessons/check.ts';
import { loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import { LessonSchema } from '../../../core/lessons/schema.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { createGradingEngine, loadDatasets } from '../../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../../scripts/lib/lesson-files.ts';

/**
 * The experiment step kind: on the sample lesson's two experiments (hanbit-experiments and its
 * hidden variant: checkout-button-2025 reads 'ship', reco-widget-2025 fails its sample-ratio
 * check) per-arm queries written differently pass, wrong counts and wrong calls fail with their
 * numbers, reading the SRM experiment's effect is refused with the check's p-value; and on a
 * small made-up experiment, the checker proves the call is the readout's on both copies.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
let ctx: GradeContext;
let pack: LessonPack;
let checkout: Step;
let reco: Step;

beforeAll(async () => {
  const datasets = await loadDatasets(ROOT);
  ctx = { engine: await createGradingEngine(), databases: datasets.provider };
  const { packs } = loadLessons(readLessonFiles(join(ROOT, 'lessons')));
  const found = packs.find((p) => p.lesson.id === 'sample-decisions');
  if (!found) throw new Error('sample-decisions lesson not loaded');
  pack = found;
  checkout = pack.lesson.steps.find((s) => s.id === 'checkout-call') as Step;
  reco = pack.lesson.steps.find((s) => s.id === 'reco-call') as Step;
});

const BY_GROUP = (id: string): string => `SELECT a.variant, count(*) AS users, sum(o.converted) AS conversions
FROM assignments a JOIN outcomes o ON o.experiment_id = a.experiment_id AND o.unit_id = a.unit_id
WHERE a.experiment_id = '${id}'
GROUP BY a.variant`;

const SUBQUERIES = (id: string): string => `SELECT 'control' AS variant,
  (SELECT count(*) FROM assignments WHERE experiment_id = '${id}' AND variant = 'control') AS users,
  (SELECT count(*) FROM assignments a JOIN outcomes o USING (experiment_id, unit_id)
    WHERE a.experiment_id = '${id}' AND a.variant = 'control' AND o.converted = 1) AS conversions
UNION ALL
SELECT 'treatment',
  (SELECT count(*) FROM assignments WHERE experiment_id = '${id}' AND variant = 'treatment'),
  (SELECT count(*) FROM assignments a JOIN outcomes o USING (experiment_id, unit_id)
    WHERE a.experiment_id = '${id}' AND a.variant = 'treatment' AND o.converted = 1)`;

const CHECKOUT_REASONS = ['split-holds', 'significant-lift'];
const RECO_REASONS = ['srm-fails', 'arms-not-comparable'];

function grade(step: Step, answer: { sql: string; decision: string | null; reasons: string[] }): Verdict {
  return gradeStep(pack.lesson, step, answer, ctx);
}

function en(verdict: Verdict): string {
  return verdict.messages.map((m) => formatMessage(m, 'en')).join('\n');
}

function ko(verdict: Verdict): string {
  return verdict.messages.map((m) => formatMessage(m, 'ko')).join('\n');
}

function codes(verdict: Verdict): string[] {
  return verdict.messages.map((m) => m.code);
}

describe('experiment step: right answers written differently', () => {
  it('GROUP BY variant passes with the call and its reasons', () => {
    const verdict = grade(checkout, { sql: BY_GROUP('checkout-button-2025'), decision: 'ship', reasons: CHECKOUT_REASONS });
    expect(en(verdict)).toBe('');
    expect(verdict.pass).toBe(true);
    expect(verdict.actual?.rows).toHaveLength(2);
  });

  it('two scalar subqueries per arm pass too', () => {
    const verdict = grade(checkout, {
      sql: SUBQUERIES('checkout-button-2025'),
      decision: 'ship',
      reasons: [...CHECKOUT_REASONS].reverse(),
    });
    expect(en(verdict)).toBe('');
  });

  it('the SRM experiment refused as invalid passes', () => {
    const verdict = grade(reco, { sql: SUBQUERIES('reco-widget-2025'), decision: 'invalid', reasons: RECO_REASONS });
    expect(en(verdict)).toBe('');
    expect(verdict.pass).toBe(true);
  });

  it('reads the command line JSON answer', () => {
    const text = JSON.stringify({ sql: BY_GROUP('reco-widget-2025'), decision: 'invalid', reasons: RECO_REASONS });
    expect(gradeStepText(pack.lesson, reco, text, ctx).pass).toBe(true);
    const notJson = gradeStepText(pack.lesson, reco, 'SELECT 1', ctx);
    expect(codes(notJson)).toEqual(['bad-answer']);
    expect(en(notJson)).toContain('JSON { "sql"');
  });
});

describe('experiment step: the command-line grader', () => {
  it('npm run grade reads the JSON answer and prints the verdict in the language asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-experiment-'));
    const file = join(dir, 'answer.json');
    writeFileSync(file, JSON.stringify({ sql: BY_GROUP('reco-widget-2025'), decision: 'ship', reasons: RECO_REASONS }));
    const out = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'grade.ts'), 'sample-decisions', 'reco-call', file, '--lang', 'ko'], {
        encoding: 'utf8',
      }),
    ) as {
      pass: boolean;
      codes: string[];
      messages: string[];
    };
    expect(out.pass).toBe(false);
    expect(out.codes).toEqual(['srm-ignored']);
    expect(out.messages[0]).toContain("표본 비율 검사가 실패했으므로(p = 4.4 × 10⁻⁶ < 0.001) 효과를 읽고 '출시'를 고르면 안 됩니다.");
    const sqlFile = join(dir, 'metric.sql');
    writeFileSync(sqlFile, "SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY 1");
    const metric = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'grade.ts'), 'sample-decisions', 'net-revenue', sqlFile], { encoding: 'utf8' }),
    ) as { pass: boolean };
    expect(metric.pass).toBe(true);
  }, 60_000);
});

describe('experiment step: wrong counts', () => {
  it('every experiment counted together is double counting, with both numbers', () => {
    const sql = `SELECT a.variant, count(*) AS users, sum(o.converted) AS conversions
FROM assignments a JOIN outcomes o ON o.unit_id = a.unit_id GROUP BY a.variant`;
    const verdict = grade(checkout, { sql, decision: 'ship', reasons: CHECKOUT_REASONS });
    expect(codes(verdict)).toContain('arm-double-counted');
    expect(en(verdict)).toMatch(/users of control: [\d,]+, but only 556 were assigned: some units are counted more than once/);
    expect(ko(verdict)).toMatch(/control의 users가 [\d,]+인데 실제로 배정된 단위는 556개뿐입니다/);
  });

  it('conversions counted as rows with an outcome (count(*) instead of sum) are wrong per arm', () => {
    const sql = `SELECT variant, count(*) AS users, count(o.converted) AS conversions
FROM assignments a JOIN outcomes o USING (experiment_id, unit_id) WHERE a.experiment_id = 'checkout-button-2025' GROUP BY variant`;
    const verdict = grade(checkout, { sql, decision: 'ship', reasons: CHECKOUT_REASONS });
    expect(codes(verdict)).toEqual(['arm-double-counted', 'arm-double-counted']);
    expect(en(verdict)).toContain('conversions of control: 556, but only 393 were converted');
  });

  it('a missing column, a missing arm and an arm written another way are named', () => {
    const noConversions = grade(checkout, {
      sql: "SELECT variant, count(*) AS users FROM assignments WHERE experiment_id = 'checkout-button-2025' GROUP BY variant",
      decision: 'ship',
      reasons: CHECKOUT_REASONS,
    });
    expect(codes(noConversions)).toEqual(['missing-columns']);
    expect(en(noConversions)).toContain('Missing columns: conversions');
    const controlOnly = grade(checkout, {
      sql: `${BY_GROUP('checkout-button-2025').replace('GROUP BY', "AND a.variant = 'control' GROUP BY")}`,
      decision: 'ship',
      reasons: CHECKOUT_REASONS,
    });
    expect(codes(controlOnly)).toEqual(['arm-missing']);
    expect(en(controlOnly)).toContain("There is no row for the arm 'treatment' (variant values found: control)");
    const upper = grade(checkout, {
      sql: BY_GROUP('checkout-button-2025').replace('a.variant,', 'upper(a.variant) AS variant,'),
      decision: 'ship',
      reasons: CHECKOUT_REASONS,
    });
    expect(codes(upper)).toEqual(['arm-missing', 'arm-missing', 'arm-extra-rows']);
    expect(ko(upper)).toContain('CONTROL, TREATMENT 행이 더 있습니다');
  });

  it('counts typed into the SQL pass here and fail as hard-coded on the hidden variant', () => {
    const sql = "SELECT 'control' AS variant, 556 AS users, 393 AS conversions UNION ALL SELECT 'treatment', 619, 486";
    const verdict = grade(checkout, { sql, decision: 'ship', reasons: CHECKOUT_REASONS });
    expect(codes(verdict)).toEqual(['hard-coded']);
    expect(en(verdict)).toContain('556');
  });
});

describe('experiment step: the call', () => {
  it("reading the SRM experiment's effect is refused with the check's p-value, in both languages", () => {
    for (const decision of ['ship', 'dont-ship', 'keep-running']) {
      const verdict = grade(reco, { sql: BY_GROUP('reco-widget-2025'), decision, reasons: RECO_REASONS });
      expect(verdict.pass).toBe(false);
      expect(codes(verdict)).toContain('srm-ignored');
    }
    const verdict = grade(reco, { sql: BY_GROUP('reco-widget-2025'), decision: 'ship', reasons: RECO_REASONS });
    expect(en(verdict)).toContain('The sample-ratio check fails (p = 4.4 × 10⁻⁶ < 0.001)');
    expect(en(verdict)).toContain('Do not read the effect ("Ship")');
    expect(ko(verdict)).toContain("표본 비율 검사가 실패했으므로(p = 4.4 × 10⁻⁶ < 0.001) 효과를 읽고 '출시'를 고르면 안 됩니다.");
    // The object particle follows the call's last syllable.
    const kept = grade(reco, { sql: BY_GROUP('reco-widget-2025'), decision: 'keep-running', reasons: RECO_REASONS });
    expect(ko(kept)).toContain("효과를 읽고 '더 지켜봄'을 고르면 안 됩니다.");
  });

  it('the known mistake of keeping it running gets the lesson feedback first, and the wrong reason its explanation', () => {
    const verdict = grade(reco, { sql: BY_GROUP('reco-widget-2025'), decision: 'keep-running', reasons: ['not-significant'] });
    expect(codes(verdict)).toEqual(['known-mistake', 'srm-ignored', 'wrong-choice']);
    expect(en(verdict)).toContain('With a broken split, significance means nothing either way');
  });

  it('calling a sound experiment invalid says the split holds', () => {
    const verdict = grade(checkout, { sql: BY_GROUP('checkout-button-2025'), decision: 'invalid', reasons: CHECKOUT_REASONS });
    expect(codes(verdict)).toEqual(['srm-not-failed']);
    expect(en(verdict)).toMatch(/The split holds \(sample-ratio check p = 0\.\d+, not below 0\.001\)/);
  });

  it("another call than the readout's quotes the readout's numbers", () => {
    const verdict = grade(checkout, { sql: BY_GROUP('checkout-button-2025'), decision: 'dont-ship', reasons: CHECKOUT_REASONS });
    expect(codes(verdict)).toEqual(['decision-wrong']);
    expect(en(verdict)).toMatch(
      /"Don’t ship" does not follow from the readout: the difference is \+7\.8 percentage points \(95% CI \+\d\.\d to \+\d+\.\d\), p = 0\.00\d at α = 0\.05\./,
    );
    expect(ko(verdict)).toMatch(/"출시하지 않음"은\(는\) 판독 결과에서 나오지 않는 결정입니다\. 차이는 \+7\.8%p/);
  });

  it('no call, no reasons, a wrong reason and a missing reason each get their message', () => {
    expect(codes(grade(checkout, { sql: BY_GROUP('checkout-button-2025'), decision: null, reasons: CHECKOUT_REASONS }))).toEqual([
      'decision-missing',
    ]);
    expect(codes(grade(checkout, { sql: BY_GROUP('checkout-button-2025'), decision: 'ship', reasons: [] }))).toEqual(['reasons-missing']);
    const wrong = grade(checkout, {
      sql: BY_GROUP('checkout-button-2025'),
      decision: 'ship',
      reasons: [...CHECKOUT_REASONS, 'p-is-chance'],
    });
    expect(codes(wrong)).toEqual(['wrong-choice']);
    expect(en(wrong)).toContain('not the chance that the button works');
    expect(codes(grade(checkout, { sql: BY_GROUP('checkout-button-2025'), decision: 'ship', reasons: ['split-holds'] }))).toEqual([
      'choices-missing',
    ]);
  });
});

describe('experiment step: the definition checks', () => {
  let lab: GradeContext;
  const databaseIds = ['lab'];

  /** A made-up experiment 'btn': c/t units per arm, cc/tc of them converted. */
  function experimentDb(SQL: initSqlJs.SqlJsStatic, c: number, cc: number, t: number, tc: number): Uint8Array {
    const db = new SQL.Database();
    db.run(`CREATE TABLE experiments (experiment_id TEXT, control_share REAL, treatment_share REAL);
INSERT INTO experiments VALUES ('btn', 0.5, 0.5);
CREATE TABLE assignments (experiment_id TEXT, unit_id INTEGER, variant TEXT);
CREATE TABLE outcomes (experiment_id TEXT, unit_id INTEGER, converted INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${c + t})
INSERT INTO assignments SELECT 'btn', i, CASE WHEN i <= ${c} THEN 'control' ELSE 'treatment' END FROM n;
INSERT INTO outcomes SELECT 'btn', unit_id,
  CASE WHEN variant = 'control' THEN unit_id <= ${cc} ELSE unit_id - ${c} <= ${tc} END FROM assignments;`);
    const bytes = db.export();
    db.close();
    return bytes;
  }

  function labStep(decision: string, explained = true): { pack: LessonPack; step: Step } {
    const lesson = LessonSchema.parse({
      formatVersion: 1,
      id: 'lab',
      track: 't4',
      order: 0,
      title: { ko: '실험', en: 'Experiment' },
      minutes: 5,
      question: { ko: '질문', en: 'Question' },
      objectives: [{ id: 'o1', text: { ko: '목표', en: 'Goal' }, seedIdeas: ['t4-practice'] }],
      dataset: 'lab',
      steps: [
        {
          kind: 'experiment',
          id: 'call',
          title: { ko: '판독', en: 'Call' },
          objectives: ['o1'],
          prompt: { ko: '판독하세요.', en: 'Make the call.' },
          hints: [
            { ko: '힌트 1', en: 'Hint 1' },
            { ko: '힌트 2', en: 'Hint 2' },
          ],
          experiment: 'btn',
          starter: 'SELECT variant FROM assignments',
          solution: BY_GROUP('btn'),
          decision,
          reasons: [
            { id: 'sig', label: { ko: '유의함', en: 'Significant' }, correct: true },
            {
              id: 'big',
              label: { ko: '큼', en: 'Big' },
              correct: false,
              ...(explained ? { explanation: { ko: '크기만으로는 알 수 없습니다.', en: 'Size alone says nothing.' } } : {}),
            },
          ],
          knownWrong: [{ decision: 'keep-running', expect: ['decision-wrong'] }],
        },
      ],
    });
    return { pack: { ...pack, lesson }, step: lesson.steps[0] as Step };
  }

  let SQL: initSqlJs.SqlJsStatic;
  beforeAll(async () => {
    SQL = await initSqlJs();
  });

  function withData(visible: Uint8Array, variant: Uint8Array): GradeContext {
    lab = {
      engine: new SqlEngine(SQL),
      databases: { bytes: (id, copy) => (id !== 'lab' ? null : copy === 'visible' ? visible : variant) },
    };
    return lab;
  }

  it("accepts a call that is the readout's on both copies", () => {
    const env = withData(experimentDb(SQL, 1000, 100, 1000, 150), experimentDb(SQL, 1100, 110, 1080, 170));
    const { pack: p, step } = labStep('ship');
    expect(checkStep(p, step, { ...env, databaseIds, curriculum: null }).problems).toEqual([]);
  });

  it('refuses a call the visible readout does not make and a wrong reason without its explanation; a variant that reads another way is printed, not refused', () => {
    const env = withData(experimentDb(SQL, 1000, 100, 1000, 150), experimentDb(SQL, 1000, 120, 1000, 125));
    const { pack: p, step } = labStep('ship', false);
    const { problems, warnings } = checkStep(p, step, { ...env, databaseIds, curriculum: null });
    // The call is graded on the data the learner reads; the variant re-checks the counts only.
    expect(problems.some((m) => m.includes('hidden variant'))).toBe(false);
    expect(
      warnings.some((m) => m.startsWith("on the hidden variant the reference's numbers read 'keep-running', not 'ship'")),
    ).toBe(true);
    expect(problems).toContain("the wrong reason 'big' needs an explanation (ko and en)");
    const dont = labStep('dont-ship');
    expect(checkStep(dont.pack, dont.step, { ...env, databaseIds, curriculum: null }).problems).toContain(
      "decision is 'dont-ship' but the readout of the reference's numbers recommends 'ship' (control 100/1000, treatment 150/1000, SRM p = 1.00, effect p = 0.000723)",
    );
  });

  it('proves an SRM experiment must be refused', () => {
    const env = withData(experimentDb(SQL, 1200, 120, 1000, 100), experimentDb(SQL, 1250, 125, 1000, 110));
    const { pack: p, step } = labStep('keep-running');
    const found = checkStep(p, step, { ...env, databaseIds, curriculum: null });
    expect(found.problems.filter((m) => m.includes("recommends 'invalid'"))).toHaveLength(1);
    expect(found.warnings.filter((m) => m.includes("read 'invalid'"))).toHaveLength(1);
  });
});
