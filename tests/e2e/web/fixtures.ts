import { test as base, expect, type Page } from '@playwright/test';

/** Collects console errors, page errors and requests outside 127.0.0.1 (the app is offline by design). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} at ${msg.location().url}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return; // data:, blob:
    if (url.hostname !== '127.0.0.1') problems.push(`request outside 127.0.0.1: ${req.url()}`);
  });
  return problems;
}

/**
 * Every web test: a fresh profile, and afterwards no console error, no page error and no
 * request outside 127.0.0.1. `app` starts in the sandbox with the database open; `course` on the course map.
 */
export const test = base.extend<{ app: Page; course: Page }>({
  app: async ({ page }, use) => {
    const problems = watchProblems(page);
    await page.goto('/');
    await waitForReady(page);
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
  course: async ({ page }, use) => {
    const problems = watchProblems(page);
    await page.goto('/');
    await expect(page.getByTestId('course-map')).toBeVisible();
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

/** Opens the sandbox and waits until the database is open and the editor is usable. */
export async function waitForReady(page: Page): Promise<void> {
  await page.getByTestId('nav-sandbox').click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });
  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
}

/** Replaces the editor's text the way a paste would. */
export async function setSql(page: Page, sql: string): Promise<void> {
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

export { expect };
