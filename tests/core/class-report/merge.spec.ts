import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { lessonContentHash } from '../../../core/class-report/build.ts';
import { cellState, classSummary, hardestSteps, median } from '../../../core/class-report/analyse.ts';
import { stepsCsv, summaryCsv } from '../../../core/class-report/csv.ts';
import { mergeReports } from '../../../core/class-report/merge.ts';
import { COURSE, reportText } from './fixtures.ts';

const wrong = (code: string, text: string, count = 1) => ({ failures: { [code]: count }, lastFailure: { code, text, at: '2026-12-01T10:00:00Z' } });

/** Three learners: t0-l1/count is where most of them fail, with "missing rows" the commonest message. */
function threeLearners() {
  return [
    {
      fileName: 'a.json',
      text: reportText('Ana', {
        't0-l1/read': { status: 'done', timeSpentMs: 60_000 },
        't0-l1/count': { status: 'in-progress', attempts: 4, ...wrong('missing-rows', '3 rows missing', 3), timeSpentMs: 240_000 },
      }),
    },
    {
      fileName: 'b.json',
      text: reportText(
        '박민수',
        {
          't0-l1/read': { status: 'done', timeSpentMs: 30_000 },
          't0-l1/count': { status: 'in-progress', attempts: 2, ...wrong('missing-rows', '행 3개가 빠졌습니다', 2), timeSpentMs: 120_000 },
          't1-l1/where': { status: 'done', attempts: 2, ...wrong('sql-error', 'near "WHER": syntax error'), timeSpentMs: 60_000 },
        },
        { language: 'ko' },
      ),
    },
    {
      fileName: 'c.json',
      text: reportText('Chen', {
        't0-l1/read': { status: 'done' },
        't0-l1/count': { status: 'done', attempts: 2, failures: { 'missing-rows': 1, 'extra-columns': 1 }, lastFailure: { code: 'extra-columns', text: 'extra', at: 'x' } },
        't1-l1/where': { status: 'done', attempts: 1 },
        't1-l1/and': { status: 'done', attempts: 1 },
      }),
    },
  ];
}

