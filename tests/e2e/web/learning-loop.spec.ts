import type { Locator, Page } from '@playwright/test';
import { expect, setSql, test } from './fixtures.ts';

/**
 * The learning loop as a learner meets it, at a roomy and a small window: feedback in view, the
 * graded result in the grid, the schema beside the exercise, the way on to the next lesson.
 */

const L1 = 't0-l1-data-literacy';
const RIGHT = 'SELECT platform, count(*) AS orders\nFROM fact_orders\nGROUP BY platform\nORDER BY orders DESC, platform;';

/** Fails unless the element is fully inside the window and is what a click at its centre hits. */
async function expectInView(page: Page, el: Locator): Promise<void> {
  await expect(el).toBeInViewport({ ratio: 1 });
  const box = (await el.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
  // Not hidden behind another element or clipped away by a scrolling box.
  await expect
    .poll(() =>
      el.evaluate((node) => {
        const r = node.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 12));
        return at && node.contains(at) ? 'hit' : `covered by ${at?.outerHTML.slice(0, 120) ?? 'nothing'}`;
      }),
    )
    .toBe('hit');
}

async function openStep(page: Page, lesson: string, step: string): Promise<void> {
  await page.getByTestId(`lesson-${lesson}`).click();
  await expect(page.getByTestId('lesson-player')).toBeVisible();
  await page.getByTestId(`step-${step}`).click();
  await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('aria-current', 'step');
}

async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });
}

for (const [width, height] of [
  [1400, 900],
  [1024, 700],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('Check shows the graded result in the grid, and the verdict in view', async ({ course }) => {
      await openStep(course, L1, 'orders-by-platform');
      await editorReady(course);
      // The schema of the step's database is beside the exercise, descriptions included.
      const schema = course.getByTestId('lesson-schema');
      await expect(schema).toBeVisible();
      await expectInView(course, schema.getByTestId('schema-fact_orders').locator('summary'));
      await schema.getByTestId('schema-fact_orders').locator('summary').click();
      await expect(schema.getByTestId('schema-fact_orders')).toContainText('platform');

      // An unrelated Run first: Check must not leave it on screen.
      await setSql(course, 'SELECT 1 AS unrelated;');
      await course.keyboard.press('Control+Enter');
      await expect(course.getByTestId('sort-unrelated')).toBeVisible();

      await setSql(course, RIGHT);
      await course.getByTestId('check').click();
      const verdict = course.getByTestId('verdict-pass');
      await expect(verdict).toBeVisible();
      await expectInView(course, verdict);
      await expect(course.getByTestId('sort-unrelated')).toHaveCount(0);
      await expect(course.getByTestId('sort-platform')).toBeVisible();
      await expect(course.getByTestId('sort-orders')).toBeVisible();
      await expect(course.getByTestId('graded-note')).toBeVisible();
      // The passed step is marked done in the stepper, and the way on is in view.
      await expect(course.getByTestId('step-orders-by-platform')).toHaveClass(/done/);
      await expectInView(course, course.getByTestId('next-step'));
    });

    test('a failed Check marks what differs, and with a hint open ten result rows stay visible', async ({ course }) => {
      await openStep(course, L1, 'orders-by-platform');
      await editorReady(course);

      // One platform's count is off by one: that row and that cell are marked.
      await setSql(
        course,
        "SELECT platform, count(*) + (platform = 'web') AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;",
      );
      await course.getByTestId('check').click();
      await expectInView(course, course.getByTestId('verdict-fail'));
      const grid = course.getByTestId('result-grid');
      await expect(grid.locator('.grid-row.marked')).toHaveCount(1);
      await expect(grid.locator('.grid-row.marked')).toContainText('web');
      await expect(grid.locator('.grid-row.marked .marked-cell')).toHaveCount(1);

      // A column nobody asked for is marked in the header.
      await setSql(
        course,
        'SELECT platform, count(*) AS orders, 1 AS extra FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;',
      );
      await course.getByTestId('check').click();
      await expect(grid.locator('.grid-header .marked-col')).toHaveCount(1);
      await expect(grid.locator('.grid-header .marked-col')).toContainText('extra');

      // A long wrong result, a hint: the hint is in view and the grid still shows ten rows.
      await setSql(course, 'SELECT platform, order_id AS orders FROM fact_orders ORDER BY order_id LIMIT 40;');
      await course.getByTestId('check').click();
      // This Check's verdict, not the last one's: the grid holds its 40 rows.
      await expect(course.getByTestId('row-info')).toContainText('40');
      await expectInView(course, course.getByTestId('verdict-fail'));
      await course.getByTestId('hint').click();
      await expectInView(course, course.getByTestId('hints').locator('li').last());
      const gridBox = (await grid.boundingBox())!;
      const rows = await grid.locator('.grid-row:not(.grid-header)').evaluateAll(
        (els, box) =>
          els.filter((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= box.y + 27 && r.bottom <= box.y + box.height + 1;
          }).length,
        gridBox,
      );
      expect(rows).toBeGreaterThanOrEqual(10);
    });

    test('the comparison and the revealed solution show in full, and the solution passes from the editor', async ({ course }) => {
      await openStep(course, L1, 'orders-by-platform');
      await editorReady(course);
      await setSql(
        course,
        'SELECT platform, count(DISTINCT customer_id) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;',
      );
      await course.getByTestId('check').click();
      await course.getByTestId('compare').click();
      const compare = course.getByTestId('compare-view');
      await expect(compare).toBeVisible();
      // Every expected row is there, not one of three in a small scrolling box.
      await expect(compare.locator('figure').first().locator('tbody tr')).toHaveCount(3);
      await expectInView(course, compare.locator('figure').first().locator('tbody tr').last());

      await course.getByTestId('show-solution').click();
      await course.getByTestId('solution-confirm').click();
      const put = course.getByTestId('solution').getByRole('button', { name: 'Put it in the editor' });
      await expectInView(course, put);
      await put.click();
      await course.getByTestId('check').click();
      await expectInView(course, course.getByTestId('verdict-pass'));
    });
  });
}

