import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { readout, sampleSize, simulatePeeking } from '../../../core/stats/index.ts';
import { fmtCount, fmtPercent, fmtPp } from '../../../renderer/features/experiments/format.ts';
import { PEEKING_LOOKS } from '../../../renderer/features/experiments/constants.ts';

/**
 * The Experiments screen as a learner meets it: the checkout experiment read to a significant lift
 * and 'ship'; the recommendation widget refused by its sample-ratio check, no effect shown, and the
 * broken group found in the platform/app_version breakdown; the sample-size calculator agreeing with
 * core/stats; the peeking simulation running in its worker with progress, cancellable, and its
 * seeded rates the same as core/stats gives for the same seed.
 */

interface ManifestExperiment {
  id: string;
  allocation: Record<string, number>;
  observed: Record<'control' | 'treatment', { units: number; conversions: number }>;
}
const manifest = JSON.parse(readFileSync('public/datasets/hanbit-manifest.json', 'utf8')) as { experiments: ManifestExperiment[] };
const experiment = (id: string) => manifest.experiments.find((x) => x.id === id)!;

/** The readout core/stats gives for an experiment's counts as the dataset's manifest records them. */
function expectedReadout(id: string) {
  const x = experiment(id);
  return readout({
    control: { name: 'control', users: x.observed.control.units, conversions: x.observed.control.conversions },
    treatment: { name: 'treatment', users: x.observed.treatment.units, conversions: x.observed.treatment.conversions },
    plannedRatio: [x.allocation.control!, x.allocation.treatment!],
    alpha: 0.05,
  });
}

async function openExperiments(page: Page): Promise<void> {
  await page.getByTestId('nav-experiments').click();
  await expect(page.getByTestId('readout-panel')).toBeVisible({ timeout: 30_000 });
}

async function pickSource(page: Page, name: string | RegExp): Promise<void> {
  await page.getByTestId('xp-source').click();
  await page.getByRole('option', { name }).click();
}

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the checkout experiment reads as a significant lift and says ship, with the numbers core/stats gives', async ({ course: page }) => {
  await openExperiments(page);
  const expected = expectedReadout('checkout-button-2025');
  expect(expected.recommendation.decision).toBe('ship');
  const effect = expected.effect!;

  const panel = page.getByTestId('readout-panel');
  await expect(page.getByTestId('planned-split')).toContainText('control 50% · treatment 50%');
  await expect(panel.getByTestId('arms-table')).toContainText(fmtCount(effect.control.users, 'en'));
  await expect(panel.getByTestId('srm-ok')).toBeVisible();
  await expect(panel.getByTestId('srm-stop')).toHaveCount(0);
  await expect(panel.getByTestId('abs-diff')).toHaveText(`${fmtPp(effect.absoluteDiff, 'en', true)} pp`);
  await expect(panel.getByTestId('ci-newcombe')).toHaveText(`${fmtPp(effect.ci.newcombe.low, 'en')} to ${fmtPp(effect.ci.newcombe.high, 'en')} pp`);
  await expect(panel.getByTestId('ci-wald')).toHaveText(`${fmtPp(effect.ci.wald.low, 'en')} to ${fmtPp(effect.ci.wald.high, 'en')} pp`);
  await expect(panel.getByTestId('z-test')).toContainText(`p = ${effect.pValue.toFixed(3)}`);
  await expect(panel.getByTestId('welch-test')).toBeVisible();
  await expect(panel.getByTestId('plain-readout')).toContainText(`B (treatment) raised conversion by ${fmtPp(effect.absoluteDiff, 'en')} percentage points, 95% CI`);
  await expect(panel.getByTestId('plain-readout')).toContainText('statistically significant');
  await expect(panel.getByTestId('decision')).toHaveText('Ship B');
  await expect(panel.locator('[data-code="significant-positive"]')).toBeVisible();
  // The course of the difference over the window, drawn.
  await expect(page.locator('[data-testid="xp-cumulative-chart"] svg')).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
});

test('the recommendation widget is refused by its sample-ratio check, shows no effect, and its breakdown finds Android 3.1.x', async ({ course: page }) => {
  await openExperiments(page);
  await pickSource(page, 'Product recommendation widget');
  const panel = page.getByTestId('readout-panel');
  await expect(panel).toHaveAttribute('data-decision', 'invalid');
  const stop = panel.getByTestId('srm-stop');
  await expect(stop).toContainText('Do not read this experiment: the split is broken');
  await expect(stop).toContainText('platform and app_version');
  await expect(panel.getByTestId('decision')).toHaveText('Do not read: fix the split first');
  await expect(panel.locator('[data-code="srm-failed"]')).toContainText('the arms are not comparable');
  // No effect at all: no conversion table, no test, no plain-language claim, no chart of it.
  await expect(panel.getByTestId('effect')).toHaveCount(0);
  await expect(panel.getByTestId('plain-readout')).toHaveCount(0);
  await expect(page.getByTestId('xp-cumulative')).toHaveCount(0);
  // The stop sign comes before the recommendation in the page.
  const [stopBox, decisionBox] = [await stop.boundingBox(), await panel.getByTestId('recommendation').boundingBox()];
  expect(stopBox!.y).toBeLessThan(decisionBox!.y);

  await page.getByTestId('xp-breakdown-open').click();
  const flagged = page.getByTestId('xp-breakdown-flagged');
  await expect(flagged.first()).toBeVisible();
  const texts = await flagged.allInnerTexts();
  expect(texts.every((t) => /android/.test(t) && /3\.1\./.test(t)), texts.join('\n')).toBe(true);
  await expect(flagged.filter({ hasText: '3.1.2' })).toContainText('246');
  expect(await axeProblems(page)).toEqual([]);
});

