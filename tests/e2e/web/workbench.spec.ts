import type { Page } from '@playwright/test';
import { test, expect, setSql, waitForReady } from './fixtures.ts';

/** Switches the sandbox to the small demo database, which most tests here query. */
async function openDemo(page: Page): Promise<void> {
  await page.getByTestId('database-select').click();
  await page.getByRole('option', { name: 'Hanbit Market preview (demo)', exact: true }).click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });
  await expect(page.getByTestId('schema-customers')).toBeVisible();
}

/** The editor's text as shown (Monaco draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

const HANGUL = /[\uac00-\ud7a3]/;

// The sandbox opens on the warehouse (tests tagged @first-screen check that); the rest use the demo.
test.beforeEach(async ({ app }, info) => {
  if (!info.tags.includes('@first-screen')) await openDemo(app);
});

test('the sandbox opens on the warehouse with a first query in English only', { tag: '@first-screen' }, async ({ app }) => {
  await expect(app.getByTestId('database-select')).toHaveText(/Hanbit Market data warehouse/);
  await expect.poll(() => editorText(app)).toContain('A first query: orders and revenue per month');
  const text = await editorText(app);
  expect(text).not.toMatch(HANGUL);
  expect(text).not.toContain('sqlite_schema');
  // Running it answers a real question: 18 months of orders and revenue.
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('18 rows');
  await expect(app.getByTestId('result-grid').getByRole('columnheader', { name: /revenue/ })).toBeVisible();

  // An untouched starter follows the language switch; no line carries both languages.
  await app.getByTestId('toggle-language').click();
  await expect.poll(() => editorText(app)).toContain('월별 주문 수와 매출');
  const ko = await editorText(app);
  for (const line of ko.split('\n').filter((l) => l.startsWith('--'))) expect(line, line).toMatch(HANGUL);
  expect(ko).not.toContain('A first query');
});

test('what the learner wrote stays when the language changes', { tag: '@first-screen' }, async ({ app }) => {
  await setSql(app, '-- my own note\nSELECT 1 AS one;');
  await app.getByTestId('toggle-language').click();
  await expect(app.getByTestId('run')).toHaveText(/실행/);
  expect(await editorText(app)).toContain('-- my own note');
});

test.describe('for a learner in Korea', () => {
  test.use({ locale: 'ko-KR' });
  test('the sandbox starts in Korean only: comments and interface', { tag: '@first-screen' }, async ({ app }) => {
    await expect(app.getByTestId('database-select')).toHaveText(/한빛마켓 데이터 웨어하우스/);
    await expect.poll(() => editorText(app)).toContain('한빛마켓 데이터 웨어하우스입니다');
    const text = await editorText(app);
    expect(text).not.toMatch(/Sandbox|A first query|runs the statement/);
    await expect(app.getByTestId('engine-status')).toHaveText('준비됨');
  });
});

test('typing a query and pressing Ctrl+Enter shows its rows', async ({ app }) => {
  await setSql(app, 'SELECT category_id, count(*) AS n FROM products GROUP BY category_id ORDER BY category_id;');
  await app.keyboard.press('Control+Enter');
  const grid = app.getByTestId('result-grid');
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: /category_id/ })).toBeVisible();
  await expect(app.getByTestId('row-info')).toHaveText('8 rows');
  // Numbers are right-aligned; the count column holds 15 products per category.
  await expect(grid.locator('[role=gridcell].num', { hasText: '15' }).first()).toBeVisible();
});

test('Ctrl+Enter runs only the statement under the cursor', async ({ app }) => {
  await setSql(app, "SELECT 'first' AS which;\nSELECT 'second' AS which;");
  // The cursor is at the end, in the second statement.
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('result-grid')).toContainText('second');
  await expect(app.getByTestId('result-grid')).not.toContainText('first');
});

test('a SQL error shows its message, line and column, and marks the editor', async ({ app }) => {
  await setSql(app, 'SELECT 1;\nSELECT nme FROM customers;');
  await app.keyboard.press('Shift+Control+Enter');
  await expect(app.getByTestId('sql-error-message')).toContainText('no such column: nme');
  await expect(app.getByTestId('sql-error-position')).toHaveText('Line 2, column 8');
  await expect(app.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
});

test('NULL is shown distinctly from text', async ({ app }) => {
  await setSql(app, "SELECT NULL AS missing, 'NULL' AS word;");
  await app.keyboard.press('Control+Enter');
  const grid = app.getByTestId('result-grid');
  await expect(grid.locator('[role=gridcell].null')).toHaveCount(1);
  await expect(grid.locator('[role=gridcell]:not(.null):not(.rownum)', { hasText: 'NULL' })).toHaveCount(1);
});

test('a big result shows the first 1,000 rows and counts them all', async ({ app }) => {
  await setSql(app, 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 250000) SELECT x, x * 2 AS y FROM r;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('1,000 of 250,000 rows shown');
  // The grid is virtualised: far fewer row elements than rows.
  const rendered = await app.getByTestId('result-grid').locator('[role=row]').count();
  expect(rendered).toBeLessThan(100);
});

test('a runaway recursive query is cancelled and the learner’s table is still there', async ({ app }) => {
  await setSql(app, "CREATE TABLE my_notes AS SELECT 1 AS id, '메모' AS note;");
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('statement-done')).toBeVisible();
  await expect(app.getByTestId('schema-my_notes')).toBeVisible();

  await setSql(app, 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('cancel')).toBeVisible();
  await app.waitForTimeout(300);
  await app.getByTestId('cancel').click();
  await expect(app.getByTestId('cancelled')).toBeVisible();
  await expect(app.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 2000 });

  await setSql(app, 'SELECT note FROM my_notes;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('result-grid')).toContainText('메모');
});

test('Escape also cancels a running query', async ({ app }) => {
  await setSql(app, 'SELECT count(*) FROM products a, products b, products c, products d, products e;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('cancel')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('cancelled')).toBeVisible();
});

test('a chart of the result renders as SVG, and too many marks are refused', async ({ app }) => {
  await setSql(app, 'SELECT category_id, count(*) AS n FROM products GROUP BY category_id;');
  await app.keyboard.press('Control+Enter');
  await app.getByTestId('tab-chart').click();
  const svg = app.getByTestId('chart-view').locator('svg');
  await expect(svg).toBeVisible();
  await expect(svg.locator('.mark-rect path')).toHaveCount(8);

  // With 10,000 rows shown, a 6,000-point scatter is refused with advice to aggregate.
  await app.getByTestId('more-menu').click();
  await app.getByTestId('menu-settings').click();
  await app.getByTestId('setting-rows').click();
  await app.getByRole('option', { name: '10,000' }).click();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('settings-dialog')).toBeHidden();
  await setSql(app, 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 6000) SELECT x, x % 7 AS y FROM r;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('6,000 rows');
  await app.getByTestId('tab-chart').click();
  await app.getByTestId('chart-mark').click();
  await app.getByRole('option', { name: 'Point' }).click();
  await expect(app.getByTestId('chart-refused')).toContainText('6,000 marks');
  await expect(app.getByTestId('chart-refused')).toContainText('Aggregate');
  // Counting rows per value of y (7 groups) brings it under the limit and the chart is drawn.
  await app.getByTestId('chart-x').click();
  await app.getByRole('option', { name: 'y', exact: true }).click();
  await app.getByTestId('chart-aggregate').click();
  await app.getByRole('option', { name: 'count' }).click();
  await expect(app.getByTestId('chart-view').locator('svg .mark-symbol path')).toHaveCount(7);
});

test('CSV export downloads every row with the right bytes', async ({ app }) => {
  await setSql(app, "SELECT 1 AS id, '김, 민수' AS name, NULL AS email UNION ALL SELECT 2, 'say \"hi\"', 'a@b.kr';");
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('2 rows');
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  const expected = '\uFEFFid,name,email\r\n1,"김, 민수",\r\n2,"say ""hi""",a@b.kr\r\n';
  expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
});

test('switching to Korean changes the interface and survives a reload', async ({ app }) => {
  await expect(app.getByTestId('run')).toHaveText(/Run/);
  await app.getByTestId('toggle-language').click();
  await expect(app.getByTestId('run')).toHaveText(/실행/);
  await expect(app.getByTestId('tab-schema')).toHaveText('스키마');
  await expect(app.locator('html')).toHaveAttribute('lang', 'ko');
  await app.waitForTimeout(600); // autosave
  await app.reload();
  await waitForReady(app);
  await expect(app.getByTestId('run')).toHaveText(/실행/);
});

test('history and saved queries persist across a reload', async ({ app }) => {
  await setSql(app, 'SELECT count(*) AS customers FROM customers;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('1 row');
  await app.keyboard.press('Control+S');
  await app.getByTestId('save-name').fill('Customer count');
  await app.getByTestId('save-confirm').click();
  await expect(app.getByTestId('saved-list')).toContainText('Customer count');
  await app.waitForTimeout(600);
  await app.reload();
  await waitForReady(app);
  await app.getByTestId('tab-history').click();
  await expect(app.getByTestId('history-list')).toContainText('SELECT count(*) AS customers FROM customers');
  await app.getByTestId('tab-saved').click();
  await expect(app.getByTestId('saved-list')).toContainText('Customer count');
});

test('Reset returns the database to its bundled state after confirmation', async ({ app }) => {
  await setSql(app, 'CREATE TABLE scratch (x INTEGER); DELETE FROM products;');
  await app.keyboard.press('Shift+Control+Enter');
  await expect(app.getByTestId('schema-scratch')).toBeVisible();
  await app.getByTestId('more-menu').click();
  await app.getByTestId('menu-reset').click();
  await expect(app.getByTestId('reset-dialog')).toBeVisible();
  await app.getByTestId('reset-confirm').click();
  await expect(app.getByTestId('schema-scratch')).toHaveCount(0);
  await setSql(app, 'SELECT count(*) AS n FROM products;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('result-grid')).toContainText('120');
});

test('the command palette lists commands and runs one from the keyboard', async ({ app }) => {
  await setSql(app, 'select 1 as a');
  await app.keyboard.press('Control+Shift+P');
  await expect(app.getByTestId('palette')).toBeVisible();
  await app.getByTestId('palette-input').fill('Format');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('palette')).toBeHidden();
  await expect(app.locator('.monaco-editor .view-lines')).toContainText('SELECT');
});

test('SQL that cannot be formatted is said in Korean, the formatter’s own words kept as detail', async ({ app }) => {
  await app.getByTestId('toggle-language').click();
  await setSql(app, 'SELECT } FROM t;');
  await app.getByTestId('format').click();
  const notice = app.getByTestId('notice-warning');
  await expect(notice).toContainText('SQL을 정렬하지 못해 편집기 내용을 바꾸지 않았습니다.');
  await expect(notice).toContainText('Parse error');
  expect(await editorText(app)).toContain('SELECT } FROM t;');
});

test('the schema browser shows tables with descriptions and previews rows', async ({ app }) => {
  const customers = app.getByTestId('schema-customers');
  await expect(customers).toBeVisible();
  await customers.locator('summary').click();
  await expect(customers.locator('.schema-desc')).not.toBeEmpty();
  await expect(customers.locator('.col-desc').first()).not.toBeEmpty();
  await app.getByTestId('preview-customers').click();
  await expect(app.getByTestId('row-info')).toHaveText('100 rows');
});

test('cells and rows can be copied from the grid with the keyboard and the context menu', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await setSql(app, "SELECT '서울' AS region, 42 AS n;");
  await app.keyboard.press('Control+Enter');
  const cell = app.getByTestId('result-grid').locator('[role=gridcell]', { hasText: '서울' });
  await cell.click();
  await app.keyboard.press('Control+C');
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('서울');
  await cell.click({ button: 'right' });
  await app.getByTestId('grid-menu').getByText('Copy row').click();
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('서울\t42');
});

test('sorting a column reorders the rows shown', async ({ app }) => {
  await setSql(app, 'SELECT column1 AS v FROM (VALUES (2), (3), (1));');
  await app.keyboard.press('Control+Enter');
  const cells = app.getByTestId('result-grid').locator('[role=gridcell]');
  await expect(cells).toHaveText(['2', '3', '1']);
  await app.getByTestId('sort-v').click();
  await expect(cells).toHaveText(['1', '2', '3']);
  await app.getByTestId('sort-v').click();
  await expect(cells).toHaveText(['3', '2', '1']);
});

test('table and column names are suggested while typing, and the setting turns it off', async ({ app }) => {
  await setSql(app, 'SELECT * FROM custo');
  await app.keyboard.press('Control+Space');
  const suggest = app.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest.getByText('customers', { exact: true })).toBeVisible();
  await app.keyboard.press('Escape');

  await app.keyboard.press('Control+,');
  await app.getByTestId('setting-completion').click();
  await expect(app.getByTestId('setting-completion')).toHaveAttribute('data-state', 'unchecked');
  await app.keyboard.press('Escape');
  await setSql(app, 'SELECT * FROM custo');
  await app.keyboard.press('Control+Space');
  await app.waitForTimeout(500);
  await expect(suggest.getByText('customers', { exact: true })).toHaveCount(0);
});

test.describe('in a dark system theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the app follows the system theme', async ({ app }) => {
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(app.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  });
});
