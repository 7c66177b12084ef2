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
