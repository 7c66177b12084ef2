import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/**
 * The KPI registry as a learner meets it: search the published metrics, open one and read its
 * audit trail (the tables and columns its SQL reads, its change history with the SQL before a
 * change), judge it with a 3A review that survives a reload, write a metric whose SQL is broken
 * (the error on its line, nothing saved) and then a good one, see the name-conflict warning on the
 * marketing team's published "Revenue" and when a copy reuses the name, and two definitions of
 * revenue on one chart.
 */

async function openRegistry(page: Page): Promise<void> {
  await page.getByTestId('nav-metrics').click();
  await expect(page.getByTestId('metric-list')).toBeVisible({ timeout: 30_000 });
}

/** Serious and critical WCAG A/AA problems, as axe-core reports them (Monaco's own markup excluded). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Replaces the metric dialog's SQL the way a paste would. */
async function setMetricSql(page: Page, sql: string): Promise<void> {
  const editor = page.locator('[data-testid="metric-sql-editor"] .monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

test('search, a metric’s audit trail and chart, and a 3A review that survives a reload', async ({ course: page }) => {
  await openRegistry(page);
  const rows = page.getByTestId('metric-list').getByRole('option');
  await expect(rows).toHaveCount(10);

  // Search by words of the definition, in either language: both revenues say how they treat refunds, "Orders" does not.
  await page.getByTestId('metrics-search').fill('excluding refunds');
  await expect(page.getByTestId('metric-row-net-revenue')).toBeVisible();
  await expect(page.getByTestId('metric-row-orders')).toHaveCount(0);
  await expect(page.getByTestId('metrics-count')).toContainText(`${await rows.count()} metric`);
  await page.getByTestId('metrics-search').fill('환불');
  await expect(page.getByTestId('metric-row-refund-rate')).toBeVisible();
  await expect(page.getByTestId('metric-row-search-ctr')).toHaveCount(0);
  // And by owner, in the list's type filter.
  await page.getByTestId('metrics-search').fill('Search team');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('metric-row-search-ctr')).toBeVisible();
  await page.getByTestId('metrics-search').fill('');
  await page.getByTestId('type-filter-kpi').check();
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('metric-row-gross-revenue')).toHaveCount(0);
  await page.getByTestId('type-filter-all').check();

  // The list is one tab stop, moved through by the arrow keys.
  await page.getByTestId('metric-row-net-revenue').click();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'net-revenue');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('metric-row-orders')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('metric-row-orders')).toBeFocused();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'orders');
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'marketing-spend');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'net-revenue');

  // The revenue KPI: its definition, its chart over time (18 months, then 79 weeks), its audit trail.
  const detail = page.getByTestId('metric-detail');
  await expect(page.getByTestId('metric-definition')).toContainText('Sales excluding refunds');
  await page.getByTestId('definition-lang-ko').check();
  await expect(page.getByTestId('metric-definition')).toContainText('반품을 제외한 매출액');
  await expect(page.getByTestId('metric-chart')).toHaveAttribute('data-points', '18', { timeout: 30_000 });
  await expect(page.getByTestId('metric-chart').locator('svg').first()).toBeVisible();
  await page.getByTestId('grain-week').check();
  await expect(page.getByTestId('metric-chart')).toHaveAttribute('data-points', '79', { timeout: 30_000 });
  await page.getByTestId('grain-month').check();

  await page.getByTestId('audit-tab-reads').click();
  await expect(page.getByTestId('read-fact_orders')).toBeVisible();
  await expect(page.getByTestId('read-fact_orders-net_revenue')).toBeVisible();
  await expect(page.getByTestId('read-fact_orders-order_date')).toBeVisible();
  await expect(page.getByTestId('tables-read').locator('code')).toHaveText(['fact_orders', 'net_revenue', 'order_date']);

  // The history: refunds were taken out in February 2025; the SQL before that change is comparable.
  await page.getByTestId('audit-tab-history').click();
  await expect(page.getByTestId('history-1')).toContainText('Refunds are now taken out');
  await page.getByTestId('history-diff-1').click();
  const diff = page.getByTestId('sql-diff');
  await expect(diff).toBeVisible({ timeout: 30_000 });
  await expect(diff).toContainText('total_amount');
  await expect(diff).toContainText('net_revenue');
  // Closed again without a trace (Monaco's diff models are disposed in order: no console error).
  await page.getByTestId('history-diff-1').click();
  await expect(diff).toHaveCount(0);

  // A published metric is read-only: no edit, only a copy.
  await expect(detail.getByTestId('metric-edit')).toHaveCount(0);
  await expect(detail.getByTestId('metric-copy')).toBeVisible();

  // The 3A review: two answers and a note, kept with the learner's work.
  await page.getByTestId('review-accessible-yes').check();
  await page.getByTestId('review-accessible-note').fill('매출 is defined in one sentence anyone can read.');
  await page.getByTestId('review-auditable-no').check();
  await expect(page.getByTestId('review-count')).toHaveText('2 of 3 answered');
  expect(await violations(page)).toEqual([]);

  await page.waitForTimeout(800);
  await page.reload();
  await openRegistry(page);
  await page.getByTestId('metric-row-net-revenue').click();
  await expect(page.getByTestId('review-accessible-yes')).toBeChecked();
  await expect(page.getByTestId('review-auditable-no')).toBeChecked();
  await expect(page.getByTestId('review-actionable-yes')).not.toBeChecked();
  await expect(page.getByTestId('review-accessible-note')).toHaveValue('매출 is defined in one sentence anyone can read.');
  // Another metric's review is its own.
  await page.getByTestId('metric-row-orders').click();
  await expect(page.getByTestId('review-count')).toHaveText('0 of 3 answered');
});

