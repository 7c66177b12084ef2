/**
 * The workbench half of `npm run bench` (sections `pipeline` and `models`): the Track 1 reference
 * pipeline (lessons/_reference/pipeline/hanbit-etl.pipeline.json, the whole small lake into a
 * fresh hanbit-warehouse-empty) and the Track 2 reference model project
 * (lessons/_reference/dbt/hanbit, every model and its tests on hanbit-warehouse), each measured
 *
 *   headless: in a child Node process with the core the CLI uses (PipelineRunner on SqlEngine and
 *     the lake folder, as `npm run pipeline -- run`; loadProject → planProject → buildProject on
 *     SqlEngine, as `npm run models -- build`), so its peak RSS is the job's alone;
 *   in the browser: the built web app in Debian's Chromium, driven through its real screens (the
 *     pipeline opened from its file and Run all; the project imported as a zip and Build all), so
 *     the time includes the worker, the fetches and drawing every state change, and a
 *     PerformanceObserver records the longest main-thread task meanwhile.
 *
 * Runs alone too: `node scripts/bench-workbench.ts [--only=pipeline,models]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { chromium, type Page } from 'playwright-core';
import { buildProject } from '../core/models/build.ts';
import { planProject } from '../core/models/compile.ts';
import { sqlEngineModelEngine } from '../core/models/engine.ts';
import { loadProject } from '../core/models/load-project.ts';
import { PipelineRunner } from '../core/pipeline/runner.ts';
import { SqlEngine } from '../core/sql/engine.ts';
import type { BrowserFigure } from './bench-browser.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/chromium.ts';
import { createGradingEngine, loadDatasets } from './lib/datasets.ts';
import { nodeLakeReader } from './lib/node-lake.ts';
import { pipelineInputs, readPipelineFile } from './lib/pipeline-file.ts';
import { readProjectDir } from './models.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PIPELINE_FILE = join(ROOT, 'lessons/_reference/pipeline/hanbit-etl.pipeline.json');
const DBT_DIR = join(ROOT, 'lessons/_reference/dbt/hanbit');
/** Repetitions of each job (headless and in the browser). */
const REPS = Math.max(1, Number(process.env.BENCH_WORKBENCH_REPS ?? 3));
/** How many of the slowest tasks or models are listed. */
const SLOWEST = 3;
const PORT = Number(process.env.BENCH_PORT ?? 4191);
const OUT = process.env.DATALIT_WEB_OUT ?? 'dist-web';
const URL_BASE = `http://127.0.0.1:${PORT}/`;
/** The issue's bound for any main-thread task while a workbench job runs. */
const LONG_TASK_LIMIT_MS = 100;

/** The workbench sections `npm run bench -- --only=` knows. */
export const WORKBENCH_SECTIONS = ['pipeline', 'models'] as const;
/** One of them. */
export type WorkbenchSection = (typeof WORKBENCH_SECTIONS)[number];

