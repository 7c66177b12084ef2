import type { CatalogColumn, CatalogTable, Localized, PiiClass } from '../../core/datasets/catalog.ts';

/**
 * The data dictionary of Hanbit Market: every table, column and lake field in Korean and English,
 * with its owner team and PII class. The build refuses a file whose schema and dictionary differ.
 */

/** The owner teams, by id. */
export const TEAMS: Record<string, Localized> = {
  commerce: { ko: '커머스개발팀', en: 'Commerce engineering' },
  crm: { ko: 'CRM팀', en: 'CRM team' },
  logistics: { ko: '물류팀', en: 'Logistics' },
  marketing: { ko: '마케팅팀', en: 'Marketing' },
  search: { ko: '검색팀', en: 'Search team' },
  infra: { ko: '인프라팀', en: 'Infrastructure' },
  'data-platform': { ko: '데이터플랫폼팀', en: 'Data platform' },
  experimentation: { ko: '실험플랫폼팀', en: 'Experimentation platform' },
};

/** A column: name, Korean, English, PII class (none unless said). */
function c(name: string, ko: string, en: string, pii: PiiClass = 'none'): CatalogColumn {
  return { name, description: { ko, en }, pii };
}

/** A table. */
function t(name: string, owner: string, ko: string, en: string, columns: CatalogColumn[]): CatalogTable {
  return { name, owner, description: { ko, en }, columns };
}

const KST_NOTE = { ko: '한국 표준시(KST) 기준', en: 'Korea Standard Time (KST)' };
const customerId = (ko: string, en: string): CatalogColumn => c('customer_id', ko, en, 'quasi');

