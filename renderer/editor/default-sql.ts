/**
 * What a database's editor holds before the learner has written anything: a short welcome in
 * the UI language and a first query worth running on that database (never the bare system
 * catalogue). The schema browser is beside it, so the comment points there.
 */

type Lang = 'ko' | 'en';

interface Starter {
  /** Comment lines, without the leading `-- `; `{run}` becomes the run shortcut. */
  comment: Record<Lang, string[]>;
  sql: Record<Lang, string>;
}

const RUN_HINT: Record<Lang, string> = {
  ko: '{run} 키를 누르면 커서가 있는 문장을 실행합니다. 결과는 아래에 표와 차트로 나옵니다.',
  en: '{run} runs the statement under the cursor; the result shows below as a table and a chart.',
};

// Two-space indents: Monaco draws an indent guide every two columns.
const MONTHLY_REVENUE = `SELECT
  substr(order_date, 1, 7) AS month,
  COUNT(*) AS orders,
  SUM(total_amount) AS revenue
FROM fact_orders
WHERE status NOT IN ('cancelled', 'refunded')
GROUP BY month
ORDER BY month;`;

const RECENT_ORDERS = `SELECT order_id, ordered_at, platform, status, total_amount
FROM orders
ORDER BY ordered_at DESC
LIMIT 20;`;

const ORDERS_BY_STATUS = `SELECT
  status,
  COUNT(*) AS orders,
  SUM(total_amount) AS revenue
FROM orders
GROUP BY status
ORDER BY orders DESC;`;

const same = (sql: string): Record<Lang, string> => ({ ko: sql, en: sql });

/** Starters by database role ('hanbit-prod-large' has the role 'prod'). */
const STARTERS: Record<string, Starter> = {
  warehouse: {
    comment: {
      ko: [
        '한빛마켓 데이터 웨어하우스입니다. 왼쪽 스키마에서 테이블과 열의 설명을 볼 수 있습니다.',
        '첫 쿼리로 월별 주문 수와 매출(취소·환불 주문 제외)을 구해 봅니다.',
      ],
      en: [
        "Hanbit Market's data warehouse. The schema on the left describes every table and column.",
        'A first query: orders and revenue per month (cancelled and refunded orders left out).',
      ],
    },
    sql: same(MONTHLY_REVENUE),
  },
  'warehouse-empty': {
    comment: {
      ko: ['빈 데이터 웨어하우스입니다. 테이블은 있지만 행이 없습니다. ETL 수업에서 여기에 적재합니다.'],
      en: ['The empty data warehouse: the tables are there, with no rows. The ETL lessons load into it.'],
    },
    sql: same('SELECT COUNT(*) AS orders FROM fact_orders;'),
  },
  prod: {
    comment: {
      ko: ['한빛마켓 운영 DB입니다. 서비스가 지금 쓰는 현재 상태만 들어 있습니다.', '첫 쿼리로 가장 최근 주문 20건을 봅니다.'],
      en: ['Hanbit Market’s production database: the current state the shop service works with.', 'A first query: the 20 latest orders.'],
    },
    sql: same(RECENT_ORDERS),
  },
  experiments: {
    comment: {
      ko: ['한빛마켓 실험 플랫폼입니다. 첫 쿼리로 A/B 테스트 두 개의 설계를 봅니다.'],
      en: ['Hanbit Market’s experiment platform. A first query: how its two A/B tests were designed.'],
    },
    sql: {
      ko: 'SELECT experiment_id, name, hypothesis, start_date, end_date, control_share, treatment_share\nFROM experiments;',
      en: 'SELECT experiment_id, name_en AS name, hypothesis, start_date, end_date, control_share, treatment_share\nFROM experiments;',
    },
  },
  demo: {
    comment: {
      ko: ['한빛마켓 미리보기(데모) 데이터베이스입니다. 첫 쿼리로 주문 상태별 주문 수와 매출을 구해 봅니다.'],
      en: ['The Hanbit Market preview (demo) database. A first query: orders and revenue by order status.'],
    },
    sql: same(ORDERS_BY_STATUS),
  },
};

const GENERIC: Record<Lang, string[]> = {
  ko: ['여기에 SQL을 쓰세요.'],
  en: ['Write SQL here.'],
};

function role(databaseId: string): string {
  return databaseId.replace(/^hanbit-/, '').replace(/-large$/, '');
}

/** The starter text of a database's editor in one language; `runKeys` is the run shortcut as shown. */
export function starterSql(databaseId: string, lang: Lang, runKeys: string): string {
  const starter = STARTERS[role(databaseId)];
  const lines = [...(starter?.comment[lang] ?? GENERIC[lang]), RUN_HINT[lang].replace('{run}', runKeys)];
  const body = starter ? `${starter.sql[lang]}\n` : '';
  return `${lines.map((l) => `-- ${l}`).join('\n')}\n${body}`;
}

/** Whether a text is a database's untouched starter in any language (so it may follow the UI language). */
export function isStarterSql(text: string, databaseId: string, runKeys: string): boolean {
  return (['ko', 'en'] as const).some((lang) => starterSql(databaseId, lang, runKeys) === text);
}

/** The text to show for a database: the learner's draft, or the starter in the UI language. */
export function initialSql(draft: string | undefined, databaseId: string, lang: Lang, runKeys: string): string {
  return draft !== undefined && !isStarterSql(draft, databaseId, runKeys) ? draft : starterSql(databaseId, lang, runKeys);
}