describe('merging reports into a class', () => {
  it('lays out the steps in course order with one column per learner, in file order', () => {
    const merged = mergeReports(threeLearners(), COURSE);
    expect(merged.refused).toEqual([]);
    expect(merged.learners.map((l) => l.name)).toEqual(['Ana', '박민수', 'Chen']);
    expect(merged.steps.map((s) => s.key)).toEqual(['t0-l1/read', 't0-l1/count', 't1-l1/where', 't1-l1/and']);
    expect(merged.mismatches).toEqual([]);
    const [ana] = merged.learners;
    expect(cellState(ana!.steps['t0-l1/read'])).toBe('passed');
    expect(cellState(ana!.steps['t0-l1/count'])).toBe('tried');
    expect(cellState(ana!.steps['t1-l1/where'])).toBe('untouched');
  });

  it('lists bad files with their reason and merges the rest', () => {
    const raw = JSON.parse(reportText('Newer', {})) as Record<string, unknown>;
    raw.version = 99;
    const files = [
      ...threeLearners(),
      { fileName: 'notes.txt', text: 'hello' },
      { fileName: 'settings.json', text: '{"version":1,"language":"ko"}' },
      { fileName: 'newer.json', text: JSON.stringify(raw) },
      { fileName: 'broken.json', text: reportText('Broken', {}).replace('"status": "not-started"', '"status": "maybe"') },
      { fileName: 'ana-other.json', text: reportText('  ana ', { 't0-l1/read': { status: 'done' } }, { key: 'someone-else' }) },
    ];
    const merged = mergeReports(files, COURSE);
    expect(merged.learners).toHaveLength(3);
    expect(merged.refused.map((r) => [r.fileName, r.problem])).toEqual([
      ['notes.txt', 'not-json'],
      ['settings.json', 'not-report'],
      ['newer.json', 'newer-version'],
      ['broken.json', 'invalid'],
      ['ana-other.json', 'duplicate-name'],
    ]);
    expect(merged.refused.at(-1)!.detail).toBe('a.json');
  });

  it('makes two reports of one learner one, keeping the newer copy of each step, and says so', () => {
    const morning = reportText(
      'Ana',
      {
        't0-l1/count': { status: 'done', attempts: 2, updatedAt: '2026-12-01T09:00:00Z' },
        't1-l1/where': { status: 'in-progress', attempts: 5, updatedAt: '2026-12-01T11:00:00Z' },
      },
      { key: 'ana', at: '2026-12-01T11:30:00Z' },
    );
    // Exported later from another machine that had older progress for t1-l1/where.
    const evening = reportText(
      'Ana',
      {
        't0-l1/count': { status: 'done', attempts: 3, updatedAt: '2026-12-01T15:00:00Z' },
        't1-l1/where': { status: 'in-progress', attempts: 1, updatedAt: '2026-12-01T08:00:00Z' },
      },
      { key: 'ana', at: '2026-12-01T16:00:00Z' },
    );
    // The newer file read first: the order of the files does not matter.
    const merged = mergeReports(
      [
        { fileName: 'evening.json', text: evening },
        { fileName: 'morning.json', text: morning },
      ],
      COURSE,
    );
    expect(merged.refused).toEqual([]);
    expect(merged.learners).toHaveLength(1);
    const ana = merged.learners[0]!;
    expect(ana.steps['t0-l1/count']!.attempts).toBe(3);
    expect(ana.steps['t1-l1/where']!.attempts).toBe(5);
    expect(ana.files).toEqual(['morning.json', 'evening.json']);
    expect(merged.combined).toEqual([{ learner: 'Ana', files: ['morning.json', 'evening.json'], stepsFromOlder: 1 }]);
  });

  it('flags a lesson the learners had in different versions, and keeps steps only one version has', () => {
    const changed = COURSE.map((l) =>
      l.id === 't1-l1'
        ? { ...l, contentHash: lessonContentHash({ id: 't1-l1', v: 2 }), steps: [...l.steps, { id: 'or', title: { en: 'OR', ko: 'OR 조건' } }] }
        : l,
    );
    const merged = mergeReports(
      [
        { fileName: 'a.json', text: reportText('Ana', { 't1-l1/where': { status: 'done', attempts: 1 } }) },
        { fileName: 'b.json', text: reportText('Bo', { 't1-l1/or': { status: 'done', attempts: 1 } }, { course: changed }) },
      ],
      COURSE,
    );
    expect(merged.steps.map((s) => s.key)).toEqual(['t0-l1/read', 't0-l1/count', 't1-l1/where', 't1-l1/and', 't1-l1/or']);
    expect(merged.mismatches).toHaveLength(1);
    expect(merged.mismatches[0]).toMatchObject({ lessonId: 't1-l1', instructorHash: COURSE[1]!.contentHash });
    expect(merged.mismatches[0]!.versions.map((v) => v.learners)).toEqual([['Ana'], ['Bo']]);
    // Ana's version has no "or" step: it reads as untouched, not as an error.
    expect(cellState(merged.learners[0]!.steps['t1-l1/or'])).toBe('untouched');
  });

  it('handles reports that lack a lesson, and lessons the instructor does not have', () => {
    const onlyFirst = COURSE.slice(0, 1);
    const extra = [...COURSE, { id: 'pack-l1', title: { en: 'Pack lesson', ko: '팩 레슨' }, steps: [{ id: 's1', title: { en: 'S1', ko: 'S1' } }], contentHash: 'p' }];
    const merged = mergeReports(
      [
        { fileName: 'a.json', text: reportText('Ana', { 't0-l1/read': { status: 'done' } }, { course: onlyFirst }) },
        { fileName: 'b.json', text: reportText('Bo', { 'pack-l1/s1': { status: 'done', attempts: 1 } }, { course: extra }) },
      ],
      COURSE,
    );
    expect(merged.steps.map((s) => s.key)).toEqual(['t0-l1/read', 't0-l1/count', 't1-l1/where', 't1-l1/and', 'pack-l1/s1']);
    expect(merged.steps.at(-1)!.lessonTitle.en).toBe('Pack lesson');
    expect(merged.mismatches.map((m) => [m.lessonId, m.instructorHash])).toEqual([['pack-l1', null]]);
    expect(classSummary(merged)).toMatchObject({ learners: 2, lessons: 3, steps: 5 });
  });
});