/** The production database's tables. */
export const PRODUCTION_TABLES: CatalogTable[] = [
  t('categories', 'commerce', '상품 카테고리 8개입니다.', 'The eight product categories.', [
    c('category_id', '카테고리 번호(기본 키).', 'Category number (primary key).'),
    c('name', '카테고리 이름(한국어).', 'Category name in Korean.'),
    c('name_en', '카테고리 이름(영어).', 'Category name in English.'),
  ]),
  t(
    'products',
    'commerce',
    '판매 중인 상품 300개입니다. 가격은 현재 가격만 있습니다(운영 DB는 현재 상태만 저장).',
    'The 300 products on sale. Only the current price is kept (production stores current state only).',
    [
      c('product_id', '상품 번호(기본 키).', 'Product number (primary key).'),
      c('category_id', '카테고리 번호. categories.category_id를 가리킵니다.', 'Category number; points to categories.category_id.'),
      c('sku', '재고 관리 코드. 예: HB-0105-S.', 'Stock-keeping unit code, e.g. HB-0105-S.'),
      c('name', '상품명(한국어).', 'Product name in Korean.'),
      c('name_en', '상품명(영어).', 'Product name in English.'),
      c('line', "상품 라인: 'standard', 'premium', 'value'.", "Product line: 'standard', 'premium' or 'value'."),
      c('price', '현재 판매가(원). 2025-03-01에 일부 상품 가격이 올랐습니다.', 'Current price in KRW. Some prices rose on 2025-03-01.'),
      c('cost', '원가(원).', 'Unit cost in KRW.'),
      c('status', "판매 상태: 'active' 또는 'sold_out'(품절).", "Sales status: 'active' or 'sold_out'."),
      c('created_at', `상품 등록 시각(${KST_NOTE.ko}).`, `When the product was listed (${KST_NOTE.en}).`),
      c(
        'updated_at',
        `마지막 변경 시각(${KST_NOTE.ko}). 가격 변경이나 품절 때 바뀝니다.`,
        `Last change (${KST_NOTE.en}); set by a price change or a sell-out.`,
      ),
    ],
  ),
  t(
    'customers',
    'crm',
    '가입한 고객입니다. QA팀의 테스트 계정(이메일 qa+NN@hanbitmarket.co.kr)도 섞여 있습니다.',
    'Signed-up customers. QA test accounts (e-mail qa+NN@hanbitmarket.co.kr) are mixed in.',
    [
      customerId('고객 번호(기본 키). 가입 순서대로 매겨집니다.', 'Customer number (primary key), in order of sign-up.'),
      c('name', '고객 이름(가상의 인물).', 'Customer name (an invented person).', 'direct'),
      c(
        'email',
        '이메일 주소. 카카오·휴대폰으로 가입한 고객은 비어 있습니다(NULL).',
        'E-mail address; NULL for customers who signed up with Kakao or phone login.',
        'direct',
      ),
      c('phone', '휴대폰 번호(010-XXXX-XXXX).', 'Mobile phone number (010-XXXX-XXXX).', 'direct'),
      c('gender', "성별: 'F' 또는 'M'.", "Gender: 'F' or 'M'.", 'quasi'),
      c(
        'birth_date',
        "생년월일(YYYY-MM-DD). '1900-01-01'은 입력하지 않은 값의 기본값입니다.",
        "Date of birth (YYYY-MM-DD). '1900-01-01' is the placeholder for 'not given'.",
        'quasi',
      ),
      c('created_at', `가입 시각(${KST_NOTE.ko}).`, `Sign-up time (${KST_NOTE.en}).`),
    ],
  ),
  t(
    'addresses',
    'crm',
    '고객이 등록한 배송지입니다. 이사하면 새 주소가 기본 배송지가 되고 이전 주소는 is_default = 0으로 남습니다.',
    'Delivery addresses. When a customer moves, the new one becomes the default and the old one stays with is_default = 0.',
    [
      c('address_id', '배송지 번호(기본 키).', 'Address number (primary key).'),
      customerId('고객 번호. customers.customer_id를 가리킵니다.', 'Customer number; points to customers.customer_id.'),
      c('region', '시·도. 예: 서울, 경기.', 'Province or metropolitan city, e.g. 서울 (Seoul).', 'quasi'),
      c('city', '시·군·구.', 'City or district.', 'quasi'),
      c('street', '도로명 주소와 상세 주소.', 'Street address and unit.', 'direct'),
      c('postal_code', '우편번호(5자리).', 'Postal code (5 digits).', 'quasi'),
      c('is_default', '기본 배송지이면 1, 아니면 0.', '1 for the default address, else 0.'),
      c('created_at', `배송지를 등록한 시각(${KST_NOTE.ko}).`, `When the address was registered (${KST_NOTE.en}).`),
    ],
  ),
  t(
    'orders',
    'commerce',
    '주문입니다. 상태는 2025-12-31 기준 현재 상태입니다. total_amount를 그냥 더하면 취소·환불 주문까지 매출에 들어갑니다.',
    'Orders, with their status as of 2025-12-31. Summing total_amount naively counts cancelled and refunded orders as revenue.',
    [
      c(
        'order_id',
        '주문 번호(기본 키). 시간 순서로 매겨지며, 저장에 실패한 주문 번호는 비어 있습니다.',
        'Order number (primary key), in time order; numbers of failed inserts are missing.',
      ),
      customerId('주문한 고객 번호.', 'The customer who ordered.'),
      c('address_id', '배송지 번호. addresses.address_id를 가리킵니다.', 'Delivery address; points to addresses.address_id.'),
      c('ordered_at', `주문 시각(${KST_NOTE.ko}, 'YYYY-MM-DD HH:MM:SS').`, `Order time (${KST_NOTE.en}, 'YYYY-MM-DD HH:MM:SS').`),
      c('platform', "주문한 곳: 'android', 'ios', 'web'.", "Where the order was placed: 'android', 'ios' or 'web'."),
      c(
        'status',
        '상태: pending_payment, paid, shipped, delivered, cancelled(미결제 취소), refunded(전액 환불).',
        'Status: pending_payment, paid, shipped, delivered, cancelled (never paid), refunded (in full).',
      ),
      c('items_amount', '상품 금액 합계(원).', 'Sum of the lines in KRW.'),
      c(
        'discount_amount',
        '할인 금액(원): 연말 세일 10%, 봄 캠페인 쿠폰 5,000원.',
        'Discount in KRW: 10% in the year-end sales, a 5,000 won coupon in the spring campaign.',
      ),
      c(
        'shipping_fee',
        '배송비(원). 할인 후 30,000원 미만이면 3,000원, 제주는 3,000원 추가.',
        'Shipping fee in KRW: 3,000 under 30,000 after discount, plus 3,000 to Jeju.',
      ),
      c('total_amount', '결제할 금액(원) = 상품 금액 - 할인 + 배송비.', 'Amount to pay in KRW = items - discount + shipping.'),
    ],
  ),
  t(
    'order_items',
    'commerce',
    '주문에 담긴 상품 줄입니다. 주문이 없는 줄(고아 행)과 수량이 음수인 줄이 몇 개 있습니다.',
    'The lines of the orders. A few lines have no order (orphans) and a few have a negative quantity.',
    [
      c('order_item_id', '주문 상품 번호(기본 키).', 'Order line number (primary key).'),
      c(
        'order_id',
        '주문 번호. orders.order_id를 가리킵니다(가리키는 주문이 없는 줄도 있습니다).',
        'Order number; points to orders.order_id (some lines point nowhere).',
      ),
      c('product_id', '상품 번호. products.product_id를 가리킵니다.', 'Product number; points to products.product_id.'),
      c('quantity', '수량. 관리 도구 버그로 음수로 저장된 줄이 있습니다.', 'Quantity; an admin-tool bug stored a few as negative numbers.'),
      c(
        'unit_price',
        '주문 당시 단가(원). 가격 변경 전 주문은 이전 가격입니다.',
        'Unit price at order time in KRW (orders before a price change keep the old price).',
      ),
    ],
  ),
  t(
    'payments',
    'commerce',
    '결제 기록입니다. 결제 대행사의 재시도로 같은 주문이 두 번 기록된 경우가 있습니다.',
    'Payments. The payment gateway retried a few, so some orders have the same payment twice.',
    [
      c('payment_id', '결제 번호(기본 키).', 'Payment number (primary key).'),
      c('order_id', '주문 번호.', 'Order number.'),
      c(
        'paid_at',
        `결제 시각(${KST_NOTE.ko}). 무통장 입금은 주문보다 늦습니다.`,
        `Payment time (${KST_NOTE.en}); bank transfers come later than the order.`,
      ),
      c(
        'method',
        '결제 수단: card, kakao_pay, naver_pay, toss_pay, bank_transfer.',
        'Payment method: card, kakao_pay, naver_pay, toss_pay, bank_transfer.',
      ),
      c('amount', '결제 금액(원).', 'Amount paid in KRW.'),
    ],
  ),
  t(
    'refunds',
    'commerce',
    '환불입니다. 전액 환불(주문 상태 refunded)과 상품 하나만 돌려받은 부분 환불이 있습니다.',
    'Refunds: full refunds (order status refunded) and partial refunds of one unit.',
    [
      c('refund_id', '환불 번호(기본 키).', 'Refund number (primary key).'),
      c('order_id', '주문 번호.', 'Order number.'),
      c('refunded_at', `환불 시각(${KST_NOTE.ko}).`, `Refund time (${KST_NOTE.en}).`),
      c('amount', '환불 금액(원).', 'Amount refunded in KRW.'),
      c(
        'reason',
        '사유: changed_mind, defective, wrong_item, late_delivery.',
        'Reason: changed_mind, defective, wrong_item, late_delivery.',
      ),
    ],
  ),
  t('inventory', 'logistics', '상품별 현재 재고입니다(2025-12-31 기준).', 'Current stock per product (as of 2025-12-31).', [
    c('product_id', '상품 번호(기본 키).', 'Product number (primary key).'),
    c('stock_qty', '창고에 있는 수량. 품절 상품은 0입니다.', 'Units in the warehouse; 0 for the sold-out product.'),
    c('safety_stock', '이 수량보다 적으면 발주합니다.', 'Reorder below this quantity.'),
    c('updated_at', `마지막 재고 변경 시각(${KST_NOTE.ko}).`, `Last stock change (${KST_NOTE.en}).`),
  ]),
];

