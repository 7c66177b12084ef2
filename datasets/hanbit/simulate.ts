import type { Random } from '../generator/random.ts';
import { dayWeights, marketingSpend, monthOf, spanOn } from './calendar.ts';
import {
  APP_RELEASES,
  BASE_CHECKOUT_CONVERSION,
  CAMPAIGN,
  CAMPAIGN_COUPON,
  CAMPAIGN_COUPON_FROM,
  CHANNELS,
  CHECKOUT_EXPERIMENT,
  DAY_MS,
  FREE_SHIPPING_FROM,
  GIFT_SEASONS,
  JEJU_EXTRA_FEE,
  PERIOD_DAYS,
  PERIOD_START_MS,
  PRICE_CHANGE,
  RECO_EXPERIMENT,
  SALE_DISCOUNT,
  SALES,
  SELL_OUT,
  SHIPPING_FEE,
  dayOf,
  type SizeProfile,
} from './config.ts';
import {
  addressAt,
  makeCustomers,
  makeDevice,
  pickPlatform,
  timeOfDayMs,
  type Address,
  type Customer,
  type Device,
  type Platform,
} from './people.ts';
import { CATEGORY_DEMAND, makeProducts, seasonFactor, type Product } from './products.ts';

/**
 * The one simulation every layer derives from. Customers visit in sessions (more on busy days,
 * and paid channels buy extra sessions); a session views products, may search and click a
 * result, add to cart, start checkout and buy. Purchases become orders, payments and refunds;
 * the experiments change conversion for the users they assign. Events stream to a sink (the lake
 * writer) in time order; everything else is returned.
 */

/** The tracked event names, in funnel order. */
export const EVENT_NAMES = ['page_view', 'search', 'search_result_click', 'add_to_cart', 'checkout_start', 'purchase'] as const;
/** One tracked event name. */
export type EventName = (typeof EVENT_NAMES)[number];

/** An event as the simulation knows it, before the tracker serialises it. */
export interface SimEvent {
  name: EventName;
  ms: number;
  sessionId: string;
  device: Device;
  userId: number | null;
  appVersion: string | null;
  props: Record<string, unknown>;
  /** The user is a QA test account. */
  isTestUser: boolean;
}

/** A search as the search service logs it. */
export interface SearchRecord {
  id: string;
  ms: number;
  sessionId: string;
  userId: number | null;
  device: Device;
  query: string;
  resultCount: number;
}

/** A click on a search result, as the search service logs it. */
export interface ClickRecord {
  searchId: string;
  ms: number;
  productId: number;
  position: number;
}

/** One line of an order. */
export interface OrderItem {
  id: number;
  orderId: number;
  product: Product;
  quantity: number;
  unitPrice: number;
  /** Planted: the quantity is stored negated (an admin-tool bug); the order's totals use the real one. */
  negated: boolean;
}

/** What happened to an order by the end of the period. */
export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

/** An order placed at checkout. */
export interface Order {
  id: number;
  customer: Customer;
  address: Address;
  ms: number;
  platform: Platform;
  items: OrderItem[];
  itemsAmount: number;
  discount: number;
  shippingFee: number;
  total: number;
  method: string;
  status: OrderStatus;
  paidMs: number | null;
  /** Planted: the payment gateway's retry recorded the payment twice. */
  duplicatePaymentMs: number | null;
  refunds: { ms: number; amount: number; reason: string }[];
}

/** One experiment assignment, and what the unit did in the assignment session. */
export interface Assignment {
  experimentId: string;
  unitId: string;
  userId: number | null;
  variant: 'control' | 'treatment';
  ms: number;
  platform: Platform;
  appVersion: string | null;
  /** False when the exposure was never logged (the SRM bug): the row is missing from the tables. */
  logged: boolean;
  converted: boolean;
  orderId: number | null;
  revenue: number;
}

/** Everything the simulation returns (events went to the sink). */
export interface World {
  products: Product[];
  customers: Customer[];
  orders: Order[];
  /** Planted: lines written for orders whose insert failed, so no order row exists. */
  orphanItems: OrderItem[];
  searches: SearchRecord[];
  clicks: ClickRecord[];
  assignments: Assignment[];
  /** Spend in KRW per day and channel (CHANNELS order). */
  spend: number[][];
  sellOutProductId: number;
  stats: { sessions: number; events: number };
}