/** What a headless child reports for one job over its repetitions. */
interface HeadlessReport {
  job: WorkbenchSection;
  /** Total wall time of each repetition. */
  totals: number[];
  /** Per task or model: its time in each repetition. */
  parts: Record<string, number[]>;
  /** The job's own counts from the last repetition (all from the core's results). */
  counts: Record<string, number>;
  ok: boolean;
  problems: string[];
  /** Peak resident set size of the child process (bytes). */
  peakRss: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function secs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function spread(values: number[]): string {
  return values.length > 1 ? ` (${secs(Math.min(...values))}–${secs(Math.max(...values))})` : '';
}

function count(n: number): string {
  return n.toLocaleString('en');
}

/** The slowest parts by median, as `name 1.23 s, …`. */
function slowest(parts: Record<string, number[]>): string {
  return Object.entries(parts)
    .map(([name, times]) => [name, median(times)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, SLOWEST)
    .map(([name, ms]) => `${name} ${secs(ms)}`)
    .join(', ');
}

// ─── headless (child process) ───────────────────────────────────────────────────────────────────

async function headlessPipeline(reps: number): Promise<HeadlessReport> {
  const pipeline = await readPipelineFile(PIPELINE_FILE);
  const inputs = await pipelineInputs(pipeline);
  const databaseBytes = new Uint8Array(await readFile(inputs.databaseFile));
  const ds = pipeline.schedule?.start;
  if (!ds) throw new Error(`${PIPELINE_FILE} has no schedule.start`);
  const SQL = await initSqlJs();
  const report: HeadlessReport = { job: 'pipeline', totals: [], parts: {}, counts: {}, ok: true, problems: [], peakRss: 0 };
  for (let i = 0; i < reps; i++) {
    // A fresh engine and lake reader each time, as a fresh `npm run pipeline -- run` would have.
    const engine = new SqlEngine(SQL);
    const runner = new PipelineRunner({ engine, lake: nodeLakeReader(inputs.lakeDir), pipeline, databaseBytes });
    const started = performance.now();
    const record = await runner.runAll(ds);
    report.totals.push(performance.now() - started);
    for (const t of record.tasks) (report.parts[t.task] ??= []).push(t.ms);
    if (record.state !== 'success') {
      report.ok = false;
      report.problems.push(...record.tasks.filter((t) => t.state !== 'success').map((t) => `${t.task}: ${t.state}${t.error ? ` (${t.error.message})` : ''}`));
    }
    if (i === reps - 1) {
      const extracts = record.tasks.filter((t) => t.kind === 'extract');
      report.counts.tasks = record.tasks.length;
      report.counts.succeeded = record.tasks.filter((t) => t.state === 'success').length;
      report.counts.extracted = extracts.reduce((a, t) => a + t.rowsWritten, 0);
      report.counts.quarantined = record.tasks.reduce((a, t) => a + t.rowsQuarantined, 0);
      const db = engine.database();
      report.counts.tables = pipeline.tables.length;
      report.counts.loaded = pipeline.tables.reduce(
        (a, t) => a + Number(db.exec(`SELECT count(*) FROM "${t.table.replaceAll('"', '""')}"`)[0]?.values[0]?.[0] ?? 0),
        0,
      );
    }
    engine.close();
  }
  return report;
}

async function headlessModels(reps: number): Promise<HeadlessReport> {
  const files = readProjectDir(DBT_DIR);
  const database = loadProject(files).database;
  const bytes = database === null ? new Uint8Array(0) : (await loadDatasets(ROOT)).provider.bytes(database, 'visible');
  if (!bytes) throw new Error(`the project's database '${database}' is not in public/datasets`);
  const report: HeadlessReport = { job: 'models', totals: [], parts: {}, counts: {}, ok: true, problems: [], peakRss: 0 };
  for (let i = 0; i < reps; i++) {
    // Everything `npm run models -- build` does after reading the files: load, plan, open, build with tests.
    const started = performance.now();
    const plan = planProject(loadProject(files));
    const engine = await createGradingEngine();
    engine.open(bytes);
    const result = await buildProject(plan, sqlEngineModelEngine(engine), {});
    report.totals.push(performance.now() - started);
    for (const n of result.nodes) if (n.type === 'model') (report.parts[n.name] ??= []).push(n.ms);
    if (!result.ok) {
      report.ok = false;
      report.problems.push(...result.nodes.filter((n) => n.state === 'error' || n.state === 'fail' || n.state === 'skipped').map((n) => `${n.name}: ${n.state}`));
    }
    if (plan.problems.some((p) => p.severity === 'error')) report.ok = false;
    if (i === reps - 1) {
      const models = result.nodes.filter((n) => n.type === 'model');
      const tests = result.nodes.filter((n) => n.type === 'test');
      report.counts.models = models.length;
      report.counts.built = models.filter((n) => n.state === 'success').length;
      report.counts.tests = tests.length;
      report.counts.passed = tests.filter((n) => n.state === 'pass').length;
      report.counts.rows = models.reduce((a, n) => a + (n.rows ?? 0), 0);
      report.counts.tables = models.filter((n) => n.materialized === 'table' || n.materialized === 'incremental').length;
    }
    engine.close();
  }
  return report;
}

/** Runs one job in a child process (so the peak RSS is that job's) and reads its report. */
function runChild(job: WorkbenchSection): Promise<HeadlessReport> {
  return new Promise((resolveReport, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), `--child=${job}`, `--reps=${REPS}`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolveReport(JSON.parse(line) as HeadlessReport);
      } catch {
        reject(new Error(`the ${job} bench child exited ${code} without a report${out ? `: ${out.slice(-500)}` : ''}`));
      }
    });
  });
}