const EXPERIMENT_COLUMNS = [
  c('experiment_id', '실험 id.', 'Experiment id.'),
  c('name', '실험 이름(한국어).', 'Experiment name in Korean.'),
  c('name_en', '실험 이름(영어).', 'Experiment name in English.'),
  c('hypothesis', '실험의 가설.', 'The hypothesis the experiment tests.'),
  c('unit', "배정 단위: 'customer'(고객) 또는 'device'(기기).", "Assignment unit: 'customer' or 'device'."),
  c('metric', '주 지표 이름.', 'Name of the primary metric.'),
  c('start_date', '시작일(KST).', 'First day (KST).'),
  c('end_date', '종료일(KST).', 'Last day (KST).'),
  c('control_share', '대조군(A)에 배정하려던 비율.', 'Intended share of the control arm (A).'),
  c('treatment_share', '실험군(B)에 배정하려던 비율.', 'Intended share of the treatment arm (B).'),
];
const ASSIGNMENT_COLUMNS = [
  c('experiment_id', '실험 id.', 'Experiment id.'),
  c(
    'unit_id',
    '배정 단위의 id: 고객 번호 또는 기기의 anonymous_id.',
    "The unit's id: a customer number or a device's anonymous_id.",
    'quasi',
  ),
  c('user_id', '로그인한 고객 번호(없으면 NULL).', 'Logged-in customer number (NULL if none).', 'quasi'),
  c('variant', "배정된 그룹: 'control'(A) 또는 'treatment'(B).", "Arm: 'control' (A) or 'treatment' (B)."),
  c('assigned_at', `처음 노출되어 배정된 시각(${KST_NOTE.ko}).`, `When the unit was first exposed and assigned (${KST_NOTE.en}).`),
  c('platform', '배정될 때의 플랫폼: android, ios, web.', 'Platform at assignment: android, ios or web.'),
  c('app_version', '배정될 때의 앱 버전(웹은 NULL).', 'App version at assignment (NULL on the web).'),
];
const OUTCOME_COLUMNS = [
  c('experiment_id', '실험 id.', 'Experiment id.'),
  c('unit_id', '배정 단위의 id.', "The unit's id.", 'quasi'),
  c(
    'converted',
    '배정된 세션에서 지표 행동을 했으면 1(결제 버튼 실험: 구매, 추천 위젯 실험: 장바구니 담기).',
    '1 if the unit did the metric action in the session it was assigned in (checkout button: purchase; reco widget: add to cart).',
  ),
  c('order_id', '그 세션의 주문 번호(구매했을 때만).', 'The order of that session, if any.'),
  c('revenue', '그 세션의 주문 금액(원, 없으면 0).', 'Order amount of that session in KRW (0 if none).'),
];

