import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithCurriculum, readCurriculumRows } from '../../core/lessons/curriculum.ts';
import {
  courseLessons,
  groupLessonFiles,
  loadLessons,
  parseLessonPack,
  strayLessonFiles,
  type LessonPackFiles,
} from '../../core/lessons/load.ts';
import { LESSON_MIGRATIONS, migrateLesson, type LessonMigration } from '../../core/lessons/migrate.ts';
import { LESSON_FORMAT_VERSION } from '../../core/lessons/schema.ts';
import { parseProse } from '../../core/lessons/markdown.ts';
import { CURRICULUM_SEED_IDEAS, SEED_IDEAS } from '../../core/lessons/seed-ideas.ts';
import { STEP_KINDS, StepSchema } from '../../core/lessons/step-kinds.ts';
import { specFields } from '../../core/lessons/kinds/read.ts';
import { tiesQuery } from '../../core/lessons/kinds/order-ties.ts';

const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'lessons', '_sample', 'sample-basics');
const SAMPLE = {
  json: readFileSync(join(SAMPLE_DIR, 'lesson.json'), 'utf8'),
  ko: readFileSync(join(SAMPLE_DIR, 'ko.md'), 'utf8'),
  en: readFileSync(join(SAMPLE_DIR, 'en.md'), 'utf8'),
};

function pack(
  overrides: Partial<Record<'lesson.json' | 'ko.md' | 'en.md', string | undefined>> = {},
  trackFolder = '_sample',
): LessonPackFiles {
  const files: LessonPackFiles['files'] = { 'lesson.json': SAMPLE.json, 'ko.md': SAMPLE.ko, 'en.md': SAMPLE.en };
  for (const [name, text] of Object.entries(overrides) as [keyof typeof files, string | undefined][]) {
    if (text === undefined) delete files[name];
    else files[name] = text;
  }
  return { trackFolder, lessonFolder: 'sample-basics', files };
}

function withJson(edit: (json: Record<string, unknown> & { steps: Record<string, unknown>[] }) => void): string {
  return withJsonOf(SAMPLE.json, edit);
}

function withJsonOf(text: string, edit: (json: Record<string, unknown> & { steps: Record<string, unknown>[] }) => void): string {
  const json = JSON.parse(text) as Record<string, unknown> & { steps: Record<string, unknown>[] };
  edit(json);
  return JSON.stringify(json);
}

function reasonOf(files: LessonPackFiles): string {
  const result = parseLessonPack(files);
  if (result.ok) throw new Error('expected the pack to be refused');
  return result.reason;
}

