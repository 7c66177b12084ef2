import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLessons, checkLessonsAsync, type CheckEnvironment, type CheckReport } from '../../core/lessons/check.ts';
import { CURRICULUM_SEED_IDEAS, SEED_IDEAS } from '../../core/lessons/seed-ideas.ts';
import { formatCheckReport } from '../../scripts/lib/check-report.ts';
import { createGradingEngine, loadDatasets, loadLakes, loadPlantedProblems } from '../../scripts/lib/datasets.ts';
import { readLessonFiles, strayFileProblems } from '../../scripts/lib/lesson-files.ts';

/**
 * Runs the lesson checker (the same functions as `npm run lessons:check`) on the real lessons/
 * folder, then on deliberately broken copies of the sample lesson to prove each check bites.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CURRICULUM = join(ROOT, 'docs', 'curriculum.md');
const SAMPLE_DIR = join(ROOT, 'lessons', '_sample', 'sample-basics');

let env: CheckEnvironment;

beforeAll(async () => {
  const datasets = await loadDatasets(ROOT);
  env = {
    engine: await createGradingEngine(),
    databases: datasets.provider,
    databaseIds: datasets.ids,
    curriculum: readFileSync(CURRICULUM, 'utf8'),
  };
});

describe('the real lessons/ folder', () => {
  it('passes every check', async () => {
    // Async: pipeline and models steps run their engines (lakes and manifest as lessons:check reads them).
    const report = await checkLessonsAsync(readLessonFiles(join(ROOT, 'lessons')), {
      ...env,
      lakes: loadLakes(ROOT),
      plantedProblems: loadPlantedProblems(ROOT),
    });
    if (report.problems.length > 0) console.error(formatCheckReport(report));
    expect(report.problems).toEqual([]);
    expect(report.packs.some((p) => p.lesson.id === 'sample-basics')).toBe(true);
    expect(report.coverage).toHaveLength(SEED_IDEAS.length);
    // The map ships with the repository, so the seed-idea list is always compared with it.
    expect(report.notes).toContain(
      `curriculum.md: ${CURRICULUM_SEED_IDEAS.length} seed-idea rows, all listed in core/lessons/seed-ideas.ts`,
    );
    expect(strayFileProblems(join(ROOT, 'lessons'))).toEqual([]);
    // Every solution, starter and known-wrong answer of every step is graded on both copies: the
    // capstone runs its event pipelines a dozen times and the lake quality checks extract the event
    // log, so the whole course takes minutes (allow for a busy machine).
  }, 1_200_000);
});

type Json = Record<string, unknown> & { steps: (Record<string, unknown> & { knownWrong?: Record<string, unknown>[] })[] };

/** The sample lesson's files under lessons/_broken/<folder>/, after an edit. */
function sample(
  edit: (json: Json, prose: { ko: string; en: string }) => void = () => {},
  folder = 'sample-basics',
  track = '_broken',
): Record<string, string> {
  const json = JSON.parse(readFileSync(join(SAMPLE_DIR, 'lesson.json'), 'utf8')) as Json;
  const prose = { ko: readFileSync(join(SAMPLE_DIR, 'ko.md'), 'utf8'), en: readFileSync(join(SAMPLE_DIR, 'en.md'), 'utf8') };
  edit(json, prose);
  const base = `lessons/${track}/${folder}`;
  return { [`${base}/lesson.json`]: JSON.stringify(json), [`${base}/ko.md`]: prose.ko, [`${base}/en.md`]: prose.en };
}

/** The query step of the sample (customers-by-region). */
function query(json: Json): Json['steps'][number] {
  return json.steps[1] as Json['steps'][number];
}

function problems(report: CheckReport): string {
  return report.problems.map((p) => `${p.where}: ${p.message}`).join('\n');
}