/** The experiment platform's tables. */
export const EXPERIMENT_TABLES: CatalogTable[] = [
  t('experiments', 'experimentation', 'A/B 테스트 목록입니다.', 'The A/B tests.', EXPERIMENT_COLUMNS),
  t(
    'assignments',
    'experimentation',
    '실험 배정 기록입니다. 노출이 기록되지 않은 단위는 여기에 없습니다.',
    'Who was assigned to which arm. Units whose exposure was never logged are missing.',
    ASSIGNMENT_COLUMNS,
  ),
  t('outcomes', 'experimentation', '배정된 단위마다 주 지표의 결과입니다.', 'The primary metric of every assigned unit.', OUTCOME_COLUMNS),
];

/** The warehouse's tables (the empty warehouse has the same ones). */
/** The large warehouse's one extra table: every clean event (datasets/hanbit/etl.ts FACT_EVENTS_SCHEMA). */
export const FACT_EVENTS_TABLE: CatalogTable = t(
  'fact_events',
  'data-platform',
  '앱·웹 이벤트 하나하나를 정제해 적재한 사실 테이블입니다(중복 제거, 테스트 계정 제외, 시각은 KST). 대용량 판에만 있으며 행이 100만 개가 넘습니다.',
  'Every app and web event, cleaned and loaded (deduplicated, test accounts excluded, times in KST). Only in the large build, with over a million rows.',
  [
    c('event_id', '레이크 이벤트의 id(events 폴더의 event_id).', 'The lake event id (event_id in the events folder).'),
    c('event_at', '이벤트 시각(KST, YYYY-MM-DD HH:MM:SS).', 'Event time (KST, YYYY-MM-DD HH:MM:SS).'),
    c('event_date', '이벤트 날짜(KST).', 'Event date (KST).'),
    c('event_name', '이벤트 이름(page_view, add_to_cart 등).', 'Event name (page_view, add_to_cart, …).'),
    c('platform', '플랫폼(ios, android, web).', 'Platform (ios, android, web).'),
    c('user_id', '로그인한 고객 번호(로그인하지 않았으면 NULL).', 'Logged-in customer (NULL when not logged in).', 'quasi'),
    c('session_id', '세션 id.', 'Session id.'),
  ],
);

