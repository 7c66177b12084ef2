import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** What has keyboard focus, in words a failure message can use. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    if (el.closest('.monaco-editor')) return 'EDITOR';
    const id = el.getAttribute('data-testid') ?? el.id ?? '';
    return `${el.tagName.toLowerCase()}${id ? `#${id}` : ''}.${el.className}`.slice(0, 120);
  });
}

/** After an action and two frames (React and the focus guard have run): focus is not on the page body. */
async function expectFocusKept(page: Page, after: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await focused(page), `focus fell to the page body after: ${after}`).not.toBe('BODY');
}

/** Presses a key and checks focus stayed somewhere. */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await expectFocusKept(page, key);
}

/**
 * Presses Tab (or Shift+Tab when the target comes earlier in the page) until the focused element
 * matches `selector`, at most `max` times; focus is checked after every press.
 */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  const where = () =>
    page.evaluate((sel) => {
      const active = document.activeElement;
      if (active?.matches(sel) || active?.closest(sel)) return 'here';
      const target = document.querySelector(sel);
      if (!target) return 'missing';
      return active && target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING ? 'after' : 'before';
    }, selector);
  for (let i = 0; i < max; i++) {
    const at = await where();
    if (at === 'here') return;
    if (at === 'missing') throw new Error(`nothing matches ${selector}`);
    // 'after': the target follows the focused element in the page, so Tab goes forward.
    await press(page, at === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`Tab never reached ${selector}; stuck on ${await focused(page)}`);
}

