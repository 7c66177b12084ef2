import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, setSql } from './fixtures.ts';

/**
 * Files dropped on the window that are not databases SQLite can open leave the learner where
 * they were: the open database, and the tables they made in it, answer as before. And a real
 * file dropped after a write opens, its tables listed, and survives a cancel there.
 */

/** Drops a file on the window as a learner dragging it from their file manager would. */
async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name));
      return dt;
    },
    { name, data: [...bytes] },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('body', type, { dataTransfer: transfer });
}

async function run(page: Page, sql: string): Promise<void> {
  await setSql(page, sql);
  await page.keyboard.press('Control+Enter');
}

/** The learner's own table in the warehouse, made before anything is dropped. */
async function makeOwnTable(page: Page): Promise<void> {
  await run(page, "CREATE TABLE my_picks AS SELECT 'keep me' AS note;");
  await expect(page.getByTestId('statement-done')).toBeVisible();
  await expect(page.getByTestId('schema-my_picks')).toBeVisible();
}

async function expectOwnTableAnswers(page: Page): Promise<void> {
  await run(page, 'SELECT note FROM my_picks;');
  await expect(page.getByTestId('row-info')).toHaveText('1 row');
  await expect(page.getByTestId('result-grid')).toContainText('keep me');
}

test('a text file named .sqlite is refused with the reason; the warehouse and the learner’s table are as they were', async ({ app }) => {
  await makeOwnTable(app);
  const before = await app.getByTestId('database-select').innerText();
  await dropFile(app, 'export.sqlite', new TextEncoder().encode('id,name\n1,basil\n'.repeat(50)));
  const notice = app.getByTestId('notice-error');
  await expect(notice).toContainText('export.sqlite was not opened');
  await expect(notice).toContainText('it is not a SQLite database file');
  await expect(notice).toContainText('The open database did not change.');
  await expect(app.getByTestId('database-select')).toHaveText(before);
  await expect(app.getByTestId('engine-status')).toHaveText(/Ready/);
  await expectOwnTableAnswers(app);
});

test('a damaged file with a SQLite header is refused by SQLite with its reason; the previous database opens again with the learner’s table', async ({ app }) => {
  await makeOwnTable(app);
  const before = await app.getByTestId('database-select').innerText();
  const damaged = new Uint8Array(8192).fill(0x41);
  damaged.set(new TextEncoder().encode('SQLite format 3\0'));
  await dropFile(app, 'damaged.db', damaged);
  const notice = app.getByTestId('notice-error');
  // SQLite's own reason, after the app's words.
  await expect(notice).toContainText(/damaged\.db could not be opened: Cannot open the database: \w+/);
  await expect(notice).toContainText('The previous database is open again.');
  await expect(app.getByTestId('database-select')).toHaveText(before, { timeout: 30_000 });
  await expect(app.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  // The file is not left in the picker as if it had opened.
  await app.getByTestId('database-select').click();
  await expect(app.getByRole('option', { name: 'damaged.db' })).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expectOwnTableAnswers(app);
});

test('a small real SQLite file dropped after a write opens with its tables listed, and a cancel there keeps the learner’s table', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'datalit-drop-'));
  const path = join(dir, 'library.db');
  const db = new Database(path);
  db.exec(`CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
           INSERT INTO books (title) VALUES ('토지'), ('Dune');
           CREATE TABLE loans (book_id INTEGER, due TEXT);`);
  db.close();
  await makeOwnTable(app);
  await dropFile(app, 'library.db', readFileSync(path));
  await expect(app.getByTestId('notice-success')).toContainText('Opened library.db');
  await expect(app.getByTestId('schema-books')).toBeVisible();
  await expect(app.getByTestId('schema-loans')).toBeVisible();
  await expect(app.getByTestId('schema-my_picks')).toHaveCount(0);

  await run(app, "CREATE TABLE to_read AS SELECT title FROM books WHERE title <> 'Dune';");
  await expect(app.getByTestId('schema-to_read')).toBeVisible();
  // Straight after the write: a runaway query, cancelled.
  await run(app, 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r;');
  await expect(app.getByTestId('cancel')).toBeVisible();
  await app.getByTestId('cancel').click();
  await expect(app.getByTestId('cancelled')).toBeVisible();
  await run(app, 'SELECT title FROM to_read;');
  await expect(app.getByTestId('row-info')).toHaveText('1 row');
  await expect(app.getByTestId('result-grid')).toContainText('토지');
});