export const WAREHOUSE_TABLES: CatalogTable[] = [
  t(
    'dim_date',
    'data-platform',
    '기간(2024-07-01 ~ 2025-12-31)의 날짜 차원입니다. 공휴일, 세일, 캠페인이 표시됩니다.',
    'The date dimension of the period (2024-07-01 to 2025-12-31), with holidays, sales and the campaign.',
    [
      c('date_key', '날짜 키(YYYYMMDD 정수).', 'Date key (YYYYMMDD as an integer).'),
      c('date', "날짜('YYYY-MM-DD', KST).", "Date ('YYYY-MM-DD', KST)."),
      c('year', '연도.', 'Year.'),
      c('quarter', '분기(1~4).', 'Quarter (1-4).'),
      c('month', '월(1~12).', 'Month (1-12).'),
      c('day', '일.', 'Day of the month.'),
      c('weekday', '요일 번호(0=일요일 ... 6=토요일).', 'Weekday number (0 = Sunday ... 6 = Saturday).'),
      c('weekday_ko', '요일(한국어).', 'Weekday in Korean.'),
      c('weekday_en', '요일(영어).', 'Weekday in English.'),
      c('is_weekend', '토요일·일요일이면 1.', '1 on Saturday and Sunday.'),
      c('is_holiday', '공휴일이면 1.', '1 on a public holiday.'),
      c('holiday_ko', '공휴일 이름(한국어).', 'Holiday name in Korean.'),
      c('holiday_en', '공휴일 이름(영어).', 'Holiday name in English.'),
      c('is_big_holiday', '설날·추석 연휴이면 1(주문이 크게 줄어듭니다).', '1 during Seollal and Chuseok (orders drop).'),
      c('sale_id', '연말 세일 기간이면 세일 id.', 'The year-end sale id on sale days.'),
      c('is_campaign', '봄맞이 한빛 페스타 캠페인 기간이면 1.', '1 during the Hanbit Spring Festa campaign.'),
    ],
  ),
  t(
    'dim_customer',
    'data-platform',
    '고객 차원(SCD 타입 2): 이사할 때마다 새 버전이 생깁니다. 직접 식별자(이름·이메일·전화)는 넣지 않았고 테스트 계정은 제외했습니다.',
    'The customer dimension (SCD type 2): a new version each time a customer moves. No direct identifiers; test accounts excluded.',
    [
      c('customer_key', '버전마다의 대리 키(기본 키).', 'Surrogate key of the version (primary key).', 'quasi'),
      customerId('운영 DB의 고객 번호.', 'Customer number in production.'),
      c('gender', "성별: 'F' 또는 'M'.", "Gender: 'F' or 'M'.", 'quasi'),
      c(
        'birth_year',
        "출생 연도. 운영 DB의 '1900-01-01'은 NULL(모름)로 바꿨습니다.",
        "Year of birth; production's '1900-01-01' becomes NULL (unknown).",
        'quasi',
      ),
      c('age_band', "2025년 기준 연령대: '10s', '20s' ... '60+'.", "Age band in 2025: '10s', '20s' ... '60+'.", 'quasi'),
      c('region', '이 버전의 기본 배송지 시·도.', "The version's default-address province.", 'quasi'),
      c('city', '이 버전의 기본 배송지 시·군·구.', "The version's default-address city.", 'quasi'),
      c('signup_date', '가입일(KST).', 'Sign-up date (KST).'),
      c(
        'marketing_consent',
        'CRM 내보내기에서 가져온 마케팅 수신 동의(1/0, 모르면 NULL).',
        'Marketing consent from the CRM export (1/0, NULL if unknown).',
      ),
      c('valid_from', '이 버전이 유효한 첫날.', 'First day this version is valid.'),
      c(
        'valid_to',
        "이 버전이 유효한 마지막 날(현재 버전은 '9999-12-31').",
        "Last day this version is valid ('9999-12-31' for the current one).",
      ),
      c('is_current', '현재 버전이면 1.', '1 for the current version.'),
    ],
  ),
  t(
    'dim_product',
    'data-platform',
    '상품 차원입니다. 주문 기록에서 찾은 변경 전 가격을 함께 둡니다.',
    'The product dimension, with the price before the last change as found in the order lines.',
    [
      c('product_id', '상품 번호(기본 키).', 'Product number (primary key).'),
      c('sku', '재고 관리 코드.', 'Stock-keeping unit code.'),
      c('name', '상품명(한국어).', 'Product name in Korean.'),
      c('name_en', '상품명(영어).', 'Product name in English.'),
      c('category', '카테고리(한국어).', 'Category in Korean.'),
      c('category_en', '카테고리(영어).', 'Category in English.'),
      c('line', '상품 라인.', 'Product line.'),
      c('current_price', '현재 가격(원).', 'Current price in KRW.'),
      c('previous_price', '가격 변경 전 가격(원). 바뀌지 않았으면 NULL.', 'Price before the change in KRW; NULL if it never changed.'),
      c('price_changed_on', '가격이 바뀐 날. 바뀌지 않았으면 NULL.', 'Day the price changed; NULL if it never did.'),
      c('unit_cost', '원가(원).', 'Unit cost in KRW.'),
      c('status', "'active' 또는 'sold_out'.", "'active' or 'sold_out'."),
    ],
  ),
  t(
    'fact_orders',
    'data-platform',
    '주문 사실 테이블(주문 1건 = 1행, 테스트 계정 제외). net_revenue가 KPI 매출(반품을 제외한 매출액)입니다.',
    'Order facts (one row per order, test accounts excluded). net_revenue is the KPI revenue (sales excluding refunds).',
    [
      c('order_id', '주문 번호(기본 키).', 'Order number (primary key).'),
      customerId('고객 번호.', 'Customer number.'),
      c('customer_key', '주문 날짜에 유효했던 dim_customer 버전.', 'The dim_customer version valid on the order date.', 'quasi'),
      c('order_date', '주문일(KST).', 'Order date (KST).'),
      c('ordered_at', '주문 시각(KST).', 'Order time (KST).'),
      c('platform', '주문한 플랫폼.', 'Platform of the order.'),
      c('status', '주문 상태.', 'Order status.'),
      c('item_count', '주문 상품 줄 수.', 'Number of order lines.'),
      c('items_amount', '상품 금액 합계(원).', 'Items amount in KRW.'),
      c('discount_amount', '할인 금액(원).', 'Discount in KRW.'),
      c('shipping_fee', '배송비(원).', 'Shipping fee in KRW.'),
      c('total_amount', '주문 금액(원).', 'Order total in KRW.'),
      c('payment_method', '결제 수단(미결제면 NULL).', 'Payment method (NULL if unpaid).'),
      c('paid_amount', '중복을 뺀 결제 금액(원, 미결제면 0).', 'Amount paid, duplicates removed (KRW; 0 if unpaid).'),
      c('refunded_amount', '환불 금액 합계(원).', 'Sum of refunds in KRW.'),
      c('net_revenue', '순매출 = paid_amount - refunded_amount.', 'Net revenue = paid_amount - refunded_amount.'),
    ],
  ),
  t(
    'fact_order_items',
    'data-platform',
    '주문 상품 사실 테이블. 고아 행과 테스트 계정 주문은 빼고, 음수 수량은 절댓값으로 고쳤습니다.',
    'Order line facts. Orphan lines and test orders left out; negative quantities made positive.',
    [
      c('order_item_id', '주문 상품 번호(기본 키).', 'Order line number (primary key).'),
      c('order_id', '주문 번호.', 'Order number.'),
      c('order_date', '주문일(KST).', 'Order date (KST).'),
      customerId('고객 번호.', 'Customer number.'),
      c('product_id', '상품 번호.', 'Product number.'),
      c('quantity', '수량.', 'Quantity.'),
      c('unit_price', '단가(원).', 'Unit price in KRW.'),
      c('line_amount', '줄 금액 = 수량 × 단가(원).', 'Line amount = quantity x unit price (KRW).'),
    ],
  ),
  t(
    'fact_events_daily',
    'data-platform',
    '앱·웹 이벤트의 일별 집계(KST 날짜, 중복 제거, 테스트 계정 제외).',
    'Daily counts of app and web events (KST dates, deduplicated, test accounts excluded).',
    [
      c('event_date', '이벤트 날짜(KST로 바꾼 날짜).', 'Event date (converted to KST).'),
      c('event_name', '이벤트 이름.', 'Event name.'),
      c('platform', '플랫폼.', 'Platform.'),
      c('events', '이벤트 수.', 'Number of events.'),
      c('users', '로그인한 고객 수(고유).', 'Distinct logged-in customers.'),
      c('sessions', '세션 수(고유).', 'Distinct sessions.'),
    ],
  ),
  t(
    'fact_searches',
    'data-platform',
    '검색 로그와 클릭 로그를 합친 검색 사실 테이블(검색어 정규화, 테스트 계정 제외).',
    'Searches joined with their first click (queries normalised, test accounts excluded).',
    [
      c('search_id', '검색 id(기본 키).', 'Search id (primary key).'),
      c('searched_at', '검색 시각(KST).', 'Search time (KST).'),
      c('search_date', '검색일(KST).', 'Search date (KST).'),
      c('session_id', '세션 id.', 'Session id.'),
      c('user_id', '로그인한 고객 번호(없으면 NULL).', 'Logged-in customer (NULL if none).', 'quasi'),
      c('platform', '플랫폼.', 'Platform.'),
      c(
        'query',
        '정규화한 검색어(앞뒤 공백 제거, 연속 공백 하나로, 소문자).',
        'Normalised query (trimmed, single spaces, lowercase).',
        'sensitive',
      ),
      c('result_count', '검색 결과 수.', 'Number of results.'),
      c('clicked', '결과를 클릭했으면 1.', '1 if a result was clicked.'),
      c('click_position', '클릭한 결과의 순위(1부터).', 'Rank of the clicked result (from 1).'),
      c('clicked_product_id', '클릭한 상품 번호.', 'Clicked product.'),
    ],
  ),
  t(
    'fact_web_requests_hourly',
    'data-platform',
    '웹 서버 접근 로그의 시간별 집계(연말 세일 기간). 최대 부하 시간을 읽을 수 있습니다.',
    'Hourly counts from the web access logs (year-end sale weeks): read the peak load here.',
    [
      c('hour', "시각('YYYY-MM-DD HH:00', KST).", "Hour ('YYYY-MM-DD HH:00', KST)."),
      c('requests', '요청 수.', 'Requests.'),
      c('bot_requests', '헬스체크와 검색 로봇의 요청 수.', 'Requests from health checks and crawlers.'),
      c('status_4xx', '4xx 응답 수.', '4xx responses.'),
      c('status_5xx', '5xx(서버 오류) 응답 수.', '5xx (server error) responses.'),
      c('bytes_sent', '보낸 바이트 합계.', 'Bytes sent.'),
      c('avg_response_ms', '평균 응답 시간(ms).', 'Mean response time (ms).'),
      c('max_response_ms', '최대 응답 시간(ms).', 'Longest response time (ms).'),
    ],
  ),
  t(
    'marketing_spend',
    'marketing',
    '채널별 일일 광고비(대행사 CSV를 정리하고 중복을 뺀 값).',
    'Daily marketing spend per channel (the agency CSVs cleaned and deduplicated).',
    [
      c('spend_date', '날짜(KST).', 'Date (KST).'),
      c('channel', '채널: naver, kakao, google, instagram, youtube.', 'Channel: naver, kakao, google, instagram, youtube.'),
      c('campaign', '캠페인(2025년 파일부터 있음, 2024년은 NULL).', 'Campaign (from the 2025 files; NULL in 2024).'),
      c('spend_krw', '광고비(원).', 'Spend in KRW.'),
    ],
  ),
  t(
    'exp_experiments',
    'experimentation',
    '실험 플랫폼에서 복사한 실험 목록.',
    'The experiments, copied from the experiment platform.',
    EXPERIMENT_COLUMNS,
  ),
  t(
    'exp_assignments',
    'experimentation',
    '실험 플랫폼에서 복사한 배정 기록.',
    'Assignments, copied from the experiment platform.',
    ASSIGNMENT_COLUMNS,
  ),
  t('exp_outcomes', 'experimentation', '실험 플랫폼에서 복사한 결과.', 'Outcomes, copied from the experiment platform.', OUTCOME_COLUMNS),
  t(
    'etl_rejects',
    'data-platform',
    'ETL이 웨어하우스에 넣지 않은 원본 행과 그 이유입니다.',
    'Source rows the ETL left out of the warehouse, and why.',
    [
      c('source', "원본: 'production.<테이블>' 또는 'lake.<파일>'.", "Source: 'production.<table>' or 'lake.<file>'."),
      c('record_key', '원본 행의 키(id 또는 줄 번호).', "The source row's key (id or line number)."),
      c(
        'reason',
        '이유: test_account, orphan_order_item, duplicate_payment, duplicate_event, duplicate_row.',
        'Reason: test_account, orphan_order_item, duplicate_payment, duplicate_event, duplicate_row.',
      ),
    ],
  ),
];

