import { EMAIL_DOMAINS, FEMALE_NAMES, MALE_NAMES, REGIONS, SURNAMES } from '../demo/data.ts';
import type { Random } from '../generator/random.ts';
import { CHANNELS, DAY_MS, PERIOD_DAYS, PERIOD_START_MS, SHOP_DOMAIN } from './config.ts';
import { HOUR_WEIGHTS } from './calendar.ts';

/**
 * Hanbit Market's customers and their devices and addresses. Customers who signed up before the
 * period are already there on day 0; the others arrive over the period, more of them on days
 * with more marketing spend. A few move house (a new default address), which the warehouse keeps
 * as history (SCD type 2). Eight QA test accounts shop like customers and must be excluded.
 */

export type Platform = 'android' | 'ios' | 'web';

/** A phone, tablet or browser a person uses; events carry its anonymous id. */
export interface Device {
  anonId: string;
  platform: Platform;
  ip: string;
  userAgent: string;
  /** Days this device waits before installing a new app release. */
  updateLag: number;
}

/** A street address in Korea. */
export interface Address {
  id: number;
  customerIndex: number;
  region: string;
  city: string;
  street: string;
  postalCode: string;
  createdMs: number;
}

/** A customer (or a QA test account). */
export interface Customer {
  id: number;
  name: string;
  gender: 'F' | 'M';
  birthDate: string;
  email: string | null;
  phone: string;
  signupMs: number;
  signupPlatform: Platform;
  signupSource: string;
  marketingConsent: boolean;
  /** Sessions per day at a calendar weight of 1. */
  rate: number;
  /** Last active day (inclusive); customers who churn stop visiting. */
  lastDay: number;
  favoriteCategory: number;
  method: string;
  devices: Device[];
  /** Addresses in the order they were registered; the last is the current default. */
  addresses: Address[];
  isTest: boolean;
  /** Planted: birth date stored as the placeholder 1900-01-01. */
  placeholderBirthDate: boolean;
}

const STREETS = [
  '중앙로',
  '한빛로',
  '문화로',
  '새솔로',
  '푸른길',
  '시민로',
  '은행나무길',
  '역삼로',
  '호수로',
  '대학로',
  '공원로',
  '평화로',
];
const PAYMENT_METHODS = ['card', 'kakao_pay', 'naver_pay', 'toss_pay', 'bank_transfer'];
const PAYMENT_SHARES = [50, 18, 16, 7, 9];
const ANDROID_UA = 'HanbitMarket/{v} (Android 14; SM-S921N)';
const IOS_UA = 'HanbitMarket/{v} (iPhone; iOS 18.1)';
const WEB_UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Mobile Safari/537.36 Whale/3.27',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
];

/** The user agent a device sends, with the app version filled in for apps. */
export function userAgentOf(device: Device, appVersion: string | null): string {
  return device.userAgent.replace('{v}', appVersion ?? '');
}

/** A lowercase hex id of a given length from the stream. */
export function hexId(rng: Random, length: number): string {
  let s = '';
  while (s.length < length)
    s += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, length);
}

