import type { CatalogTable, Localized, PiiClass } from '../../core/datasets/catalog.ts';

/**
 * The data dictionary of the demo database: what every table and every column means, in Korean
 * and English, written for a learner reading the schema for the first time.
 * tests/core/datasets-demo.spec.ts checks it names exactly the tables and columns of the file.
 */

/** The demo database's title. */
export const DEMO_TITLE: Localized = {
  ko: '한빛마켓 미리보기 (데모)',
  en: 'Hanbit Market preview (demo)',
};

/** The demo database's description. */
export const DEMO_DESCRIPTION: Localized = {
  ko:
    '온라인 쇼핑몰 한빛마켓의 2025년 1월 1일부터 6월 30일까지 6개월 치 데이터를 줄인 연습용 데이터베이스입니다. ' +
    '고객 약 300명, 상품 120개(8개 카테고리), 주문 3,000건과 주문 상품, 결제, 환불이 들어 있습니다. ' +
    '모든 인물과 주문은 가상이며, 금액은 원(KRW) 단위 정수입니다.',
  en:
    'A small practice database with six months (2025-01-01 to 2025-06-30) of the online shop Hanbit Market (한빛마켓): ' +
    'about 300 customers, 120 products in 8 categories, 3,000 orders with their items, payments and refunds. ' +
    'All people and orders are invented; money amounts are whole Korean won (KRW).',
};

/** A table as written below, before its owner and the columns' PII classes are attached. */
interface DraftTable {
  name: string;
  description: Localized;
  columns: { name: string; description: Localized }[];
}