test('a read step continues in one click, and a choice step shows its chart and why the right answer is right', async ({ course }) => {
  await course.getByTestId(`lesson-${L1}`).click();
  const chart = course.getByTestId('chart-view').locator('svg');
  await expect(chart).toBeVisible({ timeout: 20_000 });
  const next = course.getByTestId('read-continue');
  await expect(next).toHaveText('Continue');
  // The button comes after the content it closes.
  const after = await next.evaluate((btn) => {
    const chartEl = document.querySelector('[data-testid="chart-view"]')!;
    return !!(chartEl.compareDocumentPosition(btn) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(after).toBe(true);
  await expect(course.getByTestId('check')).toHaveCount(0);
  await next.click();
  await expect(course.getByTestId('step-prompt')).toContainText(/platform.+orders/);
  await expect(course.getByTestId('step-meet-the-data')).toHaveClass(/done/);

  // The choice step about "the chart from the first step" shows that chart.
  await course.getByTestId('step-what-the-chart-shows').click();
  await expect(course.getByTestId('chart-view').locator('svg')).toBeVisible({ timeout: 20_000 });
  await course.getByTestId('choice-trend-and-december').check();
  await course.getByTestId('check').click();
  await expectInView(course, course.getByTestId('verdict-pass'));
  await expect(course.getByTestId('why-trend-and-december')).toBeVisible();
});

test('a required reason is marked as required', async ({ course }) => {
  await openStep(course, 't0-l2-team-mission', 'prove-value');
  await expect(course.getByTestId('reason-required')).toBeVisible();
  await expect(course.getByTestId('reason')).toHaveAttribute('aria-required', 'true');
});

test('finishing a lesson offers the next one; the course map shows progress and continues at the first unfinished step', async ({
  course,
}) => {
  // Steps 1-3 of lesson 1 done, as a learner who stopped before the last step and went back to the map.
  await course.getByTestId(`lesson-${L1}`).click();
  await course.getByTestId('read-continue').click();
  await editorReady(course);
  await setSql(course, RIGHT);
  await course.getByTestId('check').click();
  await course.getByTestId('next-step').click();
  await course.getByTestId('choice-trend-and-december').check();
  await course.getByTestId('check').click();
  await expect(course.getByTestId('verdict-pass')).toBeVisible();
  await course.getByTestId('back-to-course').click();
  await expect(course.getByTestId('course-progress')).toContainText('3 of');
  // The last location is a finished step: Continue points at the first unfinished one.
  await expect(course.getByTestId('continue')).toContainText('busiest month', { ignoreCase: true });
  await course.getByTestId('continue').click();
  await expect(course.getByTestId('step-busiest-month')).toHaveAttribute('aria-current', 'step');

  // Find the number with a query, then answer it.
  await editorReady(course);
  await setSql(
    course,
    'SELECT max(orders) AS n FROM (SELECT substr(order_date, 1, 7) AS month, count(*) AS orders FROM fact_orders GROUP BY month);',
  );
  await course.keyboard.press('Control+Enter');
  const cell = course.getByTestId('result-grid').locator('[role="gridcell"]').first();
  await expect(cell).toBeVisible();
  const value = (await cell.textContent())!.replace(/[^\d.]/g, '');
  await course.getByTestId('number-input').fill(value);
  await course.getByTestId('number-input').press('Enter');
  await expectInView(course, course.getByTestId('verdict-pass'));

  // The recap offers the next lesson, and following it opens it.
  const recap = course.getByTestId('recap');
  await expect(recap).toBeVisible();
  const nextLesson = recap.getByTestId('next-lesson');
  await nextLesson.scrollIntoViewIfNeeded();
  await expect(nextLesson).toContainText('Next lesson');
  await nextLesson.click();
  await expect(course.getByTestId('lesson-player')).toBeVisible();
  await expect(course.getByTestId('step-mission')).toHaveAttribute('aria-current', 'step');

  // Back on the course map: lesson 1 done, progress counted, Continue at lesson 2's first step.
  await course.getByTestId('back-to-course').click();
  await expect(course.getByTestId(`lesson-${L1}`)).toContainText('Done');
  await expect(course.getByTestId('course-progress')).toContainText('4 of');
  await expect(course.getByTestId('continue')).toBeVisible();
  await course.getByTestId('continue').click();
  await expect(course.getByTestId('step-mission')).toHaveAttribute('aria-current', 'step');
});

test('a visit to the sandbox keeps the learner’s place in the lesson', async ({ course }) => {
  await openStep(course, L1, 'orders-by-platform');
  await editorReady(course);
  await course.getByTestId('nav-sandbox').click();
  await expect(course.getByTestId('lesson-player')).toHaveCount(0);
  await expect(course.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });
  await course.getByTestId('nav-course').click();
  await expect(course.getByTestId('lesson-player')).toBeVisible();
  await expect(course.getByTestId('step-orders-by-platform')).toHaveAttribute('aria-current', 'step');
  await expect(course.getByTestId('step-prompt')).toContainText(/platform.+orders/);
  // The step's own database is open again: its schema is beside the editor.
  await expect(course.getByTestId('lesson-schema').getByTestId('schema-fact_orders')).toBeVisible({ timeout: 30_000 });
});
