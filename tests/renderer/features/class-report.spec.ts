import { beforeEach, describe, expect, it, vi } from 'vitest';

const saved: { name: string; blob: Blob }[] = [];
vi.mock('../../../renderer/host/download.ts', () => ({
  downloadBlob: (name: string, blob: Blob) => saved.push({ name, blob }),
  fileStamp: () => 'stamp',
}));

const { useStore } = await import('../../../renderer/state/store.ts');
const { emitLearningEvent } = await import('../../../renderer/state/learning-events.ts');
const { startRecordingFailures } = await import('../../../renderer/features/class/record-failures.ts');
const { exportReport } = await import('../../../renderer/features/class/class-actions.ts');
const { readReport } = await import('../../../core/class-report/read.ts');
const { COURSE } = await import('../../../renderer/features/course/course-data.ts');

const initial = useStore.getState();

function checked(passed: boolean, code: string | null, text: string | null, stepId = 'count') {
  emitLearningEvent({
    kind: 'step-checked',
    lessonId: 't0-demo',
    stepId,
    at: '2026-12-02T03:00:00.000Z',
    passed,
    attempt: 1,
    timeSpentMs: 1000,
    messageCode: code,
    messageText: text,
    score: passed ? 1 : 0,
  });
}

describe('wrong-answer messages kept with the progress', () => {
  beforeEach(() => {
    useStore.setState(initial, true);
    saved.length = 0;
  });

  it('counts each code of a failed check and keeps the last text; a pass adds nothing', () => {
    const stop = startRecordingFailures();
    checked(false, 'missing-rows', '3 rows missing');
    checked(false, 'missing-rows', '2 rows missing');
    checked(false, 'sql-error', 'near "FROMM": syntax error');
    checked(true, null, null);
    checked(false, null, null, 'other');
    stop();
    checked(false, 'missing-rows', 'after stop');
    const steps = useStore.getState().progress.steps;
    expect(steps['t0-demo/count']?.failures).toEqual({ 'missing-rows': 2, 'sql-error': 1 });
    expect(steps['t0-demo/count']?.lastFailure).toMatchObject({ code: 'sql-error', text: 'near "FROMM": syntax error' });
    expect(steps['t0-demo/other']?.failures).toEqual({ unspecified: 1 });
  });
});

describe('exporting a progress report', () => {
  beforeEach(() => {
    useStore.setState(initial, true);
    saved.length = 0;
  });

  it('saves a valid report over the whole course under the chosen name, with the same key every time', async () => {
    const first = COURSE[0]!;
    const key = `${first.lesson.id}/${first.lesson.steps[0]!.id}`;
    useStore.getState().updateStep(key, () => ({ status: 'in-progress', attempts: 2, failures: { 'missing-rows': 2 } }));
    const day = new Date(2026, 11, 2, 9);
    expect(exportReport('김하나', day)).toBe('progress-report-김하나-2026-12-02.json');
    exportReport('김하나', day);
    const reports = await Promise.all(saved.map(async (s) => readReport(await s.blob.text())));
    expect(reports.every((r) => r.ok)).toBe(true);
    const [a, b] = reports.map((r) => (r.ok ? r.report : null));
    expect(a!.learner).toBe('김하나');
    expect(a!.reportKey).toBe(b!.reportKey);
    expect(useStore.getState().progress.reportKey).toBe(a!.reportKey);
    expect(a!.lessons).toHaveLength(COURSE.length);
    expect(a!.lessons[0]!.steps[0]).toMatchObject({ status: 'in-progress', attempts: 2, failures: [{ code: 'missing-rows', count: 2 }] });
  });
});
