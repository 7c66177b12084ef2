import type { SqlJsStatic } from 'sql.js';
import { createRandom, type Random } from '../generator/random.ts';
import { CATEGORIES, EMAIL_DOMAINS, FEMALE_NAMES, MALE_NAMES, REGIONS, SEASON_BY_MONTH, SURNAMES, type Season } from './data.ts';

/**
 * The demo database: a six-month preview of Hanbit Market (한빛마켓), a Korean online shop.
 * Customers, products in eight categories, orders from 2025-01-01 to 2025-06-30 with their items,
 * payments and refunds. Everything derives from the seed: the same seed gives the same bytes.
 */

/** Bump when the generator's output changes: the build then rebuilds the file. */
export const DEMO_GENERATOR_VERSION = '1';

/** The seed the shipped demo database is built with. */
export const DEMO_SEED = 20250630;

/** How many customers, and how many orders the demo has. */
export const DEMO_SIZES = { customers: 300, orders: 3000 } as const;

const DAY_MS = 86_400_000;
const PERIOD_START = Date.UTC(2025, 0, 1);
/** Days in 2025-01-01..2025-06-30. */
const PERIOD_DAYS = 181;
/** The day list prices of some products went up (day index from 2025-01-01). */
const PRICE_CHANGE_DAY = dayIndex(2025, 4, 1);
/** Lunar New Year holidays (설 연휴), 2025-01-28..30: fewer orders. */
const SEOLLAL = [dayIndex(2025, 1, 28), dayIndex(2025, 1, 30)] as const;
/** Orders of at least this subtotal ship free; otherwise the fee applies. */
const FREE_SHIPPING_FROM = 30_000;
const SHIPPING_FEE = 3_000;
/** Extra fee for deliveries to Jeju (제주 도서산간 추가 배송비). */
const JEJU_EXTRA_FEE = 3_000;

const PAYMENT_METHODS = ['card', 'kakao_pay', 'naver_pay', 'toss_pay', 'bank_transfer'] as const;
const PAYMENT_SHARES = [52, 17, 16, 6, 9];
const REFUND_REASONS = ['changed_mind', 'defective', 'wrong_item', 'late_delivery'] as const;

type PaymentMethod = (typeof PAYMENT_METHODS)[number];
type OrderStatus = 'delivered' | 'shipped' | 'cancelled' | 'refunded';
type RefundReason = (typeof REFUND_REASONS)[number];

const SCHEMA = `
CREATE TABLE categories (
  category_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  name_en     TEXT NOT NULL UNIQUE
);
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  gender      TEXT NOT NULL CHECK (gender IN ('F', 'M')),
  birth_year  INTEGER NOT NULL,
  email       TEXT UNIQUE,
  region      TEXT NOT NULL,
  city        TEXT NOT NULL,
  signup_date TEXT NOT NULL
);
CREATE TABLE products (
  product_id  INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES categories (category_id),
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  price       INTEGER NOT NULL CHECK (price > 0),
  cost        INTEGER NOT NULL CHECK (cost > 0)
);
CREATE TABLE orders (
  order_id     INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (customer_id),
  order_date   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('delivered', 'shipped', 'cancelled', 'refunded')),
  channel      TEXT NOT NULL CHECK (channel IN ('app', 'web')),
  shipping_fee INTEGER NOT NULL CHECK (shipping_fee >= 0),
  total_amount INTEGER NOT NULL CHECK (total_amount > 0)
);
CREATE TABLE order_items (
  order_item_id INTEGER PRIMARY KEY,
  order_id      INTEGER NOT NULL REFERENCES orders (order_id),
  product_id    INTEGER NOT NULL REFERENCES products (product_id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  unit_price    INTEGER NOT NULL CHECK (unit_price > 0)
);
CREATE TABLE payments (
  payment_id   INTEGER PRIMARY KEY,
  order_id     INTEGER NOT NULL REFERENCES orders (order_id),
  payment_date TEXT NOT NULL,
  method       TEXT NOT NULL CHECK (method IN ('card', 'kakao_pay', 'naver_pay', 'toss_pay', 'bank_transfer')),
  amount       INTEGER NOT NULL CHECK (amount > 0)
);
CREATE TABLE refunds (
  refund_id   INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (order_id),
  refund_date TEXT NOT NULL,
  amount      INTEGER NOT NULL CHECK (amount > 0),
  reason      TEXT NOT NULL CHECK (reason IN ('changed_mind', 'defective', 'wrong_item', 'late_delivery'))
);
`;

