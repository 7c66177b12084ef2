import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, setSql } from './fixtures.ts';

/**
 * Importing the learner's own data into the sandbox: a CSV through the import dialog (preview,
 * guessed types, a changed type, a skipped ragged line), queried afterwards; a file that is not
 * what its name says is refused and the open database stays as it was; a table exported back.
 */

/** A Korean shop's export as Excel in Europe writes it: BOM, ";" between fields, a note over two lines, one short row. */
const CSV = Buffer.from(
  '\uFEFFid;고객;금액;주문일;메모\r\n' +
    '1;김민준;12500;2025-01-02;"문 앞에\r\n놓아 주세요"\r\n' +
    '2;Lee;8000;2025-01-03;\r\n' +
    '3;박서연\r\n' +
    '4;최지우;21000;2025-01-05;빠른 배송\r\n',
  'utf8',
);

async function chooseFile(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-data').click();
  await (await chooser).setFiles({ name, mimeType, buffer });
}

test('a CSV is imported through the dialog: preview, guessed types, a changed type, then queried', async ({ app }) => {
  await chooseFile(app, 'orders 2025.csv', CSV);
  const dialog = app.getByTestId('data-import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Import orders 2025.csv');
  // What was guessed: the name from the file, the delimiter, the encoding, the header, each column's type.
  await expect(app.getByTestId('import-table')).toHaveValue('orders_2025');
  await expect(app.getByTestId('import-delimiter')).toHaveText(/Semicolon/);
  await expect(app.getByTestId('import-encoding')).toHaveText(/UTF-8/);
  await expect(app.getByTestId('import-header')).toBeChecked();
  await expect(app.getByTestId('import-type-0')).toHaveText(/Integer \(guessed\)/);
  await expect(app.getByTestId('import-type-1')).toHaveText(/Text/);
  await expect(app.getByTestId('import-type-3')).toHaveText(/Date \(text\)/);
  // The preview shows the rows as they will be imported, the note's line break kept, the short line named.
  const preview = app.getByTestId('import-preview');
  await expect(preview.getByTestId('result-grid')).toContainText('김민준');
  await expect(preview.getByTestId('result-grid')).toContainText('최지우');
  await expect(app.getByTestId('import-skipped')).toContainText('Line 5 has 2 fields, not 5');
  // The dialog is labelled and every control in it has a name (axe-core: no serious WCAG A/AA problem).
  const axe = await new AxeBuilder({ page: app }).include('[data-testid="data-import-dialog"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // A bundled table's name is refused before anything runs.
  await app.getByTestId('import-table').fill('fact_orders');
  await expect(app.getByTestId('import-table-problem')).toContainText('is a table of the course’s data');
  await expect(app.getByTestId('import-start')).toBeDisabled();
  await app.getByTestId('import-table').fill('my_orders');
  await expect(app.getByTestId('import-table-problem')).toHaveCount(0);

  // The amount is kept as text this time: the learner's choice wins over the guess.
  await app.getByTestId('import-type-2').click();
  await app.getByRole('option', { name: 'Text', exact: true }).click();
  await expect(app.getByTestId('import-type-2')).toHaveText('Text');

  await app.getByTestId('import-start').click();
  // One line could not be imported: the dialog says which.
  await expect(app.getByTestId('import-problems')).toContainText('Line 5: 2 fields, not 5');
  await app.getByTestId('import-close').click();
  await expect(dialog).toHaveCount(0);

  await expect(app.getByTestId('schema-my_orders')).toBeVisible();
  await expect(app.getByTestId('schema-my_orders')).toContainText('3 rows');
  await setSql(app, "SELECT 고객, typeof(금액) AS t, 메모 FROM my_orders WHERE 주문일 >= '2025-01-03' ORDER BY id;");
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('2 rows');
  await expect(app.getByTestId('result-grid')).toContainText('Lee');
  await expect(app.getByTestId('result-grid')).toContainText('빠른 배송');
  await expect(app.getByTestId('result-grid')).toContainText('text');

  // The table goes back out as CSV from the schema browser's context menu.
  await app.getByTestId('schema-my_orders').click({ button: 'right' });
  const download = app.waitForEvent('download');
  await app.getByTestId('export-csv-my_orders').click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFFid,고객,금액,주문일,메모\r\n1,김민준,12500,2025-01-02,"문 앞에\r\n놓아 주세요"')).toBe(true);

  // And the whole database as a SQLite file.
  await app.getByTestId('more-menu').click();
  const dbDownload = app.waitForEvent('download');
  await app.getByTestId('menu-export-database').click();
  const dbFile = readFileSync(await (await dbDownload).path());
  expect(dbFile.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
});

test('a PNG named .csv is refused with the reason in Korean, and the open database is as it was', async ({ app }) => {
  await app.getByTestId('toggle-language').click();
  await expect(app.getByTestId('run')).toHaveText(/실행/);
  const before = await app.getByTestId('schema-browser').innerText();
  const database = await app.getByTestId('database-select').innerText();
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(400, 7)]);
  await chooseFile(app, 'sales.csv', png);
  await expect(app.getByTestId('notice-error')).toContainText(
    'sales.csv 파일을 가져오지 않았습니다. 텍스트 파일이 아니라 PNG 이미지입니다',
  );
  await expect(app.getByTestId('data-import-dialog')).toHaveCount(0);
  await expect(app.getByTestId('database-select')).toHaveText(database);
  expect(await app.getByTestId('schema-browser').innerText()).toBe(before);
});

test('a CSV dropped on the window opens the import dialog; Korean (EUC-KR) bytes are read as Korean', async ({ app }) => {
  // "지역,매출\n서울,100\n부산,80\n" as Korean Excel saves a CSV (CP949).
  const bytes = [0xc1, 0xf6, 0xbf, 0xaa, 0x2c, 0xb8, 0xc5, 0xc3, 0xe2, 0x0a, 0xbc, 0xad, 0xbf, 0xef, 0x2c, 0x31, 0x30, 0x30, 0x0a];
  bytes.push(0xba, 0xce, 0xbb, 0xea, 0x2c, 0x38, 0x30, 0x0a);
  const transfer = await app.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'regions.csv'));
    return dt;
  }, bytes);
  for (const type of ['dragenter', 'dragover', 'drop']) await app.dispatchEvent('body', type, { dataTransfer: transfer });
  await expect(app.getByTestId('data-import-dialog')).toBeVisible();
  await expect(app.getByTestId('import-encoding')).toHaveText(/EUC-KR/);
  await expect(app.getByTestId('import-preview').getByTestId('result-grid')).toContainText('부산');
  await app.getByTestId('import-start').click();
  await expect(app.getByTestId('data-import-dialog')).toHaveCount(0);
  await expect(app.getByTestId('notice-success')).toContainText('Imported 2 rows into regions');
  await expect(app.getByTestId('schema-regions')).toBeVisible();
});
