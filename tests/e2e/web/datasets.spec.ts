import { test, expect } from './fixtures.ts';

test('the sandbox lists every database by layer, with the data dictionary and the raw lake files', async ({ app }) => {
  await app.getByTestId('database-select').click();
  const listbox = app.getByRole('listbox');
  for (const group of ['Production database (운영 DB)', 'Data warehouse', 'Experiments (A/B tests)']) {
    await expect(listbox.getByText(group, { exact: true })).toBeVisible();
  }
  await listbox.getByRole('option', { name: 'Hanbit Market production database', exact: true }).click();
  await expect(app.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });

  // Columns carry their description and personal-data class.
  const customers = app.getByTestId('schema-customers');
  await customers.locator('summary').click();
  const email = customers.locator('.schema-column', { hasText: 'email' }).first();
  await expect(email.locator('.pii-badge')).toHaveText('direct identifier');
  await expect(email.locator('.col-desc')).not.toBeEmpty();

  // The lake: folders with descriptions, files opened raw.
  const lake = app.getByTestId('lake-section');
  await expect(lake.locator('details')).toHaveCount(4);
  const exports = lake.locator('details', { hasText: /CSV/ }).first();
  await exports.locator('summary').click();
  await exports.locator('.schema-column').first().click();
  const dialog = app.getByTestId('lake-file-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('raw-view').locator('.raw-line').first()).not.toBeEmpty();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
