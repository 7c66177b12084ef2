import type { Localized, PiiClass } from '../datasets/catalog.ts';

/*
 * Why each column of the data dictionary has its PII class, in both languages: the words the
 * catalogue shows beside a column and the grader shows for every tag that differs. A column that
 * names, reaches or singles out a person gets its own reason; the many columns about products,
 * money and time fall back to a reason for their kind. Keyed by column name, or by
 * `table.column` where the same name means different things ('customers.name' is a person,
 * 'products.name' is not).
 */

type Reason = Localized;

const r = (ko: string, en: string): Reason => ({ ko, en });

/** A column's own reason, with the class it explains (used only when the dictionary agrees). */
interface Tagged {
  pii: PiiClass;
  reason: Reason;
}

const tagged = (pii: PiiClass, ko: string, en: string): Tagged => ({ pii, reason: r(ko, en) });

const CUSTOMER_ID = tagged(
  'quasi',
  '고객 번호만으로는 누구인지 모르지만, customers와 한 번 조인하면 이름·이메일·전화번호가 나옵니다. 가명처리하지 않은 고객 키는 직접 식별자로 건너가는 다리입니다.',
  'A customer number alone names nobody, but one join with customers gives the name, e-mail and phone: an unmasked customer key is a bridge to the direct identifiers.',
);
const USER_ID = tagged(
  'quasi',
  '로그인한 고객 번호라 customers와 조인하면 누구인지 드러나고, 이 줄의 행동(검색·클릭·배정)을 그 사람에게 묶습니다.',
  "The logged-in customer's number: a join with customers tells who it is, and it ties this row's behaviour (a search, a click, an assignment) to that person.",
);
const SEARCH_QUERY = tagged(
  'sensitive',
  '사람이 입력한 검색어 그대로입니다. 건강 고민이나 형편처럼 알려지면 곤란한 내용, 때로는 자기 이름이나 전화번호까지 들어갑니다. 2006년 AOL이 공개한 검색 기록에서 기자가 검색어만으로 한 사람을 찾아냈습니다.',
  'The query exactly as a person typed it: it can hold a health worry or money trouble they would not want known, sometimes their own name or number. From the search logs AOL published in 2006, reporters found one woman by her queries alone.',
);

