import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, setSql, test, waitForReady } from './fixtures.ts';

/** Code looks like code: hints, the solution and the query behind a chart are highlighted SQL. */

const L1 = 't0-l1-data-literacy';

/** Serious WCAG A/AA problems (contrast above all) inside the highlighted code on screen. */
async function codeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.code-block').include('.code-inline').withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`)
          .slice(0, 4)
          .join(' / ')}`,
    );
}

/** Whether `text` inside `el` is drawn on a single line (not broken inside it). */
async function onOneLine(el: Locator, text: string): Promise<boolean> {
  return el.evaluate((node, needle) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + needle.length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return tops.size === 1;
    }
    throw new Error(`${needle} not found`);
  }, text);
}

test('hints and the solution show SQL in the code font, highlighted, and copy it exactly', async ({ course }) => {
  await course.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await course.getByTestId(`lesson-${L1}`).click();
  await course.getByTestId('step-orders-by-platform').click();
  await course.getByTestId('hint').click();
  const code = course.getByTestId('hints').locator('.code-inline', { hasText: 'GROUP BY platform' });
  await expect(code).toHaveAttribute('data-highlighted', 'true', { timeout: 20_000 });
  // Monaco's tokenizer marked the keywords: GROUP BY is coloured, the name is plain text.
  await expect(code.locator('.tok-keyword')).toHaveText('GROUP BY');
  const keyword = await code.locator('.tok-keyword').evaluate((s) => getComputedStyle(s).color);
  expect(keyword).not.toBe(await code.evaluate((el) => getComputedStyle(el).color));
  expect(await code.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
  expect(await code.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/Mono/);

  await course.getByTestId('show-solution').click();
  await course.getByTestId('solution-confirm').click();
  const solution = course.getByTestId('solution-code');
  await expect(solution.locator('pre')).toHaveAttribute('data-highlighted', 'true');
  await expect(solution).toContainText('GROUP BY platform');
  await solution.getByRole('button').click();
  await expect
    .poll(() => course.evaluate(() => navigator.clipboard.readText()))
    .toBe('SELECT platform, count(*) AS orders\nFROM fact_orders\nGROUP BY platform\nORDER BY orders DESC, platform;');

  // Every token colour keeps enough contrast, in light and in dark.
  expect(await codeViolations(course)).toEqual([]);
  await course.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expect(solution.locator('pre')).toHaveAttribute('data-highlighted', 'true');
  expect(await codeViolations(course)).toEqual([]);
});

test('the query behind a chart is highlighted SQL in both languages', async ({ course }) => {
  await course.getByTestId(`lesson-${L1}`).click();
  await expect(course.getByTestId('chart-view').locator('svg')).toBeVisible({ timeout: 20_000 });
  await course.locator('.read-chart-sql summary').click();
  const query = course.getByTestId('chart-query');
  await expect(query.locator('pre')).toHaveAttribute('data-highlighted', 'true', { timeout: 20_000 });
  await expect(query).toContainText('FROM fact_orders');
  const light = await query.locator('.tok-keyword', { hasText: 'SELECT' }).evaluate((s) => getComputedStyle(s).color);
  // Follows the theme: the keyword colour changes in dark.
  await course.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expect.poll(() => query.locator('.tok-keyword', { hasText: 'SELECT' }).evaluate((s) => getComputedStyle(s).color)).not.toBe(light);
});

test('a history preview wraps between words, never inside a table name', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto('/');
  await waitForReady(page);
  const sql = 'SELECT order_id, customer_id, platform, total_amount, net_revenue FROM fact_order_items_with_a_long_name_for_wrapping;';
  await setSql(page, sql);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('sql-error')).toBeVisible();
  await page.getByTestId('tab-history').click();
  const preview = page.getByTestId('history-list').locator('.query-item code').first();
  await expect(preview).toContainText('fact_order_items');
  for (const name of ['customer_id', 'total_amount', 'net_revenue']) expect(await onOneLine(preview, name), name).toBe(true);
});
