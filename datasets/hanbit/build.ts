import type { SqlJsStatic } from 'sql.js';
import type { CatalogColumn, CatalogLakeFolder, CatalogTable, Layer, Localized } from '../../core/datasets/catalog.ts';
import type { HanbitManifest, ManifestExperiment, PlantedProblem } from '../../core/datasets/manifest.ts';
import { createRandom } from '../generator/random.ts';
import {
  BIG_HOLIDAYS,
  CAMPAIGN,
  CHECKOUT_EXPERIMENT,
  FIELD_RENAME_DATE,
  HANBIT_GENERATOR_VERSION,
  HOLIDAYS,
  PERIOD_END,
  PERIOD_START,
  PRICE_CHANGE,
  RECO_EXPERIMENT,
  SALES,
  SELL_OUT,
  SHOP_DOMAIN,
  SIZES,
  type HanbitSize,
} from './config.ts';
import {
  ACCESS_LOG_FIELDS,
  CLICK_FIELDS,
  CRM_FIELDS,
  EVENT_FIELDS,
  EXPERIMENT_TABLES,
  PRODUCTION_TABLES,
  SEARCH_FIELDS,
  SPEND_FIELDS_2024,
  SPEND_FIELDS_2025,
  WAREHOUSE_TABLES,
  FACT_EVENTS_TABLE,
} from './dictionary.ts';
import { buildExperiments } from './experiments.ts';
import { buildEmptyWarehouse, buildWarehouse } from './etl.ts';
import {
  EventLakeWriter,
  lakeFileStats,
  writeCrmExport,
  writeSearchLogs,
  writeSpendExports,
  type LakeCounts,
  type LakeFileStats,
  type LakeStore,
} from './lake.ts';
import { buildProduction } from './production.ts';
import { simulate } from './simulate.ts';
import { sharpenProduction, sharpenWarehouse } from './variant-edges.ts';

/**
 * Builds Hanbit Market for one seed and size: the simulation, the lake (written to the given
 * store), the production and experiment databases, the warehouse made by the ETL from those, the
 * empty warehouse, and the manifest. Same seed and size, same bytes.
 */

/** One built database and its catalog facts. */
export interface HanbitDatabase {
  id: string;
  file: string;
  layer: Layer;
  title: Localized;
  description: Localized;
  tables: CatalogTable[];
  bytes: Uint8Array;
}

/** Everything one build returns (lake files went to the store). */
export interface HanbitBuild {
  databases: HanbitDatabase[];
  manifest: HanbitManifest;
}

/** Build options. */
export interface HanbitOptions {
  seed: number;
  size: HanbitSize;
  lake: LakeStore;
  variant?: boolean;
  /** Where the lake is (for the manifest), relative to `lakeRoot`. */
  lakePath?: string;
  /** What lakePath is relative to (default: the size's, see hanbitLakeRoot). */
  lakeRoot?: 'catalog' | 'repository';
  /** Reports progress: a stage name and a share of the whole build in [0, 1]. */
  progress?: (stage: string, share: number) => void;
}

/** The database id for a role at a size: 'hanbit-prod', 'hanbit-prod-large'. */
export function hanbitId(role: 'prod' | 'warehouse' | 'warehouse-empty' | 'experiments', size: HanbitSize): string {
  return `hanbit-${role}${size === 'large' ? '-large' : ''}`;
}

/** Where the large lake goes, relative to the repository: outside public/, so it is never bundled. */
export const LARGE_LAKE_PATH = 'datasets-large/lake/hanbit-large';

/**
 * The lake folder of a size: small next to the catalog ('lake/hanbit', bundled with the app);
 * large relative to the repository (LARGE_LAKE_PATH, for the command line only).
 */
export function hanbitLakePath(size: HanbitSize): string {
  return size === 'large' ? LARGE_LAKE_PATH : 'lake/hanbit';
}

/** What hanbitLakePath(size) is relative to. */
export function hanbitLakeRoot(size: HanbitSize): 'catalog' | 'repository' {
  return size === 'large' ? 'repository' : 'catalog';
}

const TEST_EMAIL_SQL = `'qa+%@${SHOP_DOMAIN}'`;