function headlessFigures(r: HeadlessReport): BrowserFigure[] {
  const c = r.counts;
  const what =
    r.job === 'pipeline'
      ? `(p1) reference pipeline headless (PipelineRunner, as npm run pipeline -- run): ${c.succeeded}/${c.tasks} tasks, median of ${r.totals.length}`
      : `(m1) reference model project headless (buildProject, as npm run models -- build): ${c.built}/${c.models} models, ${c.passed}/${c.tests} tests, median of ${r.totals.length}`;
  const rows =
    r.job === 'pipeline'
      ? `${count(c.extracted ?? 0)} lake records extracted, ${count(c.quarantined ?? 0)} quarantined, ${count(c.loaded ?? 0)} rows in the ${c.tables} loaded tables`
      : `${count(c.rows ?? 0)} rows in the ${c.tables} tables built`;
  return [
    { figure: what, ours: `${secs(median(r.totals))}${spread(r.totals)}`, target: 'all succeed', ok: r.ok },
    { figure: `    slowest ${r.job === 'pipeline' ? 'tasks' : 'models'}`, ours: slowest(r.parts), target: '', ok: null },
    { figure: '    rows', ours: rows, target: '', ok: null },
    { figure: '    peak RSS of the process', ours: `${Math.round(r.peakRss / 1e6)} MB`, target: '', ok: null },
    ...(r.problems.length > 0 ? [{ figure: '    problems', ours: [...new Set(r.problems)].slice(0, 3).join('; '), target: '', ok: false }] : []),
  ];
}

/** The headless figures of the chosen jobs, each measured in its own child process. */
export async function benchWorkbenchHeadless(jobs: readonly WorkbenchSection[]): Promise<{ figures: BrowserFigure[]; reports: HeadlessReport[] }> {
  const figures: BrowserFigure[] = [];
  const reports: HeadlessReport[] = [];
  for (const job of jobs) {
    const report = await runChild(job);
    reports.push(report);
    figures.push(...headlessFigures(report));
  }
  return { figures, reports };
}

// ─── in the browser ─────────────────────────────────────────────────────────────────────────────

/** Serves the web build (DATALIT_WEB_OUT) on BENCH_PORT with vite preview; returns the function that stops it. */
export function startPreview(root: string): () => void {
  // Vite's own entry, not `npx`: killing npx would leave the server running.
  const server: ChildProcess = spawn(
    process.execPath,
    [`${root}/node_modules/vite/bin/vite.js`, 'preview', '--config', 'vite.renderer.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { cwd: root, env: { ...process.env, DATALIT_WEB_OUT: OUT }, stdio: 'ignore' },
  );
  return () => server.kill();
}

/** Resolves once the preview server answers. */
export async function waitForServer(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(URL_BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('vite preview did not start');
}

/** What one click → finished measurement found in the page. */
interface PageRun {
  ms: number;
  longestTaskMs: number;
  /** When the longest task started, from the click (ms): tells start-up, progress and finish apart. */
  longestAtMs: number;
  longTasks: number;
}

/**
 * Clicks `start` and resolves when `finished()` (evaluated in the page after every DOM change)
 * first holds once `running()` has held or the DOM it checks has changed, with the longest
 * main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) seen from the click until one more
 * second after, when follow-up work (a reconciliation, the lineage redraw) has landed too.
 */
function clickUntil(page: Page, args: { start: string; running: string; done: string; settleMs: number }): Promise<PageRun> {
  return page.evaluate(
    ({ start, running, done, settleMs }) =>
      new Promise<PageRun>((resolveRun) => {
        const t0 = performance.now();
        let longest = 0;
        let longestAt = 0;
        let longTasks = 0;
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.duration > longest) {
              longest = e.duration;
              longestAt = e.startTime - t0;
            }
            longTasks++;
          }
        });
        po.observe({ type: 'longtask', buffered: false });
        const before = document.querySelector(done);
        let sawRunning = false;
        const check = (): boolean => {
          if (document.querySelector(running)) sawRunning = true;
          const finished = document.querySelector(done);
          if (!finished || document.querySelector(running) || (!sawRunning && finished === before)) return false;
          const ms = performance.now() - t0;
          setTimeout(() => {
            po.disconnect();
            resolveRun({ ms, longestTaskMs: longest, longestAtMs: longestAt, longTasks });
          }, settleMs);
          return true;
        };
        const obs = new MutationObserver(() => {
          if (check()) obs.disconnect();
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        (document.querySelector(start) as HTMLButtonElement).click();
      }),
    args,
  );
}

/** '1.23 s', '1,234.5 s' or '456 ms' as written by the workbench logs, in ms. */
function parseShownMs(text: string): number | null {
  const m = /([\d,.]+)\s*(ms|s)\b/.exec(text);
  if (!m) return null;
  const n = Number(m[1]!.replaceAll(',', ''));
  return m[2] === 's' ? n * 1000 : n;
}

