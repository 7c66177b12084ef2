import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Page } from '@playwright/test';
import { test, expect, setSql } from './fixtures.ts';

/**
 * Class packs in the web app: the sample pack (tests/fixtures/packs/cafe-workshop.zip, made by
 * `npm run pack -- build`) opened from the hidden file input, its section on the course map with
 * the welcome note, its lesson completed in the lesson player on the pack's own CSV, a hostile
 * pack dropped on the window and refused with its reason while the installed pack stays, the
 * pack kept across a reload, a newer version replacing it after confirming, and removal. In the
 * sandbox, a CSV of the learner's own is imported beside the pack's dataset and joined with it.
 */

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'packs', 'cafe-workshop.zip');
const SOLUTION = 'SELECT drink, count(*) AS orders\nFROM orders\nGROUP BY drink\nORDER BY orders DESC, drink;';

/** The sample pack with some files changed, added, or removed (undefined). */
function variant(changes: Record<string, string | Uint8Array | undefined>): Buffer {
  const files: Zippable = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  for (const [path, content] of Object.entries(changes)) {
    if (content === undefined) delete files[path];
    else files[path] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  return Buffer.from(zipSync(files));
}

/** Drops a file on the window as a learner dragging it from their file manager would. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name, { type: 'application/zip' }));
      return dt;
    },
    { name, data: [...bytes] },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('body', type, { dataTransfer: transfer });
}

test('a class pack opens onto the course map, its lesson is completed on its own data, a hostile pack is refused, and the pack persists, updates and goes', async ({ course }) => {
  test.setTimeout(180_000);
  // Opened from the hidden file input the menu command clicks.
  await course.getByTestId('open-pack-input').setInputFiles(SAMPLE);
  await expect(course.getByTestId('notice-success')).toContainText('Installed the class pack “Café workshop” 1.0.0: 1 lesson on the course map.', { timeout: 60_000 });

  const section = course.getByTestId('pack-section-cafe-workshop');
  await expect(section.getByRole('heading', { name: 'Café workshop', exact: true, level: 2 })).toBeVisible();
  await expect(section).toContainText('Version 1.0.0 · by Datalit Studio team');
  await expect(section.getByTestId('pack-welcome').getByRole('heading', { level: 3 })).toHaveText('Welcome to the café workshop');
  await expect(section.getByTestId('pack-welcome')).toContainText('Today you write a first query on a small café');
  await expect(section).toContainText('0 of 1 lessons done');
  // Installing brings the new section into view, and it is accessible.
  await expect(section.getByRole('heading', { level: 2 })).toBeInViewport();
  const axeSection = await new AxeBuilder({ page: course }).include('[data-testid="pack-section-cafe-workshop"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axeSection.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The lesson plays in the lesson player on the pack's CSV, loaded as the table `orders`.
  await section.getByTestId('lesson-cafe-workshop--cafe-first-query').click();
  await expect(course.getByTestId('step-prompt')).toContainText('Count the orders of each drink');
  await expect(course.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await setSql(course, 'SELECT drink, count(*) AS orders FROM orders GROUP BY drink ORDER BY drink;');
  await course.getByTestId('check').click();
  await expect(course.getByTestId('verdict-messages')).toContainText(/order/i, { timeout: 30_000 });
  await setSql(course, SOLUTION);
  await course.getByTestId('check').click();
  await expect(course.getByTestId('verdict-pass')).toBeVisible({ timeout: 30_000 });

  // In the sandbox the pack's dataset is the open database; the learner imports a CSV of their own beside it and joins the two.
  await course.getByTestId('nav-sandbox').click();
  await expect(course.getByTestId('database-select')).toHaveText(/Café orders/);
  const chooser = course.waitForEvent('filechooser');
  await course.getByTestId('import-data').click();
  await (await chooser).setFiles({ name: 'menu.csv', mimeType: 'text/csv', buffer: Buffer.from('drink,price_krw\nlatte,5500\nmocha,6000\ntea,3000\n') });
  const importDialog = course.getByTestId('data-import-dialog');
  await expect(importDialog).toBeVisible();
  await expect(course.getByTestId('import-table')).toHaveValue('menu');
  await course.getByTestId('import-start').click();
  // A clean import closes its dialog by itself.
  await expect(importDialog).toHaveCount(0, { timeout: 30_000 });
  await expect(course.getByTestId('schema-menu')).toContainText('3 rows');
  await setSql(course, 'SELECT o.drink, count(*) AS orders, sum(m.price_krw) AS revenue_krw FROM orders o JOIN menu m USING (drink) GROUP BY o.drink ORDER BY o.drink;');
  await course.keyboard.press('Control+Enter');
  await expect(course.getByTestId('row-info')).toHaveText('3 rows');
  await expect(course.getByTestId('result-grid')).toContainText('16,500');

  // The course entry leads back to the lesson; from there, back to the map.
  await course.getByTestId('nav-course').click();
  await course.getByTestId('back-to-course').click();
  await expect(section).toContainText('1 of 1 lessons done');

  // A hostile pack dropped on the window: refused with its reason, the installed pack untouched.
  await dropFile(course, 'evil-pack.zip', variant({ '../../escape.csv': 'a\n1\n' }));
  const refused = course.getByTestId('pack-refused');
  await expect(refused).toContainText('evil-pack.zip was not installed. Nothing already installed changed.');
  await expect(refused.locator('li[data-code="path-escape"]')).toContainText("../../escape.csv points outside the pack's folder");
  const axeDialog = await new AxeBuilder({ page: course }).include('[data-testid="pack-refused"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axeDialog.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await refused.getByRole('button', { name: 'Close' }).click();
  // A pack whose reference solution fails is refused after its solutions ran.
  const lesson = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(SAMPLE)))['cafe-first-query/lesson.json'])) as {
    steps: { solution: string }[];
  };
  lesson.steps[0]!.solution = 'SELECT drink, count(*) AS orders FROM no_such_table GROUP BY drink ORDER BY orders DESC, drink';
  await dropFile(course, 'broken.zip', variant({ 'cafe-first-query/lesson.json': JSON.stringify(lesson) }));
  await expect(refused.locator('li[data-code="solution-fails"]')).toContainText(
    "cafe-first-query/lesson.json: the reference solution of the step 'orders-per-drink' does not pass its own check.",
    { timeout: 60_000 },
  );
  await refused.getByRole('button', { name: 'Close' }).click();
  await expect(section).toContainText('Version 1.0.0');
  await expect(section).toContainText('1 of 1 lessons done');

  // Installed packs survive a reload.
  await course.reload();
  await expect(course.getByTestId('pack-section-cafe-workshop')).toContainText('1 of 1 lessons done');

  // A newer version replaces it after confirming; progress on its lesson is kept.
  const manifest = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(SAMPLE)))['pack.yaml']).replace('version: 1.0.0', 'version: 1.1.0');
  await course.getByTestId('open-pack-input').setInputFiles({ name: 'cafe-1.1.zip', mimeType: 'application/zip', buffer: variant({ 'pack.yaml': manifest }) });
  const replace = course.getByTestId('pack-replace');
  await expect(replace).toContainText('“Café workshop” version 1.0.0 is installed. Replace it with version 1.1.0?', { timeout: 60_000 });
  await replace.getByTestId('pack-replace-confirm').click();
  await expect(section).toContainText('Version 1.1.0');
  await expect(section).toContainText('1 of 1 lessons done');

  // Removed, its section leaves the map.
  await section.getByTestId('pack-remove-cafe-workshop').click();
  await course.getByTestId('pack-remove-confirm').click();
  await expect(course.getByTestId('notice-success').last()).toContainText('Removed the class pack “Café workshop”.');
  await expect(section).toHaveCount(0);
  await course.reload();
  await expect(course.getByTestId('course-map')).toBeVisible();
  await expect(course.getByTestId('pack-section-cafe-workshop')).toHaveCount(0);
});
