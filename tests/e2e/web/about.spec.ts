import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const PKG = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };

async function openAbout(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.type(label);
  await page.getByRole('option', { name: new RegExp(`^${label}`) }).first().click();
  await expect(page.getByTestId('about-dialog')).toBeVisible();
}

test('About: the version, the engine’s SQLite version and the generated licences, searchable, each with its text', async ({ app }) => {
  await openAbout(app, 'About Datalit Studio');
  const dialog = app.getByTestId('about-dialog');
  await expect(dialog.getByRole('heading', { name: 'About Datalit Studio' })).toBeVisible();
  await expect(app.getByTestId('about-version')).toHaveText(PKG.version);
  await expect(app.getByTestId('about-sqlite')).toHaveText(/^3\.\d+\.\d+$/, { timeout: 20_000 });

  // The list is the build's generated file, whole.
  const generated = (await (await app.request.get('/licenses.json')).json()) as { entries: { name: string }[] };
  await expect(app.getByTestId('about-licences-count')).toContainText(`${generated.entries.length} components`);
  await expect(app.getByTestId('about-licence-item')).toHaveCount(generated.entries.length);
  // Every direct dependency is there.
  for (const name of Object.keys(PKG.dependencies)) expect(generated.entries.some((e) => e.name === name), name).toBe(true);

  // Search narrows the list; a component shows its licence text.
  const items = app.getByTestId('about-licence-item');
  await app.getByTestId('about-search').fill('zustand');
  await expect.poll(() => items.count()).toBeLessThan(5);
  for (const text of await items.allTextContents()) expect(text).toContain('zustand');
  await items.first().click();
  await expect(app.getByTestId('about-licence-detail')).toContainText('MIT');
  await expect(app.getByTestId('about-licence-text')).toContainText(/Permission is hereby granted/);

  await app.getByTestId('about-search').fill('OFL');
  await app.getByTestId('about-licence-item').filter({ hasText: 'pretendard' }).click();
  await expect(app.getByTestId('about-licence-text')).toContainText(/SIL OPEN FONT LICENSE/i);

  await app.getByTestId('about-search').fill('Hanbit');
  await app.getByTestId('about-licence-item').first().click();
  await expect(app.getByTestId('about-licence-detail')).toContainText('datasets/hanbit');

  await app.getByTestId('about-search').fill('no-such-package-xyz');
  await expect(app.getByTestId('about-licence-item')).toHaveCount(0);
  await expect(dialog).toContainText('No component matches');

  const axe = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).include('[data-testid="about-dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test.describe('in Korean, dark', () => {
  test.use({ locale: 'ko-KR', colorScheme: 'dark' });
  test('the About dialog speaks Korean', async ({ app }) => {
    await openAbout(app, 'Datalit Studio 정보');
    const dialog = app.getByTestId('about-dialog');
    await expect(dialog.getByRole('heading', { name: 'Datalit Studio 정보' })).toBeVisible();
    await expect(dialog).toContainText('버전');
    await expect(app.getByTestId('about-licences-count')).toContainText('의존성 트리에서 생성');
    await expect(app.getByTestId('about-search')).toHaveAttribute('placeholder', '이름이나 라이선스로 검색');
    await app.getByTestId('about-close').click();
    await expect(dialog).toBeHidden();
  });
});
