import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { buildLineage } from '../../../core/governance/lineage.ts';
import { referenceLineageInputs } from '../../../core/governance/lineage-inputs.ts';
import { expectedImpact } from '../../../core/grading/impact-grader.ts';

/**
 * Track 5 in the lesson player as a learner does it: the t5-l4 impact step (a typical wrong answer
 * gets a message naming what is missing; the right answer passes and the next step is offered) and
 * a t5-l2 quality step (Ctrl+Enter runs the checks, the failing rows show, Check passes); the t5-l5
 * masked view can be run again after a fix. Axe clean.
 */

type LessonJson = { steps: Array<Record<string, unknown> & { id: string }> };
const lesson = (id: string): LessonJson => JSON.parse(readFileSync(`lessons/t5-governance/${id}/lesson.json`, 'utf8')) as LessonJson;
const step = (l: string, s: string) => lesson(l).steps.find((x) => x.id === s)!;

// Read at run time: the datasets are built after the type check (a fresh clone has none yet).
const manifest = JSON.parse(readFileSync('public/datasets/hanbit-manifest.json', 'utf8')) as { plantedProblems: { id: string; count: number }[] };
const planted = (id: string): number => manifest.plantedProblems.find((p) => p.id === id)!.count;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

/** The company's reference lineage, as the grader builds it. */
function referenceGraph() {
  const root = 'lessons/_reference/dbt/hanbit/';
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const path = join(dir, f);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(root.length)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  const pipeline: unknown = JSON.parse(readFileSync('lessons/_reference/pipeline/hanbit-etl.pipeline.json', 'utf8'));
  return buildLineage(referenceLineageInputs({ pipeline, project: { files } }));
}

/** Pastes text into the first Monaco editor inside `scope` (typed newlines would be auto-indented). */
async function paste(page: Page, scope: string, text: string): Promise<void> {
  await page.locator(`${scope} .monaco-editor`).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
}

test('t5-l4: an impact step by search and keyboard; the revenue-only mistake is told what is missing, the whole reach passes', async ({
  course: page,
}) => {
  test.setTimeout(180_000);
  const expected = expectedImpact(referenceGraph(), { source: 'table:hanbit-prod.payments', mark: ['metric', 'tile'] });
  await page.goto('/#lesson=t5-l4-impact/payments-impact');
  await expect(page.getByTestId('impact-graph')).toBeVisible({ timeout: 60_000 });

  // A node on the graph: Tab to it (focus) and Enter.
  const pick = async (id: string) => {
    await page.locator(`.react-flow__node[data-id="${id}"]`).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('impact-inspector')).toBeVisible();
  };
  // Found by name, Enter picks it and the keyboard lands on what to say about it (not on the graph's nodes).
  await page.getByTestId('lineage-search').fill('payments');
  await page.getByTestId('lineage-search').press('Enter');
  await expect(page.getByTestId('impact-set-source')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('impact-source')).toContainText('payments');

  // The typical mistake: revenue only, its owner only.
  const revenueOnly = ['metric:net-revenue', 'tile:starter/kpi-revenue', 'tile:starter/chart-revenue'];
  for (const id of revenueOnly) {
    await pick(id);
    await page.getByTestId('impact-toggle-mark').click();
  }
  await page.getByTestId('impact-owner-commerce').check();
  await page.keyboard.press('Shift+Control+Enter');
  const messages = page.getByTestId('verdict-messages');
  await expect(messages).toBeVisible({ timeout: 60_000 });
  await expect(messages).toBeInViewport();
  // What is missing is counted with one item named as a lead, and the teams left out are counted: a lead, not the answer.
  await expect(messages).toContainText('affected items are missing');
  await expect(messages).toContainText('among them');
  await expect(messages).toContainText(/(One team that owns|teams that own) affected items (is|are) not on your list/);
  await expect(messages).not.toContainText('Active buyers KPI');
  await expect(messages).toContainText('You marked revenue only');
  await expect(page.getByTestId('impact-graded')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  for (const id of expected.affected.filter((a) => !revenueOnly.includes(a))) {
    await pick(id);
    await page.getByTestId('impact-toggle-mark').click();
  }
  for (const team of expected.owners) await page.getByTestId(`impact-owner-${team}`).check();
  await page.getByTestId('check').click();
  await expect(page.getByTestId('verdict-pass')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('verdict-pass')).toBeInViewport();
  await expect(page.getByTestId('step-payments-impact')).toHaveClass(/done/);
  // The graded result: the whole traced impact with the owners; and the way on.
  await expect(page.getByTestId('impact-graded')).toContainText('Marketing');
  await expect(page.getByTestId('next-step')).toBeVisible();
  await page.getByTestId('next-step').click();
  await expect(page.getByTestId('step-really-changes')).toHaveAttribute('aria-current', 'step');
  expect(await seriousViolations(page)).toEqual([]);
});

