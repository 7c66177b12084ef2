import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { FailedVerdict, failedVerdictAnnouncement } from '../../../renderer/features/lesson/FailedVerdict.tsx';
import { en } from '../../../renderer/i18n/en.ts';
import { ko } from '../../../renderer/i18n/ko.ts';
import { message, type Message } from '../../../core/grading/messages.ts';

async function i18n(lang: 'ko' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, ko: { translation: ko } }, lng: lang, interpolation: { escapeValue: false } });
  return instance;
}

async function render(messages: Message[], lang: 'ko' | 'en'): Promise<{ html: string; text: string; announced: string }> {
  const instance = await i18n(lang);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={instance}>
      <FailedVerdict messages={messages} lang={lang} />
    </I18nextProvider>,
  );
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');
  return { html, text, announced: failedVerdictAnnouncement(messages, lang, instance.t) };
}

const broken = message('lesson-error', { message: 'reference solution: no such table: fact_ordres' });

describe('a failed verdict in the lesson player', () => {
  it('shows a wrong answer as "Not yet" with what differs', async () => {
    const { html, text, announced } = await render([message('row-count', { expected: 3, actual: 5 })], 'en');
    expect(html).toContain('data-testid="verdict-fail"');
    expect(text).toContain(en.lesson.notYet);
    expect(text).toContain('Expected 3 rows, got 5.');
    expect(announced).toBe(`${en.lesson.notYet} Expected 3 rows, got 5.`);
  });

  for (const lang of ['en', 'ko'] as const) {
    const strings = lang === 'en' ? en : ko;
    it(`does not call a broken step the learner's mistake (${lang})`, async () => {
      const { html, text, announced } = await render([broken], lang);
      expect(html).not.toContain('verdict-fail');
      expect(text).not.toContain(strings.lesson.notYet);
      expect(announced).not.toContain(strings.lesson.notYet);
      // The neutral notice in the UI language, and the announcement says the same without the detail.
      expect(text).toContain(strings.lesson.stepProblem);
      expect(announced).toContain(strings.lesson.stepProblem);
      expect(announced).not.toContain('fact_ordres');
      // The author's detail is there, folded into a closed <details>.
      expect(html).toMatch(/<details class="problem-detail"><summary>[^<]+<\/summary><ul><li>[^<]*fact_ordres/);
      expect(html).not.toMatch(/<details[^>]*\sopen/);
    });
  }

  it('keeps a learner message beside a broken step out of sight: the step cannot grade fairly', async () => {
    const { text } = await render([message('rows-missing', { count: 2, columns: ['id'], examples: [[1]] }), message('lesson-error', { message: 'setup: boom' }, 'sales')], 'en');
    expect(text).toContain(en.lesson.stepProblem);
    expect(text).not.toContain('rows missing');
    expect(text).toContain('setup: boom');
  });
});
