import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { DOC_KEYS } from '../../../core/persist/docs.ts';
import type { TaskError } from '../../../core/pipeline/runner.ts';
import { PipelineSchema } from '../../../core/pipeline/schema.ts';
import { en as pipelineEn, ko as pipelineKo } from '../../../renderer/features/pipeline/messages.ts';
import { taskErrorLine } from '../../../renderer/features/pipeline/RunPanels.tsx';
import { LESSON_FALLBACK_DS, sessionDs, type PipelineSession } from '../../../renderer/features/pipeline/pipeline-store.ts';
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

describe('a failed task’s error in the log', () => {
  const sql: TaskError = { task: 'load_spend', message: 'no such column: costs', line: 3, in: 'sql' };
  it('names the line in the UI language around SQLite’s own words, with no English lead', async () => {
    expect(taskErrorLine(await tIn('en'), sql)).toBe('Line 3: no such column: costs');
    const koText = taskErrorLine(await tIn('ko'), sql);
    expect(koText).toBe('3번째 줄: no such column: costs');
    expect(koText).not.toMatch(/Task|failed at/);
  });
  it('says a template error is in the template, a path error in the path, and a cancel is a cancel', async () => {
    const t = await tIn('ko');
    expect(taskErrorLine(t, { task: 'x', message: "unexpected '}'", line: 2, in: 'template' })).toBe("SQL 템플릿 2번째 줄: unexpected '}'");
    expect(taskErrorLine(t, { task: 'x', message: 'bad', in: 'path' })).toBe('레이크 경로 템플릿: bad');
    expect(taskErrorLine(t, { task: 'x', message: 'Cancelled', cancelled: true })).not.toMatch(/Cancelled/);
  });
});

describe('the logical date a workbench starts on', () => {
  const session = (ds: string | null) => ({ ds }) as PipelineSession;
  const base = PipelineSchema.parse({ formatVersion: 1, id: 'p', database: 'hanbit-warehouse-empty', tasks: [] });
  const scheduled = { ...base, schedule: { start: '2025-03-01', cron: '@daily' } };
  const today = new Date().toISOString().slice(0, 10);
  it('is the lesson step’s ds, else the schedule’s start, and never today in a lesson', () => {
    expect(sessionDs(scheduled, undefined, { defaultDs: '2025-06-15', mode: 'lesson' })).toBe('2025-06-15');
    expect(sessionDs(scheduled, undefined, { mode: 'lesson' })).toBe('2025-03-01');
    expect(sessionDs(base, undefined, { mode: 'lesson' })).toBe(LESSON_FALLBACK_DS);
    expect(LESSON_FALLBACK_DS).not.toBe(today);
  });
  it('gives way to the date the learner picked; on the screen without a schedule it is today', () => {
    expect(sessionDs(scheduled, session('2025-04-02'), { defaultDs: '2025-06-15', mode: 'lesson' })).toBe('2025-04-02');
    expect(sessionDs(base, session(null))).toBe(today);
  });
});

describe('the notices about saved documents', () => {
  it('name every saved document in both languages (the models document too)', () => {
    const names = (m: typeof en) => m.notices as Record<string, string>;
    for (const key of DOC_KEYS) {
      expect(names(en)[`doc_${key}`], `en doc_${key}`).toBeTruthy();
      expect(names(ko)[`doc_${key}`], `ko doc_${key}`).toMatch(/[가-힣]/);
    }
    expect(names(ko).doc_models).toBe('모델 프로젝트');
  });
});

describe('progress reports during a run', () => {
  it('reach the store once per frame, with every task state change kept and the latest progress', async () => {
    const { frameBatcher } = await import('../../../renderer/features/pipeline/pipeline-store.ts');
    const applied: unknown[] = [];
    let frame: (() => void) | null = null;
    const b = frameBatcher(
      (batch) => applied.push(batch),
      (f) => {
        frame = f;
        return () => (frame = null);
      },
    );
    b.event({ type: 'task', run: 'r', task: 'extract', state: 'running' });
    for (let i = 1; i <= 50; i++) b.event({ type: 'progress', run: 'r', task: 'extract', progress: { done: i, total: 100 } });
    b.event({ type: 'task', run: 'r', task: 'extract', state: 'success' });
    b.event({ type: 'task', run: 'r', task: 'clean', state: 'running' });
    b.progress({ done: 1, total: 3 });
    expect(applied).toHaveLength(0);
    (frame as unknown as () => void)();
    expect(applied).toEqual([{ states: { extract: 'success', clean: 'running' }, label: 'clean', progress: { done: 1, total: 3 } }]);
    // Nothing pending: a flush before the run's answer adds nothing.
    b.flush();
    expect(applied).toHaveLength(1);
  });
});