/** Fields of every events/*.jsonl.gz line. */
export const EVENT_FIELDS: CatalogColumn[] = [
  c('event_id', '이벤트 id. 재전송된 이벤트는 같은 id로 두 번 들어옵니다.', 'Event id; a retried event arrives twice with the same id.'),
  c(
    'event_name',
    'page_view, search, search_result_click, add_to_cart, checkout_start, purchase.',
    'page_view, search, search_result_click, add_to_cart, checkout_start, purchase.',
  ),
  c('ts', '이벤트가 일어난 시각(UTC, ISO 8601). 한국 날짜는 +9시간.', 'When it happened (UTC, ISO 8601); add 9 hours for the Korean date.'),
  c(
    'received_at',
    '수집 서버가 받은 시각(UTC). 파일은 이 시각의 월로 나뉩니다.',
    'When the collector received it (UTC); files are split by this month.',
  ),
  c('session_id', '세션 id.', 'Session id.'),
  c('anonymous_id', '기기(앱 설치·브라우저)의 익명 id.', 'Anonymous id of the device (app install or browser).', 'quasi'),
  c('user_id', '로그인한 고객 번호(비로그인은 null).', 'Logged-in customer number (null when not logged in).', 'quasi'),
  c('platform', 'android, ios, web.', 'android, ios or web.'),
  c('app_version', '앱 버전(웹은 null).', 'App version (null on the web).'),
  c(
    'properties',
    '이벤트별 속성(중첩 JSON). search의 검색어는 3.1.0부터 keyword에서 search_query로 이름이 바뀌었습니다. purchase에는 order_id, value, items 배열이 있습니다.',
    'Event properties (nested JSON). The search term was renamed from keyword to search_query in 3.1.0; purchase has order_id, value and an items array.',
    'sensitive',
  ),
];

