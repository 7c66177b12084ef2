import Papa from 'papaparse';
import { cellState, commonMessage, learnerTotals } from './analyse.ts';
import type { MergedClass } from './merge.ts';

/*
 * The class as CSV files a spreadsheet opens as they are: UTF-8 with a byte-order mark (Excel
 * reads Korean right only with it), CRLF line ends, every field quoted where it must be, and a
 * cell that starts like a formula (a learner named "=1+1") escaped so it stays text.
 */

const BOM = '\uFEFF';

const HEADERS = {
  en: {
    steps: ['learner', 'lesson_id', 'lesson', 'step_id', 'step_number', 'step', 'state', 'attempts', 'hints_used', 'solution_shown', 'time_spent_s', 'wrong_answers', 'most_common_message_code', 'last_message_code', 'last_message_text', 'lesson_version', 'updated_at'],
    summary: ['learner', 'steps_passed', 'steps_tried', 'steps_in_class', 'lessons_completed', 'hints_used', 'solutions_shown', 'wrong_answers', 'time_spent_min', 'app_version', 'report_date', 'report_files'],
    states: { passed: 'passed', tried: 'tried, not passed', untouched: 'untouched' },
    yes: 'yes',
    no: 'no',
  },
  ko: {
    steps: ['학습자', '레슨_id', '레슨', '단계_id', '단계_번호', '단계', '상태', '시도', '힌트_사용', '정답_보기', '소요_초', '오답_수', '가장_잦은_메시지_코드', '마지막_메시지_코드', '마지막_메시지', '레슨_버전', '갱신_시각'],
    summary: ['학습자', '통과_단계', '시도_단계', '전체_단계', '완료_레슨', '힌트_사용', '정답_보기', '오답_수', '소요_분', '앱_버전', '보고서_날짜', '보고서_파일'],
    states: { passed: '통과', tried: '시도했으나 미통과', untouched: '시작 안 함' },
    yes: '예',
    no: '아니요',
  },
} as const;

function toCsv(header: readonly string[], rows: (string | number)[][]): string {
  return BOM + Papa.unparse({ fields: [...header], data: rows }, { newline: '\r\n', escapeFormulae: true });
}

/** One row per learner and step of the class (untouched steps too), in course order. */
export function stepsCsv(merged: MergedClass, lang: 'en' | 'ko'): string {
  const h = HEADERS[lang];
  const rows: (string | number)[][] = [];
  for (const learner of merged.learners) {
    for (const step of merged.steps) {
      const s = learner.steps[step.key];
      const state = cellState(s);
      const own = commonMessage([learner], step.key, lang);
      rows.push([
        learner.name,
        step.lessonId,
        step.lessonTitle[lang],
        step.stepId,
        step.number,
        step.stepTitle[lang],
        h.states[state],
        s?.attempts ?? 0,
        s?.hintsUsed ?? 0,
        s?.solutionShown ? h.yes : h.no,
        Math.round((s?.timeSpentMs ?? 0) / 1000),
        (s?.failures ?? []).reduce((n, f) => n + f.count, 0),
        own?.code ?? '',
        s?.lastFailure?.code ?? '',
        s?.lastFailure?.text ?? '',
        learner.lessons[step.lessonId]?.contentHash ?? '',
        s?.updatedAt ?? '',
      ]);
    }
  }
  return toCsv(h.steps, rows);
}

/** One row per learner: their totals. */
export function summaryCsv(merged: MergedClass, lang: 'en' | 'ko'): string {
  const h = HEADERS[lang];
  const rows = merged.learners.map((learner) => {
    const t = learnerTotals(learner);
    return [
      learner.name,
      t.stepsPassed,
      t.stepsTried,
      merged.steps.length,
      t.lessonsCompleted,
      t.hintsUsed,
      t.solutionsShown,
      t.wrongAnswers,
      Math.round(t.timeSpentMs / 6000) / 10,
      learner.appVersion,
      learner.createdAt,
      learner.files.join('; '),
    ];
  });
  return toCsv(h.summary, rows);
}
