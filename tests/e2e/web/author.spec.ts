import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { scaffoldFiles } from '../../../scripts/lesson-new.ts';

/**
 * Author mode in the web app, as an author uses it: a lesson folder opened from the command palette
 * (Chromium's showDirectoryPicker, replaced here by an in-memory folder the test can edit), its
 * lesson on the course map and in the player, a saved edit showing up without a reload, a broken
 * edit listed with its file and line while the lesson stays open, and leaving author mode.
 */

const FILES = scaffoldFiles({
  id: 't3-l90-draft',
  track: 't3',
  titleKo: '반품 세기',
  titleEn: 'Counting returns',
  database: 'demo',
  kind: 'query',
  order: 90,
  table: 'orders',
  rows: 3000,
});

/** An in-memory folder behind window.showDirectoryPicker; `window.__authorFiles` is its content. */
async function fakeFolder(page: Page, files: Record<string, string>): Promise<void> {
  await page.addInitScript((initial) => {
    const w = window as unknown as { __authorFiles: Record<string, string>; showDirectoryPicker: () => Promise<unknown> };
    w.__authorFiles = initial;
    const file = (name: string) => ({ kind: 'file', name, getFile: async () => new File([w.__authorFiles[name] ?? ''], name) });
    const dir = {
      kind: 'directory',
      name: 't3-l90-draft',
      async *values() {
        for (const name of Object.keys(w.__authorFiles)) yield file(name);
      },
    };
    w.showDirectoryPicker = async () => dir;
  }, files);
}

async function editFile(page: Page, name: string, edit: (text: string) => string): Promise<void> {
  const text = edit(FILES[name as keyof typeof FILES]);
  await page.evaluate(
    ([n, t]) => {
      (window as unknown as { __authorFiles: Record<string, string> }).__authorFiles[n as string] = t as string;
    },
    [name, text],
  );
}

async function palette(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type(name);
  await expect(page.getByRole('option', { name, exact: false }).first()).toBeVisible();
  await page.keyboard.press('Enter');
}

test('author mode: open a folder, see its lesson, edit a file and see the change, see a broken edit located, leave', async ({ page }) => {
  await fakeFolder(page, FILES);
  await page.goto('/');
  await expect(page.getByTestId('course-map')).toBeVisible();
  await palette(page, 'Open lesson folder (author mode)');

  const section = page.getByTestId('author-section');
  await expect(section).toBeVisible();
  await expect(section.getByRole('heading', { name: 'Author mode' })).toBeVisible();
  const card = section.getByTestId('author-lesson-t3-l90-draft');
  await expect(card).toContainText('Counting returns');

  await card.click();
  await expect(page.getByTestId('prose-panel')).toContainText('This step is for reading only.');

  // A saved edit reaches the open lesson within about a second, on the same step.
  await editFile(page, 'en.md', (t) => t.replace('This step is for reading only.', 'Each row is one order, edited live.'));
  await expect(page.getByTestId('prose-panel')).toContainText('Each row is one order, edited live.', { timeout: 10_000 });

  // A broken edit: the lesson stays open as it was, and the problem names its file and line.
  await editFile(page, 'lesson.json', (t) => t.replace('"minutes": 10,', '"minutes": 10,,'));
  await expect(page.getByTestId('notice-warning')).toContainText('t3-l90-draft/lesson.json:', { timeout: 10_000 });
  await expect(page.getByTestId('prose-panel')).toContainText('Each row is one order, edited live.');
  const line = FILES['lesson.json'].split('\n').findIndex((l) => l.includes('"minutes"')) + 1;
  await palette(page, 'Open the course map');
  await expect(page.getByTestId('author-problems')).toContainText(`t3-l90-draft/lesson.json:${line}: lesson.json is not valid JSON`);
  await expect(section).toContainText('Shows the last version that loaded');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include('[data-testid="author-section"]').analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Fixed again: the problems go.
  await editFile(page, 'lesson.json', (t) => t);
  await expect(page.getByTestId('author-problems')).toBeHidden({ timeout: 10_000 });

  await section.getByTestId('author-leave').click();
  await expect(section).toBeHidden();
});

test('a browser without a folder picker is told author mode needs Chrome, Edge or the desktop app, and nothing changes', async ({ course: page }) => {
  // Firefox and Safari have no showDirectoryPicker; Chromium's is hidden here (it lives on Window.prototype).
  await page.evaluate(() => {
    Object.defineProperty(window, 'showDirectoryPicker', { value: undefined, configurable: true });
  });
  await palette(page, 'Open lesson folder (author mode)');
  await expect(page.getByTestId('notice-error')).toContainText('This browser cannot open folders');
  await expect(page.getByTestId('author-section')).toBeHidden();
});