describe('the checker catches broken lessons', () => {
  it('accepts the unbroken sample copy', () => {
    expect(checkLessons(sample(), env).problems).toEqual([]);
  });

  it('duplicate lesson id', () => {
    const report = checkLessons({ ...sample(), ...sample(undefined, 'sample-basics', '_copy') }, env);
    expect(problems(report)).toMatch(/lesson id 'sample-basics' is also used by _broken\/sample-basics/);
  });

  it('missing language', () => {
    const files = sample();
    delete files['lessons/_broken/sample-basics/ko.md'];
    expect(problems(checkLessons(files, env))).toMatch(/ko\.md is missing/);
  });

  it('steps that differ between the languages', () => {
    const report = checkLessons(
      sample((_j, prose) => (prose.en = prose.en.replace('## step: delivered-orders', ''))),
      env,
    );
    expect(problems(report)).toMatch(/en\.md has no "## step: delivered-orders" section/);
  });

  it('empty hint', () => {
    const report = checkLessons(
      sample((j) => ((query(j).hints as { ko: string }[])[1]!.ko = '')),
      env,
    );
    expect(problems(report)).toMatch(/hints\.1\.ko: must not be empty/);
  });

  it('unknown dataset', () => {
    expect(
      problems(
        checkLessons(
          sample((j) => (j.dataset = 'no-such-db')),
          env,
        ),
      ),
    ).toMatch(/dataset 'no-such-db' is not in the dataset catalog/);
  });

  it('unknown table in a starter', () => {
    const report = checkLessons(
      sample((j) => (query(j).starter = 'SELECT region FROM customer')),
      env,
    );
    expect(problems(report)).toMatch(/the starter names something the database lacks: no such table: customer/);
  });

  it('unknown column in a known-wrong answer', () => {
    const report = checkLessons(
      sample((j) => (query(j).knownWrong![0]!.sql = 'SELECT regio, count(*) AS customers FROM customers GROUP BY regio')),
      env,
    );
    expect(problems(report)).toMatch(/known-wrong answer 1 names something the database lacks: no such column: regio/);
  });

  it('reference that fails', () => {
    const report = checkLessons(
      sample((j) => (query(j).solution = 'SELECT region, count(*) AS customers FROM clients GROUP BY region ORDER BY 2 DESC, 1')),
      env,
    );
    expect(problems(report)).toMatch(/the reference solution fails: SQL error: no such table: clients/);
  });

  it('grading columns the reference does not return, and a prompt that does not name an alias', () => {
    const report = checkLessons(
      sample((j) => {
        query(j).grading = { ordered: true, columns: ['region', 'customers', 'share'] };
        (query(j).prompt as { en: string }).en = 'Count the people per region, largest first.';
      }),
      env,
    );
    expect(problems(report)).toMatch(/grading\.columns names 'share' but the reference returns only region, customers/);
    expect(problems(report)).toMatch(/the en prompt does not name the required column 'customers'/);
  });

  it('starter that passes', () => {
    const report = checkLessons(
      sample((j) => (query(j).starter = query(j).solution)),
      env,
    );
    expect(problems(report)).toMatch(/customers-by-region: the starter passes/);
  });

  it('known-wrong answer that passes', () => {
    const report = checkLessons(
      sample((j) => (query(j).knownWrong![1]!.sql = String(query(j).solution))),
      env,
    );
    expect(problems(report)).toMatch(/known-wrong answer 2 passes/);
  });

  it('known-wrong answer that gets a different message', () => {
    const report = checkLessons(
      sample((j) => (query(j).knownWrong![1]!.expect = ['rows-extra'])),
      env,
    );
    expect(problems(report)).toMatch(/known-wrong answer 2 should get rows-extra but gets: wrong-order: Right rows, wrong order/);
  });

  it('known-wrong answer whose feedback another one takes', () => {
    const report = checkLessons(
      sample((j) => {
        const wrong = query(j).knownWrong!;
        wrong.push({ ...wrong[3]!, feedback: { ko: '다른 설명', en: 'Another explanation' } });
      }),
      env,
    );
    expect(problems(report)).toMatch(/known-wrong answer 5 does not get its own feedback/);
  });

  it('ordered step whose reference has no ORDER BY', () => {
    const report = checkLessons(
      sample((j) => (query(j).solution = 'SELECT region, count(*) AS customers FROM customers GROUP BY region')),
      env,
    );
    expect(problems(report)).toMatch(/the step is ordered but the reference has no ORDER BY/);
  });

  it('ordered step whose reference ORDER BY leaves ties', () => {
    const report = checkLessons(
      sample((j) => {
        query(j).solution = 'SELECT region, count(*) AS customers FROM customers GROUP BY region ORDER BY 2 DESC';
        query(j).knownWrong = [query(j).knownWrong![2]!];
      }),
      env,
    );
    expect(problems(report)).toMatch(/the reference ORDER BY leaves ties \(\d+ group\(s\)/);
  });

  it('a chart that encodes a field its query does not return', () => {
    const report = checkLessons(
      sample((j) => {
        const chart = j.steps[0]!.chart as {
          spec: { encoding: { y: { field: string } } };
          titles: Record<string, unknown>;
        };
        chart.spec.encoding.y.field = 'order_count';
        // Titled like the field, so only the query's columns are wrong.
        chart.titles = { month: chart.titles.month, order_count: chart.titles.orders };
      }),
      env,
    );
    expect(problems(report)).toMatch(/the chart encodes field 'order_count' but the query returns month, orders/);
  });

  it('a number step whose reference is not one numeric cell', () => {
    const report = checkLessons(
      sample((j) => (j.steps[3]!.solution = { sql: 'SELECT status, count(*) FROM orders GROUP BY status' })),
      env,
    );
    expect(problems(report)).toMatch(/delivered-orders: the reference value cannot be computed \(lesson-error\)/);
  });

  describe('a number step whose known-wrong value is computed by a query', () => {
    /** The sample's number step (delivered-orders) with these known-wrong answers. */
    const numberWrong = (...knownWrong: Record<string, unknown>[]): CheckReport =>
      checkLessons(
        sample((j) => (j.steps[3]!.knownWrong = knownWrong)),
        env,
      );
    const FEEDBACK = { ko: '모든 주문을 셌습니다.', en: 'That counts every order.' };

    it('is accepted when the query makes the mistake and gets its feedback', () => {
      const report = numberWrong({ sql: 'SELECT count(*) FROM orders', expect: ['known-mistake'], feedback: FEEDBACK });
      expect(report.problems).toEqual([]);
    });

    it('is refused when the query fails or does not return one number', () => {
      const report = numberWrong(
        { sql: 'SELECT count(*) FROM orderz', expect: ['number-wrong'] },
        { sql: 'SELECT status, count(*) FROM orders GROUP BY status', expect: ['number-wrong'] },
      );
      expect(problems(report)).toMatch(/the value cannot be computed: known-wrong answer 1: no such table: orderz/);
      expect(problems(report)).toMatch(/the value cannot be computed: known-wrong answer 2 must return one numeric cell/);
    });

    it('is refused when the query computes the right value', () => {
      const report = numberWrong({ sql: "SELECT count(*) FROM orders WHERE status = 'delivered'", expect: ['number-wrong'] });
      expect(problems(report)).toMatch(/delivered-orders: known-wrong answer 1 passes/);
    });

    it('is refused when an earlier known-wrong answer with the same value takes its feedback', () => {
      const report = numberWrong(
        { value: 3000, expect: ['known-mistake'], feedback: { ko: '상수', en: 'constant' } },
        { sql: 'SELECT count(*) FROM orders', expect: ['known-mistake'], feedback: FEEDBACK },
      );
      expect(problems(report)).toMatch(/known-wrong answer 2 does not get its own feedback/);
    });
  });

  it('objectives naming unknown seed ideas', () => {
    const report = checkLessons(
      sample((j) => ((j.objectives as { seedIdeas: string[] }[])[0]!.seedIdeas = ['t0-nope'])),
      env,
    );
    expect(problems(report)).toMatch(/unknown seed idea 't0-nope'/);
  });

  it('a seed-idea list that drifted from curriculum.md', () => {
    const drifted = '## Track 0 — x\n| seed idea | what |\n| --- | --- |\n| a brand-new idea | do it |\n';
    const report = checkLessons(sample(), { ...env, curriculum: drifted });
    expect(problems(report)).toMatch(/curriculum\.md has 1 seed-idea rows but core\/lessons\/seed-ideas\.ts lists 37/);
    expect(problems(report)).toMatch(/"a brand-new idea" \(t0\) has no seed idea/);
  });

  it("counts a course lesson's auto-checked steps in the coverage report, but not samples", () => {
    const course = checkLessons(sample(undefined, 'sample-basics', 't0-orientation'), env);
    expect(course.problems).toEqual([]);
    const literacy = course.coverage.find((r) => r.idea.id === 't0-literacy');
    expect(literacy?.checkedBy).toEqual([
      'sample-basics/customers-by-region',
      'sample-basics/which-query',
      'sample-basics/delivered-orders',
    ]);
    expect(formatCheckReport(course)).toMatch(/✓ t0-literacy +sample-basics\/customers-by-region/);
    const samples = checkLessons(sample(), env);
    expect(samples.coverage.every((r) => r.checkedBy.length === 0)).toBe(true);
  });
});

describe('stray files in the lessons folder', () => {
  it('lists every file no lesson uses, in a copy of the lessons folder, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'datalit-lessons-'));
    try {
      const lesson = join(dir, '_sample', 'sample-basics');
      cpSync(SAMPLE_DIR, lesson, { recursive: true });
      expect(strayFileProblems(dir)).toEqual([]);
      writeFileSync(join(lesson, 'notes.txt'), 'draft ideas');
      writeFileSync(join(lesson, 'lesson.json.bak'), '{}');
      mkdirSync(join(lesson, 'images'));
      writeFileSync(join(lesson, 'images', 'chart.png'), '');
      writeFileSync(join(dir, '_sample', 'todo.md'), '- more');
      // Editor and OS bookkeeping is not content anyone would mistake for a lesson.
      writeFileSync(join(lesson, '.DS_Store'), '');
      const found = strayFileProblems(dir);
      expect(found.map((p) => p.where)).toEqual([
        'lessons/_sample/sample-basics/images/chart.png',
        'lessons/_sample/sample-basics/lesson.json.bak',
        'lessons/_sample/sample-basics/notes.txt',
        'lessons/_sample/todo.md',
      ]);
      expect(found[2]?.message).toBe(
        "stray file: 'notes.txt' is not a lesson file: a lesson folder holds only lesson.json, ko.md, en.md; the app reads nothing else (diagrams are fenced blocks in the prose)",
      );
      // The lesson itself still loads: a stray file is reported, not a reason to refuse the pack.
      expect(checkLessons(readLessonFiles(dir), env).problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the checker scales linearly with the number of steps', () => {
  it('finds a duplicate step id among 100,000 steps in time linear in the steps', () => {
    const build = (count: number) =>
      sample((json, prose) => {
        const read = { ...(json.steps[0] as Record<string, unknown>), chart: undefined };
        const steps = Array.from({ length: count }, (_, i) => ({ ...read, id: `s${i}` }));
        steps.push({ ...read, id: 's7' });
        json.steps = steps as Json['steps'];
        const sections = steps.map((s) => `## step: ${String(s.id)}\n\nText.\n`).join('\n');
        prose.ko = sections;
        prose.en = sections;
      });
    const time = (count: number): { ms: number; report: CheckReport } => {
      const files = build(count);
      const started = performance.now();
      const report = checkLessons(files, env);
      return { ms: performance.now() - started, report };
    };
    const small = time(10_000);
    const large = time(100_000);
    expect(problems(large.report)).toContain("duplicate step id 's7'");
    // Ten times the steps may take about ten times as long, never a hundred.
    expect(large.ms).toBeLessThan(Math.max(30 * small.ms, 3000));
  });
});
