import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import { StatementBatchSchema, type XapiStatement } from '../../../core/xapi/schema.ts';
import { expect, test } from './fixtures.ts';

const LESSON = 't0-l1-data-literacy';
const KEY = 'workshop-key';
const SECRET = 'workshop-secret';
const AUTH = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;

/**
 * An LRS on the app's own origin (the web app's CSP allows only that), answered by the test:
 * every POST is checked for the version header, the auth header and the statements' schema.
 */
async function serveLrs(page: Page) {
  const received: XapiStatement[] = [];
  const problems: string[] = [];
  await page.route('**/lrs/**', async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === '/lrs/about') return route.fulfill({ json: { version: ['1.0.3'] } });
    if (request.method() !== 'POST' || url.pathname !== '/lrs/statements') return route.fulfill({ status: 404, json: { message: 'not here' } });
    const headers = request.headers();
    if (headers['x-experience-api-version'] !== '1.0.3') problems.push('version header missing');
    if (headers.authorization !== AUTH) return route.fulfill({ status: 401, json: { message: 'bad credentials' } });
    const parsed = StatementBatchSchema.safeParse(request.postDataJSON());
    if (!parsed.success) {
      problems.push(parsed.error.message);
      return route.fulfill({ status: 400, json: { message: parsed.error.issues[0]?.message ?? 'invalid' } });
    }
    received.push(...parsed.data);
    return route.fulfill({ json: parsed.data.map((s) => s.id) });
  });
  return { received, problems };
}

async function openXapiSettings(page: Page) {
  await page.keyboard.press('ControlOrMeta+,');
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await page.getByTestId('settings-xapi-toggle').click();
  await expect(page.getByTestId('xapi-section')).toBeVisible();
}

test('xAPI in the web app: session-only credentials, statements from a lesson reach a same-origin LRS, and wait in the browser across a reload', async ({
  course,
}) => {
  const lrs = await serveLrs(course);
  await openXapiSettings(course);
  // The web app says plainly that it keeps no credentials.
  await expect(course.getByTestId('xapi-web-note')).toContainText('Credentials can only be kept in the desktop app');

  // Switching on gives an anonymous account id (no e-mail); the learner types their own.
  await course.getByTestId('xapi-enabled').click();
  await expect(course.getByLabel('Your account name or id')).toHaveValue(/^learner-[0-9a-f]{8}$/);
  await course.getByLabel('Your account name or id').fill('kim-workshop');
  await course.getByLabel('LRS endpoint').fill('/lrs/');
  await course.getByLabel('Key', { exact: true }).fill(KEY);
  await course.getByLabel('Secret').fill(SECRET);
  await course.getByTestId('xapi-save').click();
  await expect(course.getByTestId('xapi-message')).toContainText('In use until this page reloads');
  await expect(course.getByTestId('xapi-stored')).toContainText(/In use for this tab only: http:\/\/127\.0\.0\.1:\d+\/lrs\/ \(key work••••\)/);
  await course.getByTestId('xapi-test').click();
  await expect(course.getByTestId('xapi-message')).toContainText('Connected: the LRS speaks xAPI 1.0.3.');
  await course.keyboard.press('Escape');

  // A lesson: open it, finish the read step, get the query step wrong once.
  await course.getByTestId(`lesson-${LESSON}`).click();
  await expect(course.getByTestId('lesson-player')).toBeVisible();
  await course.getByTestId('read-continue').click();
  await expect(course.getByTestId('step-meet-the-data')).toHaveClass(/done/);
  await expect(course.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await course.getByTestId('check').click();
  await expect(course.getByTestId('verdict-messages')).toBeVisible();

  await expect.poll(() => lrs.received.map((s) => s.verb.id.split('/').pop()), { timeout: 15_000 }).toEqual(
    expect.arrayContaining(['attempted', 'failed']),
  );
  expect(lrs.problems).toEqual([]);
  const failed = lrs.received.find((s) => s.verb.id.endsWith('/failed'))!;
  expect(failed.actor.account.name).toBe('kim-workshop');
  expect(failed.object.id).toMatch(new RegExp(`^https://datalit\\.studio/xapi/lessons/${LESSON}/steps/`));
  expect(failed.result).toMatchObject({ success: false, score: { scaled: 0 } });
  expect(failed.context.language).toBe('en-US');
  expect(failed.context.platform).toMatch(/^Datalit Studio .+ \(web\)$/);
  // One registration for the whole attempt at the lesson.
  expect(new Set(lrs.received.map((s) => s.context.registration)).size).toBe(1);
  const sentBefore = lrs.received.length;

  // After a reload the credentials are gone (never persisted); new statements wait in IndexedDB.
  await course.reload();
  await course.getByTestId(`lesson-${LESSON}`).click();
  await expect(course.getByTestId('lesson-player')).toBeVisible();
  await openXapiSettings(course);
  await expect(course.getByTestId('xapi-stored')).toHaveCount(0);
  await expect(course.getByTestId('xapi-status')).toContainText(/Waiting: [1-9]/);
  await expect(course.getByTestId('xapi-problem')).toContainText('No connection is set up yet');
  expect(lrs.received.length).toBe(sentBefore);
  const storedKeys = await course.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(storedKeys).not.toContain(SECRET);

  // Entering them again sends what waited.
  await course.getByLabel('LRS endpoint').fill('/lrs/');
  await course.getByLabel('Key', { exact: true }).fill(KEY);
  await course.getByLabel('Secret').fill(SECRET);
  await course.getByTestId('xapi-save').click();
  await expect(course.getByTestId('xapi-status')).toContainText('Waiting: 0');
  expect(lrs.received.length).toBeGreaterThan(sentBefore);
  expect(new Set(lrs.received.map((s) => s.id)).size).toBe(lrs.received.length);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the xAPI settings in the ${colorScheme} theme`, () => {
    test.use({ colorScheme, locale: 'ko-KR' });
    test('say what went wrong in Korean and have no serious accessibility problems', async ({ course }) => {
      // Something answers at the address, but not an LRS (an error status would also log a console error).
      await course.route('**/lrs/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Intranet</h1>' }));
      await openXapiSettings(course);
      await expect(course.getByTestId('xapi-web-note')).toContainText('자격 증명은 데스크톱 앱에서만 보관할 수 있습니다');
      await course.getByTestId('xapi-enabled').click();
      await course.getByLabel('LRS 엔드포인트').fill('/lrs/');
      await course.getByLabel('키', { exact: true }).fill(KEY);
      await course.getByLabel('시크릿').fill(SECRET);
      await course.getByTestId('xapi-save').click();
      await expect(course.getByTestId('xapi-stored')).toContainText('이 탭에서만 사용 중');
      await course.getByTestId('xapi-test').click();
      await expect(course.getByTestId('xapi-message')).toHaveText('응답은 있지만 xAPI 1.0 LRS의 응답이 아닙니다: <h1>Intranet</h1>');
      const results = await new AxeBuilder({ page: course }).include('[data-testid="settings-dialog"]').withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    });
  });
}
