/**
 * The dashboard half of `npm run bench` (section `dashboard`): how long the built web app's
 * Dashboards screen takes, in Debian's Chromium, to redraw the 8-tile starter dashboard after a
 * filter change on the small dataset (the target: within 300 ms).
 *
 * One redraw is measured in the page from the moment the learner's change reaches the date input
 * (or the grain button is clicked) until no tile is computing and every tile's Vega view has
 * finished drawing after that moment (each `.dash-vega` marks `data-drawn-at`), plus one frame.
 * Every change asks for a range or grain not asked for before, so no tile's answer on screen is
 * reused: each redraw asks the worker for all 8 series and draws all 8 tiles. Changes come
 * 1.5 s apart, as a learner reads the tiles between them; meanwhile the screen computes the other
 * grains ahead in the worker (dashboard-actions.ts), as it does for a learner. A
 * PerformanceObserver records the longest main-thread task meanwhile.
 *
 * Runs alone too: `node scripts/bench-dashboard.ts` (needs the web build: `npm run build:web`).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { BrowserFigure } from './bench-browser.ts';
import { startPreview, waitForServer } from './bench-workbench.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/chromium.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 4191);
const OUT = process.env.DATALIT_WEB_OUT ?? 'dist-web';
const URL_BASE = `http://127.0.0.1:${PORT}/`;
/** The bound on a filter change's redraw. */
const TARGET_MS = 300;
/** The pause between two changes (a learner reading the tiles). */
const PAUSE_MS = 1500;
/** Changes measured (after two that warm the page up). */
const CHANGES = Math.max(3, Number(process.env.BENCH_DASHBOARD_CHANGES ?? 10));

