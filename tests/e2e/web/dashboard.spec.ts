import AxeBuilder from '@axe-core/playwright';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/*
 * The Dashboards screen as a learner uses it: build a dashboard in the UI (add a KPI tile and a
 * chart over their own query, resize a tile by keyboard, change the shared filter and see the
 * KPI's number change), reload and find it kept; a failing query shows its error in its own tile
 * while the others draw; every tile links to its metric; the export is real Vega-Lite.
 */

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
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

async function openDashboards(page: Page): Promise<void> {
  await page.getByTestId('nav-dashboards').click();
  await expect(page.getByTestId('dash-grid')).toBeVisible({ timeout: 30_000 });
}

/** Waits until no tile is computing and returns the KPI tile's shown number and its exact value. */
async function kpi(page: Page, tile: Locator): Promise<{ shown: string; value: string }> {
  await expect(page.locator('[data-testid^="tile-"][aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  const value = tile.locator('[data-testid$="-value"]');
  await expect(value).toBeVisible();
  return { shown: (await value.textContent()) ?? '', value: (await value.getAttribute('data-value')) ?? '' };
}

async function box(locator: Locator): Promise<{ width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return { width: b.width, height: b.height };
}

test('build a dashboard: add tiles, resize one by keyboard, change the filter, reload and find it kept', async ({ course: page }) => {
  test.setTimeout(120_000);
  await openDashboards(page);
  // A new learner meets the starter dashboard: eight tiles that draw.
  await expect(page.locator('.dash-tile')).toHaveCount(8);
  await expect(page.locator('.dash-tile[data-state="ready"]')).toHaveCount(8, { timeout: 30_000 });
  expect(await violations(page)).toEqual([]);

  // A dashboard of their own.
  await page.getByTestId('dash-new').click();
  await page.getByTestId('dash-name-input').fill('Weekly review');
  await page.getByTestId('dash-name-save').click();
  await expect(page.getByTestId('dash-pick')).toContainText('Weekly review');
  await expect(page.getByTestId('dash-empty')).toBeVisible();

  // A KPI tile for revenue (the first metric), then a chart over their own query, then a broken one.
  await page.getByTestId('dash-add-tile').click();
  await expect(page.getByTestId('dash-add-metric')).toContainText('Revenue');
  await page.getByTestId('dash-kind-kpi').check();
  await page.getByTestId('dash-add-confirm').click();
  const kpiTile = page.getByTestId('tile-tile-1');
  await expect(kpiTile).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(kpiTile).toBeFocused();
  await expect(kpiTile.getByTestId('tile-tile-1-computes')).toHaveText('Weekly · 2025-01-01 – 2025-12-31');

  await page.getByTestId('dash-add-tile').click();
  await page.getByTestId('dash-source-query').check();
  // A query tile is a chart: the KPI choice is not offered for it.
  await expect(page.getByTestId('dash-kind-kpi')).toBeDisabled();
  await page.getByTestId('dash-mark-bar').check();
  await page.getByTestId('dash-add-title').fill('Orders by platform');
  await page.getByTestId('dash-add-confirm').click();
  const chartTile = page.getByTestId('tile-tile-2');
  await expect(chartTile).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(chartTile.locator('.dash-vega svg')).toBeVisible();

  await page.getByTestId('dash-add-tile').click();
  await page.getByTestId('dash-source-query').check();
  await page
    .getByTestId('dash-add-sql')
    .fill("SELECT {{ period('order_date') }} AS period, SUM(no_such_column) AS value FROM fact_orders GROUP BY 1");
  await page.getByTestId('dash-add-title').fill('Broken');
  await page.getByTestId('dash-add-confirm').click();
  const broken = page.getByTestId('tile-tile-3');
  await expect(broken.getByTestId('tile-tile-3-error')).toContainText('no such column: no_such_column', { timeout: 30_000 });
  // The others still draw.
  await expect(kpiTile).toHaveAttribute('data-state', 'ready');
  await expect(chartTile).toHaveAttribute('data-state', 'ready');

  // Resize the KPI tile by keyboard: one column wider, one row taller, announced.
  const before = await box(page.getByTestId('cell-tile-1'));
  await kpiTile.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('dash-announce')).toHaveText('Revenue is now 4 columns wide and 2 rows high.');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByTestId('dash-announce')).toHaveText('Revenue is now 4 columns wide and 3 rows high.');
  await expect.poll(async () => (await box(page.getByTestId('cell-tile-1'))).width).toBeGreaterThan(before.width + 50);
  expect((await box(page.getByTestId('cell-tile-1'))).height).toBeGreaterThan(before.height + 50);
  // Move it right by keyboard: still focused, announced with its new column.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('dash-announce')).toHaveText('Revenue moved to column 2, row 1.');
  await expect(kpiTile).toBeFocused();

  // And by mouse: the chart tile's corner dragged to make it wider.
  const chartBefore = await box(page.getByTestId('cell-tile-2'));
  await chartTile.hover();
  const handle = page.getByTestId('cell-tile-2').locator('.react-resizable-handle');
  const h = (await handle.boundingBox())!;
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + 120, h.y + h.height / 2, { steps: 8 });
  await page.mouse.move(h.x + 220, h.y + h.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await box(page.getByTestId('cell-tile-2'))).width).toBeGreaterThan(chartBefore.width + 100);

  // The filter applies to every tile: by month the KPI reads December, not the week of Dec 22.
  const weekly = await kpi(page, kpiTile);
  await expect(kpiTile.getByTestId('tile-tile-1-period')).toHaveText('Week of Dec 22, 2025');
  await page.getByTestId('dash-grain-month').click();
  await expect(kpiTile.getByTestId('tile-tile-1-period')).toHaveText('December 2025', { timeout: 30_000 });
  const monthly = await kpi(page, kpiTile);
  expect(Number(monthly.value)).toBeGreaterThan(Number(weekly.value) * 3);
  expect(monthly.shown).not.toBe(weekly.shown);
  await expect(chartTile.getByTestId('tile-tile-2-computes')).toHaveText('Monthly · 2025-01-01 – 2025-12-31');
  // A narrower range that ends in October: the KPI follows it.
  await page.getByTestId('dash-to').fill('2025-10-31');
  await expect(kpiTile.getByTestId('tile-tile-1-period')).toHaveText('October 2025', { timeout: 30_000 });
  const october = await kpi(page, kpiTile);
  expect(october.value).not.toBe(monthly.value);
  await expect(page.getByTestId('dash-preset')).toContainText('Custom range');
  expect(await violations(page)).toEqual([]);

  // Reload: the dashboard, its tiles, the resized tile, the filter are kept.
  const resized = await box(page.getByTestId('cell-tile-1'));
  const chartResized = await box(page.getByTestId('cell-tile-2'));
  await page.waitForTimeout(1500); // autosave
  await page.reload();
  await openDashboards(page);
  await expect(page.getByTestId('dash-pick')).toContainText('Weekly review');
  await expect(page.locator('.dash-tile')).toHaveCount(3);
  await expect(page.getByTestId('dash-grain-month')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('dash-to')).toHaveValue('2025-10-31');
  await expect(page.getByTestId('tile-tile-1-period')).toHaveText('October 2025', { timeout: 30_000 });
  expect((await kpi(page, page.getByTestId('tile-tile-1'))).value).toBe(october.value);
  const kept = await box(page.getByTestId('cell-tile-1'));
  expect(Math.abs(kept.width - resized.width)).toBeLessThan(2);
  expect(Math.abs(kept.height - resized.height)).toBeLessThan(2);
  expect(Math.abs((await box(page.getByTestId('cell-tile-2'))).width - chartResized.width)).toBeLessThan(2);

  // The starter is still there to go back to, as it was.
  await page.getByTestId('dash-pick').click();
  await page.getByRole('option', { name: 'Hanbit Market at a glance' }).click();
  await expect(page.locator('.dash-tile')).toHaveCount(8);
  await expect(page.getByTestId('dash-grain-week')).toHaveAttribute('aria-checked', 'true');
});