async function openApp(page: Page): Promise<void> {
  await page.goto(URL_BASE);
  await page.getByTestId('course-map').waitFor({ timeout: 60_000 });
}

/** The app's Pipeline screen with the reference pipeline opened from its file, as a learner would; returns its task ids. */
export async function openReferencePipeline(page: Page): Promise<string[]> {
  const pipeline = JSON.parse(readFileSync(PIPELINE_FILE, 'utf8')) as { tasks: { id: string }[] };
  await openApp(page);
  await page.getByTestId('nav-pipeline').click();
  await page.getByTestId('pipeline-workbench').waitFor({ timeout: 60_000 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('pl-open-file').click();
  await (await chooser).setFiles({ name: basename(PIPELINE_FILE), mimeType: 'application/json', buffer: readFileSync(PIPELINE_FILE) });
  const ids = pipeline.tasks.map((t) => t.id);
  await page.getByTestId(`dag-node-${ids.at(-1)!}`).waitFor({ timeout: 30_000 });
  return ids;
}

/** The app's Models screen with the reference project imported from a zip, as a learner would. */
export async function openReferenceProject(page: Page): Promise<void> {
  await openApp(page);
  await page.getByTestId('nav-models').click();
  await page.getByTestId('model-workbench').waitFor({ timeout: 60_000 });
  await page.getByTestId('models-import-zip').setInputFiles({ name: 'hanbit.zip', mimeType: 'application/zip', buffer: Buffer.from(referenceZip()) });
  await page.getByTestId('file-models/marts/mart_orders.sql').waitFor({ timeout: 30_000 });
}

async function browserPipeline(page: Page): Promise<BrowserFigure[]> {
  const pipeline = { tasks: await openReferencePipeline(page) };

  const runs: PageRun[] = [];
  const parts: Record<string, number[]> = {};
  let succeeded = 0;
  for (let i = 0; i < REPS; i++) {
    runs.push(await clickUntil(page, { start: '[data-testid=pl-run-all]', running: '[data-testid=pl-cancel]', done: '[data-testid=pl-run-all]:not([disabled])', settleMs: 1000 }));
    succeeded = await page.locator('[data-testid^="dag-node-"][data-state="success"]').count();
    // Each task's time as its log shows it.
    await page.getByTestId('pl-tab-log').click();
    for (const entry of await page.locator('article.pl-log-entry').all()) {
      const task = (await entry.getAttribute('aria-label')) ?? '';
      const shown = parseShownMs((await entry.locator('header').textContent()) ?? '');
      if (task && shown !== null) (parts[task] ??= []).push(shown);
    }
  }
  return browserFigures('pipeline', runs, parts, `${succeeded}/${pipeline.tasks.length} tasks`, succeeded === pipeline.tasks.length);
}

/** The reference dbt project as a zip of its folder (what a learner would import). */
function referenceZip(): Uint8Array {
  const { files } = readProjectDir(DBT_DIR);
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [`hanbit/${path}`, strToU8(text)])));
}

async function browserModels(page: Page): Promise<BrowserFigure[]> {
  await openReferenceProject(page);

  const runs: PageRun[] = [];
  const parts: Record<string, number[]> = {};
  let built = 0;
  let models = 0;
  let passed = 0;
  let tests = 0;
  for (let i = 0; i < REPS; i++) {
    await page.getByTestId('models-tab-build').click();
    runs.push(await clickUntil(page, { start: '[data-testid=models-build-all]', running: '[data-testid=build-progress]', done: '[data-testid=build-summary]', settleMs: 1000 }));
    const rows = await page.locator('[data-testid^="build-row-"]').evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.getAttribute('data-testid')!.slice('build-row-'.length), state: tr.getAttribute('data-state'), text: tr.textContent ?? '', kind: tr.querySelector('td .muted')?.textContent?.trim() ?? '' })),
    );
    const isTest = (r: { state: string | null }) => r.state === 'pass' || r.state === 'fail' || r.state === 'warn';
    const modelRows = rows.filter((r) => !isTest(r) && /model/i.test(r.kind));
    tests = rows.filter((r) => isTest(r) || /test/i.test(r.kind)).length;
    passed = rows.filter((r) => r.state === 'pass').length;
    models = modelRows.length;
    built = modelRows.filter((r) => r.state === 'success').length;
    for (const r of modelRows) {
      const shown = parseShownMs(r.text.split('·').at(-1) ?? '');
      if (shown !== null) (parts[r.name] ??= []).push(shown);
    }
  }
  return browserFigures('models', runs, parts, `${built}/${models} models, ${passed}/${tests} tests`, built === models && models > 0 && passed === tests);
}

