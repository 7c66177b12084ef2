import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/**
 * Governance as a learner meets it: tag personal data in the catalogue by mouse and by keyboard,
 * compare with the reference (a difference shows the reference's class and its reason; the tags
 * survive a reload), build a masked view of customers that passes the check after a first one
 * that does not (k too small), and the sandbox's warning: shown for `SELECT email FROM customers`
 * (the query still runs), gone for the masked view, its link going to the Masked views tab.
 */

/** Serious and critical WCAG A/AA problems, as axe-core reports them (Monaco's own markup excluded). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function openGovernance(page: Page, tab: 'catalogue' | 'masked'): Promise<void> {
  await page.getByTestId('nav-governance').click();
  await page.getByTestId(`gov-tab-${tab}`).click();
}

const EMAIL = 'hanbit-prod.customers.email';
const CUSTOMER_ID = 'hanbit-prod.customers.customer_id';
const PHONE = 'hanbit-prod.customers.phone';

test('tag PII in the catalogue by mouse and keyboard, compare with the reference and read why a tag differs', async ({ course: page }) => {
  await openGovernance(page, 'catalogue');
  await expect(page.getByTestId('cat-table')).toBeVisible({ timeout: 30_000 });
  const total = Number((await page.getByTestId('cat-count').textContent())?.match(/of (\d+)/)?.[1]);
  expect(total).toBeGreaterThan(150);
  await expect(page.getByTestId('cat-progress')).toContainText(`0 of ${total} tagged`);

  // Search in either language: the Korean description finds the e-mail column, the team's name its table.
  await page.getByTestId('cat-search').fill('이메일 주소');
  await expect(page.getByTestId(`cat-row-${EMAIL}`)).toBeVisible();
  await expect(page.getByTestId(`cat-row-${PHONE}`)).toHaveCount(0);
  await page.getByTestId('cat-search').fill('customers');
  await expect(page.getByTestId(`cat-row-${PHONE}`)).toBeVisible();

  // By mouse: e-mail is a direct identifier; the customer number too (a typical mistake).
  await page.getByTestId(`tag-${EMAIL}-direct`).click();
  await page.getByTestId(`tag-${CUSTOMER_ID}-direct`).click();
  // By keyboard: into the phone's tag group, arrows move the tag (Direct → Quasi → back to Direct).
  await page.getByTestId(`tag-${PHONE}-direct`).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId(`tag-${PHONE}-quasi`)).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId(`tag-${PHONE}-direct`)).toBeChecked();
  await expect(page.getByTestId('cat-progress')).toContainText(`3 of ${total} tagged`);

  // The class filter by the learner's own tag.
  await page.getByTestId('cat-class-filter').click();
  await page.getByRole('option', { name: 'Direct identifier' }).first().click();
  await expect(page.getByTestId('cat-table').locator('tbody tr.gov-cat-row')).toHaveCount(3);

  // Compare: two agree, the customer number differs, with the reference's class and its reason.
  await page.getByTestId('cat-compare').click();
  await expect(page.getByTestId('cat-progress')).toContainText('2 agree with the reference');
  await expect(page.getByTestId('cat-progress')).toContainText('1 differs');
  await expect(page.getByTestId(`ref-${EMAIL}`)).toContainText('Direct identifier');
  await expect(page.getByTestId(`ref-${CUSTOMER_ID}`)).toContainText('Quasi-identifier');
  const reason = page.getByTestId(`reason-${CUSTOMER_ID}`);
  await expect(reason).toContainText('Why the reference says “Quasi-identifier”');
  expect((await reason.textContent())?.length).toBeGreaterThan(60);
  await expect(page.getByTestId(`reason-${EMAIL}`)).toHaveCount(0);
  expect(await violations(page)).toEqual([]);

  // Fixing the tag clears the difference; the tags are kept with the learner's work.
  await page.getByTestId('cat-class-filter').click();
  await page.getByRole('option', { name: 'Every class' }).click();
  await page.getByTestId(`tag-${CUSTOMER_ID}-quasi`).click();
  await expect(page.getByTestId(`reason-${CUSTOMER_ID}`)).toHaveCount(0);
  await expect(page.getByTestId('cat-progress')).toContainText('3 agree with the reference');
  await page.waitForTimeout(1200);
  await page.reload();
  await openGovernance(page, 'catalogue');
  await expect(page.getByTestId(`tag-${CUSTOMER_ID}-quasi`)).toBeChecked({ timeout: 30_000 });
  await expect(page.getByTestId(`tag-${EMAIL}-direct`)).toBeChecked();
});