/** Receives each event in time order. */
export type EventSink = (event: SimEvent) => void;

interface SessionStub {
  ms: number;
  customer: Customer | null;
  device: Device;
  source: string;
}

const RELEASE_DAYS = APP_RELEASES.map((r) => ({ version: r.version, day: dayOf(r.date) }));

/** The app version a device runs on a day (null on the web). */
export function appVersionOn(device: Device, day: number): string | null {
  if (device.platform === 'web') return null;
  let version = RELEASE_DAYS[0]?.version ?? '3.0.4';
  for (const r of RELEASE_DAYS) if (r.day + device.updateLag <= day) version = r.version;
  return version;
}

function poisson(rng: Random, mean: number): number {
  if (mean > 40) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Binary search: the first index whose cumulative weight reaches r. */
function searchCumulative(cumulative: ArrayLike<number>, r: number, lo = 0, hi = cumulative.length - 1): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const normalizeQuery = (q: string): string => q.trim().replace(/\s+/g, ' ').toLowerCase();

/** Runs the simulation for one seed and size. */
export function simulate(rng: Random, size: SizeProfile, sink: EventSink, progress: (share: number) => void = () => {}): World {
  const products = makeProducts(rng);
  const weights = dayWeights();
  const spend = marketingSpend(rng, size.scale);
  const meanSpend = spend.reduce((s, d) => s + d.reduce((a, b) => a + b, 0), 0) / PERIOD_DAYS;
  const signupWeights = weights.map((w, d) => w * Math.pow((spend[d] ?? []).reduce((a, b) => a + b, 0) / meanSpend, 0.8));
  const customers = makeCustomers(rng, size.customers, { signupWeights, spend });

  const saleDays = new Set<number>();
  for (let d = 0; d < PERIOD_DAYS; d++) if (spanOn(SALES, d)) saleDays.add(d);
  const priceChangeDay = dayOf(PRICE_CHANGE.date);
  const sellOutDay = dayOf(SELL_OUT.date);
  const sellOut = products.find((p) => p.line === 'standard' && p.name === SELL_OUT.productName) as Product;
  const campaignFrom = dayOf(CAMPAIGN.from);
  const campaignTo = dayOf(CAMPAIGN.to);

  // --- Sessions: customers visit at their own rate on busy days; anonymous visitors come from ads and search.
  const cumulativeDays: number[] = [];
  let totalWeight = 0;
  for (const w of weights) cumulativeDays.push((totalWeight += w));
  const stubs: SessionStub[] = [];
  const paidSource = (day: number): string => CHANNELS[rng.weightedIndex(spend[day] ?? [1])]?.id ?? 'naver';
  for (const customer of customers) {
    const signupDay = Math.floor((customer.signupMs - PERIOD_START_MS) / DAY_MS);
    const first = Math.max(0, signupDay);
    if (first > customer.lastDay) continue;
    const from = first === 0 ? 0 : (cumulativeDays[first - 1] ?? 0);
    const to = cumulativeDays[customer.lastDay] ?? totalWeight;
    const count = poisson(rng, customer.rate * (to - from));
    const chooseSource = (day: number): string => (rng.chance(0.22) ? paidSource(day) : rng.chance(0.55) ? 'direct' : 'organic');
    if (signupDay >= 0) {
      // The visit in which the customer signed up.
      stubs.push({ ms: customer.signupMs, customer, device: customer.devices[0] as Device, source: customer.signupSource });
    }
    for (let i = 0; i < count; i++) {
      const day = searchCumulative(cumulativeDays, from + rng.next() * (to - from));
      let ms = PERIOD_START_MS + day * DAY_MS + timeOfDayMs(rng);
      if (ms < customer.signupMs) ms = customer.signupMs + rng.int(3_600_000, 20 * 3_600_000);
      stubs.push({ ms, customer, device: rng.pick(customer.devices), source: chooseSource(day) });
    }
  }
  const anonymousPool: Device[] = [];
  for (let day = 0; day < PERIOD_DAYS; day++) {
    const organic = poisson(rng, size.anonymousPerDay * (weights[day] ?? 1));
    const paid = CHANNELS.map((c, i) => poisson(rng, (0.55 * ((spend[day] ?? [])[i] ?? 0)) / c.costPerSession));
    const total = organic + paid.reduce((a, b) => a + b, 0);
    for (let i = 0; i < total; i++) {
      let source = rng.chance(0.5) ? 'organic' : 'direct';
      let rest = i - organic;
      if (rest >= 0) {
        for (let c = 0; c < paid.length; c++) {
          if (rest < (paid[c] ?? 0)) {
            source = CHANNELS[c]?.id ?? source;
            break;
          }
          rest -= paid[c] ?? 0;
        }
      }
      let device: Device;
      if (anonymousPool.length > 50 && rng.chance(0.3))
        device = anonymousPool[anonymousPool.length - 1 - rng.int(0, Math.min(anonymousPool.length - 1, 400))] as Device;
      else {
        device = makeDevice(rng, pickPlatform(rng));
        anonymousPool.push(device);
      }
      stubs.push({ ms: PERIOD_START_MS + day * DAY_MS + timeOfDayMs(rng), customer: null, device, source });
    }
  }
  // Every session ends inside the period: none starts in its last hour.
  const lastStart = PERIOD_START_MS + PERIOD_DAYS * DAY_MS - 3_600_000;
  for (const stub of stubs) if (stub.ms > lastStart) stub.ms = lastStart - ((stub.ms - lastStart) % 3_600_000);
  // A session moved back before its customer's sign-up cannot have happened.
  const valid = stubs.filter((s) => !s.customer || s.ms >= s.customer.signupMs);
  valid.sort((a, b) => a.ms - b.ms || (a.customer?.id ?? 0) - (b.customer?.id ?? 0));

  // --- Product demand per day, cached while the sessions walk through time.
  let cachedDay = -1;
  let cumulativeAll = new Float64Array(products.length);
  const byCategory: number[][] = CATEGORY_DEMAND.map(() => []);
  products.forEach((p, i) => byCategory[p.categoryIndex]?.push(i));
  let cumulativeByCategory: Float64Array[] = [];
  const demandOn = (day: number): void => {
    if (day === cachedDay) return;
    cachedDay = day;
    const month = monthOf(day);
    const gift = spanOn(GIFT_SEASONS, day) !== undefined;
    const sale = saleDays.has(day);
    const w = products.map((p) => {
      let x = ((CATEGORY_DEMAND[p.categoryIndex] ?? 1) / 15) * p.popularity * seasonFactor(p, month);
      if (gift && (p.categoryIndex <= 1 || p.categoryIndex === 6)) x *= 1.8;
      if (sale && (p.categoryIndex === 5 || p.categoryIndex === 6)) x *= 1.6;
      if (p === sellOut && sale && day < sellOutDay) x *= 4;
      return x;
    });
    cumulativeAll = new Float64Array(products.length);
    let t = 0;
    w.forEach((x, i) => (cumulativeAll[i] = t += x));
    cumulativeByCategory = byCategory.map((indexes) => {
      const c = new Float64Array(indexes.length);
      let s = 0;
      indexes.forEach((pi, j) => (c[j] = s += w[pi] ?? 0));
      return c;
    });
  };
  const drawProduct = (favorite: number | null): Product => {
    if (favorite !== null && rng.chance(0.45)) {
      const c = cumulativeByCategory[favorite] as Float64Array;
      const j = searchCumulative(c, rng.next() * (c[c.length - 1] ?? 0));
      return products[byCategory[favorite]?.[j] ?? 0] as Product;
    }
    return products[searchCumulative(cumulativeAll, rng.next() * (cumulativeAll[cumulativeAll.length - 1] ?? 0))] as Product;
  };

  // --- Search: results are the products whose name contains the normalised query, most popular first.
  const resultsCache = new Map<string, Product[]>();
  const popularityOrder = [...products].sort((a, b) => b.popularity - a.popularity || a.id - b.id);
  const resultsFor = (query: string): Product[] => {
    const q = normalizeQuery(query);
    let hit = resultsCache.get(q);
    if (!hit) {
      hit = q.length === 0 ? [] : popularityOrder.filter((p) => p.name.toLowerCase().includes(q) || p.nameEn.toLowerCase().includes(q));
      resultsCache.set(q, hit);
    }
    return hit;
  };
  const typoSyllables = ['기', '이', '스', '트', '나', '로', '즈'];
  const queryFor = (target: Product): string => {
    // Most people type Korean; some type the English word.
    const korean = target.keywords.filter((k) => !/^[a-z]/.test(k));
    let q = korean.length > 0 && rng.chance(0.88) ? rng.pick(korean) : rng.pick(target.keywords);
    if (/^[a-z]/.test(q)) {
      const r = rng.next();
      if (r < 0.35) q = (q[0]?.toUpperCase() ?? '') + q.slice(1);
      else if (r < 0.45) q = q.toUpperCase();
    } else if (target.line !== 'standard' && rng.chance(0.25)) {
      q = `${target.line === 'premium' ? '프리미엄' : '실속'} ${q}`;
    }
    if (rng.chance(0.06)) q = q.slice(0, -1) + rng.pick(typoSyllables);
    if (rng.chance(0.08)) q = rng.chance(0.5) ? ` ${q}` : `${q}  `;
    return q;
  };

  // --- Walk through the sessions.
  const orders: Order[] = [];
  const orphanItems: OrderItem[] = [];
  const searches: SearchRecord[] = [];
  const clicks: ClickRecord[] = [];
  const assignments: Assignment[] = [];
  const checkoutArm = new Map<number, 'control' | 'treatment'>();
  const recoAssigned = new Set<string>();
  const checkoutFrom = dayOf(CHECKOUT_EXPERIMENT.from);
  const checkoutTo = dayOf(CHECKOUT_EXPERIMENT.to);
  const recoFrom = dayOf(RECO_EXPERIMENT.from);
  const recoTo = dayOf(RECO_EXPERIMENT.to);
  let nextOrderId = 1;
  let nextItemId = 1;
  let events = 0;
  let searchCounter = 0;
  const step = Math.max(1, Math.floor(valid.length / 50));

  valid.forEach((stub, index) => {
    if (index % step === 0) progress(index / valid.length);
    const sessionId = `s${String(index + 1).padStart(7, '0')}`;
    const day = Math.floor((stub.ms - PERIOD_START_MS) / DAY_MS);
    demandOn(day);
    const { customer, device } = stub;
    const userId = customer?.id ?? null;
    const appVersion = appVersionOn(device, day);
    let ms = stub.ms;
    const emit = (name: EventName, props: Record<string, unknown>): void => {
      sink({ name, ms, sessionId, device, userId, appVersion, props, isTestUser: customer?.isTest ?? false });
      events++;
      ms += rng.int(4_000, 90_000);
    };
    const priceOf = (p: Product): number => (day >= priceChangeDay ? p.price : p.priceBefore);
    const inStock = (p: Product): boolean => !(p === sellOut && day >= sellOutDay);

    // Half the visits open on the home page; the others land on a product from an ad, a push or a link.
    const landsOnHome = rng.chance(0.5);
    if (landsOnHome) emit('page_view', stub.source === 'direct' ? { page_type: 'home' } : { page_type: 'home', utm_source: stub.source });

    const favorite = customer ? customer.favoriteCategory : null;
    const viewed: Product[] = [];
    if (rng.chance(customer ? 0.36 : 0.3)) {
      const query = queryFor(drawProduct(favorite));
      const results = resultsFor(query);
      const searchId = `q${(++searchCounter).toString(36).padStart(7, '0')}`;
      searches.push({ id: searchId, ms, sessionId, userId, device, query, resultCount: results.length });
      emit('search', { search_id: searchId, query, result_count: results.length });
      if (results.length > 0 && rng.chance(0.68)) {
        const position = 1 + rng.weightedIndex([42, 20, 12, 8, 6, 4, 3, 3, 2].slice(0, results.length));
        const product = results[position - 1] as Product;
        clicks.push({ searchId, ms, productId: product.id, position });
        emit('search_result_click', { search_id: searchId, product_id: product.id, position });
        viewed.push(product);
      }
    }
    const wanted = customer ? 1 + rng.weightedIndex([50, 30, 13, 5, 2]) : 1 + rng.weightedIndex([70, 25, 5]);
    while (viewed.length < wanted) {
      const p = drawProduct(favorite);
      if (!viewed.includes(p)) viewed.push(p);
    }

    // The recommendation experiment assigns a device at its first product page in the window.
    let cartChance = customer ? (customer.isTest ? 0.9 : 0.76) : 0.2;
    let recoAssignment: Assignment | null = null;
    if (day >= recoFrom && day <= recoTo && !customer?.isTest && !recoAssigned.has(device.anonId)) {
      recoAssigned.add(device.anonId);
      const variant = rng.chance(0.5) ? 'treatment' : 'control';
      const lost =
        variant === 'treatment' &&
        device.platform === RECO_EXPERIMENT.lostPlatform &&
        (appVersion ?? '').startsWith(RECO_EXPERIMENT.lostVersionPrefix);
      cartChance = variant === 'treatment' ? RECO_EXPERIMENT.treatment : RECO_EXPERIMENT.control;
      recoAssignment = {
        experimentId: RECO_EXPERIMENT.id,
        unitId: device.anonId,
        userId,
        variant,
        ms,
        platform: device.platform,
        appVersion,
        logged: !lost,
        converted: false,
        orderId: null,
        revenue: 0,
      };
      assignments.push(recoAssignment);
    }
    const wantsCart = rng.chance(cartChance);
    const cart: { product: Product; quantity: number }[] = [];
    viewed.forEach((product, i) => {
      const price = priceOf(product);
      const landing = i === 0 && !landsOnHome && stub.source !== 'direct' ? { utm_source: stub.source } : {};
      emit('page_view', { page_type: 'product', product_id: product.id, price, in_stock: inStock(product), ...landing });
      if (wantsCart && inStock(product) && (cart.length === 0 || rng.chance(0.8))) {
        const consumable = product.categoryIndex <= 2;
        const quantity = product.bulky ? 1 : 1 + rng.weightedIndex(consumable ? [66, 24, 10] : [82, 14, 4]);
        cart.push({ product, quantity });
        emit('add_to_cart', { product_id: product.id, quantity, price });
      }
    });
    if (recoAssignment) recoAssignment.converted = cart.length > 0;
    if (cart.length === 0 || !customer || !rng.chance(customer.isTest ? 0.95 : 0.88)) return;

    // Checkout: the checkout experiment assigns customers at their first checkout in its window.
    const itemsAmount = cart.reduce((s, c) => s + c.quantity * priceOf(c.product), 0);
    emit('checkout_start', { cart_value: itemsAmount, item_count: cart.length });
    let conversion = customer.isTest ? 0.95 : BASE_CHECKOUT_CONVERSION;
    let checkoutAssignment: Assignment | null = null;
    if (day >= checkoutFrom && day <= checkoutTo && !customer.isTest) {
      let arm = checkoutArm.get(customer.id);
      if (!arm) {
        arm = rng.chance(0.5) ? 'treatment' : 'control';
        checkoutArm.set(customer.id, arm);
        checkoutAssignment = {
          experimentId: CHECKOUT_EXPERIMENT.id,
          unitId: String(customer.id),
          userId: customer.id,
          variant: arm,
          ms: ms - 1000,
          platform: device.platform,
          appVersion,
          logged: true,
          converted: false,
          orderId: null,
          revenue: 0,
        };
        assignments.push(checkoutAssignment);
      }
      conversion = arm === 'treatment' ? CHECKOUT_EXPERIMENT.treatment : CHECKOUT_EXPERIMENT.control;
    }
    if (!rng.chance(conversion)) return;

    const orderId = nextOrderId++;
    const items: OrderItem[] = cart.map((c) => ({
      id: nextItemId++,
      orderId,
      product: c.product,
      quantity: c.quantity,
      unitPrice: priceOf(c.product),
      negated: false,
    }));
    // A few order inserts fail after their lines were written: the id is used up, no order exists.
    if (!checkoutAssignment && !recoAssignment && !customer.isTest && rng.chance(0.0015)) {
      orphanItems.push(...items);
      return;
    }
    for (const item of items) if (rng.chance(0.0018)) item.negated = true;
    let discount = 0;
    if (saleDays.has(day)) discount = Math.floor((itemsAmount * SALE_DISCOUNT) / 100) * 100;
    else if (day >= campaignFrom && day <= campaignTo && itemsAmount >= CAMPAIGN_COUPON_FROM) discount = CAMPAIGN_COUPON;
    const address = addressAt(customer, ms);
    const shippingFee =
      (itemsAmount - discount >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE) + (address.region === '제주' ? JEJU_EXTRA_FEE : 0);
    const total = itemsAmount - discount + shippingFee;
    const method = customer.isTest
      ? 'card'
      : rng.chance(0.75)
        ? customer.method
        : rng.pick(['card', 'kakao_pay', 'naver_pay', 'toss_pay', 'bank_transfer']);
    const order: Order = {
      id: orderId,
      customer,
      address,
      ms,
      platform: device.platform,
      items,
      itemsAmount,
      discount,
      shippingFee,
      total,
      method,
      status: 'delivered',
      paidMs: null,
      duplicatePaymentMs: null,
      refunds: [],
    };
    orders.push(order);
    emit('purchase', {
      order_id: orderId,
      value: total,
      currency: 'KRW',
      payment_method: method,
      items: items.map((i) => ({ product_id: i.product.id, quantity: i.quantity, price: i.unitPrice })),
    });
    if (checkoutAssignment) {
      checkoutAssignment.converted = true;
      checkoutAssignment.orderId = orderId;
      checkoutAssignment.revenue = total;
    }
  });
  progress(1);

  settleOrders(rng, orders);
  return {
    products,
    customers,
    orders,
    orphanItems,
    searches,
    clicks,
    assignments,
    spend,
    sellOutProductId: sellOut.id,
    stats: { sessions: valid.length, events },
  };
}

const REFUND_REASONS = ['changed_mind', 'defective', 'wrong_item', 'late_delivery'];

/** Decides payment, cancellation, shipping and refunds of every order, as of the end of the period. */
function settleOrders(rng: Random, orders: Order[]): void {
  const endMs = PERIOD_START_MS + PERIOD_DAYS * DAY_MS - 1;
  for (const order of orders) {
    const { customer } = order;
    if (customer.isTest) {
      // QA pays with a test card and refunds half of its orders the same day.
      order.paidMs = order.ms + rng.int(2_000, 15_000);
      if (rng.chance(0.5)) {
        order.status = 'refunded';
        order.refunds.push({ ms: order.paidMs + rng.int(600_000, 7_200_000), amount: order.total, reason: 'changed_mind' });
      }
      continue;
    }
    if (order.method === 'bank_transfer') {
      // Unpaid virtual-account orders expire and are cancelled.
      if (rng.chance(0.15)) {
        order.status = endMs - order.ms < 3 * DAY_MS ? 'pending_payment' : 'cancelled';
        continue;
      }
      order.paidMs = order.ms + rng.int(600_000, 40 * 3_600_000);
      if (order.paidMs > endMs) {
        order.paidMs = null;
        order.status = 'pending_payment';
        continue;
      }
    } else {
      if (rng.chance(0.01)) {
        order.status = 'cancelled';
        continue;
      }
      order.paidMs = order.ms + rng.int(3_000, 25_000);
    }
    const paidMs = order.paidMs;
    if (rng.chance(0.004)) order.duplicatePaymentMs = paidMs + rng.int(2_000, 40_000);
    const age = endMs - order.ms;
    if (age < 1 * DAY_MS) order.status = 'paid';
    else if (age < 3 * DAY_MS) order.status = 'shipped';
    else order.status = 'delivered';
    if (age > 16 * DAY_MS && rng.chance(0.03)) {
      order.status = 'refunded';
      const reason = rng.weighted(REFUND_REASONS, [45, 25, 12, 18]);
      order.refunds.push({ ms: paidMs + rng.int(3 * DAY_MS, 14 * DAY_MS), amount: order.total, reason });
    } else if (order.status === 'delivered' && order.items.length >= 2 && age > 16 * DAY_MS && rng.chance(0.02)) {
      // One unit of one line came back; the order itself stays delivered.
      const item = rng.pick(order.items);
      order.refunds.push({
        ms: paidMs + rng.int(4 * DAY_MS, 14 * DAY_MS),
        amount: item.unitPrice,
        reason: rng.weighted(REFUND_REASONS.slice(0, 3), [30, 50, 20]),
      });
    }
  }
}
