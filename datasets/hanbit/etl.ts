import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { finishDatabase, insertRows, newDatabase } from '../generator/sqlite.ts';
import { BIG_HOLIDAYS, CAMPAIGN, HOLIDAYS, PERIOD_DAYS, SALES, SHOP_DOMAIN, dateOf, dayOf } from './config.ts';
import { spanOn, weekdayOf } from './calendar.ts';
import { readLakeText, type LakeStore } from './lake.ts';
import { kstDate, kstDateTime, parseCsv } from './text.ts';
import { experimentTablesDdl } from './experiments.ts';

/**
 * The reference ETL (see ETL-RULES.md): builds the warehouse FROM the lake files and the
 * production and experiment databases, exactly as the rules say, so the warehouse reconciles
 * with its sources. Parsing our own lake files here is the proof that they are loadable.
 */

/** The warehouse schema; the empty warehouse the learner loads into has the same tables. */
export const WAREHOUSE_SCHEMA = `
CREATE TABLE dim_date (
  date_key    INTEGER PRIMARY KEY,
  date        TEXT NOT NULL,
  year        INTEGER NOT NULL,
  quarter     INTEGER NOT NULL,
  month       INTEGER NOT NULL,
  day         INTEGER NOT NULL,
  weekday     INTEGER NOT NULL,
  weekday_ko  TEXT NOT NULL,
  weekday_en  TEXT NOT NULL,
  is_weekend  INTEGER NOT NULL,
  is_holiday  INTEGER NOT NULL,
  holiday_ko  TEXT,
  holiday_en  TEXT,
  is_big_holiday INTEGER NOT NULL,
  sale_id     TEXT,
  is_campaign INTEGER NOT NULL
);
CREATE TABLE dim_customer (
  customer_key      INTEGER PRIMARY KEY,
  customer_id       INTEGER NOT NULL,
  gender            TEXT NOT NULL,
  birth_year        INTEGER,
  age_band          TEXT,
  region            TEXT NOT NULL,
  city              TEXT NOT NULL,
  signup_date       TEXT NOT NULL,
  marketing_consent INTEGER,
  valid_from        TEXT NOT NULL,
  valid_to          TEXT NOT NULL,
  is_current        INTEGER NOT NULL
);
CREATE TABLE dim_product (
  product_id       INTEGER PRIMARY KEY,
  sku              TEXT NOT NULL,
  name             TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  category         TEXT NOT NULL,
  category_en      TEXT NOT NULL,
  line             TEXT NOT NULL,
  current_price    INTEGER NOT NULL,
  previous_price   INTEGER,
  price_changed_on TEXT,
  unit_cost        INTEGER NOT NULL,
  status           TEXT NOT NULL
);
CREATE TABLE fact_orders (
  order_id        INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL,
  customer_key    INTEGER NOT NULL,
  order_date      TEXT NOT NULL,
  ordered_at      TEXT NOT NULL,
  platform        TEXT NOT NULL,
  status          TEXT NOT NULL,
  item_count      INTEGER NOT NULL,
  items_amount    INTEGER NOT NULL,
  discount_amount INTEGER NOT NULL,
  shipping_fee    INTEGER NOT NULL,
  total_amount    INTEGER NOT NULL,
  payment_method  TEXT,
  paid_amount     INTEGER NOT NULL,
  refunded_amount INTEGER NOT NULL,
  net_revenue     INTEGER NOT NULL
);
CREATE TABLE fact_order_items (
  order_item_id INTEGER PRIMARY KEY,
  order_id      INTEGER NOT NULL,
  order_date    TEXT NOT NULL,
  customer_id   INTEGER NOT NULL,
  product_id    INTEGER NOT NULL,
  quantity      INTEGER NOT NULL,
  unit_price    INTEGER NOT NULL,
  line_amount   INTEGER NOT NULL
);
CREATE TABLE fact_events_daily (
  event_date TEXT NOT NULL,
  event_name TEXT NOT NULL,
  platform   TEXT NOT NULL,
  events     INTEGER NOT NULL,
  users      INTEGER NOT NULL,
  sessions   INTEGER NOT NULL,
  PRIMARY KEY (event_date, event_name, platform)
) WITHOUT ROWID;
CREATE TABLE fact_searches (
  search_id          TEXT PRIMARY KEY,
  searched_at        TEXT NOT NULL,
  search_date        TEXT NOT NULL,
  session_id         TEXT NOT NULL,
  user_id            INTEGER,
  platform           TEXT NOT NULL,
  query              TEXT NOT NULL,
  result_count       INTEGER NOT NULL,
  clicked            INTEGER NOT NULL,
  click_position     INTEGER,
  clicked_product_id INTEGER
) WITHOUT ROWID;
CREATE TABLE fact_web_requests_hourly (
  hour            TEXT PRIMARY KEY,
  requests        INTEGER NOT NULL,
  bot_requests    INTEGER NOT NULL,
  status_4xx      INTEGER NOT NULL,
  status_5xx      INTEGER NOT NULL,
  bytes_sent      INTEGER NOT NULL,
  avg_response_ms INTEGER NOT NULL,
  max_response_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE marketing_spend (
  spend_date TEXT NOT NULL,
  channel    TEXT NOT NULL,
  campaign   TEXT,
  spend_krw  INTEGER NOT NULL,
  PRIMARY KEY (spend_date, channel)
) WITHOUT ROWID;
${experimentTablesDdl('exp_', false)}
CREATE TABLE etl_rejects (
  source     TEXT NOT NULL,
  record_key TEXT NOT NULL,
  reason     TEXT NOT NULL
);
`;