/** Reasons of the columns that are not 'none', and of 'none' columns a learner might doubt. */
const BY_COLUMN: Record<string, Tagged> = {
  // ---- direct identifiers
  'customers.name': tagged(
    'direct',
    '이름은 그 사람을 부르는 말 그대로입니다. 흔한 이름이라도 생년월일이나 주소가 옆에 있으면 한 사람으로 좁혀집니다.',
    'A name is what the person is called; even a common one narrows to one person next to a birth date or an address.',
  ),
  이름: tagged(
    'direct',
    'CRM 파일의 이름은 그 사람을 부르는 말 그대로이고, 같은 줄에 이메일·전화·주소가 함께 있습니다.',
    'The name in the CRM file is what the person is called, with their e-mail, phone and address on the same line.',
  ),
  email: tagged(
    'direct',
    '이메일은 한 사람의 계정이라 그 사람을 바로 가리키고, 메일을 보내면 그 사람에게 바로 닿습니다.',
    'An e-mail address is one person’s account: it points at them directly, and a mail sent to it reaches them.',
  ),
  이메일: tagged(
    'direct',
    '이메일은 한 사람의 계정이라 그 사람을 바로 가리킵니다. 대소문자나 공백이 섞여 있어도 같은 사람입니다.',
    'An e-mail address is one person’s account and points at them directly; mixed casing or spaces do not change whose it is.',
  ),
  phone: tagged(
    'direct',
    '휴대폰 번호는 한 사람에게 바로 닿습니다. 전화를 걸거나 문자를 보내면 그 사람이 받습니다.',
    'A phone number reaches one person: call or text it and they answer.',
  ),
  휴대폰: tagged(
    'direct',
    '휴대폰 번호는 형식(010-…, +82-…)이 달라도 한 사람에게 바로 닿는 번호입니다.',
    'A mobile number reaches one person, whatever its format (010-…, +82-…).',
  ),
  street: tagged(
    'direct',
    '도로명과 동·호수까지 있는 주소는 한 가구의 문 앞입니다. 찾아갈 수 있는 정보입니다.',
    "A street address with the unit number is one household's front door: someone could walk there.",
  ),
  주소: tagged(
    'direct',
    '동·호수까지 있는 전체 주소는 한 가구의 문 앞이라 그 집에 사는 사람을 바로 가리킵니다.',
    "The full address down to the unit is one household's front door: it points straight at who lives there.",
  ),

  // ---- quasi-identifiers: ids that link to a person
  customer_id: CUSTOMER_ID,
  고객번호: tagged(
    'quasi',
    'CRM 파일에서는 고객 번호가 이름·이메일·전화와 같은 줄에 있어, 이 파일 하나가 고객 번호를 사람으로 바꾸는 열쇠가 됩니다.',
    'In the CRM file the customer number sits on the same line as the name, e-mail and phone: this one file turns customer numbers back into people.',
  ),
  customer_key: tagged(
    'quasi',
    '버전마다 붙은 대리 키지만 한 값은 한 고객의 한 시기이고, dim_customer와 조인하면 customer_id와 성별·연령대·지역이 나옵니다.',
    'A surrogate key per version, but one value is one customer over one period: a join with dim_customer gives the customer_id and their gender, age band and region.',
  ),
  user_id: USER_ID,
  unit_id: tagged(
    'quasi',
    '배정 단위 id는 고객 번호이거나 기기의 anonymous_id입니다. 고객 번호면 조인 한 번으로 누구인지 알 수 있고, 기기 id도 한 기기를 계속 따라갑니다.',
    "The unit id is a customer number or a device's anonymous_id: a customer number names the person in one join, and a device id follows one device throughout.",
  ),
  anonymous_id: tagged(
    'quasi',
    "'익명' id라도 한 기기(앱 설치·브라우저)를 계속 따라갑니다. 그 기기에서 한 번이라도 로그인하면 그 기기의 모든 기록이 한 사람의 것이 됩니다.",
    "An 'anonymous' id still follows one device (an app install, a browser): once anyone logs in on it, every record of that device belongs to one person.",
  ),

  // ---- quasi-identifiers: attributes that single out in combination
  gender: tagged(
    'quasi',
    '성별 하나로는 절반 중 누구인지 모르지만, 생년월일·우편번호와 합치면 대부분 한 사람이 남습니다(Sweeney: 미국인의 87%가 성별·생년월일·우편번호로 식별됩니다).',
    'Gender alone leaves half of everyone, but with birth date and postal code most people are unique (Sweeney: 87% of Americans by gender, birth date and ZIP code).',
  ),
  birth_date: tagged(
    'quasi',
    '생년월일은 날짜 하나로 사람을 수만 분의 1로 좁힙니다. 성별·우편번호와 합치면 대부분 한 사람만 남습니다.',
    'A birth date alone cuts people down to one in tens of thousands; with gender and postal code, most are unique.',
  ),
  생년월일: tagged(
    'quasi',
    '생년월일은 형식이 제각각이어도 같은 날짜이고, 성별·주소와 합치면 대부분 한 사람만 남습니다.',
    'Whatever its format, a birth date with gender and an address leaves most people unique.',
  ),
  birth_year: tagged(
    'quasi',
    '출생 연도는 생년월일보다 거칠지만, 성별·시·군·구와 합치면 작은 지역에서는 몇 명만 남습니다.',
    'A birth year is coarser than a birth date, but with gender and a city it leaves only a few people in a small place.',
  ),
  age_band: tagged(
    'quasi',
    '연령대는 이미 일반화한 값이지만, 지역·성별과 묶으면 드문 조합(예: 60대 이상·제주·남성)은 몇 명뿐일 수 있습니다. 그래서 k-익명성을 확인합니다.',
    'An age band is already generalised, but with region and gender a rare combination (60+, Jeju, male) may hold only a few people: that is what k-anonymity checks.',
  ),
  region: tagged(
    'quasi',
    '시·도는 넓은 지역이지만 드문 연령대·성별과 합치면 작은 집단이 되어 그 안의 사람을 좁힐 수 있습니다.',
    'A province is wide, but combined with a rare age band and gender it becomes a small group that narrows down who is in it.',
  ),
  city: tagged(
    'quasi',
    '시·군·구는 시·도보다 훨씬 좁아서, 성별·출생 연도와 합치면 한두 명만 남는 조합이 생깁니다.',
    'A city or district is much narrower than a province: with gender and birth year some combinations hold one or two people.',
  ),
  postal_code: tagged(
    'quasi',
    '우편번호(5자리)는 몇 블록 정도의 구역이라, 생년월일·성별과 합치면 거의 한 사람입니다.',
    'A 5-digit postal code covers a few blocks: with birth date and gender it is nearly always one person.',
  ),
  remote_addr: tagged(
    'quasi',
    'IP 주소는 통신사 기록과 시각이 있으면 한 가구나 한 기기의 연결로 이어집니다. 같은 IP의 요청을 모으면 한 사람의 사용 기록이 됩니다.',
    "An IP address, with the carrier's records and a time, leads to one household's or one device's connection; its requests together are one person's browsing.",
  ),
  http_user_agent: tagged(
    'quasi',
    '브라우저·앱 버전과 기기 모델(예: SM-S921N)이 적혀 있어, IP·시각과 합치면 드문 기기는 한 사람을 가리킵니다(브라우저 지문).',
    'It names the browser or app version and the device model (e.g. SM-S921N): with the IP and time, a rare device points at one person (browser fingerprinting).',
  ),

  // ---- sensitive
  query: SEARCH_QUERY,
  'fact_searches.query': tagged(
    'sensitive',
    '정규화만 했을 뿐 사람이 입력한 검색어이고 user_id와 같은 줄에 있습니다. 누가 무엇을 찾았는지 알려지면 건강이나 형편 같은 사생활이 드러나 차별이나 곤란을 겪을 수 있습니다.',
    'Normalised, but still the words a person typed, on the same row as their user_id: knowing who searched for what exposes health or money matters that can bring discrimination or embarrassment.',
  ),
  request: tagged(
    'sensitive',
    '요청 경로에 검색어(q=)와 본 상품이 그대로 들어 있고 IP와 같은 줄에 있어, 어느 연결이 무엇을 찾고 보았는지 드러납니다. 검색어처럼 알려지면 곤란한 관심사가 담깁니다.',
    'The path carries the search terms (q=) and the products viewed, on the same line as the IP: it tells what one connection looked for and at, the same private interests a search query reveals.',
  ),
  properties: tagged(
    'sensitive',
    'search 이벤트에는 입력한 검색어가, purchase 이벤트에는 산 상품 목록이 들어 있어 로그인한 고객의 관심사와 구매 내역이 그대로 드러납니다.',
    "Search events carry the query as typed and purchase events the items bought: a logged-in customer's interests and purchases, laid bare.",
  ),

  // ---- 'none' columns a learner may doubt
  created_at: tagged(
    'none',
    '등록·가입 시각은 한 사람에 대한 값이라도 같은 날 가입한 사람이 많아 그 자체로 사람을 좁히지 못합니다.',
    'A sign-up or creation time, even about a person, is shared with many others that day: on its own it singles no one out.',
  ),
  가입일: tagged(
    'none',
    '가입 시각은 같은 날 가입한 사람이 많아 그 자체로 사람을 좁히지 못합니다.',
    'A sign-up time is shared with many others that day: on its own it singles no one out.',
  ),
  signup_date: tagged(
    'none',
    '가입일은 같은 날 가입한 사람이 많아 그 자체로 사람을 좁히지 못합니다.',
    'A sign-up date is shared with many others: on its own it singles no one out.',
  ),
  marketing_consent: tagged(
    'none',
    '수신 동의 여부(1/0)는 수많은 고객이 같은 값이라 사람을 좁히지 못합니다. 다만 연락해도 되는지를 정하므로 CRM팀이 관리합니다.',
    'Consent (1/0) is the same for thousands of customers and singles no one out; it decides whether they may be contacted, which is why CRM owns it.',
  ),
  마케팅수신동의: tagged(
    'none',
    '수신 동의 여부는 수많은 고객이 같은 값이라 사람을 좁히지 못합니다.',
    'Consent is the same for thousands of customers and singles no one out.',
  ),
  session_id: tagged(
    'none',
    '세션 id는 한 번의 방문을 묶을 뿐이라, 로그인 정보 없이는 누구의 방문인지 알려 주지 않습니다.',
    'A session id only groups one visit: without a login it does not tell whose visit it was.',
  ),
  platform: tagged(
    'none',
    'android·ios·web은 수많은 사람이 같은 값을 가지므로 사람을 좁히지 못합니다.',
    'android, ios and web are shared by huge numbers of people: they single no one out.',
  ),
  app_version: tagged(
    'none',
    '앱 버전은 같은 버전을 쓰는 사람이 수없이 많아 사람을 좁히지 못합니다.',
    'An app version is shared by countless users: it singles no one out.',
  ),
  'refunds.reason': tagged(
    'none',
    '환불 사유(단순 변심·불량·오배송·배송 지연)는 상품과 배송에 대한 값이라, 알려져도 그 사람에게 해가 되지 않습니다.',
    'A refund reason (changed mind, defective, wrong item, late delivery) is about the product and the delivery: known, it does no harm to the person.',
  ),
  method: tagged(
    'none',
    '결제 수단 종류(card, kakao_pay …)는 수많은 고객이 같은 값이고 카드 번호 같은 정보는 없습니다.',
    'A payment method type (card, kakao_pay, …) is shared by thousands and holds no card number or account.',
  ),
  payment_method: tagged(
    'none',
    '결제 수단 종류는 수많은 고객이 같은 값이고 카드 번호 같은 정보는 없습니다.',
    'A payment method type is shared by thousands and holds no card number or account.',
  ),
  http_referer: tagged(
    'none',
    '이 로그의 참조 페이지는 비어 있거나 가게 안의 페이지라 사람에 대해 알려 주는 것이 없습니다.',
    "In these logs the referrer is empty or one of the shop's own pages: it tells nothing about a person.",
  ),
};

