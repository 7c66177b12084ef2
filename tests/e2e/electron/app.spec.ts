import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The desktop app end to end, with Playwright's Electron driver under xvfb-run.
 * Needs the Electron binary (absent on machines that cannot download it) and a packaged build
 * (`npm run package`). Without them every test here is skipped and says why.
 */
const ROOT = resolve(import.meta.dirname, '../../..');

function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function packagedApp(): string | null {
  const out = join(ROOT, 'out');
  if (!existsSync(out)) return null;
  const dir = readdirSync(out).find((d) => d.startsWith('Datalit Studio-'));
  if (!dir) return null;
  const exe = join(out, dir, process.platform === 'win32' ? 'datalit.exe' : 'datalit');
  return existsSync(exe) ? exe : null;
}

const bin = electronBinary();
const exe = packagedApp();
const reason = !bin
  ? 'Electron binary not installed (node_modules/electron/path.txt missing: it cannot be downloaded on this machine)'
  : !exe
    ? 'no packaged test build in out/ (run `DATALIT_TEST_BUILD=1 npm run package` first)'
    : null;
if (reason) console.log(`[electron e2e] skipped: ${reason}`);

/** Starts the packaged app on a throwaway profile and waits until its database is open. */
async function launch() {
  const app = await electron.launch({
    executablePath: exe!,
    args: [],
    env: { ...process.env, DATALIT_USER_DATA: mkdtempSync(join(tmpdir(), 'datalit-e2e-')) },
  });
  const page = await app.firstWindow();
  await page.getByTestId('nav-sandbox').click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Ready|준비됨/, { timeout: 30_000 });
  return { app, page };
}

test.describe('desktop app', () => {
  test.skip(reason !== null, reason ?? '');

  test('opens a secure window that runs a query', async () => {
    const { app, page } = await launch();
    try {
      // The renderer sees only the preload's named functions: no Node, no ipcRenderer.
      const exposed = await page.evaluate(() => ({
        api: Object.keys(window.api ?? {}).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(exposed.api).toEqual(['appInfo', 'storeLoad', 'storeSave']);
      expect(exposed.require).toBe('undefined');
      expect(exposed.process).toBe('undefined');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences: () => Record<string, unknown> | null;
        };
        const wp = contents.getLastWebPreferences();
        return { contextIsolation: wp?.contextIsolation, sandbox: wp?.sandbox, nodeIntegration: wp?.nodeIntegration };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      await page.locator('.monaco-editor').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('SELECT count(*) AS n FROM customers;');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('row-info')).toHaveText('1 rows');
    } finally {
      await app.close();
    }
  });

  test('window.open and navigation away are refused', async () => {
    const { app, page } = await launch();
    try {
      const before = page.url();
      await page.evaluate(() => window.open('file:///etc/passwd'));
      await page.evaluate(() => {
        window.location.href = 'file:///etc/passwd';
      });
      await page.waitForTimeout(500);
      expect(app.windows()).toHaveLength(1);
      expect(page.url()).toBe(before);
    } finally {
      await app.close();
    }
  });
});
