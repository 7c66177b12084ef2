import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, setSql, test } from './fixtures.ts';

/**
 * The decision-science steps in the lesson player, on the sample lesson (sample-decisions): a
 * metric step (net revenue, checked by month and by week) and two experiment steps (the checkout
 * button, to ship; the recommendation widget, whose sample-ratio check fails). A learner runs the
 * template and previews it by grain, is told that a month-only template is wrong by week, runs the
 * per-arm query and reads the readout of their own numbers, makes a wrong call and reads why (in
 * view), then the right one passes. Once in English, once in Korean.
 *
 * Each test starts in the sandbox with its database open (the `app` fixture) before following the
 * lesson link: a link followed while the app's first database is still opening can leave that one
 * in the engine under the step's name (a race of two opens in the SQL client, reported apart).
 */

const METRIC_FIXED =
  "SELECT strftime('%Y-%m-01', order_date) AS period, SUM(paid_amount - refunded_amount) AS value\nFROM fact_orders\nGROUP BY 1";
const METRIC_RIGHT =
  "SELECT {{ period('order_date') }} AS period, SUM(paid_amount - refunded_amount) AS value\nFROM fact_orders\nGROUP BY 1";
const ARMS = (id: string): string =>
  `SELECT a.variant, count(*) AS users, sum(o.converted) AS conversions\nFROM assignments a JOIN outcomes o USING (experiment_id, unit_id)\nWHERE a.experiment_id = '${id}'\nGROUP BY a.variant`;

