import { describe, expect, it } from 'vitest';
import { buildReport, lessonContentHash, reportFileName } from '../../../core/class-report/build.ts';
import { readReport } from '../../../core/class-report/read.ts';
import { REPORT_VERSION } from '../../../core/class-report/schema.ts';
import { restoreDoc, restoreDocText } from '../../../core/persist/docs.ts';
import { COURSE, progressOf, reportText } from './fixtures.ts';

describe('building a progress report', () => {
  it('lists every step of the course in order, untouched ones too, with what the learner did', () => {
    const report = buildReport({
      learner: '  김하나 ',
      reportKey: 'k1',
      progress: progressOf({
        't0-l1/count': {
          status: 'done',
          attempts: 3,
          hintsUsed: 1,
          timeSpentMs: 61_500,
          failures: { 'missing-rows': 2, 'sql-error': 1 },
          lastFailure: { code: 'missing-rows', text: '3 rows missing', at: '2026-12-01T09:59:00.000Z' },
        },
        't1-l1/where': { status: 'in-progress', attempts: 1, solutionRevealed: true },
      }),
      course: COURSE,
      appVersion: '0.1.0',
      language: 'ko',
      now: new Date('2026-12-01T12:00:00Z'),
    });
    expect(report.learner).toBe('김하나');
    expect(report.app.version).toBe('0.1.0');
    expect(report.lessons.map((l) => l.id)).toEqual(['t0-l1', 't1-l1']);
    expect(report.lessons[0]!.contentHash).toMatch(/^[0-9a-f]{16}$/);
    const [read, count] = report.lessons[0]!.steps;
    expect(read).toMatchObject({ id: 'read', status: 'not-started', attempts: 0, updatedAt: null, failures: [], lastFailure: null });
    expect(count).toMatchObject({
      status: 'done',
      attempts: 3,
      hintsUsed: 1,
      solutionShown: false,
      timeSpentMs: 61_500,
      failures: [
        { code: 'missing-rows', count: 2 },
        { code: 'sql-error', count: 1 },
      ],
      lastFailure: { code: 'missing-rows', text: '3 rows missing' },
    });
    expect(report.lessons[1]!.steps[0]).toMatchObject({ status: 'in-progress', solutionShown: true });
    // Nothing about the learner beyond the chosen name and the random key.
    expect(Object.keys(report).sort()).toEqual(['app', 'createdAt', 'kind', 'language', 'learner', 'lessons', 'reportKey', 'version']);
  });

  it('round-trips through its own reader', () => {
    const read = readReport(reportText('Ana', { 't0-l1/read': { status: 'done' } }));
    expect(read.ok).toBe(true);
  });

  it('hashes content: the same lesson text gives the same hash, a change gives another', () => {
    expect(lessonContentHash({ a: 1 })).toBe(lessonContentHash({ a: 1 }));
    expect(lessonContentHash({ a: 1 })).not.toBe(lessonContentHash({ a: 2 }));
  });

  it('names the file after the learner and the day, keeping Hangul and dropping what a file system refuses', () => {
    const day = new Date(2026, 11, 2, 9, 30);
    expect(reportFileName('김하나', day)).toBe('progress-report-김하나-2026-12-02.json');
    expect(reportFileName('Ana / B: "x"', day)).toBe('progress-report-Ana-B-x-2026-12-02.json');
    expect(reportFileName('///', day)).toBe('progress-report-learner-2026-12-02.json');
  });
});

describe('refusing a report', () => {
  it('refuses text that is not JSON', () => {
    expect(readReport('{ nope')).toMatchObject({ ok: false, problem: 'not-json' });
  });
  it('refuses JSON that is not a report (a progress file, say)', () => {
    expect(readReport(JSON.stringify(progressOf({ 'a/b': { status: 'done' } })))).toMatchObject({ ok: false, problem: 'not-report' });
  });
  it('refuses a report from a newer app with its format number', () => {
    const raw = JSON.parse(reportText('Ana', {})) as Record<string, unknown>;
    raw.version = REPORT_VERSION + 1;
    expect(readReport(JSON.stringify(raw))).toEqual({ ok: false, problem: 'newer-version', detail: String(REPORT_VERSION + 1) });
  });
  it('refuses a report whose content breaks the schema, naming where', () => {
    const raw = JSON.parse(reportText('Ana', {})) as { lessons: { steps: { attempts: unknown }[] }[] };
    raw.lessons[0]!.steps[0]!.attempts = -2;
    const read = readReport(JSON.stringify(raw));
    expect(read).toMatchObject({ ok: false, problem: 'invalid' });
    expect(!read.ok && read.detail).toContain('lessons.0.steps.0.attempts');
  });
  it('refuses a report without a learner name', () => {
    const raw = JSON.parse(reportText('Ana', {})) as { learner: string };
    raw.learner = '   ';
    expect(readReport(JSON.stringify(raw))).toMatchObject({ ok: false, problem: 'invalid' });
  });
  it('reads a report saved with a byte-order mark', () => {
    expect(readReport('\uFEFF' + reportText('Ana', {})).ok).toBe(true);
  });
});

describe('progress files keep loading with the new wrong-answer fields', () => {
  it('loads a progress file written before the fields existed, unchanged', () => {
    const old = {
      version: 1,
      steps: { 't0-l1/count': { status: 'done', attempts: 2, hintsUsed: 0, solutionRevealed: false, timeSpentMs: 5, updatedAt: '2026-01-01T00:00:00Z' } },
      lastLocation: 't0-l1/count',
    };
    const restored = restoreDocText('progress', JSON.stringify(old));
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.value.steps['t0-l1/count']).toEqual(old.steps['t0-l1/count']);
    expect(restored.value.reportKey).toBeUndefined();
  });
  it('keeps the failures and last failure when present, and refuses a negative count', () => {
    const doc = progressOf({
      'a/b': { status: 'in-progress', attempts: 1, failures: { 'missing-rows': 1 }, lastFailure: { code: 'missing-rows', text: 't', at: 'x' } },
    });
    const restored = restoreDoc('progress', { ...doc, reportKey: 'k' });
    expect(restored.ok && restored.value.steps['a/b']?.failures).toEqual({ 'missing-rows': 1 });
    expect(restored.ok && restored.value.reportKey).toBe('k');
    const bad = { ...doc, steps: { 'a/b': { ...doc.steps['a/b'], failures: { x: -1 } } } };
    expect(restoreDoc('progress', bad).ok).toBe(false);
  });
});
