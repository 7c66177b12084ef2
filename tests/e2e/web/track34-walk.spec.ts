import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * A Track 4 experiment step done by keyboard only, as a learner without a mouse would: Tab to the
 * editor, type the per-arm query, Ctrl+Enter to read it, leave the editor (Ctrl+M, as the status bar
 * says), make a wrong call with the arrow keys and Space, Shift+Ctrl+Enter to check it and read why
 * (in view), then the right call checked with Enter on "Check the call": it passes in view, the
 * readout's own recommendation appears only then, and the next step is offered and opened by
 * keyboard.
 */

const ARMS =
  "SELECT a.variant, count(*) AS users, sum(o.converted) AS conversions FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id) WHERE a.experiment_id = 'checkout-button-2025' GROUP BY a.variant";

/** What has focus, as a short description (test id, or "editor" inside Monaco). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return 'none';
    if (el.closest('.monaco-editor')) return 'editor';
    return el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}.${el.className}`;
  });
}

/** Presses Tab (or Shift+Tab) until focus is on `target` (a test id, a prefix ending in '*', or 'editor'). */
async function tabTo(page: Page, target: string, back = false): Promise<void> {
  const hit = (f: string) => (target.endsWith('*') ? f.startsWith(target.slice(0, -1)) : f === target);
  for (let i = 0; i < 60; i++) {
    if (hit(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} is not reachable by ${back ? 'Shift+Tab' : 'Tab'}; focus is on ${await focused(page)}`);
}

/** Moves within the focused radio group with the arrow keys until `target` has focus (and is picked). */
async function arrowTo(page: Page, target: string): Promise<void> {
  for (let i = 0; i < 4 && (await focused(page)) !== target; i++) await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe(target);
}

test('a Track 4 experiment step by keyboard only: the call, its reasons, Check, the feedback in view, the next step', async ({
  app: page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/#lesson=t4-l6-ship-call/checkout-call');
  await expect(page.getByTestId('readout-run-first')).toBeVisible();
  await expect(page.getByTestId('lesson-schema').getByText('exp_assignments', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });

  // Into the editor by Tab, replace the starter, run with Ctrl+Enter.
  await page.locator('body').focus();
  await tabTo(page, 'editor');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(ARMS);
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+Enter');
  const readout = page.getByTestId('lesson-readout');
  await expect(readout.getByTestId('arms-table')).toContainText('556');
  await expect(readout.getByTestId('srm-ok')).toBeVisible();
  // The readout does not make the call for the learner.
  await expect(readout.getByTestId('recommendation')).toBeHidden();

  // Out of the editor (Tab indents there), back to the call: a wrong one first, with one right reason.
  await page.keyboard.press('ControlOrMeta+M');
  await tabTo(page, 'decision-*', true);
  await arrowTo(page, 'decision-keep-running');
  await expect(page.getByTestId('decision-keep-running')).toBeChecked();
  await tabTo(page, 'reason-split-ok');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('reason-split-ok')).toBeChecked();
  await page.keyboard.press('Shift+ControlOrMeta+Enter');
  const messages = page.getByTestId('verdict-messages');
  await expect(messages).toContainText('"Keep running" does not follow from the readout', { timeout: 60_000 });
  await expect(messages).toContainText('2 more right answers to pick');
  await expect(messages).toBeInViewport();
  await expect(readout.getByTestId('recommendation')).toBeHidden();

  // The right call and every right reason, checked with Enter on the button.
  await tabTo(page, 'decision-*', true);
  await arrowTo(page, 'decision-ship');
  await expect(page.getByTestId('decision-ship')).toBeChecked();
  for (const reason of ['reason-significant-and-worth', 'reason-revenue-holds']) {
    await tabTo(page, reason);
    await page.keyboard.press('Space');
    await expect(page.getByTestId(reason)).toBeChecked();
  }
  await tabTo(page, 'check-decision');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict-pass')).toBeInViewport({ timeout: 60_000 });
  await expect(readout.getByTestId('recommendation')).toBeVisible();
  await expect(page.getByTestId('step-checkout-call')).toHaveClass(/done/);

  // The next step is offered right after Check, one Tab away, and Enter opens it.
  await tabTo(page, 'next-step');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Step 4 of 5')).toBeVisible();
  await expect(page.getByTestId('choice-answer')).toBeVisible();
});

test('the last step passed before the others does not say the lesson is complete', async ({ app: page }) => {
  await page.goto('/#lesson=t4-l6-ship-call/reco-sentence');
  await page.getByTestId('choice-invalid-rerun').check();
  await page.getByTestId('check').click();
  await expect(page.getByTestId('verdict-pass')).toBeInViewport();
  await expect(page.getByTestId('verdict-pass-next')).toHaveText(
    'That was the last step. 4 earlier steps are still open: the numbers at the top show which.',
  );
  await expect(page.getByTestId('recap')).toHaveCount(0);
});
