import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLessons, type CheckEnvironment, type CheckFinding } from '../../core/lessons/check.ts';
import { loadLessons } from '../../core/lessons/load.ts';
import { formatLocated, jsonErrorLine, jsonLines } from '../../core/lessons/locate.ts';
import { createGradingEngine, loadDatasets } from '../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../scripts/lib/lesson-files.ts';

/**
 * The lesson checker names the file and line of each problem. Each folder of
 * tests/fixtures/lessons-broken/ breaks one thing; the expected line is found in the fixture's
 * own text (the line holding the broken part), so the test follows the fixture if it is edited.
 */

const LESSONS = join(import.meta.dirname, '..', 'fixtures', 'lessons-broken', 'lessons');
const FOLDER = '_broken';
const files = readLessonFiles(LESSONS);
let findings: CheckFinding[];

/** The 1-based line of the first line of `file` in a fixture containing `needle` (after the `after` marker, if given). */
function lineOf(lesson: string, file: string, needle: string, after?: string): number {
  const lines = readFileSync(join(LESSONS, FOLDER, lesson, file), 'utf8').split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${lesson}/${file}`);
  return index + 1;
}

function finding(lesson: string, pattern: RegExp): CheckFinding {
  const found = findings.find((f) => f.file?.includes(`/${lesson}/`) && pattern.test(f.message));
  if (!found) throw new Error(`no finding ${pattern} for ${lesson}: ${JSON.stringify(findings.filter((f) => f.where.includes(lesson)))}`);
  return found;
}

beforeAll(async () => {
  const datasets = await loadDatasets(join(import.meta.dirname, '..', '..'));
  const env: CheckEnvironment = {
    engine: await createGradingEngine(),
    databases: datasets.provider,
    databaseIds: datasets.ids,
    curriculum: null,
  };
  findings = checkLessons(files, env).problems;
});

describe('lessons:check names the file and line of each problem', () => {
  it.each([
    ['bad-json', 'lesson.json', /not valid JSON/, '"minutes": 10,,'],
    ['one-hint', 'lesson.json', /steps\.1\.hints: needs at least two hints/, '"hints"', '"kind": "query"'],
    ['unknown-key', 'lesson.json', /Unrecognized key: "hint"/, '"hint":'],
    ['failing-solution', 'lesson.json', /reference solution fails.*no_such_column/, '"solution"'],
    ['starter-passes', 'lesson.json', /the starter passes/, '"starter"', '"kind": "query"'],
    ['wrong-passes', 'lesson.json', /known-wrong answer 1 passes/, '"sql"', '"knownWrong"'],
    ['folder-name', 'lesson.json', /lesson id is 'other-name'/, '"id": "other-name"'],
    ['no-dataset', 'lesson.json', /dataset 'no-such-db' is not in the dataset catalog/, '"dataset"'],
    ['stray-heading', 'ko.md', /"## 메모" is not a section heading/, '## 메모'],
    // A missing section is placed where it belongs: after the step before it, at the next heading.
    ['missing-translation', 'en.md', /en\.md has no "## step: count-rows" section/, '## recap'],
  ] as const)('%s → %s at the line of the broken part', (lesson, file, pattern, needle, after?) => {
    const f = finding(lesson, pattern);
    expect(f.file).toBe(`lessons/${FOLDER}/${lesson}/${file}`);
    expect(f.line).toBe(lineOf(lesson, file, needle, after));
  });

  it('names a missing translation file without a line, as its path', () => {
    const f = finding('missing-ko', /ko\.md is missing/);
    expect(f.file).toBe(`lessons/${FOLDER}/missing-ko/ko.md`);
    expect(f.line).toBeUndefined();
  });

  it('keeps one finding per problem and the loader’s joined reason for older callers', () => {
    const refused = loadLessons(files).refused.find((r) => r.folder === `${FOLDER}/one-hint`);
    expect(refused?.reason).toContain('lesson.json steps.1.hints');
    expect(refused?.problems?.[0]?.line).toBe(lineOf('one-hint', 'lesson.json', '"hints"', '"kind": "query"'));
    // Every fixture is broken, and each is reported.
    const lessons = new Set(findings.map((f) => f.file?.split('/')[2]));
    expect(lessons.size).toBe(11);
  });

  it('prints `path:line: message`, without repeating the file name or the prose parser’s line prefix', () => {
    expect(formatLocated('lessons/t0/x/lesson.json', 12, 'lesson.json steps.1.hints: too few')).toBe(
      'lessons/t0/x/lesson.json:12: steps.1.hints: too few',
    );
    expect(formatLocated('lessons/t0/x/ko.md', 4, 'ko.md: line 4: "## x" is not a section heading')).toBe(
      'lessons/t0/x/ko.md:4: "## x" is not a section heading',
    );
    expect(formatLocated('lessons/t0/x/en.md', 7, 'en.md has no "## step: a" section')).toBe(
      'lessons/t0/x/en.md:7: en.md has no "## step: a" section',
    );
    expect(formatLocated('lessons/t0/x/ko.md', null, 'ko.md is missing')).toBe('lessons/t0/x/ko.md: ko.md is missing');
  });

  it('finds lines in JSON indented with tabs, and the line of a JSON syntax error from the position', () => {
    const text = '{\n\t"a": {\n\t\t"b": [1, {"c": "x"}]\n\t}\n}';
    expect(jsonLines(text).lineOf(['a', 'b', 1, 'c'])).toBe(3);
    // A path that is not in the file points at its nearest ancestor that is (an object at its first key).
    expect(jsonLines(text).lineOf(['a', 'missing'])).toBe(3);
    expect(jsonLines(text).lineOf(['a'])).toBe(3);
    expect(jsonErrorLine('{\n"a": 1,\n}', new SyntaxError('Unexpected token } in JSON at position 10'))).toBe(3);
  });
});