const DRAFT_TABLES: DraftTable[] = [
  {
    name: 'categories',
    description: {
      ko: '상품 카테고리 목록입니다. 상품(products)은 모두 이 중 하나에 속합니다.',
      en: 'The product categories. Every product (products) belongs to exactly one of them.',
    },
    columns: [
      {
        name: 'category_id',
        description: {
          ko: '카테고리 번호(기본 키). products.category_id가 이 값을 가리킵니다.',
          en: 'Category number (primary key). products.category_id points to it.',
        },
      },
      {
        name: 'name',
        description: {
          ko: '카테고리 이름(한국어). 예: 식품, 뷰티, 디지털.',
          en: 'Category name in Korean, e.g. 식품 (food), 뷰티 (beauty).',
        },
      },
      {
        name: 'name_en',
        description: { ko: '카테고리 이름(영어). 예: Food, Beauty.', en: 'Category name in English, e.g. Food, Beauty.' },
      },
    ],
  },
  {
    name: 'customers',
    description: {
      ko: '한빛마켓에 가입한 고객입니다. 고객 번호는 가입한 순서대로 매겨져 있고, 가입만 하고 아직 주문하지 않은 고객도 있습니다.',
      en: 'People who signed up at Hanbit Market. Ids follow the order of sign-up; some customers signed up but have not ordered yet.',
    },
    columns: [
      {
        name: 'customer_id',
        description: {
          ko: '고객 번호(기본 키). 가입 순서대로 1부터 매겨집니다. orders.customer_id가 이 값을 가리킵니다.',
          en: 'Customer number (primary key), counted from 1 in order of sign-up. orders.customer_id points to it.',
        },
      },
      {
        name: 'name',
        description: {
          ko: '고객 이름(가상의 한국 이름, 성+이름). 같은 이름의 다른 고객이 있을 수 있으니 고객을 구분할 때는 customer_id를 쓰세요.',
          en: 'Customer name (an invented Korean name, family name first). Two customers can share a name: use customer_id to tell them apart.',
        },
      },
      {
        name: 'gender',
        description: { ko: "성별: 'F'(여성) 또는 'M'(남성).", en: "Gender: 'F' (female) or 'M' (male)." },
      },
      {
        name: 'birth_year',
        description: {
          ko: '출생 연도(예: 1990). 2025년 기준 나이는 2025 - birth_year로 구할 수 있습니다.',
          en: 'Year of birth (e.g. 1990). Age in 2025 is about 2025 - birth_year.',
        },
      },
      {
        name: 'email',
        description: {
          ko: '이메일 주소(가상). 이메일 없이 간편 가입한 몇몇 고객은 NULL이므로, 빈 값을 찾을 때는 = NULL이 아니라 IS NULL을 써야 합니다.',
          en: 'E-mail address (invented). A few customers signed up without one and have NULL here: find them with IS NULL, not = NULL.',
        },
      },
      {
        name: 'region',
        description: {
          ko: '사는 광역 지역(시·도)의 줄임말: 서울, 경기, 인천, 부산, 대구, 광주, 대전, 울산, 세종, 강원, 충북, 충남, 전북, 전남, 경북, 경남, 제주.',
          en: 'Province or metropolitan city of residence, short Korean name: 서울 (Seoul), 경기 (Gyeonggi), 부산 (Busan), 제주 (Jeju), and so on (17 in all).',
        },
      },
      {
        name: 'city',
        description: {
          ko: "지역 안의 시·군·구(예: 강남구, 수원시). '북구'나 '서구'처럼 여러 지역에 같은 이름이 있으니 region과 함께 보세요.",
          en: 'City, county or district within the region (e.g. 강남구, 수원시). Names such as 북구 or 서구 exist in several regions, so read it together with region.',
        },
      },
      {
        name: 'signup_date',
        description: {
          ko: "가입한 날짜, 'YYYY-MM-DD' 형식의 텍스트. 2021년부터 2025년 6월까지 있으며, 고객의 주문은 모두 가입일 당일이나 그 이후입니다.",
          en: "Date of sign-up as text 'YYYY-MM-DD', from 2021 to June 2025. A customer's orders are all on or after this date.",
        },
      },
    ],
  },
  {
    name: 'products',
    description: {
      ko: '판매하는 상품 120개입니다. 카테고리마다 15개씩 있습니다.',
      en: 'The 120 products for sale, 15 in each category.',
    },
    columns: [
      {
        name: 'product_id',
        description: {
          ko: '상품 번호(기본 키). order_items.product_id가 이 값을 가리킵니다.',
          en: 'Product number (primary key). order_items.product_id points to it.',
        },
      },
      {
        name: 'category_id',
        description: {
          ko: '상품이 속한 카테고리 번호. categories.category_id와 연결(JOIN)해서 카테고리 이름을 알 수 있습니다.',
          en: 'The category the product belongs to. Join it with categories.category_id to get the category name.',
        },
      },
      {
        name: 'name',
        description: { ko: '상품 이름(한국어). 예: 조미김 20봉.', en: 'Product name in Korean, e.g. 조미김 20봉.' },
      },
      {
        name: 'name_en',
        description: {
          ko: '상품 이름(영어). 예: Roasted seasoned seaweed x20.',
          en: 'Product name in English, e.g. Roasted seasoned seaweed x20.',
        },
      },
      {
        name: 'price',
        description: {
          ko: '현재 판매 가격(원, 정수). 몇몇 상품은 2025년 4월 1일에 가격이 올라서, 그 전 주문의 order_items.unit_price는 이 값보다 낮습니다.',
          en: 'Current selling price in won (integer). A few products went up in price on 2025-04-01, so earlier order lines have a lower order_items.unit_price.',
        },
      },
      {
        name: 'cost',
        description: {
          ko: '한빛마켓이 상품 1개를 들여오는 원가(원, 정수). price - cost가 상품 1개당 이익(마진)입니다.',
          en: 'What one unit costs Hanbit Market to buy in, in won (integer). price - cost is the margin per unit.',
        },
      },
    ],
  },
  {
    name: 'orders',
    description: {
      ko: '고객의 주문입니다. 주문 1건에 상품이 여러 개 들어갈 수 있으며, 어떤 상품을 몇 개 샀는지는 order_items에 있습니다.',
      en: 'Customer orders. One order can hold several products; which ones and how many is in order_items.',
    },
    columns: [
      {
        name: 'order_id',
        description: {
          ko: '주문 번호(기본 키). 주문한 날짜 순서대로 매겨집니다.',
          en: 'Order number (primary key), counted in order of date.',
        },
      },
      {
        name: 'customer_id',
        description: {
          ko: '주문한 고객의 번호. customers.customer_id와 연결됩니다.',
          en: 'The customer who ordered. Refers to customers.customer_id.',
        },
      },
      {
        name: 'order_date',
        description: {
          ko: "주문한 날짜, 'YYYY-MM-DD' 형식의 텍스트(2025-01-01 ~ 2025-06-30). 월별로 묶을 때는 substr(order_date, 1, 7)이나 strftime('%Y-%m', order_date)을 쓰세요.",
          en: "Date of the order as text 'YYYY-MM-DD' (2025-01-01 to 2025-06-30). Group by month with substr(order_date, 1, 7) or strftime('%Y-%m', order_date).",
        },
      },
      {
        name: 'status',
        description: {
          ko:
            "주문 상태. 'delivered' = 배송 완료, 'shipped' = 배송 중(6월 말 주문), " +
            "'cancelled' = 결제 전에 취소됨(주로 무통장입금 기한 안에 입금하지 않은 주문, payments에 행이 없음), " +
            "'refunded' = 반품되어 전액 환불됨(refunds에 환불 행이 있음). 매출을 셀 때 취소·환불 주문을 뺄지 먼저 정하세요.",
          en:
            "Order status. 'delivered' = delivered, 'shipped' = on its way (late-June orders), " +
            "'cancelled' = cancelled before payment (mostly bank transfers never made; no row in payments), " +
            "'refunded' = returned and refunded in full (see refunds). Decide whether to leave cancelled and refunded orders out before summing sales.",
        },
      },
      {
        name: 'channel',
        description: {
          ko: "주문한 곳: 'app'(모바일 앱) 또는 'web'(웹사이트).",
          en: "Where the order was placed: 'app' (mobile app) or 'web' (website).",
        },
      },
      {
        name: 'shipping_fee',
        description: {
          ko: '배송비(원). 상품 금액 합계가 30,000원 이상이면 0원, 미만이면 3,000원이고, 제주 지역은 3,000원이 더 붙습니다.',
          en: 'Delivery fee in won: 0 when the items add up to 30,000 won or more, otherwise 3,000; deliveries to Jeju (제주) pay 3,000 more.',
        },
      },
      {
        name: 'total_amount',
        description: {
          ko: '주문 총액(원) = 주문 상품 금액 합계(order_items의 quantity × unit_price의 합) + shipping_fee. 취소된 주문에도 값이 있지만 실제로 결제되지는 않았습니다.',
          en: 'Order total in won = sum of quantity × unit_price over its order_items + shipping_fee. Cancelled orders have one too, but it was never paid.',
        },
      },
    ],
  },
  {
    name: 'order_items',
    description: {
      ko: '주문에 담긴 상품 한 줄 한 줄입니다. 한 주문 안에서 같은 상품은 한 줄에만 나옵니다.',
      en: 'The lines of each order: one row per product in an order (a product appears at most once per order).',
    },
    columns: [
      {
        name: 'order_item_id',
        description: { ko: '주문 상품 줄 번호(기본 키).', en: 'Order line number (primary key).' },
      },
      {
        name: 'order_id',
        description: {
          ko: '이 줄이 속한 주문 번호. orders.order_id와 연결됩니다.',
          en: 'The order this line belongs to. Refers to orders.order_id.',
        },
      },
      {
        name: 'product_id',
        description: {
          ko: '주문한 상품 번호. products.product_id와 연결됩니다.',
          en: 'The product ordered. Refers to products.product_id.',
        },
      },
      {
        name: 'quantity',
        description: { ko: '주문한 개수(1 이상).', en: 'How many units were ordered (1 or more).' },
      },
      {
        name: 'unit_price',
        description: {
          ko: '주문 당시의 1개 가격(원). 줄 금액은 quantity × unit_price입니다. 4월 1일에 가격이 오른 상품은 그 전 주문에서 products.price보다 낮습니다.',
          en: "Price of one unit when ordered, in won; the line's amount is quantity × unit_price. For products whose price rose on April 1st, earlier orders show less than products.price.",
        },
      },
    ],
  },
  {
    name: 'payments',
    description: {
      ko: "주문의 결제 기록입니다. 결제된 주문마다 1건씩 있고, 취소된('cancelled') 주문은 결제되지 않아 행이 없습니다.",
      en: 'Payments for orders: one per paid order. Cancelled orders were never paid and have no row here.',
    },
    columns: [
      {
        name: 'payment_id',
        description: {
          ko: '결제 번호(기본 키). 결제일 순서대로 매겨집니다.',
          en: 'Payment number (primary key), counted in order of payment date.',
        },
      },
      {
        name: 'order_id',
        description: {
          ko: '결제한 주문 번호. orders.order_id와 연결됩니다.',
          en: 'The order paid for. Refers to orders.order_id.',
        },
      },
      {
        name: 'payment_date',
        description: {
          ko: "결제된 날짜('YYYY-MM-DD'). 보통 주문일과 같지만, 무통장입금은 주문 후 최대 2일 뒤에 입금됩니다.",
          en: "Date the money arrived ('YYYY-MM-DD'). Usually the order date; bank transfers can arrive up to 2 days later.",
        },
      },
      {
        name: 'method',
        description: {
          ko: "결제 수단: 'card'(신용·체크카드), 'kakao_pay'(카카오페이), 'naver_pay'(네이버페이), 'toss_pay'(토스페이), 'bank_transfer'(무통장입금).",
          en: "Payment method: 'card' (credit or debit card), 'kakao_pay' (KakaoPay), 'naver_pay' (Naver Pay), 'toss_pay' (Toss Pay), 'bank_transfer' (bank transfer to the shop's account).",
        },
      },
      {
        name: 'amount',
        description: {
          ko: '결제 금액(원). 주문의 total_amount와 같습니다. 환불은 여기서 빼지 않고 refunds에 따로 기록됩니다.',
          en: 'Amount paid in won, equal to the order total_amount. Refunds are not subtracted here; they are recorded in refunds.',
        },
      },
    ],
  },
  {
    name: 'refunds',
    description: {
      ko: "고객에게 돌려준 돈입니다. 'refunded' 상태 주문은 전액 환불되었고, 몇몇 'delivered' 주문은 상품 1개만 반품되어 일부만 환불되었습니다(주문 상태는 그대로 'delivered').",
      en: "Money given back to customers. Orders with status 'refunded' were refunded in full; a few 'delivered' orders had a single unit returned and got a partial refund (their status stays 'delivered').",
    },
    columns: [
      {
        name: 'refund_id',
        description: {
          ko: '환불 번호(기본 키). 환불일 순서대로 매겨집니다.',
          en: 'Refund number (primary key), counted in order of refund date.',
        },
      },
      {
        name: 'order_id',
        description: {
          ko: '환불한 주문 번호. orders.order_id와 연결됩니다.',
          en: 'The order refunded. Refers to orders.order_id.',
        },
      },
      {
        name: 'refund_date',
        description: {
          ko: "환불한 날짜('YYYY-MM-DD'). 결제일보다 며칠 뒤입니다.",
          en: "Date of the refund ('YYYY-MM-DD'), a few days after the payment.",
        },
      },
      {
        name: 'amount',
        description: {
          ko: '환불 금액(원). 전액 환불이면 주문의 total_amount(배송비 포함)와 같고, 일부 환불이면 반품된 상품 1개의 unit_price입니다.',
          en: "Amount refunded in won: the order's total_amount (delivery fee included) for a full refund, one unit's unit_price for a partial one.",
        },
      },
      {
        name: 'reason',
        description: {
          ko: "환불 사유: 'changed_mind'(단순 변심), 'defective'(상품 불량), 'wrong_item'(오배송), 'late_delivery'(배송 지연).",
          en: "Why: 'changed_mind' (the customer changed their mind), 'defective' (faulty product), 'wrong_item' (wrong item delivered), 'late_delivery' (delivery too late).",
        },
      },
    ],
  },
];

/** Columns that identify or describe a person; every other column is 'none'. */
const DEMO_PII: Record<string, PiiClass> = {
  'customers.customer_id': 'quasi',
  'customers.name': 'direct',
  'customers.email': 'direct',
  'customers.gender': 'quasi',
  'customers.birth_year': 'quasi',
  'customers.region': 'quasi',
  'customers.city': 'quasi',
  'orders.customer_id': 'quasi',
};

/** Every table of the demo database and every column, in the file's order, with owner and PII class. */
export const DEMO_TABLES: CatalogTable[] = DRAFT_TABLES.map((table) => ({
  ...table,
  owner: table.name === 'customers' ? 'crm' : 'commerce',
  columns: table.columns.map((column) => ({ ...column, pii: DEMO_PII[`${table.name}.${column.name}`] ?? 'none' })),
}));