/** Fallback reasons of 'none' columns by what the column is about, tried in order. */
const NONE_BY_PATTERN: { test: RegExp; reason: Reason }[] = [
  {
    test: /(^|_)(id|key)$|^sku$|^record_key$/i,
    reason: r(
      '상품·주문·결제처럼 사람이 아닌 것을 가리키는 번호라, 그 자체로는 누구인지 알려 주지 않습니다.',
      'A number for a thing or a transaction (a product, an order, a payment), not a person: on its own it tells no one who.',
    ),
  },
  {
    test: /amount|price|cost|revenue|fee|spend|value|krw|bytes|_ms$|count|qty|quantity|requests|events|users|sessions|share|position|converted|clicked|status_|stock/i,
    reason: r(
      '금액이나 개수 같은 수치라, 사람을 가리키거나 좁히지 않습니다.',
      'An amount or a count: it neither names nor narrows down a person.',
    ),
  },
  {
    test: /(_at|_on|date|^ts$|time|hour|year|quarter|month|day|weekday|valid_|is_)/i,
    reason: r(
      '날짜·시각이나 그에 붙은 표시라 수많은 기록이 같은 값을 가지며, 그 자체로 사람을 좁히지 않습니다.',
      'A date, a time or a flag about one: countless records share it, and it singles no one out.',
    ),
  },
];

