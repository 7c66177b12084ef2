import { describe, expect, it } from 'vitest';
import { isoDuration } from '../../../core/xapi/duration.ts';
import { RegistrationBook } from '../../../core/xapi/registrations.ts';
import { ACTIVITY_TYPES, VERBS, XapiStatementSchema, type XapiStatement } from '../../../core/xapi/schema.ts';
import { statementsFor, type StatementSettings, type XapiSourceEvent } from '../../../core/xapi/statements.ts';

const settings: StatementSettings = {
  activityBase: 'https://datalit.studio/xapi/',
  homePage: 'https://lms.example.com',
  accountName: 'learner-042',
  platform: 'Datalit Studio 0.1.0 (desktop)',
  language: 'ko-KR',
  names: (lessonId) =>
    lessonId === 'l01-select'
      ? {
          title: { ko: '첫 SELECT', en: 'First SELECT' },
          steps: { s1: { ko: '모든 열', en: 'All columns' }, s2: { ko: '열 고르기', en: 'Pick columns' } },
        }
      : null,
};

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 3, 0, s)).toISOString();
const opened = (stepId: string, s: number): XapiSourceEvent => ({ kind: 'step-opened', lessonId: 'l01-select', stepId, at: at(s) });
const checked = (stepId: string, s: number, passed: boolean, attempt: number, timeSpentMs: number): XapiSourceEvent => ({
  kind: 'step-checked',
  lessonId: 'l01-select',
  stepId,
  at: at(s),
  passed,
  attempt,
  timeSpentMs,
  messageCode: passed ? null : 'rows-missing',
  messageText: passed ? null : 'Rows are missing.',
  score: passed ? 1 : 0,
});
const completed = (s: number, timeSpentMs: number): XapiSourceEvent => ({
  kind: 'lesson-completed',
  lessonId: 'l01-select',
  at: at(s),
  timeSpentMs,
});

/** A whole lesson, started again after it was completed. */
function run(events: XapiSourceEvent[], book = new RegistrationBook()): XapiStatement[] {
  return events.flatMap((e) => statementsFor(e, settings, book));
}

const LESSON_TWICE = [
  opened('s1', 0),
  checked('s1', 30, false, 1, 30_000),
  { kind: 'hint-shown', lessonId: 'l01-select', stepId: 's1', at: at(31), hintsUsed: 1 } as XapiSourceEvent,
  checked('s1', 50, true, 2, 83_500),
  opened('s2', 51),
  checked('s2', 59, true, 1, 3_723_004),
  completed(59, 3_806_504),
  opened('s1', 70),
];

const isAbsoluteIri = (s: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s);