describe('parseLessonPack', () => {
  it('parses the sample lesson with its prose in both languages', () => {
    const result = parseLessonPack(pack());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.lesson.steps.map((s) => s.kind)).toEqual(['read', 'query', 'choice', 'number']);
    expect(result.pack.prose.en.steps.map((s) => s.id)).toEqual([
      'meet-the-data',
      'customers-by-region',
      'which-query',
      'delivered-orders',
    ]);
    expect(result.pack.prose.ko.intro).toContain('샘플');
    expect(result.pack.inCourse).toBe(false);
  });

  it('fills grading defaults', () => {
    const result = parseLessonPack(pack());
    if (!result.ok) throw new Error(result.reason);
    const query = result.pack.lesson.steps.find((s) => s.kind === 'query');
    expect(query?.kind === 'query' && query.grading).toMatchObject({
      ordered: true,
      extraColumns: 'forbid',
      tolerance: { absolute: 1e-9, relative: 1e-9 },
    });
  });

  it('refuses invalid JSON, a newer format and schema errors with a clear reason, never throwing', () => {
    expect(reasonOf(pack({ 'lesson.json': '{ nope' }))).toMatch(/not valid JSON/);
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => (j.formatVersion = 2)) }))).toMatch(/formatVersion 2; this app reads up to 1/);
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => (j.minutes = 'ten')) }))).toMatch(/lesson\.json minutes:/);
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => ((j.steps[1] as Record<string, unknown>).hint = [])) }))).toMatch(
      /steps\.1.*hint/,
    );
    expect(reasonOf(pack({ 'lesson.json': undefined }))).toBe('lesson.json is missing');
  });

  it('refuses a pack missing a language', () => {
    expect(reasonOf(pack({ 'ko.md': undefined }))).toMatch(/ko\.md is missing/);
  });

  it('refuses prose whose steps differ from lesson.json', () => {
    const noSection = SAMPLE.en.replace('## step: which-query', '### which-query');
    expect(reasonOf(pack({ 'en.md': noSection }))).toMatch(/en\.md has no "## step: which-query" section/);
    const extra = SAMPLE.ko.replace('## recap', '## step: bonus\n\n보너스\n\n## recap');
    expect(reasonOf(pack({ 'ko.md': extra }))).toMatch(/steps lesson\.json does not define: bonus/);
    const swapped = SAMPLE.en
      .replace('## step: which-query', '## step: TMP')
      .replace('## step: delivered-orders', '## step: which-query')
      .replace('## step: TMP', '## step: delivered-orders');
    expect(reasonOf(pack({ 'en.md': swapped }))).toMatch(/another order/);
  });

  it('refuses empty hints, a single hint and unknown seed ideas', () => {
    const emptyHint = withJson((j) => ((j.steps[1]!.hints as { en: string }[])[0]!.en = '  '));
    expect(reasonOf(pack({ 'lesson.json': emptyHint }))).toMatch(/hints\.0\.en: must not be empty/);
    const oneHint = withJson((j) => (j.steps[1]!.hints = [(j.steps[1]!.hints as unknown[])[0]]));
    expect(reasonOf(pack({ 'lesson.json': oneHint }))).toMatch(/at least two hints/);
    const unknownIdea = withJson((j) => ((j.objectives as { seedIdeas: string[] }[])[0]!.seedIdeas = ['t9-nothing']));
    expect(reasonOf(pack({ 'lesson.json': unknownIdea }))).toMatch(/unknown seed idea 't9-nothing'/);
  });

  it('refuses duplicate step ids, unknown objectives and a folder not named after the id', () => {
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => (j.steps[2]!.id = 'customers-by-region')) }))).toMatch(/duplicate step id/);
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => (j.steps[1]!.objectives = ['nope'])) }))).toMatch(/unknown objective 'nope'/);
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => (j.id = 'other-id')) }))).toMatch(/name the folder after the id/);
  });

  it('checks the track folder only for course lessons', () => {
    expect(reasonOf(pack({}, 't1-etl'))).toMatch(/track 't0' sits in the track folder 't1-etl'/);
    expect(parseLessonPack(pack({}, 't0-orientation')).ok).toBe(true);
  });
});

describe('the formatVersion migration ladder', () => {
  /**
   * A made-up format 0, as an older app might have written it: the dataset was called `database`
   * and the estimate `duration` (in seconds). The rung below is what a real format change adds.
   */
  const toFormat0 = (json: string): string =>
    withJsonOf(json, (j) => {
      j.formatVersion = 0;
      j.database = j.dataset;
      delete j.dataset;
      j.duration = (j.minutes as number) * 60;
      delete j.minutes;
    });
  const FORMAT_0_TO_1: LessonMigration = {
    from: 0,
    change: '`database` became `dataset`; `duration` in seconds became `minutes`',
    migrate: ({ database, duration, ...rest }) => ({ ...rest, dataset: database, minutes: Math.round((duration as number) / 60) }),
  };

  it('brings a format-0 pack up to format 1 before validating it, the same lesson as the current file', () => {
    const current = parseLessonPack(pack());
    const migrated = parseLessonPack(pack({ 'lesson.json': toFormat0(SAMPLE.json) }), { migrations: [FORMAT_0_TO_1] });
    expect(migrated.ok).toBe(true);
    if (!migrated.ok || !current.ok) return;
    expect(migrated.pack.lesson).toEqual(current.pack.lesson);
    expect(migrated.pack.lesson.formatVersion).toBe(LESSON_FORMAT_VERSION);
  });

  it('climbs rung by rung, each rung seeing the version before it', () => {
    const seen: number[] = [];
    const rung = (from: number): LessonMigration => ({
      from,
      change: `test rung ${from}`,
      migrate: (lesson) => {
        seen.push(lesson.formatVersion as number);
        return lesson;
      },
    });
    // Given out of order on purpose: the ladder finds each rung by its `from`.
    const result = migrateLesson({ formatVersion: 1, id: 'x' }, [rung(3), rung(1), rung(2)], 4);
    expect(result).toEqual({ ok: true, lesson: { formatVersion: 4, id: 'x' }, from: 1 });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('refuses a pack newer than the app, naming both versions', () => {
    const reason = reasonOf(pack({ 'lesson.json': withJson((j) => (j.formatVersion = 99)) }));
    expect(reason).toBe(`lesson.json has formatVersion 99; this app reads up to ${LESSON_FORMAT_VERSION}: update the app`);
  });

  it('refuses an old pack when a rung of the ladder is missing, naming it', () => {
    expect(reasonOf(pack({ 'lesson.json': toFormat0(SAMPLE.json) }))).toBe(
      'lesson.json has formatVersion 0; this app reads 1 and has no migration from formatVersion 0 to 1',
    );
  });

  it('leaves a pack without a numeric version to the schema, which names the field', () => {
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => delete j.formatVersion) }))).toMatch(/lesson\.json formatVersion:/);
    expect(reasonOf(pack({ 'lesson.json': withJson((j) => (j.formatVersion = '1')) }))).toMatch(/lesson\.json formatVersion:/);
    expect(reasonOf(pack({ 'lesson.json': '[]' }))).toMatch(/lesson\.json \(root\):/);
  });

  it('ships a ladder that reaches the current format from every version it has rungs for', () => {
    for (const rung of LESSON_MIGRATIONS) expect(rung.from).toBeLessThan(LESSON_FORMAT_VERSION);
    const froms = LESSON_MIGRATIONS.map((m) => m.from);
    expect(new Set(froms).size).toBe(froms.length);
    const lowest = Math.min(LESSON_FORMAT_VERSION, ...froms);
    for (let v = lowest; v < LESSON_FORMAT_VERSION; v++) expect(froms).toContain(v);
  });
});