const NONE_DEFAULT = r(
  '상품·카테고리·캠페인·실험처럼 가게와 그 운영에 대한 값이라 사람을 가리키지 않습니다.',
  'A value about the shop and how it runs (products, categories, campaigns, experiments), not about a person.',
);

const CLASS_FALLBACK: Record<Exclude<PiiClass, 'none'>, Reason> = {
  direct: r('이 값 하나로 한 사람을 바로 가리키거나 연락할 수 있습니다.', 'This value alone points at one person or reaches them.'),
  quasi: r(
    '이 값 하나로는 누구인지 모르지만 다른 값과 합치거나 조인하면 한 사람으로 좁혀집니다.',
    'Alone it names no one, but combined or joined with other values it narrows to one person.',
  ),
  sensitive: r(
    '알려지면 그 사람이 차별이나 곤란을 겪을 수 있는 사생활이 담긴 값입니다.',
    'It holds private matters whose disclosure can bring the person discrimination or embarrassment.',
  ),
};

/**
 * The reason a column has its class: the column's own (`table.column`, then the column name) when
 * it explains the dictionary's class, else the fallback for the column's kind.
 */
export function piiReason(table: string, column: string, pii: PiiClass): Localized {
  const own = [BY_COLUMN[`${table}.${column}`], BY_COLUMN[column]].find((t) => t?.pii === pii);
  if (own) return own.reason;
  if (pii !== 'none') return CLASS_FALLBACK[pii];
  return NONE_BY_PATTERN.find((p) => p.test.test(column))?.reason ?? NONE_DEFAULT;
}

/** True when the column has a reason of its own for this class (not a fallback); tests hold every classified column to it. */
export function hasOwnReason(table: string, column: string, pii: PiiClass): boolean {
  return [BY_COLUMN[`${table}.${column}`], BY_COLUMN[column]].some((t) => t?.pii === pii);
}