describe('the hardest steps', () => {
  it('ranks by the share who tried and have not passed, then median attempts, with the commonest message', () => {
    const merged = mergeReports(threeLearners(), COURSE);
    const hard = hardestSteps(merged, 'en');
    expect(hard.map((h) => h.step.key)).toEqual(['t0-l1/count', 't1-l1/where']);
    const [count, where] = hard;
    expect(count).toMatchObject({ tried: 3, failed: 2, medianAttempts: 2, wrongAnswers: 7 });
    expect(count!.failedShare).toBeCloseTo(2 / 3);
    // missing-rows: 3 + 2 + 1 times by three learners; the English text preferred for an English-speaking instructor.
    expect(count!.message).toEqual({ code: 'missing-rows', count: 6, learners: 3, text: '3 rows missing', language: 'en' });
    expect(hardestSteps(merged, 'ko')[0]!.message).toMatchObject({ text: '행 3개가 빠졌습니다', language: 'ko' });
    // Everyone passed "where", one after a wrong answer: listed, below the step where learners are stuck.
    expect(where).toMatchObject({ failed: 0, wrongAnswers: 1, message: { code: 'sql-error', count: 1 } });
  });

  it('breaks a tie in share by median attempts', () => {
    const merged = mergeReports(
      [
        { fileName: 'a', text: reportText('A', { 't0-l1/count': { status: 'in-progress', attempts: 2 }, 't1-l1/and': { status: 'in-progress', attempts: 6 } }) },
        { fileName: 'b', text: reportText('B', { 't0-l1/count': { status: 'in-progress', attempts: 2 }, 't1-l1/and': { status: 'in-progress', attempts: 4 } }) },
      ],
      COURSE,
    );
    const hard = hardestSteps(merged, 'en');
    expect(hard.map((h) => [h.step.key, h.medianAttempts])).toEqual([
      ['t1-l1/and', 5],
      ['t0-l1/count', 2],
    ]);
    // No wrong-answer codes were kept (reports from before they were recorded): no message, not a made-up one.
    expect(hard[0]!.message).toBeNull();
  });

  it('summarises the class: learners, lessons completed, median time', () => {
    const s = classSummary(mergeReports(threeLearners(), COURSE));
    // Chen completed both lessons; nobody else completed one.
    expect(s).toMatchObject({ learners: 3, lessonsCompleted: 2, medianLessonsCompleted: 0, medianStepsPassed: 2 });
    // Totals 300 s, 210 s, 0 s: the median is 210 s.
    expect(s.medianTimeMs).toBe(210_000);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('CSV export', () => {
  const parse = (csv: string) => Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });

  it('writes one row per learner and step that parses back, with a BOM and CRLF', () => {
    const merged = mergeReports(threeLearners(), COURSE);
    const csv = stepsCsv(merged, 'en');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const { data, errors } = parse(csv);
    expect(errors).toEqual([]);
    expect(data).toHaveLength(3 * 4);
    const ana = data.find((r) => r.learner === 'Ana' && r.step_id === 'count')!;
    expect(ana).toMatchObject({ state: 'tried, not passed', attempts: '4', wrong_answers: '3', most_common_message_code: 'missing-rows', last_message_text: '3 rows missing', time_spent_s: '240' });
    const bo = data.find((r) => r.learner === '박민수' && r.step_id === 'where')!;
    expect(bo.last_message_text).toBe('near "WHER": syntax error');
  });

  it('writes Korean headers and values for a Korean instructor', () => {
    const { data } = parse(stepsCsv(mergeReports(threeLearners(), COURSE), 'ko'));
    expect(data[0]).toMatchObject({ 학습자: 'Ana', 레슨: '첫 쿼리', 단계: '읽기', 상태: '통과' });
  });

  it('keeps a name that looks like a formula as text', () => {
    const merged = mergeReports([{ fileName: 'x', text: reportText('=HYPERLINK("x")', { 't0-l1/read': { status: 'done' } }) }], COURSE);
    const { data } = parse(summaryCsv(merged, 'en'));
    expect(data[0]!.learner).toBe(`'=HYPERLINK("x")`);
  });

  it('writes a summary row per learner', () => {
    const { data } = parse(summaryCsv(mergeReports(threeLearners(), COURSE), 'en'));
    expect(data.map((r) => [r.learner, r.steps_passed, r.lessons_completed, r.steps_in_class])).toEqual([
      ['Ana', '1', '0', '4'],
      ['박민수', '2', '0', '4'],
      ['Chen', '4', '2', '4'],
    ]);
    expect(data[0]!.time_spent_min).toBe('5');
  });
});