test('the learner’s own per-arm query is read, and a query without the columns says which is missing', async ({ course: page }) => {
  await openExperiments(page);
  await pickSource(page, 'Your own query…');
  await expect(page.getByTestId('xp-custom')).toBeVisible();
  // The example query counts the checkout experiment per arm: the same readout as from the tables.
  await expect(page.locator('[data-testid="xp-custom"] .monaco-editor')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('xp-custom-run').click();
  await expect(page.getByTestId('readout-panel')).toHaveAttribute('data-decision', 'ship');

  await page.locator('[data-testid="xp-custom"] .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText("SELECT variant, COUNT(*) AS n FROM exp_assignments WHERE experiment_id = 'reco-widget-2025' GROUP BY variant");
  // Ctrl+Enter reads it, as it runs a query in the sandbox.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('xp-problem')).toContainText('no column named users');
  await expect(page.getByTestId('readout-panel')).toHaveCount(0);
});

test('the sample-size calculator gives core/stats’ numbers for baseline 0.10 and an MDE of 0.02, and explains a bad input', async ({ course: page }) => {
  await openExperiments(page);
  await page.getByTestId('xp-tab-sample').click();
  await page.getByTestId('xp-ss-baseline').fill('0.10');
  await page.getByTestId('xp-ss-mde').fill('0.02');
  await page.getByTestId('xp-ss-mde-absolute').check();
  await page.getByTestId('xp-ss-alpha').fill('0.05');
  await page.getByTestId('xp-ss-power').fill('0.8');
  await page.getByTestId('xp-ss-share').fill('0.5');
  await page.getByTestId('xp-ss-traffic').fill('500');
  const expected = sampleSize({ baseline: 0.1, mde: 0.02, mdeType: 'absolute', alpha: 0.05, power: 0.8, treatmentShare: 0.5, dailyTraffic: 500 });
  await expect(page.getByTestId('xp-ss-control')).toHaveText(fmtCount(expected.control, 'en'));
  await expect(page.getByTestId('xp-ss-treatment')).toHaveText(fmtCount(expected.treatment, 'en'));
  await expect(page.getByTestId('xp-ss-total')).toHaveText(fmtCount(expected.total, 'en'));
  await expect(page.getByTestId('xp-ss-days')).toHaveText(`${expected.days} days`);
  await expect(page.getByTestId('xp-ss-formula')).toContainText('two-proportion z-test');

  // A relative MDE of 20% on a 10% baseline is the same +2 points.
  await page.getByTestId('xp-ss-mde').fill('0.2');
  await page.getByTestId('xp-ss-mde-relative').check();
  await expect(page.getByTestId('xp-ss-control')).toHaveText(fmtCount(expected.control, 'en'));

  await page.getByTestId('xp-ss-baseline').fill('1.5');
  await expect(page.getByTestId('xp-ss-baseline-error')).toHaveText('The baseline must be between 0 and 1 (exclusive), such as 0.10.');
  await expect(page.getByTestId('xp-ss-control')).toHaveCount(0);
});

test('the peeking simulation runs in its worker with progress, can be cancelled, and gives core/stats’ seeded rates', async ({ course: page }) => {
  await openExperiments(page);
  await page.getByTestId('xp-tab-peeking').click();
  await expect(page.getByTestId('xp-many-table')).toContainText('64.2%');

  // A long run: progress moves, and Cancel stops it with no result.
  await page.getByTestId('xp-peek-sims').click();
  await page.getByRole('option', { name: '200,000' }).click();
  await page.getByTestId('xp-peek-run').click();
  const bar = page.getByRole('progressbar', { name: 'Simulation progress' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('xp-peek-cancel').click();
  await expect(page.getByTestId('xp-peek-cancelled')).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('xp-peek-table')).toHaveCount(0);

  // A short run to the end: the same rates as core/stats for the same seed, rising with the looks.
  await page.getByTestId('xp-peek-sims').click();
  await page.getByRole('option', { name: '1,000' }).click();
  await page.getByTestId('xp-peek-seed').fill('7');
  await page.getByTestId('xp-peek-run').click();
  const table = page.getByTestId('xp-peek-table');
  await expect(table).toBeVisible({ timeout: 30_000 });
  const expected = simulatePeeking({ simulations: 1000, looks: PEEKING_LOOKS, alpha: 0.05, seed: 7 });
  for (const row of expected.rows) await expect(table.locator(`tr[data-looks="${row.looks}"] td`)).toHaveText(fmtPercent(row.falsePositiveRate, 'en', 1));
  expect(expected.rows.at(-1)!.falsePositiveRate).toBeGreaterThan(expected.rows[0]!.falsePositiveRate * 3);
  await expect(page.locator('[data-testid="xp-peek-chart"] svg')).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
});

test.describe('in Korean and the dark theme', () => {
  test.use({ locale: 'ko-KR', colorScheme: 'dark' });
  test('the broken split is refused in Korean and the page keeps its contrast', async ({ course: page }) => {
    await openExperiments(page);
    await pickSource(page, '상품 추천 위젯');
    await expect(page.getByTestId('srm-stop')).toContainText('이 실험은 판독하지 마세요: 배분이 깨졌습니다');
    await expect(page.getByTestId('decision')).toHaveText('판독 불가: 배분부터 고치세요');
    expect(await axeProblems(page)).toEqual([]);
  });
});
