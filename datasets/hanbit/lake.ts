import { gunzipSync, gzipSync } from 'node:zlib';
import type { Random } from '../generator/random.ts';
import {
  ACCESS_LOG_START,
  CAMPAIGN,
  CHANNELS,
  DAY_MS,
  FIELD_RENAME_DATE,
  GIFT_SEASONS,
  PERIOD_DAYS,
  PERIOD_START_MS,
  SALES,
  dateOf,
  dayOf,
} from './config.ts';
import { spanOn } from './calendar.ts';
import { hexId, userAgentOf, type Customer } from './people.ts';
import type { SimEvent, World } from './simulate.ts';
import { csvField, fromUtf8, kstDate, kstDateTime, kstIsoOffset, utcIso, utf8 } from './text.ts';

/**
 * Writes the data lake: raw files as they arrive. Events as JSON lines partitioned by the UTC
 * month they were received in (so late events land in a later file), with retries duplicated and
 * the search field renamed from app 3.1.0; the search service's search and click logs; CSV
 * exports as messy as real ones; and nginx access logs of the year-end sale weeks.
 *
 * Like a real lake, the logs are stored gzip-compressed ('events/2024-07.jsonl.gz',
 * 'access-logs/access-2025-12-10.log.gz'); the CSV exports stay as the other teams sent them.
 */

/** Where lake files go: paths like 'events/2024-07.jsonl.gz', relative to the lake root; bytes as stored. */
export interface LakeStore {
  write(path: string, bytes: Uint8Array): void;
  read(path: string): Uint8Array;
  list(): string[];
}

/** The compression level of the lake's .gz files (fixed: it changes the bytes). */
const GZIP_LEVEL = 9;
/** The gzip header's OS byte, fixed to 3 (Unix) so every platform writes the same bytes. */
const GZIP_OS_UNIX = 3;

/**
 * gzip with a fixed header: zlib writes mtime 0 and no file name; the OS byte is set to Unix.
 * The same input gives the same bytes on the same zlib (the tests build twice and compare).
 */
export function gzipDeterministic(bytes: Uint8Array): Uint8Array {
  const out = gzipSync(bytes, { level: GZIP_LEVEL });
  out[9] = GZIP_OS_UNIX;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Whether a lake path is stored gzip-compressed. */
export function isGzipPath(path: string): boolean {
  return path.endsWith('.gz');
}

/** Writes a text file to the lake, gzip-compressed when its name ends in .gz. */
export function writeLakeText(lake: LakeStore, path: string, text: string): void {
  const bytes = utf8(text);
  lake.write(path, isGzipPath(path) ? gzipDeterministic(bytes) : bytes);
}

/** A lake file's content, decompressed when its name ends in .gz. */
export function readLakeBytes(lake: LakeStore, path: string): Uint8Array {
  const stored = lake.read(path);
  if (!isGzipPath(path)) return stored;
  const raw = gunzipSync(stored);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** A lake file's text, decompressed when its name ends in .gz (a BOM is kept). */
export function readLakeText(lake: LakeStore, path: string): string {
  return fromUtf8(readLakeBytes(lake, path));
}

/** A lake file's size as stored and uncompressed, and its line count. */
export interface LakeFileStats {
  /** Path relative to the lake root. */
  name: string;
  lines: number;
  /** Bytes as stored (compressed for .gz files). */
  sizeBytes: number;
  uncompressedBytes: number;
}

/** Sizes and line counts of every file in the lake, in name order. */
export function lakeFileStats(lake: LakeStore): LakeFileStats[] {
  return lake.list().map((name) => {
    const stored = lake.read(name);
    const bytes = isGzipPath(name) ? readLakeBytes(lake, name) : stored;
    let lines = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
    return { name, lines, sizeBytes: stored.byteLength, uncompressedBytes: bytes.byteLength };
  });
}

/** An in-memory lake, for tests and for building the warehouse before anything is written. */
export function memoryLake(): LakeStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    write: (path, bytes) => void files.set(path, bytes),
    read: (path) => {
      const bytes = files.get(path);
      if (!bytes) throw new Error(`lake file ${path} does not exist`);
      return bytes;
    },
    list: () => [...files.keys()].sort(),
  };
}

