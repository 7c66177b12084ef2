import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, setSql, waitForReady } from './fixtures.ts';

/** A learner's own small SQLite file, with tables no bundled database has. */
function makeDatabaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datalit-open-'));
  const path = join(dir, 'my-garden.db');
  const db = new Database(path);
  db.exec(`CREATE TABLE plants (id INTEGER PRIMARY KEY, name TEXT NOT NULL, height_cm REAL);
           INSERT INTO plants (name, height_cm) VALUES ('basil', 30.5), ('mint', 22), ('tomato', 120);
           CREATE VIEW tall_plants AS SELECT name FROM plants WHERE height_cm > 100;`);
  db.close();
  return path;
}

/** Drops a file on the window as a learner dragging it from their file manager would. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
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

const dbPath = makeDatabaseFile();

test('a dropped .db file opens as its own database, listed in the picker, its tables browsable and queryable', async ({ app }) => {
  await dropFile(app, 'my-garden.db', readFileSync(dbPath));
  await expect(app.getByTestId('notice-success')).toContainText('Opened my-garden.db');
  await expect(app.getByTestId('database-select')).toHaveText(/my-garden\.db/);
  await expect(app.getByTestId('schema-plants')).toBeVisible();
  await expect(app.getByTestId('schema-tall_plants')).toBeVisible();
  // The warehouse's tables are not copied in: the file is the open database.
  await expect(app.getByTestId('schema-fact_orders')).toHaveCount(0);
  await setSql(app, 'SELECT name FROM plants ORDER BY height_cm DESC;');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('row-info')).toHaveText('3 rows');
  await expect(app.getByTestId('result-grid')).toContainText('tomato');

  // The warehouse is one pick away, and the file stays in the picker for the session.
  await app.getByTestId('database-select').click();
  await app.getByRole('option', { name: 'Hanbit Market data warehouse', exact: true }).click();
  await expect(app.getByTestId('engine-status')).toHaveText(/Ready/, { timeout: 30_000 });
  await app.getByTestId('database-select').click();
  await app.getByRole('option', { name: 'my-garden.db', exact: true }).click();
  await expect(app.getByTestId('schema-plants')).toBeVisible();
});

test('the file picker (Open database file…) opens a chosen file', async ({ app }) => {
  const chooser = app.waitForEvent('filechooser');
  await app.getByTestId('open-db-file').click();
  await (await chooser).setFiles(dbPath);
  await expect(app.getByTestId('database-select')).toHaveText(/my-garden\.db/);
  await expect(app.getByTestId('schema-plants')).toBeVisible();

  // The same command from the palette, and from its key (Ctrl+O, not the browser's own Open).
  await app.getByTestId('open-palette').click();
  await app.keyboard.insertText('Open database file');
  const fromPalette = app.waitForEvent('filechooser');
  await app.keyboard.press('Enter');
  await (await fromPalette).setFiles([]);
  const fromKey = app.waitForEvent('filechooser');
  await app.keyboard.press('Control+O');
  await fromKey;
});

test('a text file named .db is refused with the reason in Korean, and the open database stays', async ({ app }) => {
  await app.getByTestId('toggle-language').click();
  await expect(app.getByTestId('run')).toHaveText(/실행/);
  await expect(app.getByTestId('database-select')).toHaveText(/데이터 웨어하우스|warehouse/i);
  const before = await app.getByTestId('database-select').innerText();
  await dropFile(app, 'notes.db', Buffer.from('These are my notes, not a database.\n'.repeat(20)));
  const notice = app.getByTestId('notice-error');
  await expect(notice).toContainText('notes.db 파일을 열지 않았습니다');
  await expect(notice).toContainText('SQLite 데이터베이스 파일이 아닙니다');
  await expect(app.getByTestId('database-select')).toHaveText(before);
  await expect(app.getByTestId('engine-status')).toHaveText(/준비됨/);
  await expect(app.getByTestId('schema-fact_orders')).toBeVisible();
});

test('a bundled database is kept after its first download: opening it again after a reload fetches nothing', async ({ app }) => {
  // The warehouse opened at start; its bytes are stored in Cache Storage under the catalog's hash.
  await expect
    .poll(() => app.evaluate(async () => (await (await caches.open('datalit-datasets-v1')).keys()).map((r) => new URL(r.url).pathname)))
    .toContain('/datasets/hanbit-warehouse.sqlite');
  const fetched: string[] = [];
  app.on('request', (req) => {
    if (req.url().includes('.sqlite')) fetched.push(req.url());
  });
  await app.reload();
  await waitForReady(app);
  await expect(app.getByTestId('schema-fact_orders')).toBeVisible();
  expect(fetched).toEqual([]);
});

test('a file dropped on the course map opens in the sandbox, where its tables are', async ({ app }) => {
  await app.getByTestId('nav-course').click();
  await expect(app.getByTestId('course-map')).toBeVisible();
  await dropFile(app, 'my-garden.db', readFileSync(dbPath));
  await expect(app.getByTestId('schema-plants')).toBeVisible();
  await expect(app.getByTestId('database-select')).toHaveText(/my-garden\.db/);
});
