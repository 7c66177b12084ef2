import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import { setSql } from './fixtures.ts';

/*
 * A step the grader cannot check (here: its database cannot be fetched by the grader) is the
 * lesson's problem. The learner must not read "Not yet" as if their answer were wrong: they get
 * a neutral notice in their language, with the author's detail folded away.
 */

for (const [locale, texts] of [
  ['ko-KR', { problem: '이 단계에 문제가 있습니다. 내 답이 틀린 것이 아닙니다.', notYet: '아직입니다', detail: "'hanbit-warehouse'" }],
  ['en-US', { problem: 'This step has a problem; your answer is not at fault.', notYet: 'Not yet.', detail: "The database 'hanbit-warehouse' is not available." }],
] as const) {
  test.describe(locale, () => {
    test.use({ locale });

    test('a broken step is a neutral notice, not the learner’s mistake', async ({ page, context }) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto('/');
      await page.getByTestId('lesson-t0-l1-data-literacy').click();
      await page.getByTestId('read-continue').click();
      await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
      await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });
      // From now on the step's database is gone for the grader (the editor already has its copy).
      await context.route('**/datasets/hanbit-warehouse.sqlite', (route) => route.fulfill({ status: 404, body: '' }));
      await setSql(page, 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;');
      await page.getByTestId('check').click();

      const notice = page.getByTestId('verdict-problem');
      await expect(notice).toBeVisible({ timeout: 30_000 });
      await expect(notice).toContainText(texts.problem);
      await expect(page.getByTestId('verdict-fail')).toHaveCount(0);
      await expect(page.getByTestId('feedback')).not.toContainText(texts.notYet);
      await expect(page.getByTestId('feedback-announcement')).toContainText(texts.problem);
      // The author's detail is there but folded until asked for.
      const detail = notice.locator('details');
      await expect(detail.locator('li')).toBeHidden();
      await detail.locator('summary').click();
      await expect(detail.locator('li')).toContainText(texts.detail);

      const axe = await new AxeBuilder({ page }).include('[data-testid="feedback"]').withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}

test('a grader that fails outright is a problem of the step too, not a red error', async ({ page, context }) => {
  await page.goto('/');
  await page.getByTestId('lesson-t0-l1-data-literacy').click();
  await page.getByTestId('read-continue').click();
  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  // The grader's download breaks off: its fetch throws instead of answering 404.
  await context.route('**/datasets/hanbit-warehouse.sqlite', (route) => route.abort('failed'));
  await setSql(page, 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;');
  await page.getByTestId('check').click();
  const notice = page.getByTestId('verdict-problem');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('feedback').locator('.verdict.fail')).toHaveCount(0);
  await notice.locator('summary').click();
  await expect(notice.locator('li')).toContainText('grader:');
});