const INDEXES = `
CREATE INDEX idx_products_category ON products (category_id);
CREATE INDEX idx_orders_customer ON orders (customer_id);
CREATE INDEX idx_orders_date ON orders (order_date);
CREATE INDEX idx_order_items_order ON order_items (order_id);
CREATE INDEX idx_order_items_product ON order_items (product_id);
CREATE INDEX idx_payments_order ON payments (order_id);
CREATE INDEX idx_refunds_order ON refunds (order_id);
`;

interface Customer {
  id: number;
  name: string;
  gender: 'F' | 'M';
  birthYear: number;
  email: string | null;
  region: string;
  city: string;
  signupDay: number;
  activity: number;
  favoriteCategory: number;
  method: PaymentMethod;
  channel: 'app' | 'web';
}

interface Product {
  id: number;
  categoryIndex: number;
  name: string;
  nameEn: string;
  price: number;
  /** The list price before PRICE_CHANGE_DAY, when it was raised. */
  priceBefore: number;
  cost: number;
  popularity: number;
  season: Season | undefined;
  bulky: boolean;
}

interface Item {
  product: Product;
  quantity: number;
  unitPrice: number;
}

interface Order {
  id: number;
  customer: Customer;
  day: number;
  status: OrderStatus;
  channel: 'app' | 'web';
  items: Item[];
  shippingFee: number;
  total: number;
  method: PaymentMethod;
}

interface Payment {
  order: Order;
  day: number;
  method: PaymentMethod;
  amount: number;
}

interface Refund {
  order: Order;
  day: number;
  amount: number;
  reason: RefundReason;
}

/** Day index (0 = 2025-01-01) of a calendar date. */
function dayIndex(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - PERIOD_START) / DAY_MS);
}

