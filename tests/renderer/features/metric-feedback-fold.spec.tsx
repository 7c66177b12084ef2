import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStep } from '../../../core/grading/grade-step.ts';
import { formatMessage, type Message } from '../../../core/grading/messages.ts';
import { loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { FailedVerdict, failedVerdictAnnouncement, splitVerdictMessages } from '../../../renderer/features/lesson/FailedVerdict.tsx';
import { en } from '../../../renderer/i18n/en.ts';
import { ko } from '../../../renderer/i18n/ko.ts';
import { createGradingEngine, loadDatasets } from '../../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../../scripts/lib/lesson-files.ts';

/*
 * Track 3 lesson 1's metric step, answered with a month written by strftime: the grader still
 * reports the known mistake and every series diagnostic (lessons:check reads the codes), but the
 * learner sees the lesson's feedback first and the four diagnostics that repeat it folded into a
 * closed "details", the first differing period kept there.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const STRFTIME =
  "SELECT strftime('%Y-%m-01', order_date) AS period, sum(total_amount - refunded_amount) AS value FROM fact_orders WHERE status NOT IN ('cancelled', 'pending_payment') GROUP BY 1";
const GROSS = "SELECT {{ period('order_date') }} AS period, sum(total_amount) AS value FROM fact_orders GROUP BY 1";

let ctx: GradeContext;
let pack: LessonPack;
let step: Step;

beforeAll(async () => {
  const datasets = await loadDatasets(ROOT);
  ctx = { engine: await createGradingEngine(), databases: datasets.provider };
  const { packs } = loadLessons(readLessonFiles(join(ROOT, 'lessons')));
  const found = packs.find((p) => p.lesson.id === 't3-l1-kpi-definition');
  if (!found) throw new Error('t3-l1-kpi-definition not loaded');
  pack = found;
  step = pack.lesson.steps.find((s) => s.id === 'net-revenue-kpi') as Step;
});

async function render(messages: Message[], lang: 'ko' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, ko: { translation: ko } }, lng: lang, interpolation: { escapeValue: false } });
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={instance}>
      <FailedVerdict messages={messages} lang={lang} />
    </I18nextProvider>,
  );
  const clean = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
  const [outside = '', inside = ''] = html.split('<details');
  return { html, outside: clean(outside), inside: clean(inside ?? ''), announced: failedVerdictAnnouncement(messages, lang, instance.t) };
}

describe('metric feedback after a known mistake', () => {
  it('the grader still reports the known mistake and every series diagnostic', () => {
    const verdict = gradeStep(pack.lesson, step, { sql: STRFTIME }, ctx);
    expect(verdict.pass).toBe(false);
    const codes = verdict.messages.map((m) => m.code);
    expect(codes[0]).toBe('known-mistake');
    expect(codes).toContain('metric-fixed-grain');
    expect(codes.filter((c) => c.startsWith('metric-')).length).toBeGreaterThanOrEqual(2);
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`shows the lesson's feedback and folds the diagnostics that repeat it, the first differing period kept (${lang})`, async () => {
      const verdict = gradeStep(pack.lesson, step, { sql: STRFTIME }, ctx);
      const [known, ...rest] = verdict.messages;
      const { html, outside, inside, announced } = await render(verdict.messages, lang);
      const knownText = formatMessage(known!, lang);
      expect(outside).toContain(knownText.slice(0, 40));
      // One closed details, with every diagnostic in it and none of them outside.
      expect(html.match(/<details/g)).toHaveLength(1);
      expect(html).not.toMatch(/<details[^>]*\sopen/);
      expect(inside).toContain((lang === 'en' ? en : ko).lesson.verdictDetails_other.replace('{{count}}', String(rest.length)));
      for (const m of rest) {
        const text = formatMessage(m, lang).replace(/\s+/g, ' ');
        expect(inside, m.code).toContain(text.slice(0, 30));
        expect(outside, m.code).not.toContain(text.slice(0, 30));
      }
      const differ = rest.find((m) => m.code === 'metric-values-differ');
      if (differ?.code === 'metric-values-differ') expect(inside).toContain(String(differ.params.period));
      // A screen reader hears the feedback, not the folded numbers.
      expect(announced).toContain(knownText);
      expect(announced).not.toContain(formatMessage(rest[0]!, lang));
    });
  }

  it('a known mistake with one diagnostic keeps it in view: nothing to fold', async () => {
    const verdict = gradeStep(pack.lesson, step, { sql: GROSS }, ctx);
    expect(verdict.messages.map((m) => m.code)).toEqual(['known-mistake', 'metric-values-differ']);
    expect(splitVerdictMessages(verdict.messages).folded).toEqual([]);
    const { html, outside } = await render(verdict.messages, 'en');
    expect(html).not.toContain('<details');
    expect(outside).toContain('first ');
  });

  it('without a known mistake every diagnostic stays in view', () => {
    const verdict = gradeStep(pack.lesson, step, { sql: STRFTIME.replace("WHERE status NOT IN ('cancelled', 'pending_payment') ", '') }, ctx);
    expect(verdict.messages[0]?.code).not.toBe('known-mistake');
    expect(splitVerdictMessages(verdict.messages)).toEqual({ shown: verdict.messages, folded: [] });
  });
});