describe('xAPI statements from learning events', () => {
  const statements = run(LESSON_TWICE);

  it('maps each event to its verb: opened -> attempted, checked -> failed/passed, completion -> completed; a hint makes none', () => {
    expect(statements.map((s) => s.verb.id.split('/').pop())).toEqual([
      'attempted',
      'failed',
      'passed',
      'attempted',
      'passed',
      'completed',
      'attempted',
    ]);
  });

  it('every statement passes the schema and the 1.0.3 rules that can be checked', () => {
    for (const s of statements) {
      const parsed = XapiStatementSchema.safeParse(s);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(s.version).toBe('1.0.3');
      expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(s.context.registration).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Object.values(VERBS)).toContain(s.verb.id);
      for (const iri of [s.verb.id, s.object.id, s.object.definition.type, s.actor.account.homePage])
        expect(isAbsoluteIri(iri), iri).toBe(true);
      expect(new Date(s.timestamp).toISOString()).toBe(s.timestamp);
      if (s.result) expect(s.result.duration).toMatch(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
    }
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
  });

  it('names the learner by the account they chose, never an e-mail', () => {
    expect(statements[0]!.actor).toEqual({ objectType: 'Agent', account: { homePage: 'https://lms.example.com', name: 'learner-042' } });
    expect(JSON.stringify(statements)).not.toMatch(/mbox|mailto/);
  });

  it('identifies steps and lessons by IRIs under the configured base, named in both languages', () => {
    const step = statements[0]!;
    expect(step.object).toEqual({
      objectType: 'Activity',
      id: 'https://datalit.studio/xapi/lessons/l01-select/steps/s1',
      definition: { name: { 'ko-KR': '모든 열', 'en-US': 'All columns' }, type: ACTIVITY_TYPES.interaction },
    });
    expect(step.context.contextActivities?.parent[0].id).toBe('https://datalit.studio/xapi/lessons/l01-select');
    expect(step.context.contextActivities?.parent[0].definition.name['en-US']).toBe('First SELECT');
    const done = statements[5]!;
    expect(done.object.definition.type).toBe(ACTIVITY_TYPES.lesson);
    expect(done.object.id).toBe('https://datalit.studio/xapi/lessons/l01-select');
    expect(step.context.platform).toBe('Datalit Studio 0.1.0 (desktop)');
    expect(step.context.language).toBe('ko-KR');
  });

  it('gives checks a result with success, score and an ISO 8601 duration, and the completion its time', () => {
    expect(statements[1]!.result).toMatchObject({ success: false, score: { scaled: 0, raw: 0, min: 0, max: 100 }, duration: 'PT30S' });
    expect(statements[2]!.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 }, duration: 'PT1M23.5S' });
    expect(statements[4]!.result).toMatchObject({ duration: 'PT1H2M3.004S' });
    expect(statements[5]!.result).toEqual({ completion: true, duration: 'PT1H3M26.504S' });
    expect(statements[1]!.result).toMatchObject({
      extensions: {
        'https://datalit.studio/xapi/extensions/attempt': 1,
        'https://datalit.studio/xapi/extensions/message-code': 'rows-missing',
      },
    });
  });

  it('keeps one registration per lesson attempt and starts a new one when the lesson is opened after completion', () => {
    const regs = statements.map((s) => s.context.registration);
    expect(new Set(regs.slice(0, 6)).size).toBe(1);
    expect(regs[6]).not.toBe(regs[0]);
  });

  it('keeps the attempt across a restart when the book is restored from its saved state', () => {
    const book = new RegistrationBook();
    const first = run([opened('s1', 0)], book);
    const after = run([checked('s1', 5, true, 1, 5000)], new RegistrationBook(JSON.parse(JSON.stringify(book.state))));
    expect(after[0]!.context.registration).toBe(first[0]!.context.registration);
  });

  it('the schema refuses what this app must never send', () => {
    const good = statements[2]!;
    const bad = (patch: object) => XapiStatementSchema.safeParse({ ...structuredClone(good), ...patch }).success;
    expect(bad({})).toBe(true);
    expect(bad({ version: '1.0.0' })).toBe(false);
    expect(bad({ id: 'not-a-uuid' })).toBe(false);
    expect(bad({ actor: { objectType: 'Agent', mbox: 'mailto:someone@example.com' } })).toBe(false);
    expect(bad({ object: { ...good.object, id: 'lessons/l01/steps/s1' } })).toBe(false);
    expect(bad({ result: { ...good.result, duration: '83.5 seconds' } })).toBe(false);
    expect(bad({ result: { ...good.result, success: false } })).toBe(false);
    expect(bad({ context: { ...good.context, registration: 'attempt-1' } })).toBe(false);
    expect(bad({ timestamp: '2026-12-02 03:00' })).toBe(false);
  });
});

describe('isoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [500, 'PT0.5S'],
    [83_500, 'PT1M23.5S'],
    [60_000, 'PT1M'],
    [3_600_000, 'PT1H'],
    [3_723_004, 'PT1H2M3.004S'],
  ])('%i ms is %s', (ms, iso) => expect(isoDuration(ms)).toBe(iso));
});
