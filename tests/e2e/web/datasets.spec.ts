import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
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

test('a compressed lake file (.gz) opens in the web app, however the server sends it', async ({ app }) => {
  // `vite preview` sends .gz files with Content-Encoding: gzip, so the browser has already
  // unpacked them; the app must read the bytes it gets, not trust the file name.
  const sent = app.waitForResponse((r) => r.url().endsWith('/events/2024-07.jsonl.gz'));
  const events = app.getByTestId('lake-hanbit-lake-events');
  await events.locator('summary').click();
  await events.getByRole('button', { name: 'Open 2024-07.jsonl.gz' }).click();
  const dialog = app.getByTestId('lake-file-dialog');
  await expect(dialog).toBeVisible();
  expect((await sent).headers()['content-encoding']).toBe('gzip');
  const lines = dialog.getByTestId('raw-view').locator('.raw-line');
  await expect(lines).toHaveCount(200);
  // Each line is one JSON event, exactly as stored.
  const first = JSON.parse((await lines.first().locator('span').last().textContent()) ?? '') as Record<string, unknown>;
  expect(first).toMatchObject({ event_name: 'page_view', platform: 'android' });
  await expect(dialog.getByText('Showing the first 200 lines', { exact: false })).toBeVisible();
  await expect(dialog.getByTestId('lake-error')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Focus returns to the file the learner opened, not to the page.
  await expect(events.getByRole('button', { name: 'Open 2024-07.jsonl.gz' })).toBeFocused();

  // Served as stored (no Content-Encoding, as the desktop app does), the same file unpacks the same.
  const stored = readFileSync('public/datasets/lake/hanbit/access-logs/access-2025-12-10.log.gz');
  expect(stored.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  await app.route('**/access-logs/access-2025-12-10.log.gz', (route) =>
    route.fulfill({ status: 200, body: stored, headers: { 'content-type': 'application/gzip' } }),
  );
  const logs = app.getByTestId('lake-hanbit-lake-access-logs');
  await logs.locator('summary').click();
  await logs.getByRole('button', { name: 'Open access-2025-12-10.log.gz' }).click();
  await expect(dialog.getByTestId('raw-view').locator('.raw-line').first()).toContainText('"GET /healthz HTTP/1.1" 200');
});

test('a damaged lake file is explained in Korean, with the original message kept as detail', async ({ app }) => {
  await app.getByTestId('toggle-language').click();
  await app.route('**/events/2024-08.jsonl.gz', (route) =>
    // gzip's magic bytes, then garbage: what a truncated or overwritten download looks like.
    route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8]) }),
  );
  const events = app.getByTestId('lake-hanbit-lake-events');
  await events.locator('summary').click();
  await events.getByRole('button', { name: '2024-08.jsonl.gz 열기' }).click();
  const error = app.getByTestId('lake-error');
  await expect(error).toContainText('파일이 손상되어 압축된 데이터를 풀 수 없습니다.');
  await expect(error).toContainText('원래 메시지:');
  await expect(error).not.toContainText('Could not');
  const axe = await new AxeBuilder({ page: app }).include('[data-testid=lake-file-dialog]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