/** Runs the whole Hanbit build. */
export function buildHanbit(SQL: SqlJsStatic, options: HanbitOptions): HanbitBuild {
  const { seed, size, lake } = options;
  const progress = options.progress ?? (() => {});
  const profile = SIZES[size];
  // Separate streams, so changing how one layer draws leaves the others' values alone.
  const rng = createRandom(seed);
  const lakeRng = createRandom((seed ^ 0x5bd1e995) >>> 0);
  const prodRng = createRandom((seed ^ 0x2545f491) >>> 0);

  const writer = new EventLakeWriter(lakeRng, profile.accessLogDays);
  const world = simulate(rng, profile, writer.sink, (share) => progress('simulate', 0.45 * share));
  progress('lake', 0.45);
  writer.finish(lake, world.products.length);
  writeSearchLogs(lake, world);
  writeSpendExports(lake, lakeRng, world.spend, writer.counts);
  writeCrmExport(lake, lakeRng, world.customers, writer.counts);
  progress('production', 0.55);
  // The hidden variant gets the edge cases the lessons' rules depend on (variant-edges.ts).
  const built = buildProduction(SQL, prodRng, world);
  const production = options.variant ? sharpenProduction(SQL, built) : built;
  const experiments = buildExperiments(SQL, world);
  progress('warehouse', 0.6);
  const loaded = buildWarehouse(SQL, { lake, production, experiments }, (share) => progress('warehouse', 0.6 + 0.38 * share), {
    eventRows: size === 'large',
  });
  const warehouse = options.variant ? sharpenWarehouse(SQL, loaded) : loaded;
  const empty = buildEmptyWarehouse(SQL);

  const label = size === 'large' ? { ko: ' (대용량)', en: ' (large)' } : { ko: '', en: '' };
  const scaleNote =
    size === 'large'
      ? {
          ko: ' 대용량 판은 같은 비율로 약 5배 크며 분산 처리·배치 수업과 벤치마크용입니다.',
          en: ' The large build has the same ratios at about five times the size, for the distributed-processing and batch lessons and benchmarks.',
        }
      : { ko: '', en: '' };
  const databases: HanbitDatabase[] = [
    {
      id: hanbitId('prod', size),
      file: `${hanbitId('prod', size)}.sqlite`,
      layer: 'production',
      title: { ko: `한빛마켓 운영 DB${label.ko}`, en: `Hanbit Market production database${label.en}` },
      description: {
        ko:
          '쇼핑몰 서비스가 지금 쓰는 운영 데이터베이스입니다. 정규화되어 있고 현재 상태만 있습니다(고객, 배송지, 상품, 주문, 결제, 환불, 재고). 시각은 한국 표준시입니다. 테스트 계정, 고아 행, 음수 수량, 중복 결제 같은 품질 문제가 숨어 있습니다.' +
          scaleNote.ko,
        en:
          "The shop service's production database: normalised, current state only (customers, addresses, products, orders, payments, refunds, inventory). Times are Korea Standard Time. Test accounts, orphan rows, negative quantities and duplicate payments hide in it." +
          scaleNote.en,
      },
      tables: PRODUCTION_TABLES,
      bytes: production,
    },
    {
      id: hanbitId('warehouse', size),
      file: `${hanbitId('warehouse', size)}.sqlite`,
      layer: 'warehouse',
      title: { ko: `한빛마켓 데이터 웨어하우스${label.ko}`, en: `Hanbit Market data warehouse${label.en}` },
      description: {
        ko:
          '운영 DB와 데이터 레이크에서 ETL 규칙대로 정제해 적재한 분석용 데이터베이스입니다(차원·사실 테이블, 고객 이력 SCD2, 광고비, 검색, 접속 로그 집계, 실험). ETL 수업의 정답 기준입니다.' +
          scaleNote.ko,
        en:
          'The analysis database the ETL rules load from the production database and the data lake: dimensions and facts, customer history (SCD type 2), marketing spend, searches, hourly web load and the experiments. The reference the ETL lessons load towards.' +
          scaleNote.en,
      },
      tables: size === 'large' ? [...WAREHOUSE_TABLES, FACT_EVENTS_TABLE] : WAREHOUSE_TABLES,
      bytes: warehouse,
    },
    {
      id: hanbitId('warehouse-empty', size),
      file: `${hanbitId('warehouse-empty', size)}.sqlite`,
      layer: 'warehouse',
      title: { ko: `빈 데이터 웨어하우스${label.ko}`, en: `Empty data warehouse${label.en}` },
      description: {
        ko: '웨어하우스와 같은 테이블이지만 행이 없습니다. ETL 수업에서 여기에 직접 적재합니다.',
        en: 'The warehouse tables with no rows: the ETL lessons load into it.',
      },
      tables: WAREHOUSE_TABLES,
      bytes: empty,
    },
    {
      id: hanbitId('experiments', size),
      file: `${hanbitId('experiments', size)}.sqlite`,
      layer: 'experiments',
      title: { ko: `한빛마켓 실험 플랫폼${label.ko}`, en: `Hanbit Market experiment platform${label.en}` },
      description: {
        ko: 'A/B 테스트 두 개의 배정과 결과입니다: 새 결제 버튼(50:50)과 상품 추천 위젯(50:50으로 설계했지만 배정 비율이 어긋남).',
        en: 'Assignments and outcomes of two A/B tests: a new checkout button (50/50) and a recommendation widget (designed 50/50, but the split is off).',
      },
      tables: EXPERIMENT_TABLES,
      bytes: experiments,
    },
  ];
  const manifest = makeManifest(SQL, options, databases, writer.counts, lake);
  progress('done', 1);
  return { databases, manifest };
}

