import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/**
 * Pipeline and models steps in the lesson player, end to end in the browser: the sample lesson
 * (lessons/_sample/sample-workbenches) opened by its link, the pipeline workbench in the work
 * area, a Check that fails naming the table and the rows that differ, the load task fixed in the
 * workbench and passed (graded in the grader worker on the served lake and its hidden variant);
 * then the model workbench, a mart that counts cancelled orders failed with the columns that
 * differ, fixed and passed. The answer is kept per step across a reload.
 */

const GOOD_LOAD = `DROP TABLE IF EXISTS channel_spend;
CREATE TABLE channel_spend AS
SELECT lower(trim(channel)) AS channel,
       sum(CAST(replace(replace(spend, ',', ''), '원', '') AS INTEGER)) AS spend
FROM stg_spend
GROUP BY 1;`;

const GOOD_MART = `select platform,
       count(*) as orders,
       sum(total_amount) as revenue
from {{ ref('stg_orders') }}
where status in ('paid', 'shipped', 'delivered')
group by platform
`;

/** Replaces the text of the Monaco editor inside `container` the way a paste would. */
async function replaceText(page: Page, container: string, text: string): Promise<void> {
  const editor = page.locator(`${container} .monaco-editor`).first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('lesson-workbench').getByTestId('check').click();
  const verdict = page.getByTestId('verdict-fail').or(page.getByTestId('verdict-pass')).or(page.getByTestId('verdict-problem'));
  await expect(verdict).toBeVisible({ timeout: 120_000 });
  // A problem of the step itself is a failure of this test: say what it was.
  const problem = page.getByTestId('verdict-problem');
  if ((await problem.count()) > 0) throw new Error(`the step could not be checked: ${await problem.locator('details').textContent()}`);
}

test('a pipeline step and a models step: fail with what differs, fix in the workbench, pass', async ({ course: page }) => {
  test.setTimeout(300_000);
  await page.goto('/#lesson=sample-workbenches/load-channel-spend');
  const workbench = page.getByTestId('lesson-workbench');
  await expect(workbench.getByTestId('pipeline-workbench')).toBeVisible({ timeout: 30_000 });
  // The workbench takes the editor's place: no SQL editor or results pane for this step.
  await expect(page.getByTestId('lesson-run')).toHaveCount(0);

  // The starter groups ' kakao' apart from 'kakao': the verdict names the table and the rows.
  await check(page);
  const messages = page.getByTestId('verdict-messages');
  await expect(messages).toContainText('channel_spend');
  await expect(messages).toContainText(/4 rows missing|빠진 행 4개/);
  await expect(messages).toContainText(/channel = {2}kakao/);

  // The fix, in the load task's SQL.
  await workbench.getByTestId('dag-node-load_channel_spend').click();
  await replaceText(page, '[data-testid="pl-sql-editor"]', GOOD_LOAD);
  await check(page);
  await expect(page.getByTestId('verdict-pass')).toBeVisible();

  // The answer is the step's: after a reload the fixed pipeline is still there and still passes.
  await page.reload();
  await expect(page.getByTestId('lesson-workbench').getByTestId('pipeline-workbench')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('lesson-workbench').getByTestId('dag-node-load_channel_spend').click();
  await expect(page.getByTestId('pl-sql-editor')).toContainText('lower(trim(channel))');

  // The models step: the starter's mart counts cancelled and refunded orders too.
  await page.getByTestId('step-platform-sales').click();
  await expect(page.getByTestId('lesson-workbench').getByTestId('model-workbench')).toBeVisible({ timeout: 30_000 });
  await check(page);
  await expect(messages).toContainText('platform_sales');
  await expect(messages).toContainText(/orders/);
  await expect(messages).toContainText(/android/);

  await page.getByTestId('file-models/marts/platform_sales.sql').click();
  await replaceText(page, '[data-testid="model-editor"][data-path="models/marts/platform_sales.sql"]', GOOD_MART);
  await check(page);
  await expect(page.getByTestId('verdict-pass')).toBeVisible();
  await expect(page.getByTestId('step-platform-sales')).toHaveClass(/done/);
});

test('a Track 1 pipeline step starts on its logical date; its run notices leave with it; a setup table is the step’s', async ({ course: page }) => {
  test.setTimeout(180_000);
  // The nightly pipeline's starter is scheduled from 1 December, but the step is graded for the 13th.
  await page.goto('/#lesson=t1-l5-nightly/nightly-pipeline');
  const workbench = page.getByTestId('lesson-workbench');
  await expect(workbench.getByTestId('pipeline-workbench')).toBeVisible({ timeout: 30_000 });
  await expect(workbench.getByTestId('pl-ds')).toHaveValue('2025-12-13');

  // Last night's pipeline fails; the warning says so while the step is on screen …
  await page.goto('/#lesson=t1-l4-graph/fix-and-rerun');
  await expect(workbench.getByTestId('pipeline-workbench')).toBeVisible({ timeout: 30_000 });
  await workbench.getByTestId('pl-run-all').click();
  const warning = page.getByTestId('notice-warning');
  await expect(warning).toContainText(/clean_spend|load_spend/, { timeout: 60_000 });
  // … and goes when the learner moves to another step.
  await page.getByTestId('step-what-reruns').click();
  await expect(workbench).toHaveCount(0);
  await expect(warning).toHaveCount(0);

  // A SQL step whose setup loads the staging table: listed as the step's, not as the learner's own.
  await page.goto('/#lesson=t1-l2-clean/clean-spend');
  const schema = page.getByTestId('lesson-schema');
  const prepared = schema.getByRole('region', { name: /Prepared for this step|이 단계를 위해 준비된 테이블/ });
  await expect(prepared.getByTestId('schema-raw_marketing_spend')).toBeVisible({ timeout: 30_000 });
  await expect(schema.getByRole('region', { name: /Your tables and views|내가 만든 테이블과 뷰/ })).toHaveCount(0);
});

test('an extract preview in a lesson step appears where the learner is looking, not below the fold', async ({ course: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/#lesson=t1-l1-extract/extract-spend');
  const workbench = page.getByTestId('lesson-workbench');
  await expect(workbench.getByTestId('pipeline-workbench')).toBeVisible({ timeout: 30_000 });
  await workbench.getByTestId('pl-add-task').click();
  await page.getByTestId('pl-add-extract').click();
  await workbench.getByTestId('pl-extract-file').click();
  await page.getByRole('option', { name: 'marketing_spend_2024-08.csv' }).click();
  // The Preview button is at the foot of the narrow inspector; what it shows is longer than the room left under it.
  await workbench.getByTestId('pl-preview').click();
  const columns = workbench.getByTestId('pl-preview-columns');
  await expect(columns).toContainText('channel', { timeout: 30_000 });
  await expect(columns).toBeInViewport({ ratio: 1 });
  await expect(workbench.getByTestId('pl-preview-result').locator('.pl-preview-grid')).toBeInViewport();
  await expect(workbench.getByTestId('pl-preview')).toBeInViewport();
});
