import { TEAMS } from '../../datasets/hanbit/dictionary.ts';
import type { Lang, Localized } from '../lessons/localized.ts';
import { MetricSchema, type Metric } from './schema.ts';

/*
 * Hanbit Market's published metrics: the few KPIs the company steers by and the general metrics
 * around them, each with a written definition precise enough to write its SQL from, an owner team
 * from the data dictionary, the decision it serves and an audit trail. They ship with the app
 * (never stored); the learner reviews them (3A) and copies one to change it.
 *
 * Three of them are the lesson of the vague "revenue": net revenue (매출 = 반품을 제외한 매출액,
 * the KPI), gross revenue (refunds not taken out) and the marketing team's own "매출 / Revenue"
 * (every order's total, cancelled and unpaid ones too) published under the KPI's very name, as
 * happens in a real company: the registry warns about that clash from the start. Same orders,
 * three numbers.
 */

/** Orders that were paid (refunded ones included): the status values of fact_orders with a payment. */
const PAID = `status IN ('paid', 'shipped', 'delivered', 'refunded')`;

/** The SQL revenue had before refunds were taken out (kept in net revenue's history as its previous SQL). */
const GROSS_REVENUE_SQL = `SELECT {{ period('order_date') }} AS period, SUM(total_amount) AS value
FROM fact_orders
WHERE ${PAID}
GROUP BY 1`;

const NET_REVENUE_SQL = `-- 매출 = 반품을 제외한 매출액: fact_orders.net_revenue = paid_amount - refunded_amount
SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value
FROM fact_orders
GROUP BY 1`;

type MetricInput = Omit<Metric, 'review' | 'builtIn' | 'database'> & { database?: string };

function published(input: MetricInput): Metric {
  // Parsed so a typo in a published metric fails the first test that imports this file, and defaults fill in.
  return MetricSchema.parse({ ...input, builtIn: true, review: {} });
}