test('t5-l2: Ctrl+Enter runs a quality step’s checks, the failing rows show, a missed problem is named, the right file passes', async ({
  course: page,
  context,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const s = step('t5-l2-quality-checks', 'production-checks') as unknown as { solution: string; knownWrong: Array<{ yaml: string }> };
  await page.goto('/#lesson=t5-l2-quality-checks/production-checks');
  const area = '[data-testid="quality-step"]';
  await expect(page.locator(`${area} .monaco-editor`)).toBeVisible({ timeout: 30_000 });

  // Duplicates counted on the primary key: the check passes, so the planted double payments are missed.
  await paste(page, area, s.knownWrong.find((k) => k.yaml.includes('duplicate_count(payment_id)'))!.yaml);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('quality-results')).toBeVisible({ timeout: 180_000 });
  const nullEmails = page.locator('[data-testid="quality-check"]').filter({ hasText: 'missing_count(email) = 0' });
  await expect(nullEmails).toHaveAttribute('data-outcome', 'fail');
  await expect(nullEmails.getByTestId('failing-count')).toHaveText(`${planted('prod-null-emails')} failing rows`);
  await expect(nullEmails.getByTestId('failing-rows')).toContainText('NULL');
  const payments = page.locator('[data-testid="quality-check"]').filter({ hasText: 'duplicate_count(payment_id) = 0' });
  await expect(payments).toHaveAttribute('data-outcome', 'pass');

  await page.keyboard.press('Shift+Control+Enter');
  const messages = page.getByTestId('verdict-messages');
  await expect(messages).toBeVisible({ timeout: 120_000 });
  await expect(messages).toBeInViewport();
  await expect(messages).toContainText(String(planted('prod-duplicate-payments')));
  await expect(messages).toContainText('payment_id is the primary key');

  await paste(page, area, s.solution);
  await page.getByTestId('check').click();
  await expect(page.getByTestId('verdict-pass')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('step-production-checks')).toHaveClass(/done/);
  // The results beside the verdict are the graded file's: the duplicate payments now fail.
  await expect(page.locator('[data-testid="quality-check"]').filter({ hasText: 'duplicate_count(order_id) = 0' })).toHaveAttribute(
    'data-outcome',
    'fail',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('next-step')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('t5-l5: the masked view can be run again after a fix, and its rows show', async ({ course: page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const s = step('t5-l5-masked-view', 'analyst-view') as unknown as { solution: string };
  await page.goto('/#lesson=t5-l5-masked-view/analyst-view');
  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  await page.getByTestId('lesson-run').click();
  await expect(page.getByTestId('lesson-schema').getByText('analyst_customers')).toBeVisible({ timeout: 30_000 });
  // The fix, run again: the view is made anew (no "already exists") and its pseudonymised rows show.
  await paste(page, '', s.solution);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('columnheader', { name: 'customer_pid' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('already exists')).toHaveCount(0);
});

test('t5-l3: a check on a lake file is graded in the app (the grader reads the lake), as of the step’s day', async ({
  course: page,
  context,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const s = step('t5-l3-monitoring', 'keyword-check') as unknown as { solution: string };
  await page.goto('/#lesson=t5-l3-monitoring/keyword-check');
  const area = '[data-testid="quality-step"]';
  await expect(page.locator(`${area} .monaco-editor`)).toBeVisible({ timeout: 30_000 });
  await paste(page, area, s.solution);
  await page.getByTestId('check').click();
  await expect(page.getByTestId('verdict-pass')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('step-keyword-check')).toHaveClass(/done/);
});