/** Fields of search/searches-*.jsonl.gz. */
export const SEARCH_FIELDS: CatalogColumn[] = [
  c('search_id', '검색 id.', 'Search id.'),
  c('ts', '검색 시각(KST, +09:00).', 'Search time (KST, +09:00).'),
  c('session_id', '세션 id.', 'Session id.'),
  c('user_id', '로그인한 고객 번호(없으면 null).', 'Logged-in customer (null if none).', 'quasi'),
  c('anonymous_id', '기기의 익명 id.', "The device's anonymous id.", 'quasi'),
  c('platform', '플랫폼.', 'Platform.'),
  c(
    'query',
    '사용자가 입력한 그대로의 검색어(공백·대소문자·오타 포함).',
    'The query exactly as typed (spaces, casing and typos included).',
    'sensitive',
  ),
  c('result_count', '결과 수.', 'Number of results.'),
];

/** Fields of search/clicks-*.jsonl.gz. */
export const CLICK_FIELDS: CatalogColumn[] = [
  c('search_id', '클릭한 결과가 나온 검색의 id.', 'The search whose result was clicked.'),
  c('ts', '클릭 시각(KST, +09:00).', 'Click time (KST, +09:00).'),
  c('product_id', '클릭한 상품 번호.', 'Clicked product.'),
  c('position', '결과 목록에서의 순위(1부터).', 'Rank in the result list (from 1).'),
];