describe('stray files under lessons/', () => {
  it('accepts the three lesson files and names everything else with its reason', () => {
    const stray = strayLessonFiles([
      'lessons/t0-orientation/t0-a/lesson.json',
      'lessons/t0-orientation/t0-a/ko.md',
      'lessons/t0-orientation/t0-a/en.md',
      'lessons/t0-orientation/t0-a/notes.txt',
      'lessons/t0-orientation/t0-a/img/chart.png',
      'lessons/t0-orientation/plan.md',
      'lessons/README.md',
    ]);
    expect(stray.map((s) => s.path)).toEqual([
      'lessons/README.md',
      'lessons/t0-orientation/plan.md',
      'lessons/t0-orientation/t0-a/img/chart.png',
      'lessons/t0-orientation/t0-a/notes.txt',
    ]);
    expect(stray[0]?.reason).toBe('only track folders belong directly in lessons/');
    expect(stray[1]?.reason).toBe('only lesson folders belong in a track folder');
    expect(stray[2]?.reason).toMatch(/^a lesson folder has no subfolders: a lesson folder holds only lesson\.json, ko\.md, en\.md/);
    expect(stray[3]?.reason).toMatch(/^'notes\.txt' is not a lesson file/);
  });
});

describe('parseProse', () => {
  it('splits intro, steps and recap and ignores headings in code fences', () => {
    const result = parseProse('Intro\n\n## step: a\nA text\n```\n## step: fake\n```\n## step: b\n\n## recap\nDone');
    expect(result.ok && result.prose).toEqual({
      intro: 'Intro',
      steps: [
        { id: 'a', markdown: 'A text\n```\n## step: fake\n```' },
        { id: 'b', markdown: '' },
      ],
      recap: 'Done',
    });
  });

  it('names every rule a file breaks', () => {
    const result = parseProse('## step: a\n## Other heading\n## step: a');
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.join('\n')).toMatch(/not a section heading/);
    expect(problems.join('\n')).toMatch(/intro .* is empty/);
    expect(problems.join('\n')).toMatch(/no "## recap"/);
    expect(problems.join('\n')).toMatch(/appears twice/);
  });
});

