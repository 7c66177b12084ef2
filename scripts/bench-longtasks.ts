/**
 * Where the page's main thread spends its time while a workbench job runs: the reference pipeline's
 * Run all, or the reference model project's Build all (scripts/bench-workbench.ts drives them the
 * same way), with a CPU profile of the page taken meanwhile and mapped back to the source through
 * the build's source maps. For finding what makes the bench's "longest main-thread task" figure.
 *
 *   DATALIT_WEB_OUT=dist-web-map npx vite build --config vite.renderer.config.ts --sourcemap
 *   DATALIT_WEB_OUT=dist-web-map node scripts/bench-longtasks.ts pipeline|models
 *
 * Prints the long tasks (start from the click, duration), the functions with the most self time,
 * and the app's own functions (renderer/, core/) by inclusive time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/chromium.ts';
import { openReferencePipeline, openReferenceProject, startPreview, waitForServer } from './bench-workbench.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.env.DATALIT_WEB_OUT ?? 'dist-web';
const TOP = Number(process.env.TOP ?? 30);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const job = process.argv[2];
if (job !== 'pipeline' && job !== 'models') {
  process.stderr.write('usage: node scripts/bench-longtasks.ts pipeline|models (a web build with --sourcemap in DATALIT_WEB_OUT)\n');
  process.exit(2);
}
if (!existsSync(join(ROOT, OUT, 'index.html'))) {
  process.stderr.write(`no ${OUT}/index.html: build the web app first (with --sourcemap to see source names)\n`);
  process.exit(2);
}

const maps = new Map<string, SourceMap | null>();
/** A profile frame's place in the source (Node's own source-map reader), or in the bundle when there is no map. */
function place(url: string, line: number, column: number): string {
  const file = new URL(url).pathname.replace(/^\//, '');
  if (!maps.has(file)) {
    const map = join(ROOT, OUT, `${file}.map`);
    maps.set(file, existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, 'utf8'))) : null);
  }
  const m = maps.get(file);
  const o = m?.findOrigin(line + 1, column + 1);
  if (!o || !('fileName' in o)) return `${file}:${line + 1}:${column}`;
  const source = o.fileName.replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
  return `${source}:${o.lineNumber}${o.name ? ` ${o.name}` : ''}`;
}

const stop = startPreview(ROOT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
try {
  await waitForServer();
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(120_000);
  if (job === 'pipeline') await openReferencePipeline(page);
  else await openReferenceProject(page);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await page.evaluate(() => {
    const w = window as unknown as { benchLongTasks: number[][]; benchT0: number };
    w.benchLongTasks = [];
    w.benchT0 = performance.now();
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.benchLongTasks.push([Math.round(e.startTime - w.benchT0), Math.round(e.duration)]);
    }).observe({ type: 'longtask' });
  });
  await cdp.send('Profiler.start');
  if (job === 'pipeline') {
    await page.getByTestId('pl-run-all').click();
    await page.getByTestId('pl-cancel').waitFor();
    await page.getByTestId('pl-run-all').waitFor();
  } else {
    await page.getByTestId('models-build-all').click();
    await page.getByTestId('build-summary').waitFor();
  }
  await page.waitForTimeout(1000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const longTasks = await page.evaluate(() => (window as unknown as { benchLongTasks: number[][] }).benchLongTasks);
  console.log(`long tasks (start ms from the click, duration ms): ${longTasks.map(([at, d]) => `+${at}: ${d}`).join(', ') || 'none'}`);

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (n: ProfileNode): string =>
    n.callFrame.url ? `${n.callFrame.functionName || '(anonymous)'} @ ${place(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber)}` : n.callFrame.functionName || '(native)';
  const bySelf = new Map<string, number>();
  for (const [id, us] of self) {
    const key = name(nodes.get(id)!);
    bySelf.set(key, (bySelf.get(key) ?? 0) + us);
  }
  const inclusive = new Map<number, number>();
  const inc = (id: number): number => {
    const known = inclusive.get(id);
    if (known !== undefined) return known;
    const n = nodes.get(id)!;
    const total = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + inc(c), 0);
    inclusive.set(id, total);
    return total;
  };
  const ours = new Map<string, number>();
  for (const n of profile.nodes) {
    if (!n.callFrame.url) continue;
    const key = name(n);
    if (!/@ (renderer|core)\//.test(key)) continue;
    ours.set(key, (ours.get(key) ?? 0) + inc(n.id));
  }
  const print = (title: string, m: Map<string, number>): void => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${String(Math.round(us / 1000)).padStart(7)} ms  ${k}`);
  };
  print('self time (main thread, whole run; (idle) is waiting for the worker):', bySelf);
  print('app code by inclusive time (summed over calls):', ours);
} finally {
  await browser.close();
  stop();
}