/** Fields of the marketing spend CSVs from 2025 (header `Date,Channel,Campaign,Cost (KRW)` after a BOM, CRLF). */
export const SPEND_FIELDS_2025: CatalogColumn[] = [
  c('Date', '날짜. 2025.01.01과 2025-01-01 형식이 섞여 있습니다.', 'Date; 2025.01.01 and 2025-01-01 are mixed.'),
  c('Channel', '채널. 대소문자와 앞뒤 공백이 제각각입니다.', 'Channel, with inconsistent casing and stray spaces.'),
  c('Campaign', '캠페인(2025년 파일에만 있는 열).', 'Campaign (a column only in the 2025 files).'),
  c('Cost (KRW)', '광고비. "1,234,500"이나 "1,234,500 원"처럼 쓰여 있습니다.', 'Spend, written like "1,234,500" or "1,234,500 원".'),
];

/** Fields of the marketing spend CSVs from 2024 (the old header `date,channel,spend`, no BOM). */
export const SPEND_FIELDS_2024: CatalogColumn[] = [
  c('date', '날짜. 2024-07-01, 2024/07/01, 20240701 형식이 섞여 있습니다.', 'Date; 2024-07-01, 2024/07/01 and 20240701 are mixed.'),
  c('channel', '채널. 대소문자와 앞뒤 공백이 제각각입니다.', 'Channel, with inconsistent casing and stray spaces.'),
  c(
    'spend',
    '광고비. "1,234,500원"이나 1234500처럼 쓰여 있습니다(캠페인 열은 아직 없음).',
    'Spend, written like "1,234,500원" or 1234500 (no campaign column yet).',
  ),
];

/** Fields of the CRM export (Korean headers). */
export const CRM_FIELDS: CatalogColumn[] = [
  c('고객번호', '고객 번호(customer_id).', 'Customer number (customer_id).', 'quasi'),
  c('이름', '이름. 뒤에 공백이 붙은 값이 있습니다.', 'Name; some have a trailing space.', 'direct'),
  c('이메일', '이메일. 대소문자와 공백이 섞여 있고 빈 값도 있습니다.', 'E-mail, with mixed casing, spaces and blanks.', 'direct'),
  c(
    '휴대폰',
    '휴대폰 번호. 010-1234-5678, 01012345678, 010 1234 5678, +82-10-1234-5678 형식이 섞여 있습니다.',
    'Mobile number in mixed formats: 010-1234-5678, 01012345678, 010 1234 5678, +82-10-1234-5678.',
    'direct',
  ),
  c(
    '생년월일',
    '생년월일. 1990-03-05, 1990.03.05, 19900305, 1990/3/5 형식이 섞여 있습니다.',
    'Date of birth in mixed formats: 1990-03-05, 1990.03.05, 19900305, 1990/3/5.',
    'quasi',
  ),
  c('주소', '현재 기본 배송지 전체 주소.', 'Full current default address.', 'direct'),
  c('마케팅수신동의', '마케팅 수신 동의: Y/y/동의/TRUE 또는 N/n/미동의/FALSE.', 'Marketing consent: Y/y/동의/TRUE or N/n/미동의/FALSE.'),
  c('가입일', '가입 시각(KST).', 'Sign-up time (KST).'),
];

/** Fields of an nginx access-log line (combined format plus $request_time). */
export const ACCESS_LOG_FIELDS: CatalogColumn[] = [
  c('remote_addr', '요청한 IP 주소.', 'Client IP address.', 'quasi'),
  c(
    'time_local',
    '요청 시각(KST, +0900). 예: [21/Dec/2025:21:04:05 +0900].',
    'Request time (KST, +0900), e.g. [21/Dec/2025:21:04:05 +0900].',
  ),
  c('request', '메서드, 경로, 프로토콜. 검색어가 q= 에 들어 있습니다.', 'Method, path and protocol; search terms are in q=.', 'sensitive'),
  c('status', 'HTTP 상태 코드. 바쁜 시간에 502/503이 늘어납니다.', 'HTTP status; 502/503 grow at busy times.'),
  c('body_bytes_sent', '보낸 바이트.', 'Bytes sent.'),
  c('http_referer', '참조 페이지.', 'Referring page.'),
  c('http_user_agent', '브라우저 또는 앱(버전 포함), 로봇.', 'Browser or app (with version), or crawler.', 'quasi'),
  c('request_time', '응답 시간(초).', 'Response time (seconds).'),
];
