import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, setSql } from './fixtures.ts';

/** Serious and critical WCAG A/AA problems on the page (the editor is Monaco's own). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

// A learner in Korea: SQL errors and the query plan are explained in Korean.
test.use({ locale: 'ko-KR' });

test('a typo in a column name is explained in Korean with a suggestion, beside the original message and its place', async ({ app }) => {
  await setSql(app, 'SELECT order_id,\n       platfrom\nFROM fact_orders;');
  await app.keyboard.press('Control+Enter');
  const error = app.getByTestId('sql-error');
  await expect(error.getByTestId('sql-error-explain')).toContainText('이 쿼리가 읽는 테이블에 platfrom 컬럼이 없습니다');
  await expect(error.getByTestId('sql-error-suggestion')).toHaveText('혹시 이것인가요? platform');
  await expect(error.getByTestId('sql-error-message')).toHaveText('no such column: platfrom');
  await expect(error.getByTestId('sql-error-position')).toHaveText('2행 8열');
  // The names in the explanation are in the code font.
  await expect(error.getByTestId('sql-error-suggestion').locator('code')).toHaveText('platform');
});

test('a missing comma and an aggregate in WHERE get their own explanation', async ({ app }) => {
  await setSql(app, 'SELECT order_id platform status FROM fact_orders;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('sql-error-explain')).toContainText('status 앞에 쉼표가 빠진 것 같습니다');

  await setSql(app, 'SELECT platform FROM fact_orders WHERE count(*) > 10 GROUP BY platform;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('sql-error-explain')).toContainText('HAVING');
  await expect(app.getByTestId('sql-error-explain')).toHaveAttribute('data-code', 'aggregate-in-where');
});

test('Explain shows the query plan as a tree with plain notes, and Run goes back to the result', async ({ app }) => {
  await setSql(
    app,
    'SELECT c.region, count(*) AS orders\nFROM fact_orders o\nJOIN dim_customer c ON c.customer_key = o.customer_key\nGROUP BY c.region;',
  );
  await app.getByTestId('explain').click();
  const plan = app.getByTestId('query-plan');
  const tree = plan.getByTestId('plan-tree');
  await expect(tree).toBeVisible();
  // A full scan of fact_orders (its alias o mapped back), a primary-key lookup, and a temporary B-tree for GROUP BY.
  const steps = tree.getByTestId('plan-step');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveAttribute('data-code', 'full-scan');
  await expect(steps.nth(0)).toContainText('전체 스캔');
  await expect(steps.nth(0).getByTestId('plan-note')).toContainText('fact_orders 테이블의 모든 행을 처음부터 끝까지 읽습니다');
  await expect(steps.nth(1)).toContainText('기본 키 조회');
  await expect(steps.nth(2)).toContainText('GROUP BY 묶기');
  await expect(plan.getByTestId('plan-summary')).toContainText('테이블 전체를 읽음: fact_orders');
  // Nothing ran: the plan is all that changed.
  await expect(app.getByTestId('result-grid')).toHaveCount(0);

  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('result-grid')).toBeVisible();
  await expect(app.getByTestId('tab-table')).toHaveAttribute('data-state', 'active');
  // The plan stays one click away next to the result.
  await app.getByTestId('tab-plan').click();
  await expect(app.getByTestId('plan-tree')).toBeVisible();
});

test('Explain of a statement with an error explains the error at its place in the editor', async ({ app }) => {
  await setSql(app, 'SELECT 1;\nSELECT * FROM fact_order WHERE order_id = 5;');
  await app.getByTestId('explain').click();
  const plan = app.getByTestId('query-plan');
  await expect(plan.getByTestId('sql-error-suggestion')).toContainText('fact_orders');
  await expect(plan.getByTestId('sql-error-position')).toHaveText('2행 15열');
  await expect(app.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
});

test('in a lesson step, Explain shows the plan of the learner’s query', async ({ app }) => {
  await app.getByTestId('nav-course').click();
  await app.getByTestId('lesson-t0-l1-data-literacy').click();
  await app.getByTestId('read-continue').click();
  await expect(app.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await setSql(app, 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC;');
  await app.getByTestId('lesson-explain').click();
  const steps = app.getByTestId('plan-tree').getByTestId('plan-step');
  await expect(steps.first()).toHaveAttribute('data-code', 'full-scan');
  await expect(app.getByTestId('plan-tree')).toContainText('ORDER BY 정렬');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });
    test('the explained error and the plan have no serious accessibility problems', async ({ app }) => {
      await setSql(app, 'SELECT regoin FROM dim_customer;');
      await app.keyboard.press('Control+Enter');
      await expect(app.getByTestId('sql-error-suggestion')).toContainText('region');
      expect(await violations(app)).toEqual([]);
      await setSql(app, 'SELECT region, count(*) FROM dim_customer WHERE customer_key > 10 GROUP BY region;');
      await app.getByTestId('explain').click();
      await expect(app.getByTestId('plan-tree')).toBeVisible();
      expect(await violations(app)).toEqual([]);
    });
  });
}
