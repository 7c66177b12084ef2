import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { unzipSync, strFromU8 } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/*
 * The pipeline workbench as a learner uses it: build a small pipeline (extract a CSV with a BOM,
 * a transform, a load), run it, see the load fail with its line, fix it, clear and re-run from the
 * failed task, see the states and the log; an arrow that would close a cycle is refused naming
 * its tasks. Runs on the pipeline worker against the served lake and warehouse.
 */

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

async function openPipeline(page: Page): Promise<void> {
  await page.getByTestId('nav-pipeline').click();
  await expect(page.getByTestId('pipeline-workbench')).toBeVisible({ timeout: 30_000 });
}

function node(page: Page, id: string): Locator {
  return page.getByTestId(`dag-node-${id}`);
}

/** Replaces the selected SQL task's text the way a paste would. */
async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId('pl-sql-editor').locator('.monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

async function addTask(page: Page, kind: 'extract' | 'sql'): Promise<void> {
  await page.getByTestId('pl-add-task').click();
  await page.getByTestId(kind === 'extract' ? 'pl-add-extract' : 'pl-add-sql').click();
}

const TRANSFORM = `DROP TABLE IF EXISTS clean_spend;
CREATE TABLE clean_spend AS
SELECT lower(trim("Channel")) AS channel,
       CAST(replace(replace(replace("Cost (KRW)", ',', ''), '원', ''), ' ', '') AS INTEGER) AS cost
FROM stg_extract_1;`;

const LOAD = (column: string) => `CREATE TABLE IF NOT EXISTS spend_by_channel (channel TEXT, cost INTEGER);
DELETE FROM spend_by_channel;
INSERT INTO spend_by_channel SELECT channel, SUM(${column}) FROM clean_spend GROUP BY channel;`;

test('build a pipeline, run it, fix the failing task and re-run from it; a cycle is refused by name', async ({ app: page }) => {
  test.setTimeout(120_000);
  await openPipeline(page);
  // A new learner meets a working example, not an empty canvas.
  await expect(node(page, 'extract_spend')).toBeVisible();

  // A new, empty pipeline.
  await page.getByTestId('pl-new').click();
  await expect(page.getByText('This pipeline has no tasks yet')).toBeVisible();

  // Extract: the spend export, a CSV that starts with a byte-order mark. The preview shows the
  // detected columns before anything is loaded, the first one without the BOM.
  await addTask(page, 'extract');
  await expect(node(page, 'extract_1')).toBeVisible();
  await expect(page.getByTestId('pl-extract-file')).toContainText('marketing_spend_2025-01.csv');
  await page.getByTestId('pl-preview').click();
  const columns = page.getByTestId('pl-preview-columns');
  await expect(columns).toContainText('Cost (KRW)', { timeout: 30_000 });
  const names = await columns.locator('code').allTextContents();
  expect(names).toEqual(['_file', '_line', 'Date', 'Channel', 'Campaign', 'Cost (KRW)']);

  // Transform, after the extract (it is selected, so the new task runs after it).
  await addTask(page, 'sql');
  await expect(node(page, 'transform_1')).toBeVisible();
  await typeSql(page, TRANSFORM);

  // Load, after the transform, with a mistake: a column that does not exist.
  await addTask(page, 'sql');
  await expect(node(page, 'transform_2')).toBeVisible();
  await typeSql(page, LOAD('costs'));

  // Run all: the extract and the transform succeed, the load fails and says where.
  await page.getByTestId('pl-run-all').click();
  await expect(node(page, 'transform_2')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(node(page, 'extract_1')).toHaveAttribute('data-state', 'success');
  await expect(node(page, 'transform_1')).toHaveAttribute('data-state', 'success');
  await node(page, 'transform_2').click();
  await page.getByTestId('pl-tab-log').click();
  const failedLog = page.getByTestId('pl-log-transform_2');
  await expect(failedLog.getByTestId('pl-log-error')).toContainText(/no such column: costs/);
  await expect(failedLog.getByTestId('pl-log-error')).toContainText('Line 3');
  await expect(failedLog.locator('.error-line')).toContainText('SUM(costs)');
  // The failed task's work was rolled back: the log says so and counts nothing written.
  await expect(failedLog.getByTestId('pl-log-rolled-back')).toContainText('Rolled back');
  await expect(failedLog.locator('.pl-counts > div').filter({ hasText: 'Rows written' }).locator('dd')).toHaveText('0');

  // The extract's log counts what it read and wrote.
  await node(page, 'extract_1').click();
  const extractLog = page.getByTestId('pl-log-extract_1');
  await expect(extractLog).toContainText('Rows written');
  await expect(extractLog.locator('dd').first()).toHaveText('156');

  // An arrow from the load back to the extract would close a cycle: refused at once, by name.
  const from = node(page, 'transform_2').locator('.react-flow__handle.source');
  const to = node(page, 'extract_1').locator('.react-flow__handle.target');
  await from.dragTo(to);
  const refusal = page.getByTestId('pl-refusal');
  await expect(refusal).toContainText('extract_1 → transform_1 → transform_2 → extract_1');
  await expect(node(page, 'extract_1')).toHaveClass(/highlighted/);
  // Nothing was added: the extract still runs first.
  await page.getByTestId('pl-tab-task').click();
  await expect(page.getByTestId('pl-task-panel')).toContainText('nothing (it starts first)');

  // Fix the load, then clear it and re-run from it: upstream results are kept.
  await node(page, 'transform_2').click();
  await page.getByTestId('pl-tab-task').click();
  await typeSql(page, LOAD('cost'));
  await page.getByTestId('pl-rerun').click();
  await expect(node(page, 'transform_2')).toHaveAttribute('data-state', 'success', { timeout: 60_000 });
  await page.getByTestId('pl-tab-log').click();
  const fixedLog = page.getByTestId('pl-log-transform_2');
  await expect(fixedLog).toContainText('Succeeded');
  await expect(fixedLog.getByTestId('pl-log-error')).toHaveCount(0);
  await expect(page.getByTestId('pl-log')).toContainText('Re-run');

  // The run history has both runs; the loaded table is there to look at.
  await page.getByTestId('pl-tab-runs').click();
  await expect(page.getByTestId('pl-runs').locator('tbody tr')).toHaveCount(2);
  await page.getByTestId('pl-tab-data').click();
  await page.getByTestId('pl-data-table').click();
  await page.getByRole('option', { name: 'spend_by_channel' }).click();
  await expect(page.getByTestId('pl-data-count')).toContainText('5 rows');

  // A reconciliation added in the form compares the staging table with the load, step by step.
  await page.getByTestId('pl-tab-reconcile').click();
  await page.getByTestId('pl-rc-add').click();
  await page.getByTestId('pl-rc-title').fill('Spend by channel');
  await page.getByTestId('pl-rc-source').fill('stg_extract_1');
  await page.getByTestId('pl-rc-target').fill('spend_by_channel');
  await page.getByTestId('pl-rc-save').click();
  await page.getByRole('button', { name: 'Reconcile again' }).click();
  const report = page.getByTestId('pl-reconcile-check_1');
  await expect(report).toContainText('Rows in the staging table');
  await expect(report.locator('tr.recon-source td.num').first()).toHaveText('156');
  await expect(report.locator('tr.recon-target td.num').first()).toHaveText('5');
  // 156 rows went into 5 sums: without a key the check cannot explain it, and says so.
  await expect(report).toContainText('Not balanced');

  // The table written without an owner and purpose is flagged.
  await page.getByTestId('pl-tab-tables').click();
  await expect(page.getByTestId('pl-tables-missing')).toContainText('spend_by_channel');

  expect(await violations(page)).toEqual([]);
});

test('a read-only graph (the models lineage) draws its arrows without connection squares', async ({ app: page }) => {
  await page.getByTestId('nav-models').click();
  await page.getByTestId('models-tab-lineage').click();
  const graph = page.getByTestId('lineage-graph');
  await expect(graph.locator('.react-flow__edge').first()).toBeVisible({ timeout: 30_000 });
  expect(await graph.locator('.react-flow__edge').count()).toBeGreaterThan(1);
  // The handles that anchor the arrows are there but unseen and not draggable.
  const handle = graph.locator('.react-flow__handle').first();
  await expect(handle).toHaveCSS('opacity', '0');
  await expect(handle).toHaveCSS('pointer-events', 'none');
});

test('a pipeline file that is not a pipeline is refused with the reason, and nothing changes', async ({ app: page }) => {
  await openPipeline(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('pl-open-file').click();
  await (await chooser).setFiles({ name: 'broken.pipeline.json', mimeType: 'application/json', buffer: Buffer.from('{"formatVersion": 1, "id": "x", "database": "", "tasks": []}') });
  await expect(page.getByText(/broken\.pipeline\.json was not opened: it is not a pipeline: database/)).toBeVisible();
  await expect(page.getByTestId('pl-pick')).toContainText('marketing_spend');
  await expect(node(page, 'extract_spend')).toBeVisible();
});

test('the learner’s pipeline is kept across a reload; backfill runs one day at a time; Airflow export is a real project', async ({ app: page }) => {
  test.setTimeout(120_000);
  await openPipeline(page);
  // Rename a task of the starter: that makes it the learner's own pipeline, saved with their work.
  await node(page, 'clean_spend').click();
  const name = page.getByTestId('pl-task-name');
  await name.fill('tidy_spend');
  await name.press('Enter');
  await expect(node(page, 'tidy_spend')).toBeVisible();
  await page.waitForTimeout(800);
  await page.reload();
  await openPipeline(page);
  await expect(node(page, 'tidy_spend')).toBeVisible();
  await expect(node(page, 'clean_spend')).toHaveCount(0);

  // Backfill three days: three runs, one per logical date, oldest first in time.
  await page.getByTestId('pl-backfill').click();
  await page.getByTestId('pl-bf-from').fill('2025-01-01');
  await page.getByTestId('pl-bf-to').fill('2025-01-03');
  await page.getByTestId('pl-bf-start').click();
  await expect(page.getByTestId('pl-backfill-dialog')).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('pl-tab-runs').click();
  const rows = page.getByTestId('pl-runs').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('td.mono')).toHaveText(['2025-01-03', '2025-01-02', '2025-01-01']);

  // Ctrl+Enter in a task's SQL runs that task alone, as it runs the query in the sandbox.
  await node(page, 'load_spend').click();
  await page.getByTestId('pl-tab-task').click();
  await page.getByTestId('pl-sql-editor').locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.getByTestId('pl-tab-runs').click();
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('One task');

  // The pipeline's id (its DAG id) is the learner's to choose.
  await page.getByTestId('more-menu').click();
  await page.getByTestId('pl-menu-settings').click();
  await page.getByTestId('pl-settings-id').fill('spend daily');
  await page.getByTestId('pl-settings-save').click();
  await expect(page.getByTestId('pl-settings-dialog')).toContainText('not a valid task name');
  await page.getByTestId('pl-settings-id').fill('spend_daily');
  await page.getByTestId('pl-settings-save').click();
  await expect(page.getByTestId('pl-pick')).toContainText('spend_daily');

  // The Airflow project: a DAG with the tasks' dependencies and the SQL in files.
  const download = page.waitForEvent('download');
  await page.getByTestId('pl-export-airflow').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('spend_daily-airflow.zip');
  const files = unzipSync(new Uint8Array(await readFile((await file.path())!)));
  const dag = Object.entries(files).find(([path]) => /dags\/.*\.py$/.test(path));
  expect(dag, Object.keys(files).join(', ')).toBeDefined();
  expect(strFromU8(dag![1])).toMatch(/tidy_spend/);
  expect(Object.keys(files).some((path) => /sql\/.*load_spend.*\.sql$/.test(path))).toBe(true);
});

test('a long run can be cancelled: it stops, says so, and the controls are free again', async ({ app: page }) => {
  test.setTimeout(120_000);
  await openPipeline(page);
  await page.getByTestId('pl-new').click();
  // Every month of raw events, by a pattern: long enough to cancel.
  await addTask(page, 'extract');
  await page.getByTestId('pl-use-glob').check();
  await page.getByTestId('pl-extract-path').fill('events/*.jsonl.gz');
  await page.getByTestId('pl-extract-format').click();
  await page.getByRole('option', { name: 'JSON lines (gzip too)' }).click();
  await page.getByTestId('pl-run-all').click();
  await expect(node(page, 'extract_1')).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await expect(page.getByTestId('pl-progress')).toContainText('extract_1');
  await page.getByTestId('pl-cancel').click();
  await expect(page.getByText('Cancelled. Tasks that had finished keep their results.')).toBeVisible({ timeout: 30_000 });
  await expect(node(page, 'extract_1')).not.toHaveAttribute('data-state', /running|success/);
  await expect(page.getByTestId('pl-run-all')).toBeEnabled();
  await page.getByTestId('pl-tab-runs').click();
  await expect(page.getByTestId('pl-runs').locator('tbody tr').first()).toContainText('Cancelled');
});

test('the preview shows the lines that would be quarantined, with their line and reason, before loading', async ({ app: page }) => {
  await openPipeline(page);
  await page.getByTestId('pl-new').click();
  await addTask(page, 'extract');
  // An access log: the format follows the file (log lines read by a pattern).
  await page.getByTestId('pl-extract-file').click();
  await page.getByRole('option', { name: 'access-2025-12-10.log.gz' }).click();
  await expect(page.getByTestId('pl-extract-format')).toContainText('Log lines');
  // A pattern that only knows GET requests: every POST line is quarantined, not dropped.
  await page.locator('#pl-extract-pattern').fill('^(?<ip>\\S+) \\S+ \\S+ \\[(?<time>[^\\]]+)\\] "GET (?<path>\\S+)');
  await page.getByTestId('pl-preview').click();
  const quarantine = page.getByTestId('pl-preview-quarantine');
  await expect(quarantine).toContainText('205 lines would be quarantined', { timeout: 30_000 });
  await expect(quarantine.locator('tbody tr').first()).toContainText('POST');
  await expect(quarantine.locator('tbody tr').first()).toContainText('the line does not match the pattern');
  await expect(page.getByTestId('pl-preview-columns').locator('code')).toHaveText(['_file', '_line', 'ip', 'time', 'path']);
});

test.describe('in Korean and the dark theme', () => {
  test.use({ colorScheme: 'dark', locale: 'ko-KR' });
  test('the pipeline screen has no serious accessibility problems', async ({ app: page }) => {
    await openPipeline(page);
    // Keyboard: a task on the graph takes focus and Enter selects it.
    await page.locator('.react-flow__node').filter({ has: node(page, 'extract_spend') }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pl-task-name')).toHaveValue('extract_spend');
    await expect(page.getByTestId('pl-task-panel')).toContainText('레이크 파일');
    expect(await violations(page)).toEqual([]);
  });
});
