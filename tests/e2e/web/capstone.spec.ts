import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * The capstone in the browser, as a learner does it: the starter is checked and fails at stage 1
 * (the per-stage statuses on the stepper); the load is fixed in the pipeline workbench and run; the
 * KPI is written and previewed on the learner's own load; the tile set to a weekly chart over whole
 * weeks; a wrong call fails at stage 4 only; the right call passes; the answer survives a reload.
 */

const LESSON = JSON.parse(readFileSync(join(import.meta.dirname, '../../../lessons/cautions-capstone/capstone-spring-festa/lesson.json'), 'utf8')) as {
  steps: { kind: string; load?: { solution: { tasks: { id: string; sql?: string }[] } }; kpi?: { solution: string } }[];
};
const STEP = LESSON.steps.find((s) => s.kind === 'capstone')!;
/** One statement a line, comments out: typed into Monaco, a newline inside brackets would meet its auto-closing. */
function oneLine(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '')
    .join(';\n');
}
const LOAD_SQL = oneLine(STEP.load!.solution.tasks.find((t) => t.id === 'load_events')!.sql!);
const KPI_SQL = oneLine(STEP.kpi!.solution);

async function replaceText(page: Page, container: string, text: string): Promise<void> {
  const editor = page.locator(`${container} .monaco-editor`).first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('capstone-area').getByTestId('check').click();
  // The verdict of an earlier check stays on screen until this one lands: wait for the grading itself.
  await expect(page.getByTestId('capstone-checking')).toBeVisible();
  await expect(page.getByTestId('capstone-checking')).toBeHidden({ timeout: 240_000 });
  const verdict = page.getByTestId('verdict-fail').or(page.getByTestId('verdict-pass')).or(page.getByTestId('verdict-problem'));
  await expect(verdict).toBeVisible({ timeout: 240_000 });
  const problem = page.getByTestId('verdict-problem');
  if ((await problem.count()) > 0) throw new Error(`the step could not be checked: ${await problem.locator('details').textContent()}`);
}

test('the capstone: from the raw lake files to the call, stage by stage, in one check', async ({ course: page }) => {
  test.setTimeout(900_000);
  await page.goto('/#lesson=capstone-spring-festa/festa-review');
  const area = page.getByTestId('capstone-area');
  await expect(area.getByTestId('pipeline-workbench')).toBeVisible({ timeout: 60_000 });

  // The starter loads the lake as it is: stage 1 fails first, and the stepper shows every stage's status.
  await check(page);
  await expect(page.getByTestId('verdict-messages')).toContainText(/Stage 1 of 4, the load|4단계 중 1단계\(적재\)/);
  await expect(area.getByTestId('capstone-stage-load')).toHaveAttribute('data-status', 'failed');
  await expect(area.getByTestId('capstone-result-load')).toBeVisible();
  // The failing load leads the feedback; its row differences give one example each (the comparison holds them all) and the
  // other stages take one line, so the comparison and the hints stay in view under the verdict.
  await expect(page.getByTestId('verdict-messages').getByRole('list', { name: 'Capstone stages' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByTestId('verdict-messages')).not.toContainText(/\); \(/);
  await expect(page.getByTestId('compare')).toBeInViewport();

  // Stage 1: the cleaning in load_events, then a run so the KPI can be previewed on this load.
  await area.getByTestId('dag-node-load_events').click();
  await replaceText(page, '[data-testid="pl-sql-editor"]', LOAD_SQL);
  await area.getByTestId('pl-run-all').click();
  await expect(area.locator('[data-testid="dag-node-load_events"][data-state="success"]')).toBeVisible({ timeout: 180_000 });

  // Stage 2: the KPI, previewed by week on the learner's own table.
  await area.getByTestId('capstone-next').click();
  await replaceText(page, '[data-testid="capstone-work-kpi"]', KPI_SQL);
  await area.getByTestId('capstone-grain-week').click();
  await expect(area.getByTestId('capstone-tile').locator('svg')).toBeVisible({ timeout: 60_000 });

  // Stage 3: a weekly chart over the whole weeks from 3 March to 27 April.
  await area.getByTestId('capstone-next').click();
  await area.getByTestId('capstone-kind-chart').click();
  await area.getByTestId('capstone-tile-grain-week').click();
  await area.getByTestId('capstone-from').fill('2025-03-03');
  await area.getByTestId('capstone-to').fill('2025-04-27');
  await expect(area.getByTestId('capstone-tile').locator('svg')).toBeVisible({ timeout: 60_000 });

  // Stage 4: reading the cut-off week as a collapse fails there, and only there.
  await area.getByTestId('capstone-next').click();
  await area.getByTestId('capstone-choice-collapse').click();
  await area.getByTestId('capstone-reason-last-week-drop').click();
  await check(page);
  await expect(page.getByTestId('verdict-messages')).toContainText(/Stage 4 of 4, the decision|4단계 중 4단계\(결정\)/);
  for (const stage of ['load', 'kpi', 'tile'])
    await expect(area.getByTestId(`capstone-stage-${stage}`)).toHaveAttribute('data-status', 'passed');
  await expect(area.getByTestId('capstone-stage-decision')).toHaveAttribute('data-status', 'failed');
  await expect(area.getByTestId('capstone-result-decision')).toContainText(/28/);

  await area.getByTestId('capstone-choice-lift-while-running').click();
  await area.getByTestId('capstone-reason-last-week-drop').click();
  for (const reason of ['festa-weeks-up', 'after-back', 'clean-numbers']) await area.getByTestId(`capstone-reason-${reason}`).click();
  await check(page);
  await expect(page.getByTestId('verdict-pass')).toBeVisible();
  for (const stage of ['load', 'kpi', 'tile', 'decision'])
    await expect(area.getByTestId(`capstone-stage-${stage}`)).toHaveAttribute('data-status', 'passed');

  // The answer is saved with the learner's progress: after a reload the tile and the call are still there.
  await page.reload();
  await expect(page.getByTestId('capstone-area')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('capstone-stage-decision').click();
  await expect(page.getByTestId('capstone-choice-lift-while-running')).toBeChecked();
  await page.getByTestId('capstone-stage-tile').click();
  await expect(page.getByTestId('capstone-to')).toHaveValue('2025-04-27');
});