describe('groupLessonFiles and the course map', () => {
  it('groups Vite-style glob keys and refuses files at the wrong depth', () => {
    const { packs, refused } = groupLessonFiles({
      '/lessons/t0-orientation/t0-a/lesson.json': '{}',
      '/lessons/t0-orientation/t0-a/ko.md': 'ko',
      '/lessons/stray/lesson.json': '{}',
      '/lessons/t0-orientation/t0-a/notes.txt': 'ignored',
    });
    expect(packs).toEqual([{ trackFolder: 't0-orientation', lessonFolder: 't0-a', files: { 'lesson.json': '{}', 'ko.md': 'ko' } }]);
    expect(refused.map((r) => r.folder)).toEqual(['/lessons/stray/lesson.json']);
  });

  it('keeps _ folders off the course map but loads them', () => {
    const files = {
      'lessons/_sample/sample-basics/lesson.json': SAMPLE.json,
      'lessons/_sample/sample-basics/ko.md': SAMPLE.ko,
      'lessons/_sample/sample-basics/en.md': SAMPLE.en,
    };
    const { packs, refused } = loadLessons(files);
    expect(refused).toEqual([]);
    expect(packs).toHaveLength(1);
    expect(courseLessons(packs)).toEqual([]);
  });
});

describe('step kinds registry', () => {
  it('registers each kind once and validates through a discriminated union', () => {
    const kinds = STEP_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(['read', 'query', 'build', 'choice', 'number', 'pipeline', 'models', 'metric', 'experiment', 'impact', 'quality', 'pii', 'masked-view', 'capstone']);
    expect(StepSchema.safeParse({ kind: 'dashboard', id: 'x' }).success).toBe(false);
    expect(StepSchema.safeParse({ kind: 'read', id: 'x', title: { ko: '가', en: 'A' } }).success).toBe(true);
  });

  it('lists the fields a chart spec encodes', () => {
    expect(
      specFields({
        mark: 'bar',
        encoding: { x: { field: 'month' }, y: { field: 'n', aggregate: 'sum' } },
        layer: [{ encoding: { color: { field: 'c' } } }],
      }),
    ).toEqual(['month', 'n', 'c']);
  });
});

describe('seed ideas and the curriculum map', () => {
  it('has unique ids, each prefixed by its track', () => {
    const ids = SEED_IDEAS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const idea of SEED_IDEAS) expect(idea.id.startsWith(idea.track === 'cautions' ? 'c-' : `${idea.track}-`)).toBe(true);
  });

  it('reads table rows per track and reports drift both ways', () => {
    const doc =
      '## Track 0 — x\n| seed idea | what |\n| --- | --- |\n| idea one | do |\n## Track 1 — y\n| seed idea | what |\n| --- | --- |\n| idea two | do |\n## Cautions\ntext';
    const rows = readCurriculumRows(doc);
    expect(rows).toEqual([
      { track: 't0', idea: 'idea one' },
      { track: 't1', idea: 'idea two' },
    ]);
    const problems = compareWithCurriculum(rows, [
      { id: 't0-one', track: 't0', idea: 'idea one', practice: '' },
      { id: 't1-old', track: 't1', idea: 'old', practice: '' },
    ]);
    expect(problems.join('\n')).toMatch(/"idea two" \(t1\) has no seed idea/);
    expect(problems.join('\n')).toMatch(/'t1-old' .* is no longer a row/);
    expect(compareWithCurriculum(rows.slice(0, 1), CURRICULUM_SEED_IDEAS.slice(0, 1)).length).toBeGreaterThan(0);
  });
});

describe('tiesQuery', () => {
  it('groups the result by the ORDER BY terms, positions resolved to column names', () => {
    const sql = tiesQuery('SELECT region, count(*) AS n FROM c GROUP BY region ORDER BY 2 DESC, region COLLATE NOCASE ASC LIMIT 3;', [
      'region',
      'n',
    ]);
    expect(sql).toContain('GROUP BY "n", region COLLATE NOCASE HAVING count(*) > 1');
    expect(sql).toContain('ORDER BY 2 DESC, region COLLATE NOCASE ASC LIMIT 3\n)');
  });

  it('keeps earlier statements and ignores ORDER BY inside subqueries', () => {
    expect(tiesQuery('SELECT * FROM (SELECT 1 ORDER BY 1)', ['1'])).toBeNull();
    expect(tiesQuery('CREATE TEMP TABLE t AS SELECT 1 AS a; SELECT a FROM t ORDER BY a', ['a'])).toMatch(
      /^CREATE TEMP TABLE t AS SELECT 1 AS a; WITH __datalit_reference AS/,
    );
  });
});