test('a metric with broken SQL shows the error on its line and is not saved; the fixed one is', async ({ course: page }) => {
  await openRegistry(page);
  await page.getByTestId('metrics-new').click();
  const dialog = page.getByTestId('metric-editor');
  await expect(dialog).toBeVisible();
  await page.getByTestId('metric-field-id').fill('web-orders');
  await page.getByTestId('metric-field-nameKo').fill('웹 주문 수');
  await page.getByTestId('metric-field-nameEn').fill('Web orders');
  await page.getByTestId('metric-field-definitionKo').fill('웹에서 결제된 주문의 수입니다(주문일 기준).');
  await page.getByTestId('metric-field-definitionEn').fill('The number of paid orders placed on the web, by order date.');
  await page.getByTestId('metric-field-decisionKo').fill('웹 개편을 계속할지 판단합니다.');
  await page.getByTestId('metric-field-decisionEn').fill('Whether to keep the web redesign.');
  await setMetricSql(page, "SELECT {{ period('order_date') }} AS period,\nCOUNT(order_idd) AS value\nFROM fact_orders\nWHERE platform = 'web'\nGROUP BY 1");
  await page.getByTestId('metric-save').click();
  const problems = page.getByTestId('metric-problems');
  await expect(problems).toContainText('Not saved', { timeout: 30_000 });
  await expect(problems).toContainText('Line 2: The query fails by day: no such column: order_idd');
  // The line is marked in the editor too.
  await expect(dialog.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  // Nothing was saved: the dialog is open and the list does not have it.
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('metric-row-web-orders')).toHaveCount(0);

  // Fixed, previewed by week, then saved.
  await setMetricSql(page, "SELECT {{ period('order_date') }} AS period,\nCOUNT(order_id) AS value\nFROM fact_orders\nWHERE platform = 'web'\nGROUP BY 1");
  await expect(problems).toHaveCount(0);
  await dialog.getByText('Week', { exact: true }).click();
  await page.getByTestId('metric-preview').click();
  await expect(page.getByTestId('metric-preview-result')).toContainText('Renders by day, week and month; 79 periods by week.', { timeout: 30_000 });
  await expect(page.getByTestId('metric-preview-result').locator('svg').first()).toBeVisible();
  await page.getByTestId('metric-save').click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByTestId('metric-row-web-orders');
  await expect(row).toContainText('Web orders');
  await expect(row).toContainText('Yours');
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'web-orders');
  await expect(page.getByTestId('metric-chart')).toHaveAttribute('data-points', '18', { timeout: 30_000 });
  await page.getByTestId('audit-tab-history').click();
  await expect(page.getByTestId('history-0')).toContainText('You');
  await expect(page.getByTestId('history-0')).toContainText('created');

  // Edited: the history records what changed, and the old SQL.
  await page.getByTestId('metric-edit').click();
  await setMetricSql(page, "SELECT {{ period('order_date') }} AS period,\nCOUNT(order_id) AS value\nFROM fact_orders\nWHERE platform = 'web' AND status <> 'cancelled'\nGROUP BY 1");
  await page.getByTestId('metric-save').click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  await page.getByTestId('audit-tab-history').click();
  await expect(page.getByTestId('history-1')).toContainText('SQL');
  await expect(page.getByTestId('history-diff-1')).toBeVisible();

  await page.waitForTimeout(800);
  await page.reload();
  await openRegistry(page);
  await expect(page.getByTestId('metric-row-web-orders')).toBeVisible();

  // Deleted after a confirmation.
  await page.getByTestId('metric-row-web-orders').click();
  await page.getByTestId('metric-delete').click();
  await page.getByTestId('metric-delete-confirm').click();
  await expect(page.getByTestId('metric-row-web-orders')).toHaveCount(0);
});

