import type { SqlJsStatic, SqlValue } from 'sql.js';
import type { Random } from '../generator/random.ts';
import { finishDatabase, insertRows, newDatabase } from '../generator/sqlite.ts';
import { DAY_MS, PERIOD_DAYS, PERIOD_START_MS, PRICE_CHANGE, SELL_OUT, dayOf } from './config.ts';
import { CATEGORY_NAMES } from './products.ts';
import type { OrderItem, World } from './simulate.ts';
import { kstDateTime } from './text.ts';

/**
 * The production database (운영 DB): what the shop's service needs now, normalised, current
 * state only. Times are Korea Standard Time ('YYYY-MM-DD HH:MM:SS'), as the service writes them.
 * Foreign keys are declared but, as in many real services, not enforced: the planted orphans pass.
 */

/** The production schema. */
export const PRODUCTION_SCHEMA = `
CREATE TABLE categories (
  category_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL
);
CREATE TABLE products (
  product_id  INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES categories (category_id),
  sku         TEXT NOT NULL,
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  line        TEXT NOT NULL,
  price       INTEGER NOT NULL,
  cost        INTEGER NOT NULL,
  status      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  email       TEXT,
  phone       TEXT NOT NULL,
  gender      TEXT NOT NULL,
  birth_date  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE TABLE addresses (
  address_id  INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  region      TEXT NOT NULL,
  city        TEXT NOT NULL,
  street      TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  is_default  INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE TABLE orders (
  order_id        INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers (customer_id),
  address_id      INTEGER NOT NULL REFERENCES addresses (address_id),
  ordered_at      TEXT NOT NULL,
  platform        TEXT NOT NULL,
  status          TEXT NOT NULL,
  items_amount    INTEGER NOT NULL,
  discount_amount INTEGER NOT NULL,
  shipping_fee    INTEGER NOT NULL,
  total_amount    INTEGER NOT NULL
);
CREATE TABLE order_items (
  order_item_id INTEGER PRIMARY KEY,
  order_id      INTEGER NOT NULL REFERENCES orders (order_id),
  product_id    INTEGER NOT NULL REFERENCES products (product_id),
  quantity      INTEGER NOT NULL,
  unit_price    INTEGER NOT NULL
);
CREATE TABLE payments (
  payment_id INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders (order_id),
  paid_at    TEXT NOT NULL,
  method     TEXT NOT NULL,
  amount     INTEGER NOT NULL
);
CREATE TABLE refunds (
  refund_id   INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (order_id),
  refunded_at TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  reason      TEXT NOT NULL
);
CREATE TABLE inventory (
  product_id    INTEGER PRIMARY KEY REFERENCES products (product_id),
  stock_qty     INTEGER NOT NULL,
  safety_stock  INTEGER NOT NULL,
  updated_at    TEXT NOT NULL
);
`;

/** Builds the production database from the simulated world. */
export function buildProduction(SQL: SqlJsStatic, rng: Random, world: World): Uint8Array {
  const db = newDatabase(SQL, PRODUCTION_SCHEMA);
  const endMs = PERIOD_START_MS + PERIOD_DAYS * DAY_MS - 1;
  const priceChangeMs = PERIOD_START_MS + dayOf(PRICE_CHANGE.date) * DAY_MS + 6 * 3_600_000;
  const sellOutMs = PERIOD_START_MS + dayOf(SELL_OUT.date) * DAY_MS + 15 * 3_600_000;
  try {
    db.run('BEGIN');
    insertRows(
      db,
      'categories',
      3,
      CATEGORY_NAMES.map((c, i) => [i + 1, c.ko, c.en]),
    );
    insertRows(
      db,
      'products',
      11,
      world.products.map((p) => {
        const created = PERIOD_START_MS + p.createdDay * DAY_MS + 10 * 3_600_000;
        const updated = p.id === world.sellOutProductId ? sellOutMs : p.price !== p.priceBefore ? priceChangeMs : created;
        return [
          p.id,
          p.categoryIndex + 1,
          p.sku,
          p.name,
          p.nameEn,
          p.line,
          p.price,
          p.cost,
          p.id === world.sellOutProductId ? 'sold_out' : 'active',
          kstDateTime(created),
          kstDateTime(updated),
        ];
      }),
    );
    insertRows(
      db,
      'customers',
      7,
      world.customers.map((c) => [
        c.id,
        c.name,
        c.email,
        c.phone,
        c.gender,
        c.placeholderBirthDate ? '1900-01-01' : c.birthDate,
        kstDateTime(c.signupMs),
      ]),
    );
    const addresses = world.customers.flatMap((c) =>
      c.addresses.map((a, i) => ({ a, customerId: c.id, isDefault: i === c.addresses.length - 1 })),
    );
    addresses.sort((x, y) => x.a.id - y.a.id);
    insertRows(
      db,
      'addresses',
      8,
      addresses.map(({ a, customerId, isDefault }) => [
        a.id,
        customerId,
        a.region,
        a.city,
        a.street,
        a.postalCode,
        isDefault ? 1 : 0,
        kstDateTime(a.createdMs),
      ]),
    );
    insertRows(
      db,
      'orders',
      10,
      world.orders.map((o) => [
        o.id,
        o.customer.id,
        o.address.id,
        kstDateTime(o.ms),
        o.platform,
        o.status,
        o.itemsAmount,
        o.discount,
        o.shippingFee,
        o.total,
      ]),
    );
    const items: OrderItem[] = [...world.orders.flatMap((o) => o.items), ...world.orphanItems].sort((a, b) => a.id - b.id);
    insertRows(
      db,
      'order_items',
      5,
      items.map((i) => [i.id, i.orderId, i.product.id, i.negated ? -i.quantity : i.quantity, i.unitPrice]),
    );
    const payments: { ms: number; row: SqlValue[] }[] = [];
    const refunds: { ms: number; row: SqlValue[] }[] = [];
    for (const o of world.orders) {
      if (o.paidMs !== null) payments.push({ ms: o.paidMs, row: [o.id, kstDateTime(o.paidMs), o.method, o.total] });
      if (o.duplicatePaymentMs !== null)
        payments.push({ ms: o.duplicatePaymentMs, row: [o.id, kstDateTime(o.duplicatePaymentMs), o.method, o.total] });
      for (const r of o.refunds)
        refunds.push({ ms: Math.min(r.ms, endMs), row: [o.id, kstDateTime(Math.min(r.ms, endMs)), r.amount, r.reason] });
    }
    const byTime = (a: { ms: number; row: SqlValue[] }, b: { ms: number; row: SqlValue[] }): number =>
      a.ms - b.ms || Number(a.row[0]) - Number(b.row[0]);
    insertRows(
      db,
      'payments',
      5,
      payments.sort(byTime).map((p, i) => [i + 1, ...p.row]),
    );
    insertRows(
      db,
      'refunds',
      5,
      refunds.sort(byTime).map((r, i) => [i + 1, ...r.row]),
    );
    insertRows(
      db,
      'inventory',
      4,
      world.products.map((p) => {
        const soldOut = p.id === world.sellOutProductId;
        const stock = soldOut ? 0 : Math.round(rng.logNormal(4.3, 0.8) * (p.bulky ? 0.3 : 1));
        return [p.id, stock, p.bulky ? 5 : 20, kstDateTime(soldOut ? sellOutMs : endMs - rng.int(0, 6 * 3_600_000))];
      }),
    );
    db.run('COMMIT');
    return finishDatabase(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
