import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './scripts/lib/chromium.ts';

// Another port (and DATALIT_WEB_OUT for the build) lets two checkouts test side by side.
const PORT = Number(process.env.DATALIT_E2E_PORT ?? 4173);

/**
 * End-to-end tests of the built web app in Debian's Chromium (never a downloaded browser).
 * The Electron tests (tests/e2e/electron) run in their own project and skip without a binary.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.DATALIT_E2E_JSON ? [['list'], ['json', { outputFile: process.env.DATALIT_E2E_JSON }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    acceptDownloads: true,
    trace: 'off',
    screenshot: 'off',
    locale: 'en-US',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS },
  },
  projects: [
    { name: 'web', testMatch: /web\/.*\.spec\.ts/ },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
  webServer: {
    command: `npx vite preview --config vite.renderer.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
