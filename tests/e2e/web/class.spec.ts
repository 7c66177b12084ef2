import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { expect, setSql, test } from './fixtures.ts';

const LESSON = 't0-l1-data-literacy';
const STEP = `${LESSON}/orders-by-platform`;

async function axeClean(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.monaco-editor').analyze();
  expect(results.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function palette(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type(name);
  await expect(page.getByRole('option', { name, exact: false }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
}

interface Step {
  id: string;
  status: string;
  attempts: number;
  hintsUsed: number;
  solutionShown: boolean;
  timeSpentMs: number;
  updatedAt: string | null;
  failures: { code: string; count: number }[];
  lastFailure: { code: string; text: string } | null;
}
interface Report {
  learner: string;
  reportKey: string;
  app: { version: string };
  lessons: { id: string; contentHash: string; steps: Step[] }[];
}

/** Another learner's report made from the exported one: every step untouched, then the given steps. */
function learnerReport(template: Report, learner: string, steps: Record<string, Partial<Step>>): string {
  const copy = structuredClone(template);
  copy.learner = learner;
  copy.reportKey = `key-${learner}`;
  for (const lesson of copy.lessons) {
    lesson.steps = lesson.steps.map((s) => ({
      ...s,
      status: 'not-started',
      attempts: 0,
      hintsUsed: 0,
      solutionShown: false,
      timeSpentMs: 0,
      updatedAt: null,
      failures: [],
      lastFailure: null,
      ...steps[`${lesson.id}/${s.id}`],
    }));
  }
  return JSON.stringify(copy);
}

test('a learner exports a progress report; the instructor imports three and sees the heat map, the hardest step and its message, and downloads the CSV', async ({
  course: page,
}) => {
  // A lesson step, two downloads and three accessibility scans of a whole course's heat map.
  test.setTimeout(180_000);
  // The learner passes a Track 0 step after a known mistake.
  await page.getByTestId(`lesson-${LESSON}`).click();
  await page.getByTestId('read-continue').click();
  await expect(page.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await setSql(page, 'SELECT platform, count(DISTINCT customer_id) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;');
  await page.getByTestId('check').click();
  await expect(page.getByTestId('verdict-messages')).toContainText('count(DISTINCT customer_id)');
  await setSql(page, 'SELECT platform, count(*) AS orders\nFROM fact_orders\nGROUP BY platform\nORDER BY orders DESC, platform;');
  await page.getByTestId('check').click();
  await expect(page.getByTestId('verdict-pass')).toBeVisible();

  // Export, from the lesson: the dialog says what the file holds, and asks only for a name.
  await palette(page, 'Export progress report');
  const dialog = page.getByTestId('report-export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('report-privacy')).toContainText('only the name you type');
  await expect(page.getByTestId('report-export-confirm')).toBeDisabled();
  await axeClean(page, 'export dialog');
  await page.getByTestId('report-learner-name').fill('Ana Kim');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-confirm').click()]);
  expect(download.suggestedFilename()).toMatch(/^progress-report-Ana-Kim-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(dialog).toBeHidden();
  // Still in the lesson.
  await expect(page.getByTestId('lesson-player')).toBeVisible();
  const report = JSON.parse(await readFile((await download.path())!, 'utf8')) as Report;
  expect(report.learner).toBe('Ana Kim');
  const lesson = report.lessons.find((l) => l.id === LESSON)!;
  expect(lesson.contentHash).toMatch(/^[0-9a-f]{16}$/);
  const passed = lesson.steps.find((s) => s.id === 'orders-by-platform')!;
  expect(passed).toMatchObject({ status: 'done', attempts: 2 });
  expect(passed.failures).toHaveLength(1);
  expect(passed.lastFailure?.text).toContain('count(DISTINCT customer_id)');

  // The instructor imports three reports (and a stray file).
  const files = [
    learnerReport(report, 'Bora', {
      [`${LESSON}/meet-the-data`]: { status: 'done', timeSpentMs: 60_000, updatedAt: '2026-12-01T10:00:00Z' },
      [STEP]: {
        status: 'in-progress',
        attempts: 5,
        failures: [{ code: 'missing-rows', count: 4 }],
        lastFailure: { code: 'missing-rows', text: 'Your result is missing 3 rows.' },
        timeSpentMs: 300_000,
        updatedAt: '2026-12-01T10:05:00Z',
      },
    }),
    learnerReport(report, 'Chen', {
      [`${LESSON}/meet-the-data`]: { status: 'done', updatedAt: '2026-12-01T10:00:00Z' },
      [STEP]: {
        status: 'in-progress',
        attempts: 3,
        failures: [
          { code: 'missing-rows', count: 2 },
          { code: 'sql-error', count: 1 },
        ],
        lastFailure: { code: 'sql-error', text: 'near "FORM": syntax error' },
        updatedAt: '2026-12-01T10:06:00Z',
      },
    }),
    learnerReport(report, 'Dana', {
      [`${LESSON}/meet-the-data`]: { status: 'done', updatedAt: '2026-12-01T10:00:00Z' },
      [STEP]: { status: 'done', attempts: 1, updatedAt: '2026-12-01T10:02:00Z' },
    }),
  ];
  await palette(page, 'Class progress');
  await expect(page.getByTestId('class-screen')).toBeVisible();
  await page.getByTestId('class-files-input').setInputFiles([
    ...files.map((text, i) => ({ name: `report-${i + 1}.json`, mimeType: 'application/json', buffer: Buffer.from(text) })),
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a report') },
  ]);
  await expect(page.getByTestId('class-summary-learners')).toHaveText('3');
  await expect(page.getByTestId('class-refused')).toContainText('notes.txt');
  await expect(page.getByTestId('class-refused')).toContainText('not JSON');

  // The heat map: three learners, the step tried and not passed by two, passed by one.
  const heat = page.getByTestId('class-heatmap');
  await expect(heat.locator('thead th.class-heat-learner')).toHaveText(['Bora', 'Chen', 'Dana']);
  const row = heat.locator(`tr[data-step="${STEP}"] td`);
  await expect(row).toHaveCount(3);
  expect(await row.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')))).toEqual(['tried', 'tried', 'passed']);
  await expect(row.first()).toHaveAttribute('aria-label', /Bora, .*not passed \(5 attempts\)/);
  // Only the lesson someone started has rows; the others (every report lists them) come back on request.
  await expect(heat.locator('tr.class-heat-lesson')).toHaveCount(1);
  await page.getByTestId('class-show-untouched').check();
  expect(await heat.locator('tr.class-heat-lesson').count()).toBeGreaterThan(30);
  await page.getByTestId('class-show-untouched').uncheck();

  // The hardest step comes first, with its most common message as a learner read it.
  const first = page.getByTestId('class-hardest').locator('li').first();
  await expect(first).toHaveAttribute('data-step', STEP);
  await expect(first).toContainText('2 of 3 learners who tried have not passed (67%)');
  await expect(first.getByTestId('class-hard-message')).toContainText('missing-rows');
  await expect(first.getByTestId('class-hard-message')).toContainText('Your result is missing 3 rows.');
  await expect(first.getByTestId('class-hard-message')).toContainText('shown 6 times to 2 learners');
  await axeClean(page, 'class heat map');

  // The table view says the same in words.
  await page.getByTestId('class-view-table').click();
  await expect(page.getByTestId('class-table').locator(`tr[data-step="${STEP}"] td`).first()).toHaveText('not passed (5 attempts)');
  await axeClean(page, 'class table');

  // The CSV: one row per learner and step, a BOM for spreadsheets, and it parses back.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('class-csv-steps').click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^class-progress-steps-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await csvDownload.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const stepCount = report.lessons.reduce((n, l) => n + l.steps.length, 0);
  expect(parsed.data).toHaveLength(3 * stepCount);
  expect(parsed.data.find((r) => r.learner === 'Bora' && r.step_id === 'orders-by-platform')).toMatchObject({
    state: 'tried, not passed',
    attempts: '5',
    wrong_answers: '4',
    last_message_text: 'Your result is missing 3 rows.',
  });

  // Dropped on the screen: another "Bora" (another learner: refused, the name is taken) and Dana's
  // later report (the same learner: combined, the newer step kept). Neither is taken for a database.
  const otherBora = JSON.parse(files[0]!) as Report & { createdAt: string };
  otherBora.reportKey = 'someone-else';
  const laterDana = JSON.parse(files[2]!) as Report & { createdAt: string };
  laterDana.createdAt = new Date(Date.now() + 60_000).toISOString();
  const second = laterDana.lessons.find((l) => l.id === LESSON)!.steps;
  Object.assign(second[2]!, { status: 'done', attempts: 2, updatedAt: '2026-12-01T11:00:00Z' });
  await page.evaluate((dropped) => {
    const data = new DataTransfer();
    for (const f of dropped) data.items.add(new File([f.text], f.name, { type: 'application/json' }));
    const target = document.querySelector('[data-testid="class-screen"]')!;
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [
    { name: 'bora-2.json', text: JSON.stringify(otherBora) },
    { name: 'dana-later.json', text: JSON.stringify(laterDana) },
  ]);
  await expect(page.getByTestId('class-refused')).toContainText('bora-2.json: Another learner’s report (report-1.json) already uses this name');
  await expect(page.getByTestId('class-combined')).toContainText('Dana: 2 reports combined (report-3.json, dana-later.json)');
  await expect(page.getByTestId('class-summary-learners')).toHaveText('3');
  await expect(page.getByTestId('class-table').locator(`tr[data-step="${LESSON}/${second[2]!.id}"] td`).nth(2)).toHaveText('passed (2 attempts)');
  await expect(page.getByTestId('notice-error')).toHaveCount(0);
  // The sandbox's "drop a database here" overlay did not take the drop, and does not linger.
  await page.getByTestId('nav-sandbox').click();
  await expect(page.getByTestId('engine-status')).toBeVisible();
  await expect(page.getByTestId('open-db-drop')).toHaveCount(0);
});