/** A new device on a platform. */
export function makeDevice(rng: Random, platform: Platform): Device {
  return {
    anonId: hexId(rng, 12),
    platform,
    ip: `${rng.pick([1, 14, 27, 39, 49, 58, 59, 61, 101, 106, 110, 112, 118, 121, 175, 180, 182, 211, 218, 220, 222])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    userAgent: platform === 'android' ? ANDROID_UA : platform === 'ios' ? IOS_UA : rng.pick(WEB_UAS),
    updateLag: Math.floor(rng.logNormal(3, 1.3)),
  };
}

/** A platform with the shop's mix: most traffic is the app. */
export function pickPlatform(rng: Random): Platform {
  return rng.weighted<Platform>(['android', 'ios', 'web'], [44, 30, 26]);
}

/** A time of day in ms from midnight KST, following HOUR_WEIGHTS. */
export function timeOfDayMs(rng: Random): number {
  const hour = rng.weightedIndex(HOUR_WEIGHTS);
  return hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}

function makeAddress(rng: Random, customerIndex: number, createdMs: number, avoidRegion?: string): Omit<Address, 'id'> {
  const regionWeights = REGIONS.map((r) => (r[0] === avoidRegion ? 0 : r[1]));
  const [region, , cities] = rng.weighted(REGIONS, regionWeights);
  return {
    customerIndex,
    region,
    city: rng.pick(cities),
    street: `${rng.pick(STREETS)} ${rng.int(1, 420)}${rng.chance(0.7) ? `, ${rng.int(101, 1520)}호` : ''}`,
    postalCode: String(rng.int(1000, 63644)).padStart(5, '0'),
    createdMs,
  };
}

/** Everything makeCustomers needs to know about the calendar. */
export interface ArrivalModel {
  /** Weight of each period day for sign-ups (traffic times marketing spend). */
  signupWeights: number[];
  /** Spend per day and channel, to say which channel brought a sign-up. */
  spend: number[][];
}

/** Makes the customers (sorted by sign-up, ids from 1) and the QA test accounts among them. */
export function makeCustomers(rng: Random, count: number, arrivals: ArrivalModel): Customer[] {
  const usedEmails = new Set<string>();
  const usedPhones = new Set<string>();
  const surnameWeights = SURNAMES.map((s) => s[2]);
  const domainWeights = EMAIL_DOMAINS.map((d) => d[1]);
  const firstOldSignup = Date.UTC(2021, 2, 1) - 9 * 3_600_000;
  const cumulative: number[] = [];
  let total = 0;
  for (const w of arrivals.signupWeights) cumulative.push((total += w));

  const newPhone = (): string => {
    let phone: string;
    do phone = `010-${rng.int(2000, 9999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
    while (usedPhones.has(phone));
    usedPhones.add(phone);
    return phone;
  };

  const drafts: Omit<Customer, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const gender = rng.chance(0.56) ? 'F' : 'M';
    const [surname, surnameRoman] = rng.weighted(SURNAMES, surnameWeights);
    const [given, givenRoman] = rng.pick(gender === 'F' ? FEMALE_NAMES : MALE_NAMES);
    const birthYear = Math.min(2006, Math.max(1950, Math.round(rng.normal(1986, 11))));
    const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    let signupMs: number;
    let signupSource = 'organic';
    if (rng.chance(0.34)) {
      signupMs = firstOldSignup + Math.floor(rng.next() * (PERIOD_START_MS - firstOldSignup - DAY_MS));
    } else {
      const r = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
        else hi = mid;
      }
      signupMs = PERIOD_START_MS + lo * DAY_MS + timeOfDayMs(rng);
      const daySpend = arrivals.spend[lo] ?? [];
      // Paid channels bring sign-ups in proportion to what they cost that day.
      if (rng.chance(0.45)) signupSource = CHANNELS[rng.weightedIndex(daySpend)]?.id ?? 'organic';
      else signupSource = rng.chance(0.6) ? 'organic' : 'direct';
    }
    let email: string | null = null;
    // Some people signed up with Kakao or phone login and never gave an e-mail address.
    if (!rng.chance(0.015)) {
      const yy = String(birthYear % 100).padStart(2, '0');
      let local = rng.pick([
        `${givenRoman}${yy}`,
        `${givenRoman}.${surnameRoman}`,
        `${surnameRoman}${givenRoman}`,
        `${givenRoman}_${rng.int(1, 999)}`,
      ]);
      const domain = rng.weighted(EMAIL_DOMAINS, domainWeights)[0];
      while (usedEmails.has(`${local}@${domain}`)) local += String(rng.int(0, 9));
      email = `${local}@${domain}`;
      usedEmails.add(email);
    }
    const main = pickPlatform(rng);
    const devices = [makeDevice(rng, main)];
    if (main !== 'web' && rng.chance(0.3)) devices.push(makeDevice(rng, 'web'));
    const churns = rng.chance(0.3);
    const signupDay = Math.max(0, Math.floor((signupMs - PERIOD_START_MS) / DAY_MS));
    drafts.push({
      name: surname + given,
      gender,
      birthDate,
      email,
      phone: newPhone(),
      signupMs,
      signupPlatform: main,
      signupSource,
      marketingConsent: rng.chance(0.58),
      rate: 0.039 * rng.logNormal(-0.4, 0.9),
      lastDay: churns ? rng.int(signupDay, PERIOD_DAYS - 1) : PERIOD_DAYS - 1,
      favoriteCategory: rng.weightedIndex([22, 14, 16, 13, 11, 7, 9, 8]),
      method: rng.weighted(PAYMENT_METHODS, PAYMENT_SHARES),
      devices,
      addresses: [],
      isTest: false,
      placeholderBirthDate: rng.chance(0.008),
    });
  }
  // QA keeps eight test accounts in production and shops with them after every release.
  for (let t = 1; t <= 8; t++) {
    const nn = String(t).padStart(2, '0');
    drafts.push({
      name: `테스트계정${nn}`,
      gender: t % 2 === 0 ? 'F' : 'M',
      birthDate: '1990-01-01',
      email: `qa+${nn}@${SHOP_DOMAIN}`,
      phone: `010-0000-00${nn}`,
      signupMs: Date.UTC(2024, 5, 20, 1, t),
      signupPlatform: t <= 3 ? 'android' : t <= 6 ? 'ios' : 'web',
      signupSource: 'direct',
      marketingConsent: false,
      rate: 0.03,
      lastDay: PERIOD_DAYS - 1,
      favoriteCategory: t % 8,
      method: 'card',
      devices: [makeDevice(rng, t <= 3 ? 'android' : t <= 6 ? 'ios' : 'web')],
      addresses: [],
      isTest: true,
      placeholderBirthDate: false,
    });
  }
  drafts.sort((a, b) => a.signupMs - b.signupMs);
  const customers = drafts.map((d, i) => ({ id: i + 1, ...d }));
  for (const c of customers) {
    const index = c.id - 1;
    c.addresses.push({ id: 0, ...makeAddress(rng, index, c.signupMs) });
    if (c.isTest) {
      c.addresses[0] = { ...(c.addresses[0] as Address), region: '서울', city: '강남구', street: '테헤란로 427, 한빛마켓 QA팀' };
      continue;
    }
    // About one customer in ten moves during the period; orders after that go to the new address.
    const signupDay = Math.max(0, Math.floor((c.signupMs - PERIOD_START_MS) / DAY_MS));
    if (rng.chance(0.1) && signupDay < PERIOD_DAYS - 30) {
      const moveDay = rng.int(signupDay + 20, PERIOD_DAYS - 5);
      const previous = c.addresses[0] as Address;
      const moved = makeAddress(
        rng,
        index,
        PERIOD_START_MS + moveDay * DAY_MS + timeOfDayMs(rng),
        rng.chance(0.5) ? previous.region : undefined,
      );
      c.addresses.push({ id: 0, ...moved });
    }
  }
  // Address ids follow the order addresses were registered, as a real sequence would.
  const all = customers.flatMap((c) => c.addresses).sort((a, b) => a.createdMs - b.createdMs || a.customerIndex - b.customerIndex);
  all.forEach((a, i) => (a.id = i + 1));
  return customers;
}

/** The customer's default address at a moment. */
export function addressAt(customer: Customer, ms: number): Address {
  let current = customer.addresses[0] as Address;
  for (const a of customer.addresses) if (a.createdMs <= ms) current = a;
  return current;
}