/** 'YYYY-MM-DD' of a day index (may be before 2025 for sign-up dates). */
function isoDate(day: number): string {
  return new Date(PERIOD_START + day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = January ... 5 = June, for a day inside the period. */
function monthOf(day: number): number {
  return new Date(PERIOD_START + day * DAY_MS).getUTCMonth();
}

function makeProducts(rng: Random): Product[] {
  const products: Product[] = [];
  CATEGORIES.forEach((category, categoryIndex) => {
    for (const [name, nameEn, price, season] of category.products) {
      const cost = Math.round((price * category.costRatio * (0.9 + rng.next() * 0.2)) / 10) * 10;
      products.push({
        id: products.length + 1,
        categoryIndex,
        name,
        nameEn,
        price,
        priceBefore: price,
        cost,
        popularity: rng.logNormal(0, 0.6) * Math.pow(10_000 / price, 0.45),
        season,
        bulky: price >= 100_000,
      });
    }
  });
  // A handful of products got more expensive on April 1st: older order lines keep the old price.
  const candidates = products.filter((p) => p.price >= 9_000);
  for (let raised = 0; raised < 8;) {
    const product = rng.pick(candidates);
    if (product.priceBefore !== product.price) continue;
    product.priceBefore = Math.round((product.price * 0.92) / 1000) * 1000 - 100;
    raised++;
  }
  return products;
}

function makeCustomers(rng: Random, count: number): Customer[] {
  const usedEmails = new Set<string>();
  const noEmail = new Set<number>();
  while (noEmail.size < 3) noEmail.add(rng.int(0, count - 1));
  const surnameWeights = SURNAMES.map((s) => s[2]);
  const domainWeights = EMAIL_DOMAINS.map((d) => d[1]);
  const regionWeights = REGIONS.map((r) => r[1]);
  const categoryWeights = CATEGORIES.map((c) => c.demand);
  const firstSignup = dayIndex(2021, 3, 1);
  const lastOldSignup = dayIndex(2024, 12, 31);
  const lastSignup = PERIOD_DAYS - 6;

  const drafts: Omit<Customer, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const gender = rng.chance(0.56) ? 'F' : 'M';
    const [surname, surnameRoman] = rng.weighted(SURNAMES, surnameWeights);
    const [given, givenRoman] = rng.pick(gender === 'F' ? FEMALE_NAMES : MALE_NAMES);
    const birthYear = Math.min(2005, Math.max(1958, Math.round(rng.normal(1987, 10))));
    let email: string | null = null;
    if (!noEmail.has(i)) {
      const yy = String(birthYear % 100).padStart(2, '0');
      const patterns = [
        `${givenRoman}${yy}`,
        `${givenRoman}.${surnameRoman}`,
        `${surnameRoman}${givenRoman}`,
        `${givenRoman}_${rng.int(1, 999)}`,
        `${surnameRoman}.${givenRoman}${rng.int(10, 99)}`,
      ];
      let local = rng.pick(patterns);
      const domain = rng.weighted(EMAIL_DOMAINS, domainWeights)[0];
      while (usedEmails.has(`${local}@${domain}`)) local += String(rng.int(0, 9));
      email = `${local}@${domain}`;
      usedEmails.add(email);
    }
    const [region, , cities] = rng.weighted(REGIONS, regionWeights);
    const signupDay = rng.chance(0.72) ? rng.int(firstSignup, lastOldSignup) : rng.int(0, lastSignup);
    drafts.push({
      name: surname + given,
      gender,
      birthYear,
      email,
      region,
      city: rng.pick(cities),
      signupDay,
      // About one customer in twelve signed up and never ordered.
      activity: rng.chance(0.08) ? 0 : rng.logNormal(0, 0.8),
      favoriteCategory: rng.weightedIndex(categoryWeights),
      method: rng.weighted(PAYMENT_METHODS, PAYMENT_SHARES),
      channel: rng.chance(birthYear >= 1980 ? 0.75 : 0.5) ? 'app' : 'web',
    });
  }
  // Customer ids follow the order of sign-up, as a real shop's would.
  drafts.sort((a, b) => a.signupDay - b.signupDay);
  return drafts.map((draft, i) => ({ id: i + 1, ...draft }));
}

function dayWeights(): number[] {
  const monthTrend = [0.92, 0.88, 1.0, 1.02, 1.15, 1.08];
  // Sunday..Saturday: Korean online shopping peaks on Sunday evening and Monday.
  const weekday = [1.12, 1.08, 1.0, 0.98, 0.95, 0.9, 0.85];
  const weights: number[] = [];
  for (let day = 0; day < PERIOD_DAYS; day++) {
    const date = new Date(PERIOD_START + day * DAY_MS);
    let w = (monthTrend[date.getUTCMonth()] ?? 1) * (weekday[date.getUTCDay()] ?? 1);
    if (day >= SEOLLAL[0] && day <= SEOLLAL[1]) w *= 0.45;
    weights.push(w);
  }
  return weights;
}

function pickItems(rng: Random, products: Product[], customer: Customer, day: number): Item[] {
  const month = monthOf(day);
  const count = 1 + rng.weightedIndex([30, 30, 22, 12, 6]);
  const weights = products.map((p) => {
    const category = CATEGORIES[p.categoryIndex];
    const season = p.season ? (SEASON_BY_MONTH[p.season][month] ?? 1) : 1;
    const favorite = p.categoryIndex === customer.favoriteCategory ? 3 : 1;
    return ((category?.demand ?? 1) / 15) * p.popularity * season * favorite;
  });
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const index = rng.weightedIndex(weights);
    weights[index] = 0;
    const product = products[index] as Product;
    const consumable = product.categoryIndex <= 2;
    const quantity = product.bulky ? 1 : 1 + rng.weightedIndex(consumable ? [66, 24, 10] : [80, 16, 4]);
    const unitPrice = day < PRICE_CHANGE_DAY ? product.priceBefore : product.price;
    items.push({ product, quantity, unitPrice });
  }
  return items;
}

function makeOrders(rng: Random, customers: Customer[], products: Product[], count: number): Order[] {
  const days = dayWeights();
  const lastDay = PERIOD_DAYS - 1;
  const drafts: Omit<Order, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const day = rng.weightedIndex(days);
    const customer = rng.weighted(
      customers,
      customers.map((c) => (c.signupDay <= day ? c.activity : 0)),
    );
    const items = pickItems(rng, products, customer, day);
    const subtotal = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    const shippingFee = (subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE) + (customer.region === '제주' ? JEJU_EXTRA_FEE : 0);
    const method = rng.chance(0.7) ? customer.method : rng.weighted(PAYMENT_METHODS, PAYMENT_SHARES);
    let status: OrderStatus;
    // Unpaid bank transfers expire and are cancelled; other orders are rarely cancelled before paying.
    if (rng.chance(method === 'bank_transfer' ? 0.18 : 0.015)) status = 'cancelled';
    else if (day >= lastDay - 2 || (day >= lastDay - 4 && rng.chance(0.5))) status = 'shipped';
    else if (day <= lastDay - 14 && rng.chance(0.022)) status = 'refunded';
    else status = 'delivered';
    drafts.push({
      customer,
      day,
      status,
      channel: rng.chance(0.85) ? customer.channel : customer.channel === 'app' ? 'web' : 'app',
      items,
      shippingFee,
      total: subtotal + shippingFee,
      method,
    });
  }
  // Order ids follow time (Array.prototype.sort is stable).
  drafts.sort((a, b) => a.day - b.day);
  return drafts.map((draft, i) => ({ id: i + 1, ...draft }));
}