/** What the lake writer planted, counted as it wrote. */
export interface LakeCounts {
  eventLines: number;
  distinctEvents: number;
  duplicateEventLines: number;
  lateEvents: number;
  searchEventsRenamed: number;
  searchEventsOldField: number;
  utcDateDiffers: number;
  testAccountEvents: number;
  accessLogLines: number;
  spendRows: number;
  spendDuplicateRows: number;
  spendNonIsoDates: number;
  spendOldHeaderFiles: number;
  crmRows: number;
  crmDuplicateRows: number;
  crmNonIsoBirthDates: number;
}

/** Late events arrive more than this after they happened. */
export const LATE_AFTER_MS = 3_600_000;

interface AccessEntry {
  ms: number;
  ip: string;
  method: string;
  path: string;
  referer: string;
  userAgent: string;
  bytes: number;
  bot: boolean;
}

/** Collects events as the simulation emits them and writes the event and access-log files. */
export class EventLakeWriter {
  readonly counts: LakeCounts;
  private readonly rng: Random;
  private readonly byMonth = new Map<string, { ms: number; seq: number; line: string }[]>();
  private readonly access: AccessEntry[] = [];
  private readonly accessFrom: number;
  private readonly accessTo: number;
  private readonly renameMs: number;
  private readonly endMs = PERIOD_START_MS + PERIOD_DAYS * DAY_MS;
  private seq = 0;

  constructor(rng: Random, accessLogDays: number) {
    this.rng = rng;
    this.accessFrom = PERIOD_START_MS + dayOf(ACCESS_LOG_START) * DAY_MS;
    this.accessTo = this.accessFrom + accessLogDays * DAY_MS;
    this.renameMs = PERIOD_START_MS + dayOf(FIELD_RENAME_DATE) * DAY_MS;
    this.counts = {
      eventLines: 0,
      distinctEvents: 0,
      duplicateEventLines: 0,
      lateEvents: 0,
      searchEventsRenamed: 0,
      searchEventsOldField: 0,
      utcDateDiffers: 0,
      testAccountEvents: 0,
      accessLogLines: 0,
      spendRows: 0,
      spendDuplicateRows: 0,
      spendNonIsoDates: 0,
      spendOldHeaderFiles: 0,
      crmRows: 0,
      crmDuplicateRows: 0,
      crmNonIsoBirthDates: 0,
    };
  }

  /** The sink the simulation calls for every event. */
  readonly sink = (e: SimEvent): void => {
    const rng = this.rng;
    let props = e.props;
    if (e.name === 'search') {
      // Tracker 3.1.0 (and the web tracker from the same day) renamed `keyword` to `search_query`.
      const renamed = e.device.platform === 'web' ? e.ms >= this.renameMs : (e.appVersion ?? '') >= '3.1.0';
      const { query, ...rest } = props;
      props = renamed
        ? { search_id: rest.search_id, search_query: query, result_count: rest.result_count }
        : { search_id: rest.search_id, keyword: query, result_count: rest.result_count };
      if (renamed) this.counts.searchEventsRenamed++;
      else this.counts.searchEventsOldField++;
    }
    const eventId = hexId(rng, 16);
    const late = e.device.platform !== 'web' && e.ms < this.endMs - 5 * DAY_MS && rng.chance(0.006);
    const received =
      e.ms + (late ? Math.round(LATE_AFTER_MS * 2 + rng.logNormal(16.5, 1.1)) : rng.int(150, e.device.platform === 'web' ? 2_500 : 30_000));
    const head = `{"event_id":"${eventId}","event_name":"${e.name}","ts":"${utcIso(e.ms)}","received_at":"`;
    const tail =
      `","session_id":"${e.sessionId}","anonymous_id":"${e.device.anonId}","user_id":${e.userId ?? 'null'},` +
      `"platform":"${e.device.platform}","app_version":${e.appVersion ? `"${e.appVersion}"` : 'null'},"properties":${JSON.stringify(props)}}`;
    this.add(received, head + utcIso(received) + tail);
    this.counts.distinctEvents++;
    if (late) this.counts.lateEvents++;
    if (kstDate(e.ms) !== utcIso(e.ms).slice(0, 10)) this.counts.utcDateDiffers++;
    if (e.isTestUser) this.counts.testAccountEvents++;
    if (!late && rng.chance(0.004)) {
      // The client retried: the same event again, received a few seconds later.
      const again = received + rng.int(1_000, 8_000);
      this.add(again, head + utcIso(again) + tail);
      this.counts.duplicateEventLines++;
    }
    if (e.ms >= this.accessFrom && e.ms < this.accessTo) this.addAccess(e);
  };