test('a copy that reuses the name “Revenue” is warned about, and the two definitions share one chart', async ({ course: page }) => {
  await openRegistry(page);
  await page.getByTestId('metric-row-gross-revenue').click();
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
  await page.getByTestId('metric-copy').click();
  await expect(page.getByTestId('metric-editor')).toBeVisible();
  await expect(page.getByTestId('metric-field-id')).toBeDisabled();
  await page.getByTestId('metric-field-nameEn').fill('Revenue');
  await page.getByTestId('metric-field-nameKo').fill('매출');
  await page.getByTestId('metric-save').click();
  await expect(page.getByTestId('metric-editor')).toHaveCount(0, { timeout: 30_000 });

  // The copy takes the published metric's place, and both metrics called "Revenue" are warned.
  await expect(page.getByTestId('metric-row-gross-revenue')).toContainText('Your edited copy');
  const banner = page.getByTestId('conflict-banner');
  await expect(banner).toContainText('Two metrics are called “Revenue”');
  await expect(banner).toContainText('(net-revenue)');
  await expect(banner).toContainText('(revenue-sales-report)');
  await page.getByTestId('conflict-open-net-revenue').click();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'net-revenue');
  await expect(page.getByTestId('conflict-banner')).toContainText('(gross-revenue)');

  // Compare definitions: both lines on one chart, and the gap between the two numbers.
  await page.getByTestId('metrics-compare').click();
  const chart = page.getByTestId('compare-chart');
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: 30_000 });
  await expect(chart).toContainText('Revenue (KPI) = sales excluding refunds');
  await expect(chart).toContainText('Revenue (gross) = order totals, refunds not taken out');
  await expect(page.getByTestId('compare-gap')).toContainText(/counts ₩[\d,]+ more than Revenue \(\d+(\.\d)?% of it\)/);
  expect(await violations(page)).toEqual([]);

  // Discarding the copy brings the published metric back, and the warning goes.
  await page.getByTestId('compare-back').click();
  await page.getByTestId('metric-row-gross-revenue').click();
  await page.getByTestId('metric-delete').click();
  await page.getByTestId('metric-delete-confirm').click();
  await expect(page.getByTestId('metric-row-gross-revenue')).toContainText('Published');
  await page.getByTestId('metric-row-gross-revenue').click();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'gross-revenue');
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
  // The KPI keeps only the published clash, with marketing's "Revenue".
  await page.getByTestId('metric-row-net-revenue').click();
  await expect(page.getByTestId('conflict-banner')).toContainText('(revenue-sales-report)');
  await expect(page.getByTestId('conflict-banner')).not.toContainText('(gross-revenue)');
});

test('from the start, marketing’s published “Revenue” is warned about beside the KPI, and their comparison is one click away', async ({ course: page }) => {
  await openRegistry(page);
  // Both rows carry the warning in the list before anything is opened; the other metrics do not.
  const warned = (id: string) => page.getByTestId(`metric-row-${id}`).locator('.mx-row-warn');
  await expect(warned('net-revenue')).toHaveCount(1);
  await expect(warned('revenue-sales-report')).toHaveCount(1);
  await expect(warned('gross-revenue')).toHaveCount(0);
  await expect(warned('orders')).toHaveCount(0);

  await page.getByTestId('metric-row-revenue-sales-report').click();
  await expect(page.getByTestId('metric-owner')).toHaveText('Marketing');
  const banner = page.getByTestId('conflict-banner');
  await expect(banner).toContainText('Two metrics are called “Revenue”');
  await expect(banner).toContainText('Revenue (net-revenue)');

  await page.getByTestId('conflict-compare-net-revenue').click();
  const view = page.getByTestId('compare-view');
  await expect(view).toHaveAttribute('data-pair', 'revenue-sales-report,net-revenue');
  await expect(view.getByRole('heading', { level: 2 })).toHaveText('Two definitions of “Revenue”');
  const chart = page.getByTestId('compare-chart');
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: 30_000 });
  await expect(chart).toContainText('Revenue (revenue-sales-report)');
  await expect(chart).toContainText('Revenue (net-revenue)');
  // Each definition is written beside its total; every order's total is the larger number.
  await expect(page.getByTestId('compare-figure-net-revenue')).toContainText('Sales excluding refunds');
  await expect(page.getByTestId('compare-figure-revenue-sales-report')).toContainText('The sum of order totals');
  await expect(page.getByTestId('compare-gap')).toContainText(/Revenue \(revenue-sales-report\) counts ₩[\d,]+ more than Revenue \(net-revenue\) \(\d+(\.\d)?% of it\)/);
  // The toolbar's Compare definitions is not the view shown (it compares the two published revenues).
  await expect(page.getByTestId('metrics-compare')).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: '.shots/int-conflict-compare.png' });
  expect(await violations(page)).toEqual([]);

  await page.getByTestId('compare-back').click();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'revenue-sales-report');
});

test('the registry and its new-metric dialog open from the command palette', async ({ course: page }) => {
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('KPI registry');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('metric-list')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('New metric');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('metric-editor')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('metric-editor')).toHaveCount(0);
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the registry, its audit trail, the comparison and the metric dialog keep enough contrast', async ({ course: page }) => {
    await openRegistry(page);
    await page.getByTestId('metric-row-refund-rate').click();
    await expect(page.getByTestId('metric-chart').locator('svg').first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('audit-tab-reads').click();
    await expect(page.getByTestId('read-fact_orders-refunded_amount')).toBeVisible({ timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('metrics-compare').click();
    await expect(page.getByTestId('compare-chart').locator('svg').first()).toBeVisible({ timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('metrics-new').click();
    await page.getByTestId('metric-save').click();
    await expect(page.getByTestId('metric-problems')).toContainText('Id must not be empty.', { timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
  });
});
