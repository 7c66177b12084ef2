import { expect, setSql, test } from './fixtures.ts';

// A learner in Korea: the app follows the system language at first start.
test.use({ locale: 'ko-KR' });

const LESSON = 't0-l1-data-literacy';

test('a Track 0 lesson in Korean: a wrong answer gets its specific message, a hint, a pass, and progress survives a reload', async ({
  course,
}) => {
  await expect(course.getByText('트랙 0 · 오리엔테이션: 데이터 팀이 하는 일')).toBeVisible();
  await course.getByTestId(`lesson-${LESSON}`).click();
  await expect(course.getByTestId('lesson-player')).toBeVisible();
  await expect(course.getByTestId('prose-panel')).toContainText('단계');

  // The read step: its chart is drawn from the live data, then one click on 계속 marks it done and moves on.
  await expect(course.getByTestId('chart-view').locator('svg')).toBeVisible({ timeout: 20_000 });
  await expect(course.getByTestId('read-continue')).toHaveText('계속');
  await course.getByTestId('read-continue').click();
  await expect(course.getByTestId('step-meet-the-data')).toHaveClass(/done/);

  // The query step: a known mistake gets its own Korean feedback.
  await expect(course.getByTestId('step-prompt')).toContainText(/platform.+orders/);
  await expect(course.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await setSql(
    course,
    'SELECT platform, count(DISTINCT customer_id) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform;',
  );
  await course.keyboard.press('Control+Shift+Enter');
  const messages = course.getByTestId('verdict-messages');
  await expect(messages).toContainText('count(DISTINCT customer_id)는 주문한 고객 수를 셉니다');

  // Expected and actual side by side, after the failed try.
  await course.getByTestId('compare').click();
  await expect(course.getByTestId('compare-view')).toContainText('기대 결과');

  // Hints come one at a time.
  await course.getByTestId('hint').click();
  await expect(course.getByTestId('hints').locator('li')).toHaveCount(1);

  // A missing ORDER BY is named as such.
  await setSql(course, 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform;');
  await course.keyboard.press('Control+Shift+Enter');
  await expect(messages).toContainText('ORDER BY');

  // The right answer passes.
  await setSql(course, 'SELECT platform, count(*) AS orders\nFROM fact_orders\nGROUP BY platform\nORDER BY orders DESC, platform;');
  await course.getByTestId('check').click();
  await expect(course.getByTestId('verdict-pass')).toContainText('정답입니다');

  // Progress survives a reload: the course map shows the lesson in progress and the step done.
  await course.waitForTimeout(600);
  await course.reload();
  await expect(course.getByTestId(`lesson-${LESSON}`)).toContainText('진행 중');
  await expect(course.getByTestId(`lesson-${LESSON}`)).toContainText('2/4');
  // Continue goes to the first unfinished step, and the finished ones show as done.
  await expect(course.getByTestId('course-progress')).toContainText('2단계 완료');
  await course.getByTestId('continue').click();
  await expect(course.getByTestId('step-what-the-chart-shows')).toHaveAttribute('aria-current', 'step');
  await expect(course.getByTestId('step-orders-by-platform')).toHaveClass(/done/);
});

test('switching language keeps the learner’s answer', async ({ course }) => {
  await course.getByTestId(`lesson-${LESSON}`).click();
  await course.getByTestId('step-orders-by-platform').click();
  await expect(course.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  await setSql(course, 'SELECT 42 AS my_work;');
  await course.getByTestId('toggle-language').click();
  await expect(course.getByTestId('check')).toHaveText(/Check/);
  await expect(course.locator('.monaco-editor .view-lines')).toContainText('SELECT 42 AS my_work;');
});

test('a broken progress file is refused with the reason and the current progress is kept', async ({ course }) => {
  const [chooser] = await Promise.all([
    course.waitForEvent('filechooser'),
    (async () => {
      await course.getByTestId('course-menu').click();
      await course.getByTestId('import-progress').click();
    })(),
  ]);
  await chooser.setFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"version": 1, "steps": {"x": {"status": "finished"}}}'),
  });
  await expect(course.getByTestId('notice-error')).toContainText('가져오지 않았습니다');
});

test('the app’s own refusals speak Korean too: dropping a bundled table', async ({ course }) => {
  await course.getByTestId('nav-sandbox').click();
  await expect(course.getByTestId('engine-status')).toHaveText('준비됨', { timeout: 30_000 });
  await expect(course.locator('.monaco-editor textarea').first()).toBeAttached({ timeout: 30_000 });
  // Whichever database the sandbox opens on: drop its first bundled table.
  const preview = await course.getByTestId('schema-browser').locator('[data-testid^="preview-"]').first().getAttribute('data-testid');
  const table = preview!.replace('preview-', '');
  await setSql(course, `DROP TABLE ${table};`);
  await course.keyboard.press('Control+Enter');
  await expect(course.getByTestId('sql-error-message')).toContainText('내장 데이터셋의 일부라 삭제할 수 없습니다');
  await expect(course.getByTestId('sql-error-position')).toHaveText('1행 1열');
});