function makePayments(rng: Random, orders: Order[]): Payment[] {
  const lastDay = PERIOD_DAYS - 1;
  const payments: Payment[] = [];
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    // Bank transfers arrive up to two days after the order; everything else is paid at once.
    const lag = order.method === 'bank_transfer' ? Math.min(rng.int(0, 2), lastDay - order.day) : 0;
    payments.push({ order, day: order.day + lag, method: order.method, amount: order.total });
  }
  return payments.sort((a, b) => a.day - b.day || a.order.id - b.order.id);
}

function makeRefunds(rng: Random, orders: Order[], payments: Payment[]): Refund[] {
  const paidOn = new Map(payments.map((p) => [p.order.id, p.day] as const));
  const lastDay = PERIOD_DAYS - 1;
  const refunds: Refund[] = [];
  for (const order of orders) {
    const paid = paidOn.get(order.id);
    if (paid === undefined) continue;
    if (order.status === 'refunded') {
      // A returned order is refunded in full, shipping included.
      const reason = rng.weighted(REFUND_REASONS, [45, 25, 12, 18]);
      refunds.push({ order, day: Math.min(paid + rng.int(3, 12), lastDay), amount: order.total, reason });
    } else if (order.status === 'delivered' && order.items.length >= 2 && order.day <= lastDay - 14 && rng.chance(0.012)) {
      // One unit of one line came back; the order itself stays delivered.
      const item = rng.pick(order.items);
      const reason = rng.weighted(REFUND_REASONS.slice(0, 3), [30, 50, 20]);
      refunds.push({ order, day: Math.min(paid + rng.int(4, 14), lastDay), amount: item.unitPrice, reason });
    }
  }
  return refunds.sort((a, b) => a.day - b.day || a.order.id - b.order.id);
}

/** Generates the demo database from a seed and returns the SQLite file's bytes. */
export function generateDemo(SQL: SqlJsStatic, seed: number): Uint8Array {
  const rng = createRandom(seed);
  const products = makeProducts(rng);
  const customers = makeCustomers(rng, DEMO_SIZES.customers);
  const orders = makeOrders(rng, customers, products, DEMO_SIZES.orders);
  const payments = makePayments(rng, orders);
  const refunds = makeRefunds(rng, orders, payments);

  const db = new SQL.Database();
  try {
    // A fixed page size and no journal file: the bytes depend only on the data.
    db.run('PRAGMA page_size = 4096; PRAGMA foreign_keys = ON;');
    db.run(SCHEMA);
    db.run('BEGIN');
    const insert = (sql: string, rows: Iterable<(string | number | null)[]>): void => {
      const statement = db.prepare(sql);
      try {
        for (const row of rows) statement.run(row);
      } finally {
        statement.free();
      }
    };
    insert(
      'INSERT INTO categories VALUES (?, ?, ?)',
      CATEGORIES.map((c, i) => [i + 1, c.name, c.nameEn]),
    );
    insert(
      'INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      customers.map((c) => [c.id, c.name, c.gender, c.birthYear, c.email, c.region, c.city, isoDate(c.signupDay)]),
    );
    insert(
      'INSERT INTO products VALUES (?, ?, ?, ?, ?, ?)',
      products.map((p) => [p.id, p.categoryIndex + 1, p.name, p.nameEn, p.price, p.cost]),
    );
    insert(
      'INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)',
      orders.map((o) => [o.id, o.customer.id, isoDate(o.day), o.status, o.channel, o.shippingFee, o.total]),
    );
    let itemId = 0;
    insert(
      'INSERT INTO order_items VALUES (?, ?, ?, ?, ?)',
      orders.flatMap((o) => o.items.map((it) => [++itemId, o.id, it.product.id, it.quantity, it.unitPrice])),
    );
    insert(
      'INSERT INTO payments VALUES (?, ?, ?, ?, ?)',
      payments.map((p, i) => [i + 1, p.order.id, isoDate(p.day), p.method, p.amount]),
    );
    insert(
      'INSERT INTO refunds VALUES (?, ?, ?, ?, ?)',
      refunds.map((r, i) => [i + 1, r.order.id, isoDate(r.day), r.amount, r.reason]),
    );
    db.run('COMMIT');
    db.run(INDEXES);
    const violations = db.exec('PRAGMA foreign_key_check');
    if (violations.length > 0) throw new Error('demo: the generated data breaks a foreign key');
    db.run('VACUUM');
    return db.export();
  } finally {
    db.close();
  }
}