function browserFigures(job: WorkbenchSection, runs: PageRun[], parts: Record<string, number[]>, outcome: string, ok: boolean): BrowserFigure[] {
  const totals = runs.map((r) => r.ms);
  const worst = runs.reduce((a, r) => (r.longestTaskMs > a.longestTaskMs ? r : a));
  const longest = worst.longestTaskMs;
  const what =
    job === 'pipeline'
      ? `(p2) reference pipeline in the app (Open file → Run all → done on screen): ${outcome}`
      : `(m2) reference model project in the app (zip imported → Build all → summary on screen): ${outcome}`;
  const warm = totals.slice(1);
  return [
    {
      figure: what,
      ours: `first ${secs(totals[0]!)}${warm.length > 0 ? `; then median ${secs(median(warm))}${spread(warm)}` : ''}`,
      target: 'all succeed',
      ok,
    },
    { figure: `    slowest ${job === 'pipeline' ? 'tasks (as the run log shows them)' : 'models (as the build log shows them)'}`, ours: slowest(parts), target: '', ok: null },
    {
      figure: '    longest main-thread task meanwhile (all runs)',
      ours:
        longest > 0
          ? `${Math.round(longest)} ms at +${secs(Math.max(0, worst.longestAtMs))} of ${secs(worst.ms)} (${runs.reduce((a, r) => a + r.longTasks, 0)} tasks ≥ 50 ms in ${runs.length} runs)`
          : 'none ≥ 50 ms',
      target: `≤ ${LONG_TASK_LIMIT_MS} ms`,
      ok: longest <= LONG_TASK_LIMIT_MS,
    },
  ];
}

/** The browser figures of the chosen jobs, or why they cannot run here. */
export async function benchWorkbenchBrowser(root: string, jobs: readonly WorkbenchSection[]): Promise<BrowserFigure[] | string> {
  if (!existsSync(`${root}/${OUT}/index.html`)) return `run \`npm run build:web\` first (no ${OUT}/index.html)`;
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  const stopServer = startPreview(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    await waitForServer();
    const figures: BrowserFigure[] = [];
    for (const job of jobs) {
      // A fresh profile per job: nothing cached from the other.
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
      try {
        const page = await ctx.newPage();
        page.setDefaultTimeout(120_000);
        figures.push(...(job === 'pipeline' ? await browserPipeline(page) : await browserModels(page)));
      } catch (e) {
        figures.push({ figure: `(${job === 'pipeline' ? 'p2' : 'm2'}) ${job} in the app`, ours: 'n/a', target: '', ok: false });
        figures.push({ figure: '    could not measure', ours: (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160), target: '', ok: null });
      } finally {
        await ctx.close();
      }
    }
    return figures;
  } finally {
    await browser.close();
    stopServer();
  }
}

/** Headless then browser figures of the chosen jobs, with the browser/headless ratio of their medians. */
export async function benchWorkbench(root: string, jobs: readonly WorkbenchSection[]): Promise<BrowserFigure[]> {
  const figures: BrowserFigure[] = [];
  const headless = await benchWorkbenchHeadless(jobs);
  figures.push(...headless.figures);
  const browser = await benchWorkbenchBrowser(root, jobs);
  if (typeof browser === 'string') figures.push({ figure: '(p2), (m2) workbench jobs in the app', ours: 'n/a', target: '', ok: null }, { figure: `    ${browser}`, ours: '', target: '', ok: null });
  else figures.push(...browser);
  return figures;
}

// ─── entry points ───────────────────────────────────────────────────────────────────────────────

async function child(job: WorkbenchSection, reps: number): Promise<void> {
  const report = job === 'pipeline' ? await headlessPipeline(reps) : await headlessModels(reps);
  // maxRSS is in kilobytes.
  report.peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const childArg = process.argv.find((a) => a.startsWith('--child='));
  if (childArg) {
    const job = childArg.slice('--child='.length) as WorkbenchSection;
    const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.slice('--reps='.length) ?? REPS);
    await child(job, reps);
  } else {
    const onlyArg = process.argv.find((a) => a.startsWith('--only='));
    const jobs = WORKBENCH_SECTIONS.filter((s) => !onlyArg || onlyArg.slice('--only='.length).split(',').includes(s));
    for (const f of await benchWorkbench(ROOT, jobs)) console.log(`${f.figure} │ ${f.ours} │ ${f.target} │ ${f.ok === null ? '' : f.ok ? 'meets' : 'MISSES'}`);
  }
}
