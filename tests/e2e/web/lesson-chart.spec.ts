import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * A lesson chart speaks the UI language: a Korean learner reads '월' and '주문 수' under L1's
 * chart, Korean month names and thousands separators; switching to English redraws it in English.
 */
test.use({ locale: 'ko-KR' });

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.getByTestId('chart-view').locator('svg').locator(selector).locator('text').allTextContents();
}

test('L1’s chart has Korean axis titles and month names in Korean, English ones in English', async ({ course }) => {
  await course.getByTestId('lesson-t0-l1-data-literacy').click();
  const svg = course.getByTestId('chart-view').locator('svg');
  await expect(svg).toBeVisible({ timeout: 20_000 });
  await expect(svg.locator('.role-axis-title text')).toHaveText(['월', '주문 수']);
  const months = (await texts(course, '.role-axis-label >> nth=0')).join(' ');
  expect(months).toContain('12월');
  expect(months).toContain('2025');
  expect(months).not.toMatch(/month|Dec|\d{4}-\d{2}/);
  const counts = await texts(course, '.role-axis-label >> nth=1');
  expect(
    counts.some((t) => /^\d{1,3}(,\d{3})+$/.test(t)),
    counts.join(' | '),
  ).toBe(true);

  // The choice step about the same chart shows it too, in Korean.
  await course.getByTestId('step-what-the-chart-shows').click();
  await expect(svg.locator('.role-axis-title text')).toHaveText(['월', '주문 수'], { timeout: 20_000 });

  await course.getByTestId('toggle-language').click();
  await expect(svg.locator('.role-axis-title text')).toHaveText(['Month', 'Orders']);
  const monthsEn = (await texts(course, '.role-axis-label >> nth=0')).join(' ');
  expect(monthsEn).toContain('Dec');
  expect(monthsEn).not.toContain('12월');
});
