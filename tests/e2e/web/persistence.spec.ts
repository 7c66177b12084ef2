import type { Page } from '@playwright/test';
import { test, expect, waitForReady } from './fixtures.ts';

test('a damaged settings record is moved aside with a visible message, not wiped', async ({ app }) => {
  // Put garbage where the settings live, as a crash or a bad edit would.
  await app.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('datalit');
        open.onsuccess = () => {
          const tx = open.result.transaction('documents', 'readwrite');
          tx.objectStore('documents').put({ version: 1, language: 'klingon' }, 'settings');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await app.reload();
  await waitForReady(app);
  await expect(app.getByTestId('notice-warning')).toContainText('damaged');
  const kept = await app.evaluate(
    () =>
      new Promise<unknown[]>((resolve) => {
        const open = indexedDB.open('datalit');
        open.onsuccess = () => {
          const req = open.result.transaction('documents').objectStore('documents').getAllKeys();
          req.onsuccess = () => resolve(req.result as unknown[]);
        };
      }),
  );
  expect(kept.some((k) => String(k).startsWith('settings.corrupt-'))).toBe(true);
});

// ---- Importing progress through the course map: it can add, it cannot wipe by accident ----

const L1 = 't0-l1-data-literacy';
const doneStep = (updatedAt: string, status = 'done') => ({
  status,
  attempts: 2,
  hintsUsed: 0,
  solutionRevealed: false,
  timeSpentMs: 5000,
  updatedAt,
});

async function savedProgress(app: Page): Promise<{ steps: Record<string, { status: string; updatedAt: string }> } | undefined> {
  return app.evaluate(
    () =>
      new Promise<{ steps: Record<string, { status: string; updatedAt: string }> } | undefined>((resolve, reject) => {
        const open = indexedDB.open('datalit');
        open.onsuccess = () => {
          const req = open.result.transaction('documents').objectStore('documents').get('progress');
          req.onsuccess = () => resolve(req.result as never);
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

async function importFile(app: Page, name: string, content: string | Buffer): Promise<void> {
  await app.getByTestId('nav-course').click();
  await app
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

test('importing a file without steps, or a settings file, is refused and changes nothing', async ({ app }) => {
  await importFile(app, 'empty.json', '{"version":1}');
  await expect(app.getByTestId('notice-error').last()).toContainText('holds no lesson progress');
  await importFile(app, 'settings.json', JSON.stringify({ version: 1, language: 'en', theme: 'dark' }));
  await expect(app.getByTestId('notice-error').last()).toContainText('“settings.json” holds no lesson progress');
  await expect(app.getByTestId('import-dialog')).toHaveCount(0);
  expect(Object.keys((await savedProgress(app))?.steps ?? {})).toEqual([]);
});

test('a file from a newer version is refused as newer, not as damaged', async ({ app }) => {
  await importFile(
    app,
    'future.json',
    JSON.stringify({ version: 7, steps: { [`${L1}/meet-the-data`]: doneStep('2030-01-01T00:00:00Z') } }),
  );
  const notice = app.getByTestId('notice-error').last();
  await expect(notice).toContainText('written by a newer version of Datalit Studio (format 7)');
  await expect(notice).not.toContainText(/damaged|corrupt|invalid/i);
});

test('a 100 MB file is refused at once, before it is read, and the window keeps answering', async ({ app }) => {
  await app.getByTestId('nav-course').click();
  // Built inside the page (sending 100 MB through the test driver would measure the driver).
  const blockedMs = await app.evaluate(async () => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]');
    if (!input) throw new Error('no import input');
    const files = new DataTransfer();
    files.items.add(new File([new Uint8Array(100 * 1024 * 1024).fill(0x20)], 'huge.json', { type: 'application/json' }));
    input.files = files.files;
    // The longest the main thread stays busy after the choice: a frozen window shows here.
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    clearInterval(timer);
    return longest;
  });
  await expect(app.getByTestId('notice-error').last()).toContainText('“huge.json” was not imported: at 100 MB');
  expect(blockedMs).toBeLessThan(500);
  await expect(app.getByTestId('import-dialog')).toHaveCount(0);
});

test('a file with a UTF-8 BOM previews what it adds, and merge keeps newer work of the learner', async ({ app }) => {
  const first = {
    version: 1,
    lastLocation: null,
    steps: {
      [`${L1}/meet-the-data`]: doneStep('2025-01-01T00:00:00Z'),
      [`${L1}/orders-by-platform`]: doneStep('2025-06-01T00:00:00Z', 'in-progress'),
    },
  };
  await importFile(app, 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(first))]));
  const dialog = app.getByTestId('import-dialog');
  await expect(dialog).toContainText('bom.json');
  await expect(dialog.getByTestId('import-added')).toContainText('2');
  await dialog.getByTestId('import-merge').click();
  await expect(app.getByTestId('notice-success').last()).toContainText('Steps added: 2; updated: 0');
  await expect.poll(async () => Object.keys((await savedProgress(app))?.steps ?? {}).length).toBe(2);

  // A second file: one step newer, one older than the learner's, one new.
  const second = {
    version: 1,
    lastLocation: null,
    steps: {
      [`${L1}/meet-the-data`]: doneStep('2025-03-01T00:00:00Z'),
      [`${L1}/orders-by-platform`]: doneStep('2025-02-01T00:00:00Z'),
      [`${L1}/busiest-month`]: doneStep('2025-02-01T00:00:00Z'),
    },
  };
  await importFile(app, 'second.json', JSON.stringify(second));
  await expect(dialog.getByTestId('import-added')).toContainText('1');
  await expect(dialog.getByTestId('import-newer')).toContainText('1');
  await expect(dialog.getByTestId('import-older')).toContainText('1');
  // Replace asks first; cancelling it changes nothing.
  await dialog.getByTestId('import-replace').click();
  const confirm = app.getByTestId('import-replace-dialog');
  await expect(confirm).toContainText('steps only in your progress (0)');
  await expect(confirm).toContainText('older state (1)');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('import-merge').click();
  await expect(app.getByTestId('notice-success').last()).toContainText('Steps added: 1; updated: 1');
  await expect
    .poll(async () => {
      const steps = (await savedProgress(app))?.steps ?? {};
      return [steps[`${L1}/meet-the-data`]?.updatedAt, steps[`${L1}/orders-by-platform`]?.status, Object.keys(steps).length];
    })
    .toEqual(['2025-03-01T00:00:00Z', 'in-progress', 3]);
});

test('replace takes the file exactly, only after confirmation', async ({ app }) => {
  const mine = {
    version: 1,
    lastLocation: null,
    steps: { [`${L1}/meet-the-data`]: doneStep('2025-01-01T00:00:00Z'), [`${L1}/busiest-month`]: doneStep('2025-01-01T00:00:00Z') },
  };
  await importFile(app, 'mine.json', JSON.stringify(mine));
  await app.getByTestId('import-merge').click();
  await expect.poll(async () => Object.keys((await savedProgress(app))?.steps ?? {}).length).toBe(2);
  const theirs = { version: 1, lastLocation: null, steps: { [`${L1}/what-the-chart-shows`]: doneStep('2025-01-01T00:00:00Z') } };
  await importFile(app, 'theirs.json', JSON.stringify(theirs));
  await expect(app.getByTestId('import-only-mine')).toContainText('2');
  await app.getByTestId('import-replace').click();
  await expect(app.getByTestId('import-replace-dialog')).toContainText('steps only in your progress (2)');
  await app.getByTestId('import-replace-confirm').click();
  await expect(app.getByTestId('notice-success').last()).toContainText('Progress replaced by the file’s (steps: 1)');
  await expect.poll(async () => Object.keys((await savedProgress(app))?.steps ?? {})).toEqual([`${L1}/what-the-chart-shows`]);
});
