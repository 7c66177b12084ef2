import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { gradeRequestHandler } from '../../../core/grading/grader-dispatch.ts';
import { parseLessonPack } from '../../../core/lessons/load.ts';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { parseLaunchArgs } from '../../../electron/launch-file.ts';
import { check, SAMPLE_ZIP } from './pack-fixture.ts';

/**
 * A pack lesson graded as the app grades it: the grader worker's handler gets the pack dataset's
 * bytes with the request (it may fetch no blob: URL under the app's CSP), never a URL to fetch.
 * And the desktop command line hands a .zip over like a database file.
 */

describe('grading a pack lesson', () => {
  it('the grader uses the bytes sent with the request and never fetches them', async () => {
    const result = await check(new Uint8Array(readFileSync(SAMPLE_ZIP)));
    if (!result.ok) throw new Error('the sample pack should be valid');
    const files = result.pack.lessons[0]!.files;
    const parsed = parseLessonPack({ trackFolder: '_pack', lessonFolder: 'cafe-first-query', files });
    if (!parsed.ok) throw new Error(parsed.reason);
    const { lesson } = parsed.pack;
    const fetched: string[] = [];
    const handler = gradeRequestHandler(
      initSqlJs().then((SQL) => new SqlEngine(SQL)),
      async (url) => {
        fetched.push(url);
        return null;
      },
    );
    const databases = [{ id: 'cafe-orders', url: 'pack:cafe-orders', variantUrl: null, bytes: result.pack.datasets[0]!.bytes }];
    const grade = async (sql: string) => {
      const out = await handler({ id: 1, action: 'grade', lesson, step: lesson.steps[0]!, answer: { sql }, databases });
      if (!out.response.ok) throw new Error(out.response.error);
      return out.response.value as { pass: boolean; messages: { code: string }[] };
    };
    expect((await grade('SELECT drink, count(*) AS orders FROM orders GROUP BY drink ORDER BY orders DESC, drink')).pass).toBe(true);
    const wrong = await grade('SELECT drink, count(*) AS orders FROM orders GROUP BY drink ORDER BY drink');
    expect(wrong.pass).toBe(false);
    expect(wrong.messages.map((m) => m.code)).toContain('wrong-order');
    // Only the (absent) variant was asked for by URL; the visible copy came with the request.
    expect(fetched.filter((u) => u === 'pack:cafe-orders')).toEqual([]);
  });
});

describe('the desktop command line', () => {
  it('names a class pack (.zip) as it names a database file', () => {
    expect(parseLaunchArgs(['datalit-studio', 'Cafe Workshop.ZIP'], '/home/me')).toBe('/home/me/Cafe Workshop.ZIP');
    expect(parseLaunchArgs(['datalit-studio', '--flag=x.zip', 'notes.txt'], '/w')).toBeNull();
  });
});
