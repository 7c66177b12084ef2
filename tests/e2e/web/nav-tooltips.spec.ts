import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

/*
 * Below 1180 px the screen nav shows the other screens as icons only: each names itself in a
 * tooltip on hover and on keyboard focus, and keeps its accessible name. Wide windows show the
 * names, so no tooltip repeats them.
 */

const NAMES = {
  en: { dashboards: 'Dashboards', experiments: 'Experiments', metrics: 'KPI registry' },
  ko: { dashboards: '대시보드', experiments: '실험', metrics: 'KPI 레지스트리' },
} as const;

for (const lang of ['en', 'ko'] as const) {
  test.describe(`nav at 1024 px (${lang})`, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'ko-KR', viewport: { width: 1024, height: 700 } });
    const names = NAMES[lang];

    test('icon-only items name themselves in a tooltip on hover and on focus', async ({ course: page }) => {
      const dashboards = page.getByTestId('nav-dashboards');
      await expect(dashboards).toHaveAccessibleName(names.dashboards);
      // The label is not drawn: the icon alone is on screen.
      expect((await dashboards.boundingBox())?.width ?? 0).toBeLessThan(48);

      await dashboards.hover();
      const tip = page.locator('.tooltip');
      await expect(tip).toBeVisible();
      await expect(tip).toHaveText(names.dashboards);

      // Keyboard: Tab from Dashboards to the next item moves the tooltip with the focus.
      await dashboards.focus();
      await page.mouse.move(600, 600);
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('nav-experiments')).toBeFocused();
      await expect(tip).toHaveText(names.experiments);
      await expect(tip).toBeVisible();
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      // The current screen keeps its label and has no tooltip.
      await page.getByTestId('nav-metrics').click();
      await expect(page.getByTestId('nav-metrics')).toHaveAttribute('aria-current', 'page');
      await page.getByTestId('nav-metrics').hover();
      await page.waitForTimeout(700);
      await expect(page.locator('.tooltip')).toHaveCount(0);
      await expect(page.getByTestId('nav-metrics')).toContainText(names.metrics);
    });
  });
}

test.describe('nav at 1400 px', () => {
  test.use({ viewport: { width: 1400, height: 900 } });
  test('items show their names and need no tooltip', async ({ course: page }) => {
    const dashboards = page.getByTestId('nav-dashboards');
    await expect(dashboards).toHaveText(/Dashboards/);
    await dashboards.hover();
    await page.waitForTimeout(700);
    await expect(page.locator('.tooltip')).toHaveCount(0);
  });
});

/*
 * Between 1180 and ~1900 px a screen's toolbar can need more room than the window has (the
 * sandbox's, in English, needs 1,880 px with every label): the top bar gives up the other screens'
 * nav labels, then the toolbar's labels, so Run, the command palette and the ⋯ menu stay on screen.
 */
for (const lang of ['en', 'ko'] as const) {
  test.describe(`every screen's top bar fits 1400 × 900 (${lang})`, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'ko-KR', viewport: { width: 1400, height: 900 } });
    test('no top bar runs off the window, and the palette button is on screen', async ({ course: page }) => {
      const ids = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
      expect(ids.length).toBeGreaterThanOrEqual(8);
      for (const id of ids) {
        await page.getByTestId(id).click();
        await expect(page.getByTestId(id)).toHaveAttribute('aria-current', 'page');
        await expect
          .poll(
            () =>
              page.evaluate(() =>
                Array.from(document.querySelectorAll<HTMLElement>('.topbar')).every((b) => b.scrollWidth <= b.clientWidth + 1),
              ),
            {
              message: `${id}: the top bar overflows`,
            },
          )
          .toBe(true);
        const palette = page.locator('.topbar').getByRole('button', { name: lang === 'en' ? /Commands/ : /명령/ });
        await expect(palette).toBeInViewport({ ratio: 1 });
      }
      // The screen with the most in its bar keeps Run in view.
      await page.getByTestId('nav-sandbox').click();
      await expect(page.getByRole('button', { name: lang === 'en' ? /^Run$/ : /^실행$/ })).toBeInViewport({ ratio: 1 });
    });
  });
}
