import { CATEGORIES, SEASON_BY_MONTH, type Season } from '../demo/data.ts';
import type { Random } from '../generator/random.ts';
import { PRICE_CHANGE, SELL_OUT } from './config.ts';

/**
 * Hanbit Market's 300 products: the 120 base products of the demo in a standard line, each also
 * in a premium line, and every other one in a value line. Search keywords come from the names.
 */

/** A product of the shop. */
export interface Product {
  id: number;
  categoryIndex: number;
  sku: string;
  name: string;
  nameEn: string;
  line: 'standard' | 'premium' | 'value';
  /** Price from 2025-03-01 on (current). */
  price: number;
  /** Price before the price change; equal to price for most products. */
  priceBefore: number;
  cost: number;
  popularity: number;
  season: Season | undefined;
  bulky: boolean;
  /** Words a shopper would type to find it (Korean, and English for some). */
  keywords: string[];
  createdDay: number;
}

const LINES = [
  { line: 'standard', ko: '', en: '', factor: 1, share: 1 },
  { line: 'premium', ko: '프리미엄 ', en: 'Premium ', factor: 1.45, share: 0.55 },
  { line: 'value', ko: '실속 ', en: 'Value ', factor: 0.8, share: 0.8 },
] as const;

/** Rounds a price the way Korean shops do: ...900 or ...500 won. */
function shopPrice(value: number): number {
  if (value < 10_000) return Math.max(990, Math.round(value / 100) * 100 - 20);
  return Math.round(value / 1000) * 1000 - 100;
}

/** The Korean words of a product name that are worth searching for. */
function keywordsOf(name: string, nameEn: string): string[] {
  const words = name.split(/\s+/).filter((w) => /^[가-힣]{2,}$/.test(w));
  const english = nameEn
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w) => /^[a-z]{4,}$/.test(w) && !['with', 'sets', 'pack'].includes(w));
  return [...words, ...english.slice(0, 1)];
}

/** Makes the product list; popularity and cost come from the seed, names and prices do not. */
export function makeProducts(rng: Random): Product[] {
  const products: Product[] = [];
  for (const lineDef of LINES) {
    CATEGORIES.forEach((category, categoryIndex) => {
      category.products.forEach(([name, nameEn, price, season], i) => {
        if (lineDef.line === 'value' && i % 2 === 1) return;
        const listPrice = lineDef.line === 'standard' ? price : shopPrice(price * lineDef.factor);
        const id = products.length + 1;
        products.push({
          id,
          categoryIndex,
          sku: `HB-${String(categoryIndex + 1).padStart(2, '0')}${String(i + 1).padStart(2, '0')}-${lineDef.line[0]?.toUpperCase() ?? 'S'}`,
          name: lineDef.ko + name,
          nameEn: lineDef.en + nameEn,
          line: lineDef.line,
          price: listPrice,
          priceBefore: listPrice,
          cost: Math.max(100, Math.round((listPrice * category.costRatio * (0.9 + rng.next() * 0.2)) / 10) * 10),
          popularity: rng.logNormal(0, 0.55) * Math.pow(10_000 / listPrice, 0.35) * lineDef.share,
          season,
          bulky: listPrice >= 100_000,
          keywords: keywordsOf(name, nameEn),
          // The premium and value lines were added to the catalogue over the years.
          createdDay: lineDef.line === 'standard' ? -900 + i * 7 : -400 + categoryIndex * 11 + i,
        });
      });
    });
  }
  // The price change: a few standard products, food and drink mostly, cost more from 2025-03-01.
  const candidates = products.filter((p) => p.line === 'standard' && p.categoryIndex <= 2 && p.price >= 5_000);
  let raised = 0;
  while (raised < PRICE_CHANGE.products) {
    const product = rng.pick(candidates);
    if (product.priceBefore !== product.price) continue;
    const rise = PRICE_CHANGE.minRise + rng.next() * (PRICE_CHANGE.maxRise - PRICE_CHANGE.minRise);
    product.price = shopPrice(product.priceBefore * (1 + rise));
    if (product.price <= product.priceBefore) product.price = product.priceBefore + 1000;
    raised++;
  }
  const soldOut = products.find((p) => p.line === 'standard' && p.name === SELL_OUT.productName);
  if (!soldOut) throw new Error('hanbit: the sell-out product is missing from the catalogue');
  // The robot vacuum is the year-end hit: popular enough that its absence shows.
  soldOut.popularity = Math.max(soldOut.popularity, 1.2);
  return products;
}

/** Popularity multiplier of a product in a month (0 = January). */
export function seasonFactor(product: Product, month: number): number {
  if (!product.season) return 1;
  const table = SEASON_BY_MONTH[product.season];
  // The table covers January..June; July..December mirror it (summer peaks in July-August).
  const index = month < 6 ? month : 11 - month;
  return table[index] ?? 1;
}

/** Korean category names and English ones, in category order. */
export const CATEGORY_NAMES: { ko: string; en: string }[] = CATEGORIES.map((c) => ({ ko: c.name, en: c.nameEn }));

/** Demand weight of each category. */
export const CATEGORY_DEMAND: number[] = CATEGORIES.map((c) => c.demand);
