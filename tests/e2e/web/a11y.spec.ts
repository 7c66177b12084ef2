import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** Serious and critical WCAG A/AA problems on a screen, as axe-core reports them. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

test('the sandbox, the course map and a lesson have no serious accessibility problems', async ({ app }) => {
  // A result on screen (the Run button: the shortcut has its own tests in workbench.spec.ts).
  await app.getByTestId('run').click();
  await expect(app.getByTestId('result-grid')).toBeVisible();
  expect(await violations(app)).toEqual([]);

  await app.getByTestId('nav-course').click();
  await expect(app.getByTestId('course-map')).toBeVisible();
  expect(await violations(app)).toEqual([]);

  await app.getByTestId('lesson-t0-l2-team-mission').click();
  await app.getByTestId('step-request-logistics').click();
  await expect(app.getByTestId('choice-answer')).toBeVisible();
  expect(await violations(app)).toEqual([]);
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the sandbox and the course map keep enough contrast', async ({ app }) => {
    await app.getByTestId('run').click();
    await expect(app.getByTestId('result-grid')).toBeVisible();
    expect(await violations(app)).toEqual([]);
    await app.getByTestId('nav-course').click();
    await expect(app.getByTestId('course-map')).toBeVisible();
    expect(await violations(app)).toEqual([]);
  });
});