/** The single value of a query on a database file. */
export function queryScalar(SQL: SqlJsStatic, bytes: Uint8Array, sql: string): number {
  const db = new SQL.Database(bytes);
  try {
    return Number(db.exec(sql)[0]?.values[0]?.[0] ?? Number.NaN);
  } finally {
    db.close();
  }
}

/** A production problem: found by a query on the production database. */
function prodProblem(id: string, where: string, ko: string, en: string, sql: string, prodId: string, count: number): PlantedProblem {
  return {
    id,
    layer: 'production',
    where: `${prodId}/${where}`,
    description: { ko, en },
    count,
    database: prodId,
    detectSql: sql,
    rule: null,
  };
}

/** A lake problem: found by reading the files (datasets/hanbit/lake-checks.ts does it in code). */
function lakeProblem(id: string, where: string, ko: string, en: string, ruleKo: string, ruleEn: string, count: number): PlantedProblem {
  return { id, layer: 'lake', where, description: { ko, en }, count, database: null, detectSql: null, rule: { ko: ruleKo, en: ruleEn } };
}

function makeManifest(
  SQL: SqlJsStatic,
  options: HanbitOptions,
  databases: HanbitDatabase[],
  counts: LakeCounts,
  lake: LakeStore,
): HanbitManifest {
  const { size } = options;
  const prodId = hanbitId('prod', size);
  const prod = databases.find((d) => d.id === prodId)?.bytes as Uint8Array;
  const expBytes = databases.find((d) => d.id === hanbitId('experiments', size))?.bytes as Uint8Array;
  const lakePath = options.lakePath ?? hanbitLakePath(size);
  const tableCounts: HanbitManifest['databases'] = {};
  for (const d of databases) {
    const db = new SQL.Database(d.bytes);
    try {
      const tables: Record<string, number> = {};
      for (const t of d.tables) tables[t.name] = Number(db.exec(`SELECT count(*) FROM "${t.name}"`)[0]?.values[0]?.[0] ?? 0);
      tableCounts[d.id] = { file: d.file, tables };
    } finally {
      db.close();
    }
  }
  const lakeRoot = options.lakeRoot ?? hanbitLakeRoot(size);
  const files = lakeFileStats(lake);

  const q = (sql: string): number => queryScalar(SQL, prod, sql);
  const testCustomers = `SELECT customer_id FROM customers WHERE email LIKE ${TEST_EMAIL_SQL}`;
  const sqls = {
    nullEmails: 'SELECT count(*) FROM customers WHERE email IS NULL',
    placeholder: "SELECT count(*) FROM customers WHERE birth_date = '1900-01-01'",
    testAccounts: `SELECT count(*) FROM customers WHERE email LIKE ${TEST_EMAIL_SQL}`,
    testOrders: `SELECT count(*) FROM orders WHERE customer_id IN (${testCustomers})`,
    orphans: 'SELECT count(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = i.order_id)',
    negative: 'SELECT count(*) FROM order_items WHERE quantity < 0',
    duplicatePayments:
      'SELECT count(*) FROM payments p WHERE EXISTS (SELECT 1 FROM payments q WHERE q.order_id = p.order_id AND q.payment_id < p.payment_id)',
    refunded: 'SELECT count(DISTINCT order_id) FROM refunds',
    unpaid: "SELECT count(*) FROM orders WHERE status IN ('cancelled', 'pending_payment')",
  };
  const plantedProblems: PlantedProblem[] = [
    prodProblem(
      'prod-null-emails',
      'customers',
      '이메일이 없는(NULL) 고객',
      'Customers with a NULL e-mail',
      sqls.nullEmails,
      prodId,
      q(sqls.nullEmails),
    ),
    prodProblem(
      'prod-placeholder-birth-dates',
      'customers',
      "생년월일이 기본값 '1900-01-01'인 고객(나쁜 날짜)",
      "Customers whose birth date is the placeholder '1900-01-01' (bad dates)",
      sqls.placeholder,
      prodId,
      q(sqls.placeholder),
    ),
    prodProblem(
      'prod-test-accounts',
      'customers',
      'QA 테스트 계정(qa+NN@hanbitmarket.co.kr)',
      'QA test accounts (qa+NN@hanbitmarket.co.kr)',
      sqls.testAccounts,
      prodId,
      q(sqls.testAccounts),
    ),
    prodProblem(
      'prod-test-account-orders',
      'orders',
      '테스트 계정의 주문(매출·주문 수에서 빼야 함)',
      'Orders of test accounts (leave them out of revenue and order counts)',
      sqls.testOrders,
      prodId,
      q(sqls.testOrders),
    ),
    prodProblem(
      'prod-orphan-order-items',
      'order_items',
      '주문이 없는 주문 상품(저장에 실패한 주문의 고아 행)',
      'Order lines whose order does not exist (orphans of failed inserts)',
      sqls.orphans,
      prodId,
      q(sqls.orphans),
    ),
    prodProblem(
      'prod-negative-quantities',
      'order_items',
      '수량이 음수인 주문 상품(관리 도구 버그, 절댓값이 맞는 수량)',
      'Order lines with a negative quantity (an admin-tool bug; the absolute value is right)',
      sqls.negative,
      prodId,
      q(sqls.negative),
    ),
    prodProblem(
      'prod-duplicate-payments',
      'payments',
      '같은 주문의 결제가 두 번 기록된 행(두 번째 행 수)',
      'Payments recorded twice for one order (the extra rows)',
      sqls.duplicatePayments,
      prodId,
      q(sqls.duplicatePayments),
    ),
    prodProblem(
      'prod-refunded-orders',
      'refunds',
      '환불된 주문: total_amount를 그냥 더하면 매출에 들어감',
      'Refunded orders: a naive sum of total_amount counts them as revenue',
      sqls.refunded,
      prodId,
      q(sqls.refunded),
    ),
    prodProblem(
      'prod-unpaid-orders',
      'orders',
      '결제되지 않은 주문(cancelled, pending_payment): 그냥 더하면 매출에 들어감',
      'Unpaid orders (cancelled, pending_payment): a naive sum counts them',
      sqls.unpaid,
      prodId,
      q(sqls.unpaid),
    ),
    lakeProblem(
      'lake-duplicate-events',
      `${lakePath}/events/*.jsonl.gz`,
      '재전송으로 두 번 들어온 이벤트(같은 event_id)',
      'Events that arrived twice (same event_id) because the client retried',
      'event_id가 앞에서 이미 나온 줄의 수(파일 이름 순서로 읽음)',
      'Lines whose event_id already appeared (reading files in name order)',
      counts.duplicateEventLines,
    ),
    lakeProblem(
      'lake-late-events',
      `${lakePath}/events/*.jsonl.gz`,
      '늦게 도착한 이벤트(오프라인 앱): 다음 달 파일에 들어간 것도 있음',
      "Late events (offline apps); some landed in the next month's file",
      'received_at - ts가 1시간을 넘는 줄의 수',
      'Lines whose received_at is more than one hour after ts',
      counts.lateEvents,
    ),
    lakeProblem(
      'lake-renamed-search-field',
      `${lakePath}/events/*.jsonl.gz`,
      '이름이 바뀐 필드: 앱 3.1.0과 웹(' + FIELD_RENAME_DATE + '~)은 keyword 대신 search_query를 보냄',
      'The renamed field: app 3.1.0 and the web (from ' + FIELD_RENAME_DATE + ') send search_query instead of keyword',
      'properties에 search_query가 있는 search 이벤트 수(event_id로 중복 제거)',
      'search events (distinct event_id) whose properties have search_query',
      counts.searchEventsRenamed,
    ),
    lakeProblem(
      'lake-old-search-field',
      `${lakePath}/events/*.jsonl.gz`,
      '예전 이름 keyword를 쓰는 search 이벤트(업데이트하지 않은 앱 포함)',
      'search events still using the old name keyword (including apps not updated)',
      'properties에 keyword가 있는 search 이벤트 수(event_id로 중복 제거)',
      'search events (distinct event_id) whose properties have keyword',
      counts.searchEventsOldField,
    ),
    lakeProblem(
      'lake-utc-date-shift',
      `${lakePath}/events/*.jsonl.gz`,
      'UTC 날짜와 한국 날짜가 다른 이벤트(한국 시각 0~9시): UTC로 일별 집계하면 틀림',
      'Events whose UTC date differs from the Korean date (00-09 KST): daily counts by UTC are wrong',
      'ts의 날짜와 ts+9시간의 날짜가 다른 이벤트 수(event_id로 중복 제거)',
      'Distinct events whose ts date differs from the date of ts + 9 hours',
      counts.utcDateDiffers,
    ),
    lakeProblem(
      'lake-test-account-events',
      `${lakePath}/events/*.jsonl.gz`,
      '테스트 계정이 만든 이벤트',
      'Events made by test accounts',
      'user_id가 테스트 계정인 이벤트 수(event_id로 중복 제거)',
      'Distinct events whose user_id is a test account',
      counts.testAccountEvents,
    ),
    lakeProblem(
      'lake-spend-duplicate-rows',
      `${lakePath}/exports/marketing_spend_*.csv`,
      '광고비 CSV의 중복 행',
      'Duplicate rows in the marketing spend CSVs',
      '날짜를 정규화하고 채널을 trim·소문자로 바꾼 (날짜, 채널)이 앞에서 이미 나온 행 수',
      'Rows whose (normalised date, trimmed lowercase channel) already appeared',
      counts.spendDuplicateRows,
    ),
    lakeProblem(
      'lake-spend-non-iso-dates',
      `${lakePath}/exports/marketing_spend_*.csv`,
      'YYYY-MM-DD가 아닌 날짜(2024/07/01, 20240701, 2025.01.01)',
      'Dates not written YYYY-MM-DD (2024/07/01, 20240701, 2025.01.01)',
      '중복을 뺀 행 중 날짜가 YYYY-MM-DD 형식이 아닌 행 수',
      'Rows (duplicates left out) whose date is not YYYY-MM-DD',
      counts.spendNonIsoDates,
    ),
    lakeProblem(
      'lake-spend-old-header-files',
      `${lakePath}/exports/marketing_spend_*.csv`,
      '머리글이 바뀌기 전 파일(date,channel,spend; 2025년부터 Date,Channel,Campaign,Cost (KRW)와 BOM)',
      'Files with the old header (date,channel,spend; from 2025 Date,Channel,Campaign,Cost (KRW) with a BOM)',
      'Campaign 열이 없는 파일 수',
      'Files without a Campaign column',
      counts.spendOldHeaderFiles,
    ),
    lakeProblem(
      'lake-crm-duplicate-rows',
      `${lakePath}/exports/crm_customers_2025-12-31.csv`,
      'CRM 내보내기의 완전히 같은 중복 행',
      'Exact duplicate rows in the CRM export',
      '앞의 행과 모든 필드가 같은 행 수',
      'Rows equal in every field to an earlier row',
      counts.crmDuplicateRows,
    ),
    lakeProblem(
      'lake-crm-non-iso-birth-dates',
      `${lakePath}/exports/crm_customers_2025-12-31.csv`,
      'YYYY-MM-DD가 아닌 생년월일(1990.03.05, 19900305, 1990/3/5)',
      'Birth dates not written YYYY-MM-DD (1990.03.05, 19900305, 1990/3/5)',
      '중복을 뺀 행 중 생년월일이 YYYY-MM-DD 형식이 아닌 행 수',
      'Rows (duplicates left out) whose birth date is not YYYY-MM-DD',
      counts.crmNonIsoBirthDates,
    ),
  ];

  const experiments: ManifestExperiment[] = [CHECKOUT_EXPERIMENT, RECO_EXPERIMENT].map((e) => {
    const db = new SQL.Database(expBytes);
    try {
      const arm = (variant: string): { units: number; conversions: number; rate: number } => {
        const row = db.exec(
          `SELECT count(*), coalesce(sum(o.converted), 0) FROM assignments a JOIN outcomes o USING (experiment_id, unit_id) WHERE a.experiment_id = '${e.id}' AND a.variant = '${variant}'`,
        )[0]?.values[0] ?? [0, 0];
        const units = Number(row[0]);
        const conversions = Number(row[1]);
        return { units, conversions, rate: units === 0 ? 0 : conversions / units };
      };
      const control = arm('control');
      const treatment = arm('treatment');
      const isReco = e.id === RECO_EXPERIMENT.id;
      const entry: ManifestExperiment = {
        id: e.id,
        description: isReco
          ? {
              ko: '상품 상세 화면의 추천 위젯. 기기 단위로 첫 상품 조회 때 배정. 지표: 배정된 세션의 장바구니 담기 비율. 효과는 거의 없음.',
              en: 'A recommendation widget on product pages, assigned per device at its first product view. Metric: add-to-cart rate in the assignment session. Almost no effect.',
            }
          : {
              ko: '새 결제 버튼. 고객 단위로 기간 중 첫 결제 시작 때 배정. 지표: 배정된 세션에서 구매를 마친 비율. 실제로 작은 효과가 있음.',
              en: 'A new checkout button, assigned per customer at the first checkout start in the window. Metric: share who completed the purchase in the assignment session. A real, modest effect.',
            },
        unit: isReco ? 'device' : 'customer',
        window: { from: e.from, to: e.to },
        arms: ['control', 'treatment'],
        allocation: { control: 0.5, treatment: 0.5 },
        trueEffect: {
          metric: isReco ? 'add_to_cart_rate' : 'checkout_conversion',
          control: e.control,
          treatment: e.treatment,
          absoluteLift: Math.round((e.treatment - e.control) * 1e6) / 1e6,
        },
        observed: { control, treatment },
      };
      if (isReco) {
        const n = control.units + treatment.units;
        const expected = n / 2;
        const chiSquare = ((control.units - expected) ** 2 + (treatment.units - expected) ** 2) / expected;
        entry.srm = {
          cause: {
            ko: '새 위젯이 안드로이드 앱 3.1.x에서 노출 기록을 남기기 전에 멈춰, 그 기기들의 실험군 배정이 기록되지 않았습니다. 플랫폼·앱 버전별로 배정 수를 나눠 보면 보입니다.',
            en: 'The new widget crashed Android app 3.1.x before the exposure was logged, so treatment assignments from those devices are missing. Split the assignment counts by platform and app version to see it.',
          },
          expectedRatio: 0.5,
          observed: { control: control.units, treatment: treatment.units },
          chiSquare: Math.round(chiSquare * 1000) / 1000,
        };
      }
      return entry;
    } finally {
      db.close();
    }
  });

  const story = [
    ...HOLIDAYS.filter((h) => BIG_HOLIDAYS.has(h.id)).map((h) => ({
      id: h.id,
      from: h.from,
      to: h.to,
      description: {
        ko: `${h.ko}: 주문이 크게 줄고 그 전 2주는 선물 수요가 늘어남`,
        en: `${h.en}: orders drop; the two weeks before bring gift demand`,
      },
    })),
    ...SALES.map((s) => ({
      id: s.id,
      from: s.from,
      to: s.to,
      description: { ko: `${s.ko}: 모든 주문 10% 할인, 광고비와 방문 증가`, en: `${s.en}: 10% off every order, more spend and traffic` },
    })),
    {
      id: CAMPAIGN.id,
      from: CAMPAIGN.from,
      to: CAMPAIGN.to,
      description: {
        ko: `${CAMPAIGN.ko}: 소셜 채널 광고비 3배, 5만 원 이상 주문 5,000원 할인, 신규 가입 증가`,
        en: `${CAMPAIGN.en}: triple social spend, 5,000 won off orders from 50,000, more sign-ups`,
      },
    },
    {
      id: 'price-change',
      from: PRICE_CHANGE.date,
      to: PRICE_CHANGE.date,
      description: {
        ko: `식품·음료·생활용품 ${PRICE_CHANGE.products}개 상품 가격 8~15% 인상`,
        en: `${PRICE_CHANGE.products} food, drink and household products cost 8-15% more`,
      },
    },
    {
      id: 'sell-out',
      from: SELL_OUT.date,
      to: PERIOD_END,
      description: {
        ko: `${SELL_OUT.productName}(표준) 품절: 이후 조회는 있지만 장바구니·주문은 없음`,
        en: 'The robot vacuum (standard) sells out: views continue, no cart adds or orders',
      },
    },
    {
      id: 'field-rename',
      from: FIELD_RENAME_DATE,
      to: FIELD_RENAME_DATE,
      description: {
        ko: '앱 3.1.0 출시, 웹 추적 코드 변경: search 이벤트의 keyword가 search_query로 바뀜',
        en: "App 3.1.0 and the web tracker rename the search event's keyword to search_query",
      },
    },
    {
      id: CHECKOUT_EXPERIMENT.id,
      from: CHECKOUT_EXPERIMENT.from,
      to: CHECKOUT_EXPERIMENT.to,
      description: { ko: '새 결제 버튼 A/B 테스트', en: 'Checkout button A/B test' },
    },
    {
      id: RECO_EXPERIMENT.id,
      from: RECO_EXPERIMENT.from,
      to: RECO_EXPERIMENT.to,
      description: { ko: '추천 위젯 A/B 테스트(SRM)', en: 'Recommendation widget A/B test (SRM)' },
    },
  ];

  return {
    formatVersion: 1,
    generator: 'hanbit',
    generatorVersion: HANBIT_GENERATOR_VERSION,
    seed: options.seed,
    size,
    variant: options.variant ?? false,
    period: { start: PERIOD_START, end: PERIOD_END, timezone: 'Asia/Seoul' },
    databases: tableCounts,
    lake: { path: lakePath, root: lakeRoot, files },
    story,
    plantedProblems,
    experiments,
  };
}

