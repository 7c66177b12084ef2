import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { starterProject } from '../../../renderer/features/models/starter-project.ts';

/**
 * The model workbench as a learner meets it: the starter project over the Hanbit warehouse, a
 * model bug that a data test catches (its failing rows on screen, the mart after it stopped and
 * why), the fix and a green rebuild, the lineage graph, a missing ref marked on its line, and the
 * Jinja compiled under the app's own Content-Security-Policy (which has no 'unsafe-eval').
 */

const STG_ORDERS = 'models/staging/stg_orders.sql';
const MART = 'models/marts/customer_orders.sql';

async function openModels(page: Page): Promise<void> {
  await page.getByTestId('nav-models').click();
  await expect(page.getByTestId('model-workbench')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId(`file-${STG_ORDERS}`)).toBeVisible();
}

/** Opens a file from the tree and replaces its text the way a paste would. */
async function replaceFile(page: Page, path: string, text: string): Promise<void> {
  await page.getByTestId(`file-${path}`).click();
  const editor = page.locator(`[data-testid="model-editor"][data-path="${path}"] .monaco-editor`);
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function buildAll(page: Page): Promise<void> {
  await page.getByTestId('models-build-all').click();
  await expect(page.getByTestId('build-summary')).toBeVisible({ timeout: 60_000 });
}

test('a test catches a model bug with its failing rows, the fix builds green, and lineage shows it', async ({ course: page }) => {
  await openModels(page);
  const original = starterProject().files[STG_ORDERS]!;
  // The bug: paid orders relabelled in upper case, which accepted_values on status does not allow.
  const buggy = original.replace('  status,\n', "  case when status = 'paid' then 'PAID' else status end as status,\n");
  expect(buggy).not.toBe(original);
  await replaceFile(page, STG_ORDERS, buggy);
  await buildAll(page);

  const summary = page.getByTestId('build-summary');
  await expect(summary).toContainText('1 skipped');
  await expect(summary).toContainText('1 failed');
  // The mart depends on stg_orders, whose error-severity test failed: it was not built, and the log says why.
  const martRow = page.getByTestId('build-row-customer_orders');
  await expect(martRow).toHaveAttribute('data-state', 'skipped');
  await expect(martRow).toContainText('stg_orders');

  await page.getByTestId('models-tab-tests').click();
  const failing = page.locator('[data-testid^="test-row-accepted_values_stg_orders_status"]');
  await expect(failing).toHaveAttribute('data-state', 'fail');
  // The failing test is shown first, with the rows that fail it and its SQL.
  await expect(page.getByTestId('failing-rows')).toContainText('PAID');
  await expect(page.getByTestId('test-sql')).toContainText('stg_orders');

  // The fix: back to the warehouse's own status values.
  await replaceFile(page, STG_ORDERS, original);
  await buildAll(page);
  await expect(summary).toContainText('Everything built and every test passed');
  await page.getByTestId('models-tab-tests').click();
  await expect(page.getByTestId('tests-counts')).toContainText(/· 0 failed ·/);
  await expect(failing).toHaveAttribute('data-state', 'pass');

  // The built mart's rows are there to read.
  await page.getByTestId(`file-${MART}`).click();
  await page.getByTestId('models-tab-rows').click();
  await expect(page.getByTestId('model-rows')).toBeVisible();
  await expect(page.getByTestId('rows-info')).toContainText('customer_orders');

  // Lineage: sources → staging → mart, coloured by the tests; a click opens the model's file.
  await page.getByTestId('models-tab-lineage').click();
  const graph = page.getByTestId('lineage-graph');
  await expect(graph.getByTestId('dag-node-source.warehouse.fact_orders')).toBeVisible();
  await expect(graph.getByTestId('dag-node-model.stg_orders')).toHaveAttribute('data-state', 'pass');
  await expect(graph.getByTestId('dag-node-model.customer_orders')).toHaveAttribute('data-state', 'pass');
  await graph.getByTestId('dag-node-model.stg_customers').click();
  await expect(page.getByTestId('models-open-path')).toHaveText('models/staging/stg_customers.sql');
});

test('a ref to a missing model is marked on the line where it stands', async ({ course: page }) => {
  await openModels(page);
  const text = starterProject().files[MART]!;
  const broken = text.replace("ref('stg_orders')", "ref('stg_order')");
  const line = broken.split('\n').findIndex((l) => l.includes("ref('stg_order')")) + 1;
  expect(line).toBeGreaterThan(1);
  await replaceFile(page, MART, broken);

  const problem = page.getByTestId('file-problem');
  await expect(problem).toHaveAttribute('data-line', String(line), { timeout: 15_000 });
  await expect(page.getByTestId('file-problems')).toContainText("ref('stg_order')");
  await expect(page.getByTestId('file-problems')).toContainText("Did you mean 'stg_orders'");
  // Monaco marks it in the text (a squiggle on that line) and the tree counts it on the file.
  await expect(page.locator('[data-testid="model-editor"] .squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId(`file-${MART}`)).toContainText('1');
  // The Problems tab lists it with the file and line; going there puts the caret on it.
  await page.getByTestId('models-tab-problems').click();
  await expect(page.getByTestId('problems-list')).toContainText(`${MART}, line ${line}`);
});

test('Jinja compiles under the app CSP, which has no unsafe-eval, in the page and in its workers', async ({ course: page }) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBeTruthy();
  expect(csp).not.toMatch(/(^|\s)'unsafe-eval'/);
  // A worker runs under the policy of its own script's response: serve every response with the
  // app's policy as a header too, so the models worker compiles under it like the page does.
  let workerWithPolicy = false;
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': csp! };
    if (/models\.worker/.test(route.request().url())) workerWithPolicy = true;
    await route.fulfill({ response, headers });
  });
  await page.evaluate(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(e.violatedDirective));
  });
  await openModels(page);
  await page.getByTestId(`file-${MART}`).click();
  await page.getByTestId('models-tab-compiled').click();
  const compiled = page.getByTestId('compiled-sql');
  // The {% for status in statuses %} loop became one column per status; the macro was expanded.
  await expect(compiled).toContainText('delivered_orders', { timeout: 30_000 });
  await expect(compiled).toContainText('cancelled_orders');
  await expect(compiled).toContainText('round(');
  await expect(compiled).not.toContainText('{%');
  expect(workerWithPolicy).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test('the model workbench has no serious accessibility problems', async ({ course: page }) => {
      await openModels(page);
      await buildAll(page);
      expect(await violations(page)).toEqual([]);
      await page.getByTestId('models-tab-tests').click();
      await expect(page.getByTestId('tests-table')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await page.getByTestId('models-tab-lineage').click();
      await expect(page.getByTestId('lineage-graph')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}

test('the project exports as a dbt zip that imports back; a file that is not a dbt project is refused and changes nothing', async ({ course: page }) => {
  await openModels(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('models-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hanbit_models_.*\.zip$/);
  const zipPath = await file.path();
  await expect(page.getByTestId('notice-success')).toContainText('Exported');

  // Refused: a zip with no dbt_project.yml. The tree keeps its files.
  await page.getByTestId('models-import').click();
  await expect(page.getByTestId('models-import-dialog')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('models-import-zip-button').click();
  await (await chooser).setFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
  await expect(page.getByTestId('notice-error')).toContainText('notes.zip was not imported');
  await expect(page.getByTestId('notice-error')).toContainText('Your project did not change.');
  await expect(page.getByTestId(`file-${STG_ORDERS}`)).toBeVisible();

  // The exported project imports back, its sources now seeds.
  await page.getByTestId('models-import').click();
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByTestId('models-import-zip-button').click();
  await (await chooser2).setFiles(zipPath);
  await expect(page.getByText(/Imported hanbit_models/)).toBeVisible();
  await expect(page.getByTestId('file-seeds/fact_orders.csv')).toBeVisible();
  await expect(page.getByTestId(`file-${STG_ORDERS}`)).toBeVisible();
});
