/**
 * Takes Chromium screenshots of the built web app, for looking at a screen as a learner would:
 *   node scripts/screenshot.ts <url-path-or-#hash> <out.png> [--size 1400x900] [--lang ko|en] [--dark]
 * Serve the app first (`npm run web`, or `vite preview` on DATALIT_E2E_PORT).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/chromium.ts';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const [target = '/', out = '.shots/screen.png'] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--size') && !args[i - 1]?.startsWith('--lang'));
const [width, height] = (opt('--size') ?? '1400x900').split('x').map(Number);
const port = process.env.DATALIT_E2E_PORT ?? '4173';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const page = await browser.newPage({
  viewport: { width: width!, height: height! },
  locale: opt('--lang') === 'ko' ? 'ko-KR' : 'en-US',
  colorScheme: args.includes('--dark') ? 'dark' : 'light',
});
await page.goto(`http://127.0.0.1:${port}${target.startsWith('/') ? target : `/${target}`}`);
await page.waitForTimeout(2500);
await page.screenshot({ path: out });
await browser.close();
console.log(`screenshot: ${out}`);