/** Runs a palette command by typing its name, as a keyboard user does. */
async function paletteCommand(page: Page, name: string): Promise<void> {
  await press(page, 'Control+K');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type(name);
  await expect(page.getByRole('option', { name, exact: false }).first()).toBeVisible();
  await press(page, 'Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
  await expectFocusKept(page, `palette: ${name}`);
}

/** Types SQL key by key into the focused editor (one line: Enter could accept a completion). */
async function typeSql(page: Page, sql: string): Promise<void> {
  await press(page, 'Control+A');
  await press(page, 'Delete');
  await page.keyboard.type(sql.replace(/\s*\n\s*/g, ' '));
  // Close a completion list if one is open, so the next key goes to the app.
  await press(page, 'Escape');
}

interface LessonStep {
  id: string;
  kind: string;
  solution?: string | { sql: string };
  choices?: { id: string; correct: boolean }[];
}
const LESSON = 't0-l1-data-literacy';
const lesson = JSON.parse(readFileSync(`lessons/t0-orientation/${LESSON}/lesson.json`, 'utf8')) as { steps: LessonStep[] };

test('a whole lesson can be done with the keyboard alone, and focus never drops to the page', async ({ app }) => {
  test.setTimeout(180_000);
  // To the course map with the keyboard.
  await paletteCommand(app, 'Open the course map');
  await expect(app.getByTestId('course-map')).toBeVisible();

  // Enter the first Track 0 lesson from the course map.
  await tabTo(app, '[data-testid="lesson-t0-l1-data-literacy"]');
  await press(app, 'Enter');
  await expect(app.getByTestId('lesson-player')).toBeVisible();
  // Numbered within its track, as the course map shows it.
  await expect(app.getByTestId('lesson-place')).toHaveText('Track 0 · Lesson 1');
  await expect.poll(() => focused(app)).toMatch(/step-title|h2/);
  await expectFocusKept(app, 'entering the lesson');

  for (const [i, step] of lesson.steps.entries()) {
    await expect(app.getByTestId(`step-${step.id}`)).toHaveAttribute('aria-current', 'step');
    await expectFocusKept(app, `arriving at step ${step.id}`);

    if (step.kind === 'read') {
      // Tab to Continue (read steps) and press it.
      await tabTo(app, '[data-testid="read-continue"], [data-testid="check"]');
      await press(app, 'Enter');
    } else if (step.kind === 'query') {
      await tabTo(app, '.monaco-editor');
      await expect(app.getByTestId('tab-hint')).toBeVisible();
      await typeSql(app, step.solution as string);
      await press(app, 'Shift+Control+Enter');
    } else if (step.kind === 'choice') {
      const right = step.choices!.find((c) => c.correct)!.id;
      const wrong = step.choices!.find((c) => !c.correct)!.id;
      // Arrow keys walk a radio group and select as they go.
      const pick = async (id: string) => {
        await tabTo(app, '[data-testid="choice-answer"] input');
        const on = () => app.evaluate(() => document.activeElement?.getAttribute('data-testid'));
        for (let k = 0; k <= step.choices!.length && (await on()) !== `choice-${id}`; k++) await press(app, 'ArrowDown');
        await press(app, 'Space');
        await expect(app.getByTestId(`choice-${id}`)).toBeChecked();
      };
      // A wrong answer first, checked with the Check button itself: focus stays on the button.
      await pick(wrong);
      await tabTo(app, '[data-testid="check"]');
      await press(app, 'Enter');
      await expect(app.getByTestId('verdict-fail')).toBeVisible();
      await expect(app.getByTestId('check')).toBeFocused();
      await pick(right);
      // A choice has nothing to run: Ctrl+Enter (Run's key) checks it, as Shift+Ctrl+Enter does.
      await press(app, 'Control+Enter');
    } else if (step.kind === 'number') {
      // Find the number with SQL first: into the editor, run, read the answer off the grid.
      await tabTo(app, '.monaco-editor');
      await typeSql(app, (step.solution as { sql: string }).sql + ' AS answer');
      await press(app, 'Control+Enter');
      const cell = app.getByTestId('result-grid').locator('[role=gridcell]:not(.rownum)').first();
      await expect(cell).toBeVisible();
      const value = ((await cell.textContent()) ?? '').replace(/[^\d.-]/g, '');
      expect(value).toMatch(/^\d+$/);
      // Out of the editor's Tab trap with the key the status bar names.
      await expect(app.getByTestId('tab-hint')).toContainText('Ctrl+M');
      await press(app, 'Control+M');
      await expect(app.getByTestId('tab-hint')).toContainText('Tab moves focus');
      await tabTo(app, '[data-testid="number-input"]');
      await app.keyboard.type(value);
      await press(app, 'Shift+Control+Enter');
    }

    await expect(app.getByTestId(`step-${step.id}`)).toHaveClass(/done/, { timeout: 20_000 });
    await expectFocusKept(app, `checking step ${step.id}`);
    // Move on with the palette's lesson command, unless the step already moved on by itself.
    const last = i === lesson.steps.length - 1;
    if (!last && (await app.getByTestId(`step-${step.id}`).getAttribute('aria-current')) === 'step') {
      await paletteCommand(app, 'Next step');
    }
  }
  // Finished: the recap is there and every step is done.
  await expect(app.getByTestId('recap')).toBeVisible();
  for (const step of lesson.steps) await expect(app.getByTestId(`step-${step.id}`)).toHaveClass(/done/);
  await expectFocusKept(app, 'finishing the lesson');
});

test('the palette opens with Ctrl+K and Ctrl+Shift+P, offers the lesson commands, and Escape gives focus back', async ({ app }) => {
  // From the editor: Ctrl+K is the palette here, not the start of one of Monaco's chords.
  await app.locator('.monaco-editor').first().click();
  await press(app, 'Control+K');
  await expect(app.getByTestId('palette')).toBeVisible();
  await expect(app.getByTestId('palette-input')).toBeFocused();
  await press(app, 'Escape');
  await expect(app.getByTestId('palette')).toBeHidden();
  expect(await focused(app)).toBe('EDITOR');
  await press(app, 'Control+Shift+P');
  await expect(app.getByTestId('palette')).toBeVisible();
  await press(app, 'Escape');
  expect(await focused(app)).toBe('EDITOR');

  // Settings from the keyboard, closed with Escape: focus back in the editor.
  await press(app, 'Control+,');
  await expect(app.getByTestId('settings-dialog')).toBeVisible();
  await press(app, 'Escape');
  await expect(app.getByTestId('settings-dialog')).toBeHidden();
  expect(await focused(app)).toBe('EDITOR');

  // In a lesson the palette has Check, Hint, Show solution, Next and Previous.
  await paletteCommand(app, 'Open the course map');
  await tabTo(app, '[data-testid="lesson-t0-l1-data-literacy"]');
  await press(app, 'Enter');
  await expect(app.getByTestId('lesson-player')).toBeVisible();
  await paletteCommand(app, 'Next step');
  await expect(app.getByTestId('step-orders-by-platform')).toHaveAttribute('aria-current', 'step');
  await press(app, 'Control+K');
  const list = app.getByTestId('palette');
  for (const name of ['Check the answer', 'Show the next hint', 'Show the solution…', 'Next step', 'Previous step']) {
    await expect(list.getByRole('option', { name: new RegExp(name) })).toBeVisible();
  }
  await app.keyboard.type('hint');
  await press(app, 'Enter');
  await expect(app.getByTestId('hints').locator('li')).toHaveCount(1);
  // Show solution goes through the lesson's own confirmation.
  await paletteCommand(app, 'Show the solution');
  await expect(app.getByTestId('solution-dialog')).toBeVisible();
  await press(app, 'Escape');
  await expect(app.getByTestId('solution-dialog')).toBeHidden();
  await expectFocusKept(app, 'closing the solution dialog');
  await paletteCommand(app, 'Previous step');
  await expect(app.getByTestId('step-meet-the-data')).toHaveAttribute('aria-current', 'step');
});

test('the skip link leads to the work on every screen', async ({ app }) => {
  // The skip link is the page's first Tab stop; each screen gives it somewhere to go.
  expect(await app.evaluate(() => document.querySelector('a[href], button, input, textarea')?.getAttribute('data-testid'))).toBe(
    'skip-link',
  );
  const skip = async () => {
    await app.getByTestId('skip-link').focus();
    await expect(app.getByTestId('skip-link')).toBeVisible();
    await press(app, 'Enter');
  };
  // Sandbox: to the editor.
  await skip();
  expect(await focused(app)).toBe('EDITOR');
  // Course map: to the course.
  await paletteCommand(app, 'Open the course map');
  await skip();
  await expect(app.getByTestId('course-map')).toBeFocused();
  // Lesson: to the step.
  await tabTo(app, '[data-testid="lesson-t0-l1-data-literacy"]');
  await press(app, 'Enter');
  await expect(app.getByTestId('lesson-player')).toBeVisible();
  await skip();
  expect(await focused(app)).toMatch(/step-title|h2/);
});
