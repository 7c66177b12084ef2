import type { Page } from '@playwright/test';
import { test, expect, setSql } from './fixtures.ts';

/**
 * Charts that teach good charts and numbers people can read, as a learner meets them in the
 * sandbox (which opens on the warehouse): a line per platform, separators on screen, raw values
 * on the clipboard and in the CSV.
 */

const MONTH_PLATFORM =
  'SELECT substr(order_date, 1, 7) AS month, platform, sum(total_amount) AS revenue\nFROM fact_orders\nGROUP BY month, platform\nORDER BY month, platform;';

async function run(page: Page, sql: string, rows: string): Promise<void> {
  await setSql(page, sql);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('row-info')).toHaveText(rows);
}

test('month × platform × revenue draws one coloured line per platform, with a legend and readable axis', async ({ app }) => {
  await run(app, MONTH_PLATFORM, '54 rows');
  await app.getByTestId('tab-chart').click();
  const svg = app.getByTestId('chart-view').locator('svg');
  await expect(svg).toBeVisible();
  // The builder chose a line, month on X, and colour by platform: no sawtooth through all three.
  await expect(app.getByTestId('chart-mark')).toHaveText(/Line/);
  await expect(app.getByTestId('chart-color')).toHaveText(/platform/);
  await expect(svg.locator('.role-legend-label text')).toHaveText(['android', 'ios', 'web']);
  await expect(svg.locator('.role-legend-title text')).toHaveText('platform');
  await expect(svg.locator('.mark-line.role-mark path')).toHaveCount(3);
  // The revenue axis reads 10,000,000 rather than 1e+7 or 10000000.
  const yLabels = await svg.locator('.role-axis-label').last().locator('text').allTextContents();
  expect(yLabels.some((t) => /^\d{1,3}(,\d{3}){2,}$/.test(t)), yLabels.join(' | ')).toBe(true);
  // Months on a month axis: no weekly ticks between them.
  const xLabels = await svg.locator('.role-axis-label').first().locator('text').allTextContents();
  expect(xLabels.join(' ')).not.toMatch(/\d{2}$/);
  expect(xLabels).toContain('2025');
});

test('categories with a number become bars sorted by value, and more than twelve show the top with a note', async ({ app }) => {
  await run(app, 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform;', '3 rows');
  await app.getByTestId('tab-chart').click();
  const svg = app.getByTestId('chart-view').locator('svg');
  await expect(app.getByTestId('chart-mark')).toHaveText(/Bar/);
  await expect(svg.locator('.mark-rect path')).toHaveCount(3);
  await expect(app.getByTestId('chart-top-note')).toHaveCount(0);

  // 304 product names: the 12 best sellers, lying down because their names are long, with a note.
  await run(app, 'SELECT p.name_en AS product, sum(i.quantity) AS units\nFROM fact_order_items i JOIN dim_product p USING (product_id)\nGROUP BY product;', '304 rows');
  await expect(svg.locator('.mark-rect path')).toHaveCount(12);
  await expect(app.getByTestId('chart-top-note')).toContainText('12 largest of 304');
  // Long labels sit on the Y axis, readable, not slanted under the bars.
  const yLabels = await svg.locator('.role-axis-label').last().locator('text').allTextContents();
  expect(yLabels).toHaveLength(12);
  await app.getByTestId('chart-top-note').getByRole('button').click();
  await expect(svg.locator('.mark-rect path')).toHaveCount(304);
});

test('the grid shows 1,082,160,000 while a copy and the CSV export keep 1082160000', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await run(app, 'SELECT 20010 AS order_id, sum(total_amount) AS revenue, round(avg(total_amount), 2) AS average FROM fact_orders;', '1 row');
  const grid = app.getByTestId('result-grid');
  const revenue = grid.locator('[role=gridcell]').nth(1);
  await expect(revenue).toHaveText('1,082,160,000');
  await expect(grid.locator('[role=gridcell]').nth(2)).toHaveText('54,541.61');
  // An id keeps its digits together.
  await expect(grid.locator('[role=gridcell]').nth(0)).toHaveText('20010');

  await revenue.click();
  await app.keyboard.press('Control+C');
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('1082160000');
  await revenue.click({ button: 'right' });
  await app.getByTestId('grid-menu').getByText('Copy row').click();
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('20010\t1082160000\t54541.61');

  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-csv').click()]);
  const { readFile } = await import('node:fs/promises');
  const csv = (await readFile(await download.path())).toString('utf8');
  expect(csv).toBe('\uFEFForder_id,revenue,average\r\n20010,1082160000,54541.61\r\n');
});

test.describe('for a learner in Korea', () => {
  test.use({ locale: 'ko-KR' });
  test('numbers have separators and month names are Korean', async ({ app }) => {
    await run(app, MONTH_PLATFORM, '54행');
    await expect(app.getByTestId('result-grid').locator('[role=gridcell]', { hasText: '12,038,080' })).toBeVisible();
    await app.getByTestId('tab-chart').click();
    const svg = app.getByTestId('chart-view').locator('svg');
    await expect(svg.locator('.role-legend-label text')).toHaveText(['android', 'ios', 'web']);
    const xLabels = await svg.locator('.role-axis-label').first().locator('text').allTextContents();
    expect(xLabels.some((t) => /^\d{1,2}월$/.test(t)), xLabels.join(' | ')).toBe(true);
  });
});
