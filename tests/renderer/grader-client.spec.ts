import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { DatabaseFiles } from '../../core/grading/grader-protocol.ts';
import { LessonSchema, type Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { GradeCancelledError, GraderClient, GradeTimeoutError } from '../../renderer/grading/grader-client.ts';
import { createNodeGraderWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * The grader client against real grader workers (worker_threads running sql.js): checks queue on
 * one connection, and a check that runs past its time limit costs only itself.
 */

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) AS n FROM r';

let lesson: Lesson;
let step: Step;
let databases: DatabaseFiles[];

beforeAll(async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '김민준'), (2, 'Lee'), (3, 'Park');",
  );
  const url = `data:application/vnd.sqlite3;base64,${Buffer.from(db.export()).toString('base64')}`;
  db.close();
  databases = [{ id: 'shop', url, variantUrl: null }];
  lesson = LessonSchema.parse({
    formatVersion: 1,
    id: 'grader-client-test',
    track: 't0',
    order: 1,
    title: { ko: '시험', en: 'Test' },
    minutes: 5,
    question: { ko: '질문', en: 'Question' },
    objectives: [{ id: 'o1', text: { ko: '목표', en: 'Goal' }, seedIdeas: ['t0-literacy'] }],
    dataset: 'shop',
    steps: [
      {
        id: 's1',
        kind: 'query',
        title: { ko: '단계', en: 'Step' },
        objectives: ['o1'],
        prompt: { ko: '고객 수를 세십시오', en: 'Count the customers' },
        hints: [
          { ko: '힌트 1', en: 'hint 1' },
          { ko: '힌트 2', en: 'hint 2' },
        ],
        starter: '',
        solution: 'SELECT count(*) AS n FROM customers',
        knownWrong: [{ sql: 'SELECT 1 AS n', expect: ['column-differs'] }],
      },
    ],
  });
  step = lesson.steps[0] as Step;
});

const clients: GraderClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function client(timeLimitMs: number): GraderClient {
  const c = new GraderClient({ createWorker: createNodeGraderWorker, timeLimitMs });
  clients.push(c);
  return c;
}

describe('GraderClient', () => {
  it('with two checks in flight, the one that times out fails alone and the other still gets its verdict', async () => {
    // Long enough that a right answer finishes in a fresh worker on a loaded machine.
    const grader = client(8000);
    const stuck = grader.grade(lesson, step, { sql: RUNAWAY }, databases).catch((e: unknown) => e);
    const right = grader.grade(lesson, step, { sql: 'SELECT COUNT(*) AS n FROM customers' }, databases);
    const wrong = grader.grade(lesson, step, { sql: 'SELECT 1 AS n' }, databases);
    expect(await stuck).toBeInstanceOf(GradeTimeoutError);
    expect((await right).pass).toBe(true);
    expect((await wrong).pass).toBe(false);
  }, 60_000);

  it('cancels a queued check by id without stopping the one that runs', async () => {
    const grader = client(10_000);
    const first = grader.grade(lesson, step, { sql: 'SELECT count(*) AS n FROM customers' }, databases);
    const second = grader.grade(lesson, step, { sql: 'SELECT 1 AS n' }, databases);
    const dropped = second.catch((e: unknown) => e);
    grader.cancel(second.id);
    expect(await dropped).toBeInstanceOf(GradeCancelledError);
    expect((await first).pass).toBe(true);
  });
});