/** Hanbit Market's published metrics, KPIs first (read-only in the registry). */
export const HANBIT_METRICS: readonly Metric[] = [
  published({
    id: 'net-revenue',
    name: { ko: '매출', en: 'Revenue' },
    definition: {
      ko: '반품을 제외한 매출액입니다. 주문일(KST)마다 결제된 금액(중복 결제 제외)에서 환불된 금액을 뺀 값(fact_orders.net_revenue)을 더합니다. 취소·결제 대기 주문은 0원입니다.',
      en: 'Sales excluding refunds: per order date (KST), the amount paid (duplicate payments removed) minus the amount refunded (fact_orders.net_revenue), summed. Cancelled and unpaid orders count as 0.',
    },
    owner: 'commerce',
    type: 'kpi',
    decision: {
      ko: '분기 매출 목표를 달성하고 있는지, 프로모션과 가격 변경을 계속할지 판단합니다.',
      en: 'Whether the quarter is on track for its sales target, and whether to keep a promotion or a price change.',
    },
    unit: 'krw',
    higherIsBetter: true,
    sql: NET_REVENUE_SQL,
    history: [
      {
        at: '2024-07-01',
        by: 'commerce',
        summary: 'published',
        text: { ko: '게시: 결제된 주문의 주문 금액 합계.', en: 'Published: the order total of paid orders.' },
      },
      {
        at: '2025-02-03',
        by: 'data-platform',
        summary: 'definition, sql',
        previousSql: GROSS_REVENUE_SQL,
        text: {
          ko: '환불을 빼도록 바꿨습니다(net_revenue). 환불이 많은 달의 매출이 실제보다 커 보였습니다. 예전 정의는 "매출 (총액)"으로 남겼습니다.',
          en: 'Refunds are now taken out (net_revenue): months with many refunds looked better than they were. The old definition lives on as "Revenue (gross)".',
        },
      },
    ],
  }),
  published({
    id: 'orders',
    name: { ko: '주문 수', en: 'Orders' },
    definition: {
      ko: '결제가 끝난 주문의 수입니다. 주문일(KST) 기준이며, 취소·결제 대기 주문은 빼고 나중에 환불된 주문은 셉니다.',
      en: 'The number of paid orders by order date (KST): cancelled and unpaid orders left out, orders refunded later counted.',
    },
    owner: 'commerce',
    type: 'kpi',
    decision: {
      ko: '물류 인력과 재고를 얼마나 준비할지, 주문이 줄어든 원인을 찾아볼지 판단합니다.',
      en: 'How much warehouse staff and stock to plan for, and whether a drop in orders needs a look.',
    },
    unit: 'count',
    higherIsBetter: true,
    sql: `SELECT {{ period('order_date') }} AS period, COUNT(*) AS value
FROM fact_orders
WHERE ${PAID}
GROUP BY 1`,
    history: [{ at: '2024-07-01', by: 'commerce', summary: 'published', text: { ko: '게시.', en: 'Published.' } }],
  }),
  published({
    id: 'active-buyers',
    name: { ko: '구매 고객 수', en: 'Active buyers' },
    definition: {
      ko: '기간 안에 결제된 주문이 한 건 이상 있는 고객의 수입니다(customer_id 기준, 중복 없이). 기간은 주문일(KST) 기준입니다.',
      en: 'The number of distinct customers (customer_id) with at least one paid order in the period, by order date (KST).',
    },
    owner: 'crm',
    type: 'kpi',
    decision: {
      ko: '재구매 캠페인을 누구에게, 언제 보낼지 판단합니다.',
      en: 'Whom to target with a repeat-purchase campaign, and when.',
    },
    unit: 'count',
    higherIsBetter: true,
    sql: `SELECT {{ period('order_date') }} AS period, COUNT(DISTINCT customer_id) AS value
FROM fact_orders
WHERE ${PAID}
GROUP BY 1`,
    history: [{ at: '2024-07-01', by: 'crm', summary: 'published', text: { ko: '게시.', en: 'Published.' } }],
  }),
  published({
    id: 'average-order-value',
    name: { ko: '평균 주문 금액', en: 'Average order value' },
    definition: {
      ko: '순매출(반품을 제외한 매출액)을 환불되지 않은 결제 주문(결제 완료·배송 중·배송 완료) 수로 나눈 값입니다. 주문일(KST) 기준입니다.',
      en: 'Net revenue (sales excluding refunds) divided by the number of paid orders that were not refunded (paid, shipped, delivered), by order date (KST).',
    },
    owner: 'commerce',
    type: 'kpi',
    decision: {
      ko: '무료 배송 기준 금액과 묶음 할인을 바꿀지 판단합니다.',
      en: 'Whether to change the free-shipping threshold and bundle discounts.',
    },
    unit: 'krw',
    higherIsBetter: true,
    sql: `SELECT {{ period('order_date') }} AS period,
  ROUND(SUM(net_revenue) * 1.0 / COUNT(*), 0) AS value
FROM fact_orders
WHERE status IN ('paid', 'shipped', 'delivered')
GROUP BY 1`,
    history: [
      { at: '2024-07-01', by: 'commerce', summary: 'published', text: { ko: '게시.', en: 'Published.' } },
      {
        at: '2025-02-03',
        by: 'data-platform',
        summary: 'definition',
        text: {
          ko: '분자를 순매출로 맞췄습니다(매출 KPI와 같은 정의).',
          en: 'The numerator is now net revenue, as in the revenue KPI.',
        },
      },
    ],
  }),
  published({
    id: 'gross-revenue',
    name: { ko: '매출 (총액)', en: 'Revenue (gross)' },
    definition: {
      ko: '결제된 주문(나중에 환불된 주문 포함)의 주문 금액(total_amount) 합계입니다. 환불을 빼지 않으므로 KPI 매출보다 큽니다. 주문일(KST) 기준입니다.',
      en: 'The order total (total_amount) of paid orders, refunded ones included, by order date (KST). Refunds are not taken out, so it is larger than the revenue KPI.',
    },
    owner: 'data-platform',
    type: 'metric',
    decision: {
      ko: '결제 대행 수수료를 정산하고, 환불이 매출에 주는 영향을 KPI 매출과 비교해 봅니다.',
      en: 'Reconciling payment-provider fees, and seeing how much refunds take off the revenue KPI.',
    },
    unit: 'krw',
    higherIsBetter: true,
    sql: GROSS_REVENUE_SQL,
    history: [
      {
        at: '2025-02-03',
        by: 'data-platform',
        summary: 'published',
        text: {
          ko: '게시: 매출 KPI가 환불을 빼도록 바뀔 때 예전 정의를 이 이름으로 남겼습니다.',
          en: 'Published: the old definition of revenue, kept under this name when the KPI started taking refunds out.',
        },
      },
    ],
  }),
  published({
    // Deliberately vague, and named like the KPI: the registry's name-conflict warning on published data.
    id: 'revenue-sales-report',
    name: { ko: '매출', en: 'Revenue' },
    definition: {
      ko: '주문 금액(total_amount)의 합계입니다. 주문일 기준입니다.',
      en: 'The sum of order totals (total_amount), by order date.',
    },
    owner: 'marketing',
    type: 'metric',
    decision: {
      ko: '주간 영업 보고서와 캠페인별 광고 수익률(ROAS) 계산에 씁니다.',
      en: 'The weekly sales report, and the return on ad spend (ROAS) of each campaign.',
    },
    unit: 'krw',
    higherIsBetter: true,
    sql: `SELECT {{ period('order_date') }} AS period, SUM(total_amount) AS value
FROM fact_orders
GROUP BY 1`,
    history: [
      {
        at: '2025-03-10',
        by: 'marketing',
        summary: 'published',
        text: {
          ko: '게시: 주간 영업 보고서의 매출을 레지스트리에 올렸습니다.',
          en: 'Published: the revenue of the weekly sales report, put in the registry.',
        },
      },
    ],
  }),
  published({
    id: 'refund-rate',
    name: { ko: '환불률', en: 'Refund rate' },
    definition: {
      ko: '결제된 주문의 주문 금액 합계 중 환불된 금액(refunded_amount)의 비율입니다. 주문일(KST) 기준이며, 나중에 들어온 환불도 주문한 날에 셉니다.',
      en: 'Refunded amount (refunded_amount) as a share of the order total of paid orders, by order date (KST): a refund made later counts on the day of its order.',
    },
    owner: 'commerce',
    type: 'metric',
    decision: {
      ko: '상품 설명과 품질 검수를 손볼 상품군을 고릅니다.',
      en: 'Which product groups need better descriptions or quality checks.',
    },
    unit: 'ratio',
    higherIsBetter: false,
    sql: `SELECT {{ period('order_date') }} AS period,
  SUM(refunded_amount) * 1.0 / SUM(total_amount) AS value
FROM fact_orders
WHERE ${PAID}
GROUP BY 1`,
    history: [{ at: '2024-07-01', by: 'commerce', summary: 'published', text: { ko: '게시.', en: 'Published.' } }],
  }),
  published({
    id: 'search-ctr',
    name: { ko: '검색 클릭률', en: 'Search click-through rate' },
    definition: {
      ko: '검색 중 결과를 하나 이상 클릭한 검색의 비율입니다(fact_searches.clicked). 검색일(KST) 기준이며 테스트 계정은 빠져 있습니다.',
      en: 'The share of searches with at least one result clicked (fact_searches.clicked), by search date (KST), test accounts excluded.',
    },
    owner: 'search',
    type: 'metric',
    decision: {
      ko: '검색 순위 알고리즘을 바꾼 뒤 유지할지 되돌릴지 판단합니다.',
      en: 'Whether to keep or roll back a change to the search ranking.',
    },
    unit: 'ratio',
    higherIsBetter: true,
    sql: `SELECT {{ period('search_date') }} AS period,
  SUM(clicked) * 1.0 / COUNT(*) AS value
FROM fact_searches
GROUP BY 1`,
    history: [{ at: '2024-07-01', by: 'search', summary: 'published', text: { ko: '게시.', en: 'Published.' } }],
  }),
  published({
    id: 'error-rate-5xx',
    name: { ko: '서버 오류율 (5xx)', en: 'Server error rate (5xx)' },
    definition: {
      ko: '웹 서버 요청 중 5xx(서버 오류)로 응답한 비율입니다(봇 요청 포함). 접근 로그의 시간별 집계(fact_web_requests_hourly, KST)로 계산하며, 접근 로그는 연말 세일 기간(2025-12-10~23)만 있습니다.',
      en: 'The share of web server requests answered with a 5xx (server error), bots included, from the hourly access-log counts (fact_web_requests_hourly, KST). Access logs exist only for the year-end sale (2025-12-10 to 23).',
    },
    owner: 'infra',
    type: 'metric',
    decision: {
      ko: '세일 기간에 서버를 늘릴지, 배포를 멈출지 판단합니다.',
      en: 'Whether to add servers during a sale, or freeze deployments.',
    },
    unit: 'ratio',
    higherIsBetter: false,
    sql: `SELECT {{ period('hour') }} AS period,
  SUM(status_5xx) * 1.0 / SUM(requests) AS value
FROM fact_web_requests_hourly
GROUP BY 1`,
    history: [
      {
        at: '2025-12-01',
        by: 'infra',
        summary: 'published',
        text: { ko: '게시: 연말 세일을 앞두고 만들었습니다.', en: 'Published ahead of the year-end sale.' },
      },
    ],
  }),
  published({
    id: 'marketing-spend',
    name: { ko: '광고비', en: 'Marketing spend' },
    definition: {
      ko: '모든 채널(네이버, 카카오, 구글, 인스타그램, 유튜브)의 광고비 합계(원)입니다. 대행사 파일을 정리하고 중복을 뺀 marketing_spend의 날짜(KST) 기준입니다.',
      en: 'Spend on all channels (naver, kakao, google, instagram, youtube) in KRW, from marketing_spend (the agency files cleaned and deduplicated), by date (KST).',
    },
    owner: 'marketing',
    type: 'metric',
    decision: {
      ko: '채널별 예산을 다음 달에 어떻게 나눌지 판단합니다.',
      en: "How to split next month's budget between channels.",
    },
    unit: 'krw',
    // A cost: the KPI tile shows a rise in a warning colour.
    higherIsBetter: false,
    sql: `SELECT {{ period('spend_date') }} AS period, SUM(spend_krw) AS value
FROM marketing_spend
GROUP BY 1`,
    history: [
      { at: '2024-07-01', by: 'marketing', summary: 'published', text: { ko: '게시.', en: 'Published.' } },
      {
        at: '2025-01-06',
        by: 'data-platform',
        summary: 'definition',
        text: {
          ko: '대행사 CSV의 중복 행을 빼고 읽습니다(ETL 규칙). SQL은 그대로입니다.',
          en: 'Reads the agency CSVs with duplicate rows removed (an ETL rule); the SQL is unchanged.',
        },
      },
    ],
  }),
];

/** The two published definitions of revenue (net: the KPI; gross: refunds not taken out), for the two-definitions chart. */
export const REVENUE_DEFINITIONS = ['net-revenue', 'gross-revenue'] as const;

/**
 * The marketing team's published "매출 / Revenue": the KPI's name for the other definition of
 * revenue (every order's total: refunds, cancelled and unpaid orders in), the registry's
 * name-conflict warning on the company's own data.
 */
export const VAGUE_REVENUE_EXAMPLE: Metric = HANBIT_METRICS.find((m) => m.id === 'revenue-sales-report') as Metric;

/** A published metric by id. */
export function hanbitMetric(id: string): Metric | undefined {
  return HANBIT_METRICS.find((m) => m.id === id);
}

/** The owner's name in a language: a team of the data dictionary by id, else the owner as written. */
export function ownerLabel(owner: string, lang: Lang): string {
  const team: Localized | undefined = TEAMS[owner];
  return team ? team[lang] : owner;
}

/** The owner teams that can own a metric (id and names), for an owner picker or filter. */
export function ownerTeams(): { id: string; name: Localized }[] {
  return Object.entries(TEAMS).map(([id, name]) => ({ id, name }));
}