  private add(receivedMs: number, line: string): void {
    const month = utcIso(receivedMs).slice(0, 7);
    let list = this.byMonth.get(month);
    if (!list) this.byMonth.set(month, (list = []));
    list.push({ ms: receivedMs, seq: this.seq++, line });
    this.counts.eventLines++;
  }

  private addAccess(e: SimEvent): void {
    const app = e.device.platform !== 'web';
    const p = e.props;
    let method = 'GET';
    let path: string;
    switch (e.name) {
      case 'page_view':
        path = p.page_type === 'product' ? `${app ? '/api/v1' : ''}/products/${String(p.product_id)}` : app ? '/api/v1/home' : '/';
        break;
      case 'search':
        path = `${app ? '/api/v1' : ''}/search?q=${encodeURIComponent(String(p.query).trim())}`;
        break;
      case 'search_result_click':
        path = `/api/v1/search/click?sid=${String(p.search_id)}&pid=${String(p.product_id)}`;
        break;
      case 'add_to_cart':
        method = 'POST';
        path = '/api/v1/cart/items';
        break;
      case 'checkout_start':
        path = app ? '/api/v1/checkout' : '/checkout';
        break;
      case 'purchase':
        method = 'POST';
        path = '/api/v1/orders';
        break;
    }
    const userAgent = userAgentOf(e.device, e.appVersion);
    const referer = app ? '-' : 'https://www.hanbitmarket.co.kr/';
    this.access.push({ ms: e.ms, ip: e.device.ip, method, path, referer, userAgent, bytes: this.rng.int(400, 9_000), bot: false });
    if (!app && e.name === 'page_view') {
      // A browser page also fetches its script and an image.
      this.access.push({
        ms: e.ms + 120,
        ip: e.device.ip,
        method: 'GET',
        path: '/static/js/app.3f9c2a.js',
        referer,
        userAgent,
        bytes: 182_311,
        bot: false,
      });
      if (p.page_type === 'product') {
        this.access.push({
          ms: e.ms + 180,
          ip: e.device.ip,
          method: 'GET',
          path: `/static/img/p${String(p.product_id)}.webp`,
          referer,
          userAgent,
          bytes: this.rng.int(20_000, 90_000),
          bot: false,
        });
      }
    }
  }

  /** Writes events/*.jsonl.gz and access-logs/*.log.gz; call once, after the simulation. */
  finish(lake: LakeStore, productCount: number): void {
    for (const month of [...this.byMonth.keys()].sort()) {
      const list = this.byMonth.get(month) ?? [];
      list.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
      writeLakeText(lake, `events/${month}.jsonl.gz`, list.map((x) => x.line).join('\n') + '\n');
    }
    this.byMonth.clear();
    this.writeAccessLogs(lake, productCount);
  }