/** A lake file's catalog facts besides its name and sizes. */
interface LakeFileFacts {
  format: 'jsonl' | 'csv' | 'log';
  description: Localized;
  /** Only when the file's records differ from the folder's fields. */
  fields?: CatalogColumn[];
}

/**
 * The bundled (small) lake's folders as catalog entries, from the files' stats (see
 * lakeFileStats). Fields are given once per folder; a file lists its own only when they differ
 * (the 2024 spend CSVs' older header, the CRM export, the click logs). The large lake is not in
 * the catalog: it lives outside public/ for the command line.
 */
export function hanbitLakeFolders(files: readonly LakeFileStats[]): CatalogLakeFolder[] {
  const path = hanbitLakePath('small');
  const filesIn = (folder: string, describe: (name: string) => LakeFileFacts): CatalogLakeFolder['files'] =>
    files
      .filter((f) => f.name.startsWith(`${folder}/`))
      .map((f) => {
        const name = f.name.slice(folder.length + 1);
        const { format, description, fields } = describe(name);
        return {
          name,
          format,
          compression: name.endsWith('.gz') ? ('gzip' as const) : null,
          sizeBytes: f.sizeBytes,
          uncompressedBytes: f.uncompressedBytes,
          description,
          ...(fields ? { fields } : {}),
        };
      });
  const month = (name: string): string => /(\d{4}-\d{2})/.exec(name)?.[1] ?? '';
  const common = { group: 'hanbit', size: 'small' as const };
  return [
    {
      id: 'hanbit-lake-events',
      path: `${path}/events`,
      ...common,
      owner: 'data-platform',
      title: { ko: '앱·웹 이벤트 로그', en: 'App and web events' },
      description: {
        ko: '수집 서버가 받은 그대로의 이벤트(JSON Lines, 한 줄에 하나, gzip 압축). 받은 시각(UTC)의 월별 파일입니다. 중복, 늦게 온 이벤트, 중간에 바뀐 필드 이름이 있습니다.',
        en: 'Events as the collector received them (JSON Lines, one per line, gzip-compressed), one file per UTC month of arrival. Contains duplicates, late events and a field renamed mid-year.',
      },
      fields: EVENT_FIELDS,
      files: filesIn('events', (name) => ({
        format: 'jsonl',
        description: { ko: `${month(name)}(UTC)에 받은 이벤트`, en: `Events received in ${month(name)} (UTC)` },
      })),
    },
    {
      id: 'hanbit-lake-search',
      path: `${path}/search`,
      ...common,
      owner: 'search',
      title: { ko: '검색 로그와 클릭 로그', en: 'Search and click logs' },
      description: {
        ko: '검색 서비스의 로그: 사용자가 입력한 검색어 그대로(searches)와 클릭한 결과(clicks). 한국 시각(+09:00), 월별 파일, gzip 압축.',
        en: "The search service's logs: queries exactly as typed (searches) and the results clicked (clicks). Korean time (+09:00), one file per month, gzip-compressed.",
      },
      fields: SEARCH_FIELDS,
      files: filesIn('search', (name) =>
        name.startsWith('searches-')
          ? { format: 'jsonl', description: { ko: `${month(name)}의 검색`, en: `Searches in ${month(name)}` } }
          : {
              format: 'jsonl',
              description: { ko: `${month(name)}의 결과 클릭`, en: `Result clicks in ${month(name)}` },
              fields: CLICK_FIELDS,
            },
      ),
    },
    {
      id: 'hanbit-lake-exports',
      path: `${path}/exports`,
      ...common,
      owner: 'marketing',
      title: { ko: 'CSV 내보내기', en: 'CSV exports' },
      description: {
        ko: '다른 팀이 내보낸 CSV(압축하지 않음): 대행사의 월별 광고비(2025년에 머리글이 바뀜)와 CRM 고객 내보내기(개인정보 포함). BOM, 섞인 날짜 형식, "1,234원" 같은 금액, 공백, 대소문자, 중복 행이 있습니다.',
        en: 'CSVs exported by other teams (not compressed): the agency\'s monthly marketing spend (header changed in 2025) and the CRM customer export (with PII). BOMs, mixed date formats, amounts like "1,234원", stray spaces, mixed casing, duplicate rows.',
      },
      fields: SPEND_FIELDS_2025,
      files: filesIn('exports', (name): LakeFileFacts => {
        if (name.startsWith('crm_'))
          return {
            format: 'csv',
            description: { ko: 'CRM 고객 내보내기(2025-12-31, 개인정보 포함)', en: 'CRM customer export (2025-12-31, with PII)' },
            fields: CRM_FIELDS,
          };
        const oldHeader = month(name) < '2025-01';
        return {
          format: 'csv',
          description: {
            ko: `${month(name)} 채널별 일일 광고비${oldHeader ? '(예전 머리글)' : ''}`,
            en: `Daily spend per channel, ${month(name)}${oldHeader ? ' (old header)' : ''}`,
          },
          ...(oldHeader ? { fields: SPEND_FIELDS_2024 } : {}),
        };
      }),
    },
    {
      id: 'hanbit-lake-access-logs',
      path: `${path}/access-logs`,
      ...common,
      owner: 'infra',
      title: { ko: '웹 서버 접근 로그', en: 'Web server access logs' },
      description: {
        ko: '연말 세일 전후 며칠 동안의 nginx 접근 로그(텍스트 한 줄에 요청 하나, 한국 시각, gzip 압축). 시간대별 최대 부하와 오류율을 읽을 수 있습니다.',
        en: 'nginx access logs (one request per text line, Korean time, gzip-compressed) for the days around the year-end sale: read the peak-hour load and error rate.',
      },
      fields: ACCESS_LOG_FIELDS,
      files: filesIn('access-logs', (name) => ({
        format: 'log',
        description: {
          ko: `${/(\d{4}-\d{2}-\d{2})/.exec(name)?.[1] ?? ''}의 요청`,
          en: `Requests on ${/(\d{4}-\d{2}-\d{2})/.exec(name)?.[1] ?? ''}`,
        },
      })),
    },
  ];
}
