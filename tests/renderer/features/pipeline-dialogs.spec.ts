import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { IdempotencyReport, TaskLog } from '../../../core/pipeline/runner.ts';
import { PipelineSchema } from '../../../core/pipeline/schema.ts';
import { en as pipelineEn, ko as pipelineKo } from '../../../renderer/features/pipeline/messages.ts';
import { daysBetween, defaultBackfillRange, idempotencyFailure, MAX_BACKFILL_DAYS } from '../../../renderer/features/pipeline/PipelineDialogs.tsx';
import { LESSON_FALLBACK_DS, sessionDs } from '../../../renderer/features/pipeline/pipeline-store.ts';
import { en } from '../../../renderer/i18n/en.ts';
import { ko } from '../../../renderer/i18n/ko.ts';

async function tIn(lang: 'en' | 'ko') {
  const i = i18next.createInstance();
  await i.init({
    resources: { en: { translation: { ...en, pipeline: pipelineEn } }, ko: { translation: { ...ko, pipeline: pipelineKo } } },
    lng: lang,
    interpolation: { escapeValue: false },
  });
  return i.t;
}

describe('the range the Backfill dialog opens with', () => {
  const base = PipelineSchema.parse({ formatVersion: 1, id: 'p', database: 'hanbit-warehouse-empty', tasks: [] });
  const today = new Date().toISOString().slice(0, 10);

  it('ends on the lesson step’s date, not today, when the pipeline has no schedule', () => {
    const ds = sessionDs(base, undefined, { defaultDs: '2025-06-15', mode: 'lesson' });
    expect(defaultBackfillRange(base, ds)).toEqual({ from: '2025-06-13', to: '2025-06-15' });
    const fallback = defaultBackfillRange(base, sessionDs(base, undefined, { mode: 'lesson' }));
    expect(fallback.to).toBe(LESSON_FALLBACK_DS);
    expect([fallback.from, fallback.to]).not.toContain(today);
  });

  it('is the schedule’s start…end when that range holds the date', () => {
    const scheduled = { ...base, schedule: { start: '2025-03-01', end: '2025-03-05', cron: '@daily' } };
    expect(defaultBackfillRange(scheduled, '2025-03-03')).toEqual({ from: '2025-03-01', to: '2025-03-05' });
    // An open-ended schedule runs up to the current date.
    const open = { ...base, schedule: { start: '2025-03-01', cron: '@daily' } };
    expect(defaultBackfillRange(open, '2025-03-10')).toEqual({ from: '2025-03-01', to: '2025-03-10' });
  });

  it('gives way to three days around the date when the schedule misses it or is too long to run', () => {
    const scheduled = { ...base, schedule: { start: '2025-03-01', end: '2025-03-05', cron: '@daily' } };
    expect(defaultBackfillRange(scheduled, '2025-06-15')).toEqual({ from: '2025-06-13', to: '2025-06-15' });
    const long = { ...base, schedule: { start: '2024-01-01', cron: '@daily' } };
    const range = defaultBackfillRange(long, '2025-12-31');
    expect(range).toEqual({ from: '2025-12-29', to: '2025-12-31' });
    expect(daysBetween(range.from, range.to)).toBeLessThanOrEqual(MAX_BACKFILL_DAYS);
  });

  it('crosses month and year ends as the calendar does', () => {
    expect(defaultBackfillRange(base, '2025-03-01')).toEqual({ from: '2025-02-27', to: '2025-03-01' });
    expect(defaultBackfillRange(base, '2025-01-01')).toEqual({ from: '2024-12-30', to: '2025-01-01' });
  });
});

describe('the Idempotency check when a run fails', () => {
  const log = (state: TaskLog['state'], error?: TaskLog['error']): TaskLog => ({
    task: 'daily_sales',
    kind: 'sql',
    state,
    rowsRead: 0,
    rowsWritten: 0,
    rowsDeleted: 0,
    rowsQuarantined: 0,
    ms: 1,
    tablesWritten: [],
    ...(error ? { error } : {}),
  });
  const report = (first: TaskLog, second: TaskLog | null): IdempotencyReport => ({ task: 'daily_sales', ds: '2025-03-01', idempotent: false, tables: [], first, second });
  const broken = { task: 'daily_sales', message: 'UNIQUE constraint failed: daily_sales.day', line: 4, in: 'sql' as const };

  it('shows the second run’s error with the task and line, in both languages', async () => {
    const r = report(log('success'), log('failed', broken));
    expect(idempotencyFailure(await tIn('en'), r)).toBe('The second run of daily_sales failed, so nothing was compared. Line 4: UNIQUE constraint failed: daily_sales.day');
    expect(idempotencyFailure(await tIn('ko'), r)).toBe('daily_sales 작업의 두 번째 실행이 실패해 비교하지 못했습니다. 4번째 줄: UNIQUE constraint failed: daily_sales.day');
  });

  it('still names a first-run failure, and says nothing when both runs succeeded', async () => {
    const t = await tIn('ko');
    expect(idempotencyFailure(t, report(log('failed', { ...broken, message: 'no such table: sales' }), null))).toBe(
      'daily_sales 작업의 첫 실행이 실패해 비교하지 못했습니다. 4번째 줄: no such table: sales',
    );
    expect(idempotencyFailure(t, report(log('success'), log('success')))).toBeNull();
  });

  it('words a cancelled second run as a cancel, in the UI language', async () => {
    const text = idempotencyFailure(await tIn('ko'), report(log('success'), log('failed', { task: 'daily_sales', message: 'Cancelled', cancelled: true })));
    expect(text).toMatch(/두 번째 실행/);
    expect(text).not.toMatch(/Cancelled/);
  });
});