  private writeAccessLogs(lake: LakeStore, productCount: number): void {
    const rng = this.rng;
    // The load balancer checks health every minute; crawlers fetch product pages.
    for (let ms = this.accessFrom; ms < this.accessTo; ms += 60_000) {
      this.access.push({
        ms: ms + rng.int(0, 900),
        ip: '10.0.3.17',
        method: 'GET',
        path: '/healthz',
        referer: '-',
        userAgent: 'ELB-HealthChecker/2.0',
        bytes: 2,
        bot: true,
      });
      if (rng.chance(0.2)) {
        const bot = rng.chance(0.6)
          ? ['66.249.66.1', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)']
          : ['125.209.235.170', 'Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)'];
        const id = rng.int(1, productCount + 40); // some links are stale: 404
        this.access.push({
          ms: ms + rng.int(0, 59_000),
          ip: bot[0] ?? '',
          method: 'GET',
          path: `/products/${id}`,
          referer: '-',
          userAgent: bot[1] ?? '',
          bytes: rng.int(3_000, 12_000),
          bot: true,
        });
      }
    }
    this.access.sort((a, b) => a.ms - b.ms);
    const perMinute = new Map<number, number>();
    for (const a of this.access) perMinute.set(Math.floor(a.ms / 60_000), (perMinute.get(Math.floor(a.ms / 60_000)) ?? 0) + 1);
    let busiest = 1;
    for (const n of perMinute.values()) busiest = Math.max(busiest, n);
    const byDay = new Map<string, string[]>();
    for (const a of this.access) {
      // Errors and latency grow with the load of the minute: the peak hours hurt.
      const load = (perMinute.get(Math.floor(a.ms / 60_000)) ?? 1) / busiest;
      let status = 200;
      if (a.bot && a.path.startsWith('/products/') && Number(a.path.slice(10)) > productCount) status = 404;
      else if (a.method === 'POST' && a.path === '/api/v1/orders') status = 201;
      if (!a.bot && rng.chance(0.001 + 0.05 * load ** 3)) status = rng.chance(0.7) ? 503 : 502;
      const seconds = (rng.logNormal(Math.log(0.035), 0.5) * (1 + 3 * load ** 2) * (status >= 500 ? 8 : 1)).toFixed(3);
      const day = kstDate(a.ms);
      let lines = byDay.get(day);
      if (!lines) byDay.set(day, (lines = []));
      lines.push(
        `${a.ip} - - [${nginxTime(a.ms)}] "${a.method} ${a.path} HTTP/1.1" ${status} ${status >= 500 ? 157 : a.bytes} "${a.referer}" "${a.userAgent}" ${seconds}`,
      );
    }
    for (const [day, lines] of [...byDay.entries()].sort()) {
      writeLakeText(lake, `access-logs/access-${day}.log.gz`, lines.join('\n') + '\n');
      this.counts.accessLogLines += lines.length;
    }
    this.access.length = 0;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's $time_local in KST: '21/Dec/2025:21:04:05 +0900'. */
function nginxTime(ms: number): string {
  const d = new Date(ms + 9 * 3_600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0900`;
}

/** Writes search/searches-YYYY-MM.jsonl.gz and search/clicks-YYYY-MM.jsonl.gz (KST months, KST times). */
export function writeSearchLogs(lake: LakeStore, world: World): void {
  const searches = new Map<string, string[]>();
  for (const s of world.searches) {
    const month = kstDate(s.ms).slice(0, 7);
    const line = JSON.stringify({
      search_id: s.id,
      ts: kstIsoOffset(s.ms),
      session_id: s.sessionId,
      user_id: s.userId,
      anonymous_id: s.device.anonId,
      platform: s.device.platform,
      query: s.query,
      result_count: s.resultCount,
    });
    (searches.get(month) ?? searches.set(month, []).get(month))?.push(line);
  }
  const clicks = new Map<string, string[]>();
  for (const c of world.clicks) {
    const month = kstDate(c.ms).slice(0, 7);
    const line = JSON.stringify({ search_id: c.searchId, ts: kstIsoOffset(c.ms), product_id: c.productId, position: c.position });
    (clicks.get(month) ?? clicks.set(month, []).get(month))?.push(line);
  }
  for (const [month, lines] of searches) writeLakeText(lake, `search/searches-${month}.jsonl.gz`, lines.join('\n') + '\n');
  for (const [month, lines] of clicks) writeLakeText(lake, `search/clicks-${month}.jsonl.gz`, lines.join('\n') + '\n');
}

const CHANNEL_SPELLINGS: Record<string, string[]> = {
  naver: ['naver', 'Naver', 'NAVER', 'naver '],
  kakao: ['kakao', 'Kakao', 'KAKAO', ' kakao'],
  google: ['google', 'Google', 'GOOGLE', 'google '],
  instagram: ['instagram', 'Instagram', 'INSTAGRAM', 'instagram '],
  youtube: ['youtube', 'YouTube', 'Youtube', ' youtube'],
};

/** The campaign a spend row belongs to (files from 2025 have the column). */
export function campaignOf(day: number, channelIndex: number): string {
  const channel = CHANNELS[channelIndex];
  if (day >= dayOf(CAMPAIGN.from) && day <= dayOf(CAMPAIGN.to) && channel?.social) return 'spring_festa_2025';
  const sale = spanOn(SALES, day);
  if (sale) return sale.id.replace('-', '_sale_');
  const gift = spanOn(GIFT_SEASONS, day);
  if (gift) return gift.id.replaceAll('-', '_');
  return 'always_on';
}

/** Writes exports/marketing_spend_YYYY-MM.csv: the agency's daily spend per channel, header changed in 2025. */
export function writeSpendExports(lake: LakeStore, rng: Random, spend: number[][], counts: LakeCounts): void {
  const months = new Map<string, string[]>();
  for (let day = 0; day < PERIOD_DAYS; day++) {
    const date = dateOf(day);
    const month = date.slice(0, 7);
    const newFormat = date >= '2025-01-01';
    let lines = months.get(month);
    if (!lines) months.set(month, (lines = []));
    (spend[day] ?? []).forEach((amount, c) => {
      const id = CHANNELS[c]?.id ?? 'naver';
      const channel = rng.chance(0.75) ? id : rng.pick(CHANNEL_SPELLINGS[id] ?? [id]);
      const [y, m, d] = date.split('-');
      let shownDate = date;
      const r = rng.next();
      if (newFormat ? r < 0.7 : r < 0.15) shownDate = `${y}${newFormat ? '.' : '/'}${m}${newFormat ? '.' : '/'}${d}`;
      else if (!newFormat && r < 0.2) shownDate = `${y}${m}${d}`;
      if (shownDate !== date) counts.spendNonIsoDates++;
      const grouped = amount.toLocaleString('en-US');
      const shownAmount = newFormat ? (rng.chance(0.8) ? grouped : `${grouped} 원`) : rng.chance(0.8) ? `${grouped}원` : String(amount);
      const fields = newFormat ? [shownDate, channel, campaignOf(day, c), shownAmount] : [shownDate, channel, shownAmount];
      const line = fields.map(csvField).join(',');
      lines.push(line);
      counts.spendRows++;
      if (rng.chance(0.012)) {
        // The export tool repeats a row now and then.
        lines.push(line);
        counts.spendRows++;
        counts.spendDuplicateRows++;
      }
    });
  }
  for (const [month, lines] of months) {
    const newFormat = month >= '2025-01';
    if (!newFormat) counts.spendOldHeaderFiles++;
    const text = newFormat
      ? `\ufeffDate,Channel,Campaign,Cost (KRW)\r\n${lines.join('\r\n')}\r\n`
      : `date,channel,spend\n${lines.join('\n')}\n`;
    writeLakeText(lake, `exports/marketing_spend_${month}.csv`, text);
  }
}

/** Writes exports/crm_customers_2025-12-31.csv: the CRM's customer export with PII, messy. */
export function writeCrmExport(lake: LakeStore, rng: Random, customers: Customer[], counts: LakeCounts): void {
  const lines: string[] = [];
  for (const c of customers) {
    const address = c.addresses[c.addresses.length - 1];
    let email = c.email ?? '';
    if (email && rng.chance(0.1))
      email = email.replace(/^./, (x) => x.toUpperCase()).replace(/@(.)/, (_, x: string) => `@${x.toUpperCase()}`);
    if (email && rng.chance(0.03)) email = ` ${email} `;
    const digits = c.phone.replaceAll('-', '');
    const r = rng.next();
    const phone = r < 0.6 ? c.phone : r < 0.85 ? digits : r < 0.95 ? c.phone.replaceAll('-', ' ') : `+82-${c.phone.slice(1)}`;
    const birth = c.placeholderBirthDate ? '1900-01-01' : c.birthDate;
    const [y, m, d] = birth.split('-');
    const b = rng.next();
    const shownBirth = b < 0.6 ? birth : b < 0.75 ? `${y}.${m}.${d}` : b < 0.9 ? `${y}${m}${d}` : `${y}/${Number(m)}/${Number(d)}`;
    if (shownBirth !== birth) counts.crmNonIsoBirthDates++;
    const consent = c.marketingConsent ? rng.pick(['Y', 'Y', 'y', '동의', 'TRUE']) : rng.pick(['N', 'N', 'n', '미동의', 'FALSE']);
    const name = rng.chance(0.04) ? `${c.name} ` : c.name;
    const fields = [
      String(c.id),
      name,
      email,
      phone,
      shownBirth,
      `${address?.region ?? ''} ${address?.city ?? ''} ${address?.street ?? ''}`,
      consent,
      kstDateTime(c.signupMs),
    ];
    const line = fields.map(csvField).join(',');
    lines.push(line);
    counts.crmRows++;
    if (rng.chance(0.012)) {
      lines.push(line);
      counts.crmRows++;
      counts.crmDuplicateRows++;
    }
  }
  writeLakeText(
    lake,
    'exports/crm_customers_2025-12-31.csv',
    `\ufeff고객번호,이름,이메일,휴대폰,생년월일,주소,마케팅수신동의,가입일\r\n${lines.join('\r\n')}\r\n`,
  );
}
