import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../core/persist/docs.ts';
import { keptPlace, loadAuthorFiles, mergeReload, withoutAuthorProgress } from '../../../renderer/features/author/author-load.ts';
import { scaffoldFiles } from '../../../scripts/lesson-new.ts';

/** Author mode's reload logic: a folder's files → lessons (same loader as the course), located problems, the kept step. */

const files = scaffoldFiles({
  id: 't3-l90-draft',
  track: 't3',
  titleKo: '반품 세기',
  titleEn: 'Counting returns',
  database: 'demo',
  kind: 'query',
  order: 90,
  table: 'orders',
  rows: 3000,
});
const folder = { ...files } as Record<string, string>;

describe('author mode: loading a watched folder', () => {
  it('loads a lesson folder with the course loader, under an id of its own', () => {
    const load = loadAuthorFiles('t3-l90-draft', folder);
    expect(load.problems).toEqual([]);
    expect(load.packs).toHaveLength(1);
    const pack = load.packs[0]!;
    // Never a built-in lesson's id: progress and lookups stay apart.
    expect(pack.lesson.id).toBe('author:t3-l90-draft');
    expect(pack.lesson.title).toEqual({ ko: '반품 세기', en: 'Counting returns' });
    expect(pack.lesson.steps.map((s) => s.id)).toEqual(['meet-the-table', 'count-rows']);
    expect(pack.prose.en.steps[1]?.markdown).toContain('starter query');
  });

  it('reads a folder of lesson folders, each under its own name', () => {
    const other = scaffoldFiles({
      id: 't3-l91-other',
      track: 't3',
      titleKo: '다른',
      titleEn: 'Other',
      database: 'demo',
      kind: 'number',
      order: 91,
      table: 'orders',
      rows: 3000,
    });
    const load = loadAuthorFiles('drafts', {
      ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`t3-l90-draft/${k}`, v])),
      ...Object.fromEntries(Object.entries(other).map(([k, v]) => [`t3-l91-other/${k}`, v])),
    });
    expect(load.packs.map((p) => p.lesson.id).sort()).toEqual(['author:t3-l90-draft', 'author:t3-l91-other']);
  });

  it('after an edit: the new text, and the player keeps its step', () => {
    const first = loadAuthorFiles('t3-l90-draft', folder);
    const edited = { ...folder, 'lesson.json': folder['lesson.json']!.replace('"Counting returns"', '"Counting returned orders"') };
    const next = loadAuthorFiles('t3-l90-draft', edited);
    const merged = mergeReload(first.packs, next, 't3-l90-draft');
    expect(merged.stale).toEqual([]);
    expect(merged.packs[0]?.lesson.title.en).toBe('Counting returned orders');
    expect(keptPlace('author:t3-l90-draft', 'count-rows', merged.packs)).toEqual({ lessonId: 'author:t3-l90-draft', stepId: 'count-rows' });
  });

  it('a step removed by an edit sends the player to the first step; a lesson gone, nowhere', () => {
    const lesson = JSON.parse(folder['lesson.json']!) as { steps: { id: string }[] };
    lesson.steps = lesson.steps.filter((s) => s.id !== 'count-rows');
    lesson.steps[0] = { ...lesson.steps[0]!, objectives: ['count-rows'] } as { id: string };
    const withoutStep = {
      'lesson.json': JSON.stringify(lesson, null, 2),
      'ko.md': folder['ko.md']!.replace(/## step: count-rows[\s\S]*?(?=## recap)/, ''),
      'en.md': folder['en.md']!.replace(/## step: count-rows[\s\S]*?(?=## recap)/, ''),
    };
    const next = loadAuthorFiles('t3-l90-draft', withoutStep);
    expect(next.problems).toEqual([]);
    expect(keptPlace('author:t3-l90-draft', 'count-rows', next.packs)).toEqual({
      lessonId: 'author:t3-l90-draft',
      stepId: 'meet-the-table',
    });
    expect(keptPlace('author:t3-l90-gone', 'count-rows', next.packs)).toBeNull();
  });

  it('a broken edit keeps the last good lesson open (stale) and lists each problem with its file and line', () => {
    const good = loadAuthorFiles('t3-l90-draft', folder);
    const text = folder['lesson.json']!;
    const broken = {
      ...folder,
      'lesson.json': text.replace('"minutes": 10,', '"minutes": 10,,'),
      'ko.md': folder['ko.md']!.replace('## recap', '## 메모\n\n## recap'),
    };
    const next = loadAuthorFiles('t3-l90-draft', broken);
    expect(next.packs).toEqual([]);
    const minutesLine = text.split('\n').findIndex((l) => l.includes('"minutes"')) + 1;
    expect(next.problems).toEqual([
      expect.objectContaining({ path: 't3-l90-draft/lesson.json', line: minutesLine, message: expect.stringContaining('not valid JSON') }),
    ]);
    const merged = mergeReload(good.packs, next, 't3-l90-draft');
    expect(merged.stale).toEqual(['author:t3-l90-draft']);
    expect(merged.packs[0]?.lesson.title.en).toBe('Counting returns');
    // Once the JSON is fixed, the prose problem shows with its own line.
    const prose = loadAuthorFiles('t3-l90-draft', { ...broken, 'lesson.json': text });
    const koLine = broken['ko.md'].split('\n').indexOf('## 메모') + 1;
    expect(prose.problems).toEqual([expect.objectContaining({ path: 't3-l90-draft/ko.md', line: koLine })]);
  });

  it('leaving author mode drops only the author lessons’ progress and puts the continue place back', () => {
    const entry = {
      status: 'done' as const,
      attempts: 1,
      hintsUsed: 0,
      solutionRevealed: false,
      timeSpentMs: 10,
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const progress: Progress = {
      version: 1,
      steps: { 'sample-basics/customers-by-region': entry, 'author:t3-l90-draft/count-rows': entry },
      lastLocation: 'author:t3-l90-draft/count-rows',
    };
    const cleared = withoutAuthorProgress(progress, 'sample-basics/which-query');
    expect(cleared.steps).toEqual({ 'sample-basics/customers-by-region': entry });
    expect(cleared.lastLocation).toBe('sample-basics/which-query');
    // A continue place outside author mode is left alone.
    expect(withoutAuthorProgress({ ...progress, lastLocation: 't0-l1-data-literacy/x' }, null).lastLocation).toBe('t0-l1-data-literacy/x');
  });
});
