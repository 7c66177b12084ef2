import { LATE_AFTER_MS, readLakeText, type LakeStore } from './lake.ts';
import { normalizeDate } from './etl.ts';
import { kstDate, parseCsv } from './text.ts';

/**
 * The rules that find the lake's planted problems, as code: each reads the raw files the way a
 * learner would and counts. The manifest's lake counts must equal these (tested on every build).
 */

/** Counts per lake problem id. */
export type LakeProblemCounts = Record<string, number>;

/** Runs every lake rule; testUserIds are the production customers with a qa+ e-mail. */
export function countLakeProblems(lake: LakeStore, testUserIds: ReadonlySet<number>): LakeProblemCounts {
  const seen = new Set<string>();
  let duplicates = 0;
  let late = 0;
  let renamed = 0;
  let oldField = 0;
  let dateShift = 0;
  let testEvents = 0;
  for (const path of lake.list().filter((p) => p.startsWith('events/'))) {
    for (const line of readLakeText(lake, path).split('\n')) {
      if (!line) continue;
      const e = JSON.parse(line) as {
        event_id: string;
        event_name: string;
        ts: string;
        received_at: string;
        user_id: number | null;
        properties: Record<string, unknown>;
      };
      if (Date.parse(e.received_at) - Date.parse(e.ts) > LATE_AFTER_MS) late++;
      if (seen.has(e.event_id)) {
        duplicates++;
        continue;
      }
      seen.add(e.event_id);
      if (e.event_name === 'search') {
        if ('search_query' in e.properties) renamed++;
        if ('keyword' in e.properties) oldField++;
      }
      if (kstDate(Date.parse(e.ts)) !== e.ts.slice(0, 10)) dateShift++;
      if (e.user_id !== null && testUserIds.has(e.user_id)) testEvents++;
    }
  }
  let spendDuplicates = 0;
  let spendNonIso = 0;
  let oldHeaders = 0;
  const spendKeys = new Set<string>();
  for (const path of lake.list().filter((p) => p.startsWith('exports/marketing_spend_'))) {
    const rows = parseCsv(readLakeText(lake, path));
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    if (!header.includes('campaign')) oldHeaders++;
    for (const r of rows.slice(1)) {
      if (r.length < header.length) continue;
      const raw = (r[0] ?? '').trim();
      const key = `${normalizeDate(raw)}|${(r[1] ?? '').trim().toLowerCase()}`;
      if (spendKeys.has(key)) {
        spendDuplicates++;
        continue;
      }
      spendKeys.add(key);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) spendNonIso++;
    }
  }
  const crm = parseCsv(readLakeText(lake, 'exports/crm_customers_2025-12-31.csv')).slice(1);
  const crmLines = new Set<string>();
  let crmDuplicates = 0;
  let crmNonIso = 0;
  for (const r of crm) {
    if (r.length < 8) continue;
    const line = r.join('\u0001');
    if (crmLines.has(line)) {
      crmDuplicates++;
      continue;
    }
    crmLines.add(line);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r[4] ?? '')) crmNonIso++;
  }
  return {
    'lake-duplicate-events': duplicates,
    'lake-late-events': late,
    'lake-renamed-search-field': renamed,
    'lake-old-search-field': oldField,
    'lake-utc-date-shift': dateShift,
    'lake-test-account-events': testEvents,
    'lake-spend-duplicate-rows': spendDuplicates,
    'lake-spend-non-iso-dates': spendNonIso,
    'lake-spend-old-header-files': oldHeaders,
    'lake-crm-duplicate-rows': crmDuplicates,
    'lake-crm-non-iso-birth-dates': crmNonIso,
  };
}