/** The ETL's sources. */
export interface EtlSources {
  lake: LakeStore;
  production: Uint8Array;
  experiments: Uint8Array;
}

/** How a test account is recognised (ETL rule 1). */
export const TEST_ACCOUNT_EMAIL = `qa+%@${SHOP_DOMAIN}`;
const isTestEmail = (email: SqlValue | undefined): boolean =>
  typeof email === 'string' && email.startsWith('qa+') && email.endsWith(`@${SHOP_DOMAIN}`);

function rowsOf(db: Database, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}

const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Accepted spellings of a consent answer in the CRM export (ETL rule 9). */
const CONSENT: Record<string, number> = { y: 1, 동의: 1, true: 1, n: 0, 미동의: 0, false: 0 };

/** 'YYYY-MM-DD' from the date spellings the exports use, or null (ETL rules 8 and 9). */
export function normalizeDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/** An amount like '1,234,500원' or '1,234,500 원' as an integer (ETL rule 8). */
export function parseAmount(text: string): number {
  const digits = text.replace(/[^0-9-]/g, '');
  if (digits.length === 0) throw new Error(`not an amount: '${text}'`);
  return Number(digits);
}

/**
 * The large warehouse's event-level fact table: every clean event (deduplicated, test accounts
 * out, times in KST), over a million rows for the batch lessons and for grouping at scale.
 */
export const FACT_EVENTS_SCHEMA = `
CREATE TABLE fact_events (
  event_id   TEXT NOT NULL,
  event_at   TEXT NOT NULL,
  event_date TEXT NOT NULL,
  event_name TEXT NOT NULL,
  platform   TEXT NOT NULL,
  user_id    INTEGER,
  session_id TEXT NOT NULL
);`;

/** Options of a warehouse build: `eventRows` adds fact_events (the large build only: it is most of the file). */
export interface WarehouseOptions {
  eventRows?: boolean;
}