/** Saves a screenshot when DATALIT_SHOTS names a folder (for looking at the screens, not for the test). */
async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.DATALIT_SHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}.png` });
}

/** Serious or critical accessibility violations on the page (the editor left out, as in a11y.spec.ts). */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits for the verdict of a Check; a problem of the step itself fails the test with its details. */
async function verdict(page: Page): Promise<void> {
  await expect(page.getByTestId('verdict-fail').or(page.getByTestId('verdict-pass')).or(page.getByTestId('verdict-problem'))).toBeVisible({
    timeout: 60_000,
  });
  const problem = page.getByTestId('verdict-problem');
  if ((await problem.count()) > 0) throw new Error(`the step could not be checked: ${await problem.textContent()}`);
}

const TEXT = {
  en: {
    name: 'Net revenue',
    fixed: /fixed to one grain: right by month, wrong by week \(\d+ periods differ\)/,
    week: 'Week',
    runFirst: 'Run your per-arm query',
    dontShip: '"Don’t ship" does not follow from the readout',
    srm: 'The sample-ratio check fails (p = 4.4 × 10⁻⁶ < 0.001)',
  },
  ko: {
    name: '순매출',
    fixed: /SQL이 한 단위에 고정되어 있습니다\. 월 단위로는 맞지만 주 단위로는 틀립니다\(\d+개 기간이 다릅니다\)/,
    week: '주',
    runFirst: '그룹별 쿼리를 실행하세요',
    dontShip: '"출시하지 않음"은(는) 판독 결과에서 나오지 않는 결정입니다',
    srm: "표본 비율 검사가 실패했으므로(p = 4.4 × 10⁻⁶ < 0.001) 효과를 읽고 '출시'를 고르면 안 됩니다.",
  },
} as const;

for (const lang of ['en', 'ko'] as const) {
  test.describe(`in ${lang === 'en' ? 'English' : 'Korean'}`, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'ko-KR' });
    const text = TEXT[lang];

    test('a metric step: preview by grain, a month-only template is wrong by week, period() passes', async ({ app: page }) => {
      test.setTimeout(180_000);
      await page.goto('/#lesson=sample-decisions/net-revenue');
      await expect(page.getByTestId('metric-name')).toHaveText(text.name);
      await expect(page.getByTestId('metric-definition')).toBeVisible();
      await expect(page.getByTestId('lesson-schema').getByText('fact_orders', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });

      // Ctrl+Enter renders the template by month and draws it; the table lists the months.
      await setSql(page, METRIC_FIXED);
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(page.getByTestId('metric-chart').locator('svg')).toBeVisible({ timeout: 20_000 });
      await expect(page.getByTestId('results-pane')).toContainText('2025-06-01');
      await expect(page.getByTestId('grain-month')).toHaveAttribute('aria-checked', 'true');
      // By week the same template still gives months: the preview shows it.
      await page.getByTestId('grain-week').click();
      await expect(page.getByTestId('grain-week')).toHaveAttribute('aria-checked', 'true');
      await expect(page.getByTestId('grain-week')).toHaveText(text.week);
      await expect(page.getByTestId('results-pane')).toContainText('2025-02-01');
      await shot(page, `decision-metric-preview-${lang}`);
      expect(await axe(page)).toEqual([]);

      // Shift+Ctrl+Enter checks at every grain: right by month, wrong by week, said in view.
      await page.locator('.monaco-editor').first().click();
      await page.keyboard.press('Shift+ControlOrMeta+Enter');
      await verdict(page);
      const messages = page.getByTestId('verdict-messages');
      await expect(messages).toContainText(text.fixed);
      await expect(messages).toBeInViewport();
      await expect(page.getByTestId('graded-note')).toBeVisible();
      // The table is the graded result now (at the grader's grain): the preview says so instead of its Run hint.
      await expect(page.getByTestId('metric-graded-shown')).toBeVisible();
      await shot(page, `decision-metric-fail-${lang}`);

      await setSql(page, METRIC_RIGHT);
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(page.getByTestId('results-pane')).toContainText('2025-01-06');
      await page.keyboard.press('Shift+ControlOrMeta+Enter');
      await verdict(page);
      await expect(page.getByTestId('verdict-pass')).toBeInViewport();
      await expect(page.getByTestId('step-net-revenue')).toHaveClass(/done/);
      await expect(page.getByTestId('next-step')).toBeVisible();
    });

    test('experiment steps: the readout of my numbers, a wrong call explained, the SRM experiment refused', async ({ app: page }) => {
      test.setTimeout(180_000);
      await page.goto('/#lesson=sample-decisions/checkout-call');
      await expect(page.getByTestId('readout-run-first')).toContainText(text.runFirst);
      // The step's own database: its tables are listed once it is open.
      await expect(page.getByTestId('lesson-schema').getByText('assignments', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });

      await setSql(page, ARMS('checkout-button-2025'));
      await page.keyboard.press('ControlOrMeta+Enter');
      const readout = page.getByTestId('lesson-readout');
      await expect(readout.getByTestId('arms-table')).toContainText('556');
      await expect(readout.getByTestId('srm-ok')).toBeVisible();
      // The readout's own call stays hidden until the learner's is checked.
      await expect(readout.getByTestId('recommendation')).toBeHidden();

      await page.getByTestId('decision-dont-ship').check();
      await page.getByTestId('reason-split-holds').check();
      await page.getByTestId('reason-significant-lift').check();
      await page.getByTestId('check-decision').click();
      await verdict(page);
      const messages = page.getByTestId('verdict-messages');
      await expect(messages).toContainText(text.dontShip);
      await expect(messages).toBeInViewport();
      await shot(page, `decision-experiment-fail-${lang}`);
      expect(await axe(page)).toEqual([]);

      await page.getByTestId('decision-ship').check();
      await page.getByTestId('check-decision').click();
      await verdict(page);
      await expect(page.getByTestId('verdict-pass')).toBeInViewport();
      await expect(readout.getByTestId('recommendation')).toBeVisible();
      await shot(page, `decision-experiment-pass-${lang}`);

      // The SRM experiment: reading its effect is refused with the check's p-value.
      await page.getByTestId('next-step').click();
      await expect(page.getByTestId('readout-run-first')).toBeVisible();
      await setSql(page, ARMS('reco-widget-2025'));
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(page.getByTestId('lesson-readout').getByTestId('srm-stop')).toBeVisible();
      await page.getByTestId('decision-ship').check();
      await page.getByTestId('reason-srm-fails').check();
      await page.getByTestId('reason-arms-not-comparable').check();
      await page.keyboard.press('Shift+ControlOrMeta+Enter');
      await verdict(page);
      await expect(page.getByTestId('verdict-messages')).toContainText(text.srm);
      await expect(page.getByTestId('verdict-messages')).toBeInViewport();
      await shot(page, `decision-srm-fail-${lang}`);

      await page.getByTestId('decision-invalid').check();
      await page.getByTestId('check-decision').click();
      await verdict(page);
      await expect(page.getByTestId('verdict-pass')).toBeInViewport();
      await expect(page.getByTestId('step-reco-call')).toHaveClass(/done/);
    });
  });
}
