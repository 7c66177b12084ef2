import type { Page } from '@playwright/test';
import { test, expect, setSql } from './fixtures.ts';

/**
 * The code editor keeps everything it sets up when the learner moves on: another database in the
 * sandbox (one editor, another document), or from a lesson to the sandbox and back (a new editor).
 * Each check is what the learner would notice: Ctrl+Enter runs, Ctrl+M frees the Tab key (and the
 * status bar says so), an error is underlined, Format formats, and completion offers the tables of
 * the database now open, not of the one before.
 */

/** Picks a database in the sandbox and waits until its tables are listed. */
async function openDatabase(page: Page, name: string, table: string): Promise<void> {
  await page.getByTestId('database-select').click();
  await page.getByRole('option', { name, exact: true }).click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  await expect(page.getByTestId(`schema-${table}`)).toBeVisible();
}

/** The editor's text as shown (Monaco draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Whether keyboard focus is inside the code editor. */
function focusInEditor(page: Page): Promise<boolean> {
  return page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
}

interface Tables {
  /** What the learner types after FROM. */
  prefix: string;
  /** A table of the open database that starts with the prefix. */
  offered: string;
  /** A table of another database that starts with the prefix too: never offered here. */
  stale: string;
  /** Any table of the open database, for the error query. */
  any: string;
}

/** Run, error marks, Format and completion in the editor on screen. */
async function expectEditorWorks(page: Page, tables: Tables, tag: string): Promise<void> {
  // Ctrl+Enter runs the statement through the editor the app talks to.
  await setSql(page, `SELECT 1 AS ran_${tag};`);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId(`sort-ran_${tag}`)).toBeVisible();

  // A SQL error is underlined where it is.
  await setSql(page, `SELECT nme FROM ${tables.any};`);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('sql-error-message')).toContainText('no such column: nme');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);

  // Format (Shift+Alt+F, Monaco's own action with our formatter) rewrites the text.
  await setSql(page, `select ${tag}_a,${tag}_b from ${tables.any}`);
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => editorText(page)).toBe(`SELECT\n  ${tag}_a,\n  ${tag}_b\nFROM\n  ${tables.any}`);

  // Completion offers the open database's tables, not the last one's.
  await setSql(page, `SELECT * FROM ${tables.prefix}`);
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  // Offered once: a completion source set up again for a new editor must not leave the old one.
  await expect(suggest.getByText(tables.offered, { exact: true })).toHaveCount(1);
  await expect(suggest.getByText(tables.offered, { exact: true })).toBeVisible();
  await expect(suggest.getByText(tables.stale, { exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(suggest).toBeHidden();
}

/** Ctrl+M switches what Tab does (the status bar says which), both ways, in the editor on screen. */
async function expectTabSwitchWorks(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  const hint = page.getByTestId('tab-hint');
  await expect(hint).toBeVisible();
  // Start from "Tab indents", whatever the last editor left.
  if ((await hint.innerText()).includes('Tab moves focus')) await page.keyboard.press('Control+M');
  await expect(hint).toContainText('Tab indents here');
  await page.keyboard.press('Tab');
  expect(await focusInEditor(page)).toBe(true);

  await page.keyboard.press('Control+M');
  await expect(hint).toContainText('Tab moves focus out of the editor');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusInEditor(page)).toBe(false);
  // Out of the editor: the status bar no longer talks about it.
  await expect(hint).toBeHidden();
}

test('after two database switches the sandbox editor still runs, marks, formats, completes and lets Tab out', async ({ app }) => {
  await expect(app.getByTestId('database-select')).toHaveText(/Hanbit Market data warehouse/);
  await openDatabase(app, 'Hanbit Market preview (demo)', 'customers');
  await openDatabase(app, 'Hanbit Market experiment platform', 'experiments');

  // The warehouse has exp_experiments; the experiment platform has experiments.
  await expectEditorWorks(app, { prefix: 'exp', offered: 'experiments', stale: 'exp_experiments', any: 'assignments' }, 'sb');
  // The toolbar's Format goes through the app's handle on the editor.
  await setSql(app, 'select 1 as x');
  await app.getByTestId('format').click();
  await expect.poll(() => editorText(app)).toBe('SELECT\n  1 AS x');
  await expectTabSwitchWorks(app);

  // Back to a database seen before: its document and the editor's setup are both there.
  await openDatabase(app, 'Hanbit Market preview (demo)', 'customers');
  await expectEditorWorks(app, { prefix: 'cust', offered: 'customers', stale: 'exp_experiments', any: 'orders' }, 'back');
  await expectTabSwitchWorks(app);
});

test('a lesson editor works after a visit to the sandbox', async ({ app }) => {
  await app.getByTestId('nav-course').click();
  await app.getByTestId('lesson-t0-l1-data-literacy').click();
  await app.getByTestId('step-orders-by-platform').click();
  await expect(app.getByTestId('step-orders-by-platform')).toHaveAttribute('aria-current', 'step');
  await expect(app.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });

  // In the sandbox, another database than the lesson's, so stale completion would show later.
  await app.getByTestId('nav-sandbox').click();
  await expect(app.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await openDatabase(app, 'Hanbit Market experiment platform', 'experiments');
  await expectEditorWorks(app, { prefix: 'exp', offered: 'experiments', stale: 'exp_experiments', any: 'assignments' }, 'sb');
  await expectTabSwitchWorks(app);

  // Back to the lesson (Course returns to the step left): a new editor, set up like the first.
  await app.getByTestId('nav-course').click();
  await expect(app.getByTestId('lesson-player')).toBeVisible();
  await expect(app.getByTestId('step-orders-by-platform')).toHaveAttribute('aria-current', 'step');
  await expect(app.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await expect(app.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  await expect(app.locator('.monaco-editor')).toHaveCount(1);
  await expectEditorWorks(app, { prefix: 'exp', offered: 'exp_experiments', stale: 'experiments', any: 'fact_orders' }, 'ls');
  await expectTabSwitchWorks(app);
});

test('what the learner types before the full editor arrives stays, with the caret and the focus', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  // Hold the full editor's code back, so the plain text area is what the learner types into first.
  await page.route(/\/SqlEditor-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.continue();
  });
  await page.goto('/');
  await page.getByTestId('nav-sandbox').click();
  const plain = page.getByTestId('plain-editor');
  await plain.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('SELECT 12345 AS n;');
  // The caret goes back between 12 and 345.
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowLeft');

  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await expect(plain).toHaveCount(0);
  await expect.poll(() => focusInEditor(page)).toBe(true);
  await page.keyboard.type('0');
  await expect.poll(() => editorText(page)).toBe('SELECT 120345 AS n;');
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('result-grid').locator('[role=gridcell].num', { hasText: '120,345' })).toBeVisible();
  expect(problems).toEqual([]);
});