/** Runs the ETL and returns the warehouse file's bytes. */
export function buildWarehouse(
  SQL: SqlJsStatic,
  sources: EtlSources,
  progress: (share: number) => void = () => {},
  options: WarehouseOptions = {},
): Uint8Array {
  const prod = new SQL.Database(sources.production);
  const exp = new SQL.Database(sources.experiments);
  const wh = newDatabase(SQL, options.eventRows ? WAREHOUSE_SCHEMA + FACT_EVENTS_SCHEMA : WAREHOUSE_SCHEMA);
  const rejects: (SqlValue | undefined)[][] = [];
  try {
    wh.run('BEGIN');
    // dim_date: the calendar of the period.
    const dates: SqlValue[][] = [];
    for (let day = 0; day < PERIOD_DAYS; day++) {
      const date = dateOf(day);
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const wd = weekdayOf(day);
      const holiday = spanOn(HOLIDAYS, day);
      const sale = spanOn(SALES, day);
      dates.push([
        y * 10000 + m * 100 + d,
        date,
        y,
        Math.ceil(m / 3),
        m,
        d,
        wd,
        WEEKDAYS_KO[wd] ?? '',
        WEEKDAYS_EN[wd] ?? '',
        wd === 0 || wd === 6 ? 1 : 0,
        holiday ? 1 : 0,
        holiday?.ko ?? null,
        holiday?.en ?? null,
        holiday && BIG_HOLIDAYS.has(holiday.id) ? 1 : 0,
        sale?.id ?? null,
        day >= dayOf(CAMPAIGN.from) && day <= dayOf(CAMPAIGN.to) ? 1 : 0,
      ]);
    }
    insertRows(wh, 'dim_date', 16, dates);

    // Rule 1: test accounts.
    const customers = rowsOf(prod, 'SELECT customer_id, email, gender, birth_date, created_at FROM customers ORDER BY customer_id');
    const testIds = new Set<number>();
    for (const [id, email] of customers) {
      if (isTestEmail(email)) {
        testIds.add(Number(id));
        rejects.push(['production.customers', String(id), 'test_account']);
      }
    }

    // Rule 9: consent from the CRM export, first row per customer number.
    const consent = new Map<number, number>();
    const crm = parseCsv(readLakeText(sources.lake, 'exports/crm_customers_2025-12-31.csv'));
    const seenCrm = new Set<string>();
    crm.slice(1).forEach((fields, i) => {
      if (fields.length < 8) return;
      const line = fields.join('\u0001');
      if (seenCrm.has(line)) {
        rejects.push(['lake.exports/crm_customers_2025-12-31.csv', `line ${i + 2}`, 'duplicate_row']);
        return;
      }
      seenCrm.add(line);
      const answer = CONSENT[(fields[6] ?? '').trim().toLowerCase()];
      if (answer !== undefined && !consent.has(Number(fields[0]))) consent.set(Number(fields[0]), answer);
    });

    // Rule 3: dim_customer, one version per default address (SCD type 2).
    const addresses = rowsOf(
      prod,
      'SELECT customer_id, region, city, created_at FROM addresses ORDER BY customer_id, created_at, address_id',
    );
    const addressesOf = new Map<number, SqlValue[][]>();
    for (const a of addresses) {
      const list = addressesOf.get(Number(a[0])) ?? [];
      list.push(a);
      addressesOf.set(Number(a[0]), list);
    }
    const dimCustomer: (SqlValue | undefined)[][] = [];
    const versions = new Map<number, { key: number; from: string; to: string }[]>();
    for (const [id, , gender, birthDate, createdAt] of customers) {
      const customerId = Number(id);
      if (testIds.has(customerId)) continue;
      const birthYear = birthDate === '1900-01-01' ? null : Number(String(birthDate).slice(0, 4));
      const age = birthYear === null ? null : 2025 - birthYear;
      const ageBand = age === null ? null : age < 20 ? '10s' : age >= 60 ? '60+' : `${Math.floor(age / 10) * 10}s`;
      const list = addressesOf.get(customerId) ?? [];
      const signup = String(createdAt).slice(0, 10);
      const mine: { key: number; from: string; to: string }[] = [];
      list.forEach((a, i) => {
        const from = i === 0 ? signup : String(a[3]).slice(0, 10);
        const next = list[i + 1];
        const to = next ? dateOf(dayOf(String(next[3]).slice(0, 10)) - 1) : '9999-12-31';
        const key = dimCustomer.length + 1;
        mine.push({ key, from, to });
        dimCustomer.push([
          key,
          customerId,
          gender,
          birthYear,
          ageBand,
          a[1],
          a[2],
          signup,
          consent.get(customerId) ?? null,
          from,
          to,
          next ? 0 : 1,
        ]);
      });
      versions.set(customerId, mine);
    }
    insertRows(wh, 'dim_customer', 12, dimCustomer);

    // Rule 7: dim_product, with the price before the last change seen in the order lines.
    const products = rowsOf(
      prod,
      `SELECT p.product_id, p.sku, p.name, p.name_en, c.name, c.name_en, p.line, p.price,
              (SELECT i.unit_price FROM order_items i JOIN orders o ON o.order_id = i.order_id
                WHERE i.product_id = p.product_id AND o.ordered_at < p.updated_at ORDER BY o.ordered_at DESC, i.order_item_id DESC LIMIT 1),
              substr(p.updated_at, 1, 10), p.cost, p.status
         FROM products p JOIN categories c ON c.category_id = p.category_id ORDER BY p.product_id`,
    ).map((r) => {
      const changed = r[8] !== null && r[8] !== r[7];
      return [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], changed ? r[8] : null, changed ? r[9] : null, r[10], r[11]];
    });
    insertRows(wh, 'dim_product', 12, products);
    progress(0.1);

    // Rules 4-6: payments deduplicated, refunds summed, orders of test accounts left out.
    const firstPayment = new Map<number, { amount: number; method: string }>();
    for (const [paymentId, orderId, amount, method] of rowsOf(
      prod,
      'SELECT payment_id, order_id, amount, method FROM payments ORDER BY payment_id',
    )) {
      if (firstPayment.has(Number(orderId))) rejects.push(['production.payments', String(paymentId), 'duplicate_payment']);
      else firstPayment.set(Number(orderId), { amount: Number(amount), method: String(method) });
    }
    const refunded = new Map<number, number>();
    for (const [orderId, amount] of rowsOf(prod, 'SELECT order_id, amount FROM refunds'))
      refunded.set(Number(orderId), (refunded.get(Number(orderId)) ?? 0) + Number(amount));
    const orderInfo = new Map<number, { date: string; customerId: number }>();
    const factOrders: (SqlValue | undefined)[][] = [];
    const itemCounts = new Map<number, number>();
    for (const [orderId] of rowsOf(prod, 'SELECT order_id FROM order_items'))
      itemCounts.set(Number(orderId), (itemCounts.get(Number(orderId)) ?? 0) + 1);
    for (const o of rowsOf(
      prod,
      'SELECT order_id, customer_id, ordered_at, platform, status, items_amount, discount_amount, shipping_fee, total_amount FROM orders ORDER BY order_id',
    )) {
      const orderId = Number(o[0]);
      const customerId = Number(o[1]);
      if (testIds.has(customerId)) {
        rejects.push(['production.orders', String(orderId), 'test_account']);
        continue;
      }
      const date = String(o[2]).slice(0, 10);
      const version = (versions.get(customerId) ?? []).find((v) => v.from <= date && date <= v.to);
      if (!version) throw new Error(`etl: order ${orderId} has no customer version on ${date}`);
      const payment = firstPayment.get(orderId);
      const paid = payment?.amount ?? 0;
      const back = refunded.get(orderId) ?? 0;
      orderInfo.set(orderId, { date, customerId });
      factOrders.push([
        orderId,
        customerId,
        version.key,
        date,
        o[2],
        o[3],
        o[4],
        itemCounts.get(orderId) ?? 0,
        o[5],
        o[6],
        o[7],
        o[8],
        payment?.method ?? null,
        paid,
        back,
        paid - back,
      ]);
    }
    insertRows(wh, 'fact_orders', 16, factOrders);

    // Rule 2 and 5: orphan lines rejected, negative quantities taken as their absolute value.
    const allOrderIds = new Set(rowsOf(prod, 'SELECT order_id FROM orders').map((r) => Number(r[0])));
    const items: (SqlValue | undefined)[][] = [];
    for (const [itemId, orderId, productId, quantity, unitPrice] of rowsOf(
      prod,
      'SELECT order_item_id, order_id, product_id, quantity, unit_price FROM order_items ORDER BY order_item_id',
    )) {
      const info = orderInfo.get(Number(orderId));
      if (!info) {
        rejects.push(['production.order_items', String(itemId), allOrderIds.has(Number(orderId)) ? 'test_account' : 'orphan_order_item']);
        continue;
      }
      const q = Math.abs(Number(quantity));
      items.push([itemId, orderId, info.date, info.customerId, productId, q, unitPrice, q * Number(unitPrice)]);
    }
    insertRows(wh, 'fact_order_items', 8, items);
    progress(0.2);

    // Rules 10-11: events deduplicated by event_id, test accounts out, days in KST.
    const seen = new Set<string>();
    const daily = new Map<string, { events: number; users: Set<number>; sessions: Set<string> }>();
    const eventFiles = sources.lake.list().filter((p) => p.startsWith('events/'));
    eventFiles.forEach((path, f) => {
      const text = readLakeText(sources.lake, path);
      // One month's events at a time, so the build never holds every row at once.
      const eventRows: SqlValue[][] = [];
      let start = 0;
      while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        if (end > start) {
          const e = JSON.parse(text.slice(start, end)) as {
            event_id: string;
            event_name: string;
            ts: string;
            user_id: number | null;
            session_id: string;
            platform: string;
          };
          if (seen.has(e.event_id)) rejects.push([`lake.${path}`, e.event_id, 'duplicate_event']);
          else {
            seen.add(e.event_id);
            if (e.user_id !== null && testIds.has(e.user_id)) rejects.push([`lake.${path}`, e.event_id, 'test_account']);
            else {
              const ms = Date.parse(e.ts);
              const key = `${kstDate(ms)}|${e.event_name}|${e.platform}`;
              if (options.eventRows) eventRows.push([e.event_id, kstDateTime(ms), kstDate(ms), e.event_name, e.platform, e.user_id, e.session_id]);
              let g = daily.get(key);
              if (!g) daily.set(key, (g = { events: 0, users: new Set(), sessions: new Set() }));
              g.events++;
              if (e.user_id !== null) g.users.add(e.user_id);
              g.sessions.add(e.session_id);
            }
          }
        }
        start = end + 1;
      }
      if (eventRows.length > 0) insertRows(wh, 'fact_events', 7, eventRows);
      progress(0.2 + (0.6 * (f + 1)) / eventFiles.length);
    });
    insertRows(
      wh,
      'fact_events_daily',
      6,
      [...daily.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, g]) => [...key.split('|'), g.events, g.users.size, g.sessions.size]),
    );

    // Rule 12: searches with their first click; queries trimmed, spaces collapsed, lowercased.
    const firstClick = new Map<string, { position: number; productId: number }>();
    const searchFiles = sources.lake.list().filter((p) => p.startsWith('search/'));
    for (const path of searchFiles.filter((p) => p.startsWith('search/clicks-'))) {
      for (const line of readLakeText(sources.lake, path).split('\n')) {
        if (!line) continue;
        const c = JSON.parse(line) as { search_id: string; product_id: number; position: number };
        if (!firstClick.has(c.search_id)) firstClick.set(c.search_id, { position: c.position, productId: c.product_id });
      }
    }
    const searches: SqlValue[][] = [];
    for (const path of searchFiles.filter((p) => p.startsWith('search/searches-'))) {
      for (const line of readLakeText(sources.lake, path).split('\n')) {
        if (!line) continue;
        const s = JSON.parse(line) as {
          search_id: string;
          ts: string;
          session_id: string;
          user_id: number | null;
          platform: string;
          query: string;
          result_count: number;
        };
        if (s.user_id !== null && testIds.has(s.user_id)) continue;
        const click = firstClick.get(s.search_id);
        const at = kstDateTime(Date.parse(s.ts));
        searches.push([
          s.search_id,
          at,
          at.slice(0, 10),
          s.session_id,
          s.user_id,
          s.platform,
          s.query.trim().replace(/\s+/g, ' ').toLowerCase(),
          s.result_count,
          click ? 1 : 0,
          click?.position ?? null,
          click?.productId ?? null,
        ]);
      }
    }
    searches.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    insertRows(wh, 'fact_searches', 11, searches);

    // Rule 13: access logs per KST hour.
    const LINE =
      /^(\S+) - - \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):\d{2}:\d{2} \+0900\] "(\S+) (\S+) [^"]*" (\d{3}) (\d+) "[^"]*" "([^"]*)" ([\d.]+)$/;
    const MONTH_NUMBERS: Record<string, string> = {
      Jan: '01',
      Feb: '02',
      Mar: '03',
      Apr: '04',
      May: '05',
      Jun: '06',
      Jul: '07',
      Aug: '08',
      Sep: '09',
      Oct: '10',
      Nov: '11',
      Dec: '12',
    };
    const hours = new Map<string, number[]>();
    for (const path of sources.lake.list().filter((p) => p.startsWith('access-logs/'))) {
      for (const line of readLakeText(sources.lake, path).split('\n')) {
        if (!line) continue;
        const m = LINE.exec(line);
        if (!m) throw new Error(`etl: unreadable access log line in ${path}: ${line}`);
        const hour = `${m[4]}-${MONTH_NUMBERS[m[3] ?? ''] ?? '??'}-${m[2]} ${m[5]}:00`;
        const status = Number(m[8]);
        const ms = Math.round(Number(m[11]) * 1000);
        const bot = /bot|Yeti|HealthChecker/i.test(m[10] ?? '') ? 1 : 0;
        const h = hours.get(hour) ?? [0, 0, 0, 0, 0, 0, 0];
        h[0] = (h[0] ?? 0) + 1;
        h[1] = (h[1] ?? 0) + bot;
        h[2] = (h[2] ?? 0) + (status >= 400 && status < 500 ? 1 : 0);
        h[3] = (h[3] ?? 0) + (status >= 500 ? 1 : 0);
        h[4] = (h[4] ?? 0) + Number(m[9]);
        h[5] = (h[5] ?? 0) + ms;
        h[6] = Math.max(h[6] ?? 0, ms);
        hours.set(hour, h);
      }
    }
    insertRows(
      wh,
      'fact_web_requests_hourly',
      8,
      [...hours.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([hour, h]) => [
          hour,
          h[0] ?? 0,
          h[1] ?? 0,
          h[2] ?? 0,
          h[3] ?? 0,
          h[4] ?? 0,
          Math.round((h[5] ?? 0) / (h[0] ?? 1)),
          h[6] ?? 0,
        ]),
    );

    // Rule 8: marketing spend from both header versions, cleaned and deduplicated.
    const spend = new Map<string, (SqlValue | undefined)[]>();
    for (const path of sources.lake.list().filter((p) => p.startsWith('exports/marketing_spend_'))) {
      const rows = parseCsv(readLakeText(sources.lake, path));
      const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
      const at = (name: string): number => header.indexOf(name);
      const dateCol = at('date');
      const channelCol = at('channel');
      const campaignCol = at('campaign');
      const amountCol = header.includes('spend') ? at('spend') : at('cost (krw)');
      rows.slice(1).forEach((r, i) => {
        if (r.length < header.length) return;
        const date = normalizeDate(r[dateCol] ?? '');
        if (!date) throw new Error(`etl: bad date '${r[dateCol]}' in ${path}`);
        const channel = (r[channelCol] ?? '').trim().toLowerCase();
        const key = `${date}|${channel}`;
        if (spend.has(key)) {
          rejects.push([`lake.${path}`, `line ${i + 2}`, 'duplicate_row']);
          return;
        }
        spend.set(key, [date, channel, campaignCol >= 0 ? (r[campaignCol] ?? '').trim() : null, parseAmount(r[amountCol] ?? '')]);
      });
    }
    insertRows(
      wh,
      'marketing_spend',
      4,
      [...spend.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row),
    );

    // Rule 14: the experiment platform's tables, copied as they are.
    insertRows(wh, 'exp_experiments', 10, rowsOf(exp, 'SELECT * FROM experiments ORDER BY experiment_id'));
    insertRows(wh, 'exp_assignments', 7, rowsOf(exp, 'SELECT * FROM assignments ORDER BY experiment_id, unit_id'));
    insertRows(wh, 'exp_outcomes', 5, rowsOf(exp, 'SELECT * FROM outcomes ORDER BY experiment_id, unit_id'));
    insertRows(wh, 'etl_rejects', 3, rejects);
    wh.run('COMMIT');
    progress(1);
    return finishDatabase(wh);
  } catch (error) {
    wh.close();
    throw error;
  } finally {
    prod.close();
    exp.close();
  }
}

/** The warehouse with its schema and no rows: the ETL lessons load into it. */
export function buildEmptyWarehouse(SQL: SqlJsStatic): Uint8Array {
  return finishDatabase(newDatabase(SQL, WAREHOUSE_SCHEMA));
}