test('every tile says what it computes and links to its metric; the export is real Vega-Lite and one picture', async ({ course: page }) => {
  test.setTimeout(90_000);
  await openDashboards(page);
  await expect(page.locator('.dash-tile[data-state="ready"]')).toHaveCount(8, { timeout: 30_000 });

  // "What is this": the definition and the SQL.
  await page.getByTestId('tile-kpi-revenue-info').click();
  await expect(page.getByTestId('dash-info-definition')).toContainText('Sales excluding refunds');
  await expect(page.getByTestId('dash-info-sql')).toContainText('net_revenue');
  await page.getByTestId('dash-info-open-metric').click();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'net-revenue', { timeout: 30_000 });

  await openDashboards(page);
  await page.getByTestId('tile-chart-gross-revenue-metric').click();
  await expect(page.getByTestId('metric-detail')).toHaveAttribute('data-metric', 'gross-revenue', { timeout: 30_000 });

  await openDashboards(page);
  await expect(page.locator('.dash-tile[data-state="ready"]')).toHaveCount(8, { timeout: 30_000 });
  await page.getByTestId('dash-export').click();
  const zipDownload = page.waitForEvent('download');
  await page.getByTestId('dash-export-specs').click();
  const zip = unzipSync(new Uint8Array(await readFile((await (await zipDownload).path())!)));
  const tiles = Object.keys(zip).filter((f) => f.startsWith('tiles/'));
  expect(tiles).toHaveLength(8);
  const revenue = JSON.parse(strFromU8(zip['tiles/chart-revenue.vl.json']!)) as { data: { values: { value: number }[] } };
  expect(revenue.data.values.length).toBeGreaterThan(40);

  await page.getByTestId('dash-export').click();
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('dash-export-svg').click();
  const svg = await readFile((await (await svgDownload).path())!, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('Hanbit Market at a glance');
  // The font is inside the file (a viewer without Pretendard would draw Hangul as boxes), and it is still well-formed XML.
  expect(svg).toMatch(/<style type="text\/css"><!\[CDATA\[@font-face\{font-family:'Pretendard Variable';[^}]*src:url\(data:font\/woff2;base64,[A-Za-z0-9+/]{1000,}/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, svg);
  expect(parsed).toEqual({ root: 'svg', errors: 0 });

  await page.getByTestId('dash-export').click();
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('dash-export-png').click();
  const png = await readFile((await (await pngDownload).path())!);
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  expect(png.length).toBeGreaterThan(20_000);
});