/** One measured redraw. */
interface Redraw {
  what: string;
  ms: number;
  /** The screen's own figure for the same change: request to answers from the worker (its status line). */
  answersMs: number | null;
  longestTaskMs: number;
  tiles: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The changes, each to a range never asked for before: the end date steps back a month at a time, then the grain changes. */
function changes(count: number): { what: string; testId: string; value?: string }[] {
  const out: { what: string; testId: string; value?: string }[] = [];
  for (let i = 0; out.length < count; i++) {
    const end = new Date(Date.UTC(2025, 11 - i, 0)).toISOString().slice(0, 10); // last day of Nov, Oct, …
    out.push({ what: `to ${end}`, testId: 'dash-to', value: end });
    if (i === 3) out.push({ what: 'grain month', testId: 'dash-grain-month' });
    if (i === 6) out.push({ what: 'grain day', testId: 'dash-grain-day' });
  }
  return out.slice(0, count);
}

/** Makes one change the way the learner's input does and resolves when every tile has redrawn. */
function redraw(page: Page, change: { testId: string; value?: string }): Promise<{ ms: number; longestTaskMs: number; tiles: number }> {
  return page.evaluate(
    ({ testId, value }) =>
      new Promise<{ ms: number; longestTaskMs: number; tiles: number }>((resolveRun, rejectRun) => {
        const el = document.querySelector<HTMLInputElement | HTMLButtonElement>(`[data-testid="${testId}"]`);
        if (!el) return rejectRun(new Error(`no ${testId}`));
        let longest = 0;
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
        });
        po.observe({ type: 'longtask', buffered: false });
        const t0 = performance.now();
        if (value !== undefined && el instanceof HTMLInputElement) {
          // React's controlled input hears the native setter plus an input event, as from typing.
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
          el.dispatchEvent(new Event('input', { bubbles: true }));
        } else el.click();
        const deadline = t0 + 20_000;
        const check = (): void => {
          const tiles = [...document.querySelectorAll<HTMLElement>('.dash-tile')];
          const busy = tiles.some((t) => t.getAttribute('aria-busy') === 'true');
          const views = [...document.querySelectorAll<HTMLElement>('.dash-vega')];
          const drawn = views.length >= tiles.length && views.every((v) => Number(v.dataset.drawnAt ?? 0) > t0);
          if (!busy && drawn) {
            // One more frame: the drawn SVG is on screen.
            requestAnimationFrame(() => {
              po.disconnect();
              resolveRun({ ms: performance.now() - t0, longestTaskMs: longest, tiles: tiles.length });
            });
            return;
          }
          if (performance.now() > deadline) {
            po.disconnect();
            rejectRun(
              new Error(
                `tiles not redrawn after 20 s (busy: ${busy}, drawn views: ${views.filter((v) => Number(v.dataset.drawnAt ?? 0) > t0).length}/${tiles.length})`,
              ),
            );
            return;
          }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    change,
  );
}

/** The Dashboards screen with the starter dashboard drawn. */
async function openStarter(page: Page): Promise<number> {
  await page.goto(URL_BASE);
  await page.getByTestId('course-map').waitFor({ timeout: 60_000 });
  await page.getByTestId('nav-dashboards').click();
  await page.locator('.dash-tile').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => {
      const tiles = [...document.querySelectorAll('.dash-tile')];
      return (
        tiles.length > 0 &&
        tiles.every((t) => t.getAttribute('data-state') === 'ready') &&
        document.querySelectorAll('.dash-vega[data-drawn-at]').length >= tiles.length
      );
    },
    undefined,
    { timeout: 60_000 },
  );
  return page.locator('.dash-tile').count();
}

/** The redraw figures, or why they cannot be measured here. */
export async function benchDashboard(root: string = ROOT): Promise<BrowserFigure[]> {
  const title = '(dash) 8-tile starter dashboard: filter change → every tile redrawn (in the app, small dataset)';
  if (!existsSync(`${root}/${OUT}/index.html`))
    return [
      { figure: title, ours: 'n/a', target: `≤ ${TARGET_MS} ms`, ok: null },
      { figure: `    run \`npm run build:web\` first (no ${OUT}/index.html)`, ours: '', target: '', ok: null },
    ];
  if (!existsSync(CHROMIUM_PATH))
    return [
      { figure: title, ours: 'n/a', target: `≤ ${TARGET_MS} ms`, ok: null },
      { figure: `    no Chromium at ${CHROMIUM_PATH}`, ours: '', target: '', ok: null },
    ];
  const stopServer = startPreview(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    await waitForServer();
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(120_000);
    const tiles = await openStarter(page);
    // Two changes to warm the page (first Vega compiles, the worker's first batch after opening).
    await redraw(page, { testId: 'dash-from', value: '2025-01-06' });
    await redraw(page, { testId: 'dash-from', value: '2025-01-01' });
    const runs: Redraw[] = [];
    for (const change of changes(CHANGES)) {
      const run = await redraw(page, change);
      const status = (await page.getByTestId('dash-status').textContent()) ?? '';
      const answered = /in ([\d,]+) ms/.exec(status);
      runs.push({ what: change.what, ...run, answersMs: answered ? Number(answered[1]!.replaceAll(',', '')) : null });
      await page.waitForTimeout(PAUSE_MS);
    }
    await ctx.close();
    const times = runs.map((r) => r.ms);
    const med = median(times);
    const max = Math.max(...times);
    const slowest = runs.reduce((a, r) => (r.ms > a.ms ? r : a));
    const longest = Math.max(...runs.map((r) => r.longestTaskMs));
    return [
      { figure: title, ours: `median ${Math.round(med)} ms (${tiles} tiles)`, target: `≤ ${TARGET_MS} ms`, ok: med <= TARGET_MS },
      {
        figure: `    ${runs.length} changes 1.5 s apart (end date, grain), each to filters not shown before`,
        ours: '',
        target: '',
        ok: null,
      },
      {
        figure: '    slowest of the changes',
        ours: `max ${Math.round(max)} ms (${slowest.what})`,
        target: `≤ ${TARGET_MS} ms`,
        ok: max <= TARGET_MS,
      },
      { figure: '    every change', ours: runs.map((r) => `${Math.round(r.ms)}`).join(', ') + ' ms', target: '', ok: null },
      {
        figure: "    of which the tiles' answers from the worker (median)",
        ours: runs.some((r) => r.answersMs !== null)
          ? `${Math.round(median(runs.flatMap((r) => (r.answersMs === null ? [] : [r.answersMs]))))} ms`
          : 'n/a',
        target: '',
        ok: null,
      },
      {
        figure: '    longest main-thread task meanwhile',
        ours: longest > 0 ? `${Math.round(longest)} ms` : 'none ≥ 50 ms',
        target: '≤ 100 ms',
        ok: longest <= 100,
      },
    ];
  } catch (e) {
    return [
      { figure: title, ours: 'n/a', target: `≤ ${TARGET_MS} ms`, ok: false },
      {
        figure: '    could not measure',
        ours: (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160),
        target: '',
        ok: null,
      },
    ];
  } finally {
    await browser.close();
    stopServer();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await benchDashboard(ROOT))
    console.log(`${f.figure} │ ${f.ours} │ ${f.target} │ ${f.ok === null ? '' : f.ok ? 'meets' : 'MISSES'}`);
}
