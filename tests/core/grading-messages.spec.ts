import { describe, expect, it } from 'vitest';
import { AUDIENCE, formatMessage, isAuthorFacing, message, MESSAGE_CODES, MESSAGE_LANGUAGES, type Message } from '../../core/grading/messages.ts';
import { LANGS } from '../../core/lessons/localized.ts';

const HANGUL = /[\uac00-\ud7a3]/;

describe('grader message tables', () => {
  it('have one template for every code in every language, and no other', () => {
    for (const lang of LANGS) expect(Object.keys(MESSAGE_LANGUAGES[lang].messages).sort(), lang).toEqual([...MESSAGE_CODES].sort());
    expect(MESSAGE_CODES.length).toBeGreaterThan(25);
  });

  it('say something in each language: Korean in Korean, and the two differ', () => {
    // Parameterless codes render without parameters, so each language's text can be read as is.
    for (const code of ['not-a-select', 'order-by-required', 'no-answer', 'reason-required', 'number-wrong'] as const) {
      const m = { code, params: {} } as Message;
      const ko = formatMessage(m, 'ko');
      const en = formatMessage(m, 'en');
      expect(ko, code).toMatch(HANGUL);
      expect(en, code).not.toMatch(HANGUL);
      expect(ko).not.toBe(en);
    }
  });

  it('format counts through the locale (thousands separators in both languages)', () => {
    expect(formatMessage(message('too-many-rows', { limit: 100000 }), 'en')).toContain('100,000');
    expect(formatMessage(message('too-many-rows', { limit: 100000 }), 'ko')).toContain('100,000');
  });

  it('prefix a build target per language', () => {
    const m = message('wrong-order', { position: 2 }, 'region_revenue');
    expect(formatMessage(m, 'en')).toBe('In region_revenue: Right rows, wrong order (from row 2).');
    expect(formatMessage(m, 'ko')).toBe('[region_revenue] 행은 맞지만 순서가 다릅니다 (2번째 행부터).');
  });
});

describe('who a message is for', () => {
  it('marks a broken step as the author’s problem, never the learner’s', () => {
    expect(isAuthorFacing(message('lesson-error', { message: 'reference solution: no such table: x' }))).toBe(true);
    expect(isAuthorFacing(message('no-database', { database: 'gone' }))).toBe(true);
    expect(isAuthorFacing(message('bad-answer', { expected: 'SQL text' }))).toBe(true);
  });

  it('keeps every mistake in an answer for the learner', () => {
    expect(isAuthorFacing(message('sql-error', { message: 'near "SELEC"', line: 1, column: 1 }))).toBe(false);
    expect(isAuthorFacing(message('row-count', { expected: 3, actual: 5 }))).toBe(false);
    expect(isAuthorFacing(message('number-wrong', {}))).toBe(false);
    const learner = MESSAGE_CODES.filter((c) => AUDIENCE[c] === 'learner');
    expect(learner.length).toBeGreaterThan(20);
  });
});
