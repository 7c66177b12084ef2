import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const LESSON = 't0-l1-data-literacy';
const STEP = 'orders-by-platform';
/** The step's reference solution, read from the lesson itself (the walk-through shows its lines). */
const SOLUTION_LINES = (() => {
  const lesson = JSON.parse(readFileSync(new URL(`../../../lessons/t0-orientation/${LESSON}/lesson.json`, import.meta.url), 'utf8')) as {
    steps: { id: string; solution?: string }[];
  };
  return (lesson.steps.find((s) => s.id === STEP)?.solution ?? '').split('\n').filter((l) => l.trim() !== '');
})();

async function openStep(page: Page): Promise<void> {
  await page.getByTestId(`lesson-${LESSON}`).click();
  await page.getByTestId(`step-${STEP}`).click();
  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
}

async function px(page: Page, selector: string, property: string): Promise<number> {
  return page.locator(selector).first().evaluate((el, p) => Number.parseFloat(getComputedStyle(el).getPropertyValue(p)), property);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('presenter mode on a projector (1024×700)', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('large type, editor and results side by side, the solution line by line, and Escape leaves without touching progress', async ({ course }) => {
    await openStep(course);
    const proseBefore = await px(course, '.prose', 'font-size');
    const editorBefore = await px(course, '.monaco-editor .view-lines', 'font-size');

    // Enter with the shortcut.
    await course.keyboard.press('Control+Alt+P');
    const stage = course.getByTestId('presenter-stage');
    await expect(stage).toBeVisible();
    await expect(course.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(course.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });

    // The tokens' scale reaches the prose, Monaco and the grid (no zoom: the page's own zoom stays 1).
    expect(await px(course, '.presenter-prose .prose', 'font-size')).toBeGreaterThanOrEqual(proseBefore * 1.4);
    await expect.poll(() => px(course, '.presenter-stage .monaco-editor .view-lines', 'font-size')).toBeGreaterThanOrEqual(editorBefore * 1.4);
    expect(await course.evaluate(() => getComputedStyle(document.body).zoom)).toBe('1');

    // Run: results beside the editor, not under it; the grid's rows grow with the type.
    await course.getByTestId('presenter-run').click();
    const grid = course.getByTestId('result-grid');
    await expect(grid).toBeVisible();
    const editorBox = (await course.getByTestId('editor-pane').boundingBox())!;
    const gridBox = (await grid.boundingBox())!;
    expect(gridBox.x).toBeGreaterThanOrEqual(editorBox.x + editorBox.width - 1);
    expect(gridBox.y).toBeLessThan(editorBox.y + editorBox.height);
    expect(await grid.locator('.grid-row').nth(1).evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(40);

    // The walk-through: arrows (focus outside the editor) and the buttons.
    await stage.focus();
    await expect(course.getByTestId('presenter-line-count')).toHaveText(`Line 0 of ${SOLUTION_LINES.length}`);
    await course.keyboard.press('ArrowRight');
    await course.keyboard.press('ArrowRight');
    await expect(course.getByTestId('presenter-line-count')).toHaveText(`Line 2 of ${SOLUTION_LINES.length}`);
    await expect(course.getByTestId('presenter-current-line')).toHaveText(new RegExp(`^${SOLUTION_LINES[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(course.getByTestId('presenter-lines').locator('li')).toHaveCount(2);
    // Each shown line is typed into the presenter's editor.
    await expect(course.locator('.presenter-stage .monaco-editor .view-lines')).toContainText(SOLUTION_LINES[1]!.replaceAll(' ', '\u00a0'));
    await course.getByTestId('presenter-prev-line').click();
    await expect(course.getByTestId('presenter-line-count')).toHaveText(`Line 1 of ${SOLUTION_LINES.length}`);
    const next = course.getByTestId('presenter-next-line');
    for (let i = 1; i < SOLUTION_LINES.length; i++) await next.click();
    await expect(next).toBeDisabled();
    await expect(course.getByTestId('presenter-current-line')).toContainText(SOLUTION_LINES.at(-1)!);

    expect(await seriousViolations(course)).toEqual([]);

    // Escape leaves; the learner's own progress has not recorded the solution as seen.
    await stage.focus();
    await course.keyboard.press('Escape');
    await expect(stage).toBeHidden();
    await expect(course.locator('html')).not.toHaveAttribute('data-presenter');
    await expect(course.getByTestId('prose-panel')).toBeVisible();
    await course.getByTestId('check').click();
    await expect(course.getByTestId('show-solution')).toBeVisible();
    await expect(course.getByTestId('solution')).toHaveCount(0);
  });

  test('the exercise timer: presets, start, pause, reset, and time up said politely', async ({ course }) => {
    await course.clock.install();
    await openStep(course);
    await course.getByTestId('presenter-toggle').click();
    await expect(course.getByTestId('presenter-stage')).toBeVisible();
    const clock = course.getByTestId('presenter-clock');
    await expect(clock).toHaveText('5:00');
    await course.getByTestId('presenter-preset-3').click();
    await expect(course.getByTestId('presenter-preset-3')).toHaveAttribute('aria-pressed', 'true');
    await expect(clock).toHaveText('3:00');
    await course.getByTestId('presenter-timer-start').click();
    await course.clock.fastForward('01:00');
    await expect(clock).toHaveText('2:00');
    await course.getByTestId('presenter-timer-pause').click();
    await course.clock.fastForward('00:30');
    await expect(clock).toHaveText('2:00');
    await expect(course.getByTestId('presenter-timer-state')).toHaveText('Paused');
    await course.getByTestId('presenter-timer-reset').click();
    await expect(clock).toHaveText('3:00');

    await course.getByTestId('presenter-timer-start').click();
    await course.clock.fastForward('03:01');
    await expect(clock).toHaveText('0:00');
    await expect(course.getByTestId('presenter-timer-state')).toHaveText("Time's up");
    const announce = course.getByTestId('presenter-timer-announce');
    await expect(announce).toHaveAttribute('aria-live', 'polite');
    await expect(announce).toHaveText("Time's up. The 3-minute exercise is over.");
  });
});

test.describe('in Korean, dark, at 1400×900', () => {
  test.use({ locale: 'ko-KR', colorScheme: 'dark', viewport: { width: 1400, height: 900 } });

  test('the palette turns presenter mode on and off; labels are Korean; no serious accessibility problem', async ({ course }) => {
    await openStep(course);
    await course.keyboard.press('Control+K');
    await course.keyboard.type('발표자 모드');
    await course.getByRole('option', { name: /^발표자 모드/ }).first().click();
    await expect(course.getByTestId('presenter-stage')).toBeVisible();
    await expect(course.getByTestId('presenter-next-line')).toContainText('다음 줄');
    await expect(course.getByTestId('presenter-timer-start')).toHaveText('시작');
    await expect(course.getByTestId('presenter-line-count')).toHaveText(`${SOLUTION_LINES.length}줄 중 0줄`);
    expect(await seriousViolations(course)).toEqual([]);
    // The same command leaves.
    await course.keyboard.press('Control+Alt+P');
    await expect(course.getByTestId('presenter-stage')).toBeHidden();
    await expect(course.getByTestId('prose-panel')).toBeVisible();
  });
});

test('a choice step presents its options and walks to the right answer, leaving the learner’s progress alone', async ({ course }) => {
  const lesson = JSON.parse(readFileSync(new URL('../../../lessons/t0-orientation/t0-l2-team-mission/lesson.json', import.meta.url), 'utf8')) as {
    steps: { id: string; choices?: { label: { en: string }; correct?: boolean }[] }[];
  };
  const choices = lesson.steps.find((s) => s.id === 'request-logistics')!.choices!;
  await course.getByTestId('lesson-t0-l2-team-mission').click();
  await course.getByTestId('step-request-logistics').click();
  await course.getByTestId('presenter-toggle').click();
  await expect(course.getByTestId('presenter-choices').locator('li')).toHaveText(choices.map((c) => c.label.en));
  await course.getByTestId('presenter-next-line').click();
  await expect(course.getByTestId('presenter-current-line')).toContainText(choices.filter((c) => c.correct).map((c) => c.label.en).join(' · '));
  await course.getByTestId('presenter-exit').click();
  await expect(course.getByTestId('choice-answer')).toBeVisible();
  await expect(course.getByTestId('solution')).toHaveCount(0);
});
