import { z } from 'zod';

/**
 * The documents the app keeps in the user-data folder (Electron) or IndexedDB (web).
 * Each is versioned; `restoreDoc` parses, migrates and fills defaults before anything uses it.
 */

export const DOC_KEYS = ['settings', 'progress', 'queries'] as const;
/** One persisted document's name; also its file name (`<key>.json`). */
export type DocKey = (typeof DOC_KEYS)[number];

export const LanguageSetting = z.enum(['system', 'ko', 'en']);
export const ThemeSetting = z.enum(['system', 'light', 'dark']);
export const ROW_LIMITS = [1000, 10000, 100000] as const;

export const SettingsV1 = z.object({
  version: z.literal(1),
  language: LanguageSetting.default('system'),
  theme: ThemeSetting.default('system'),
  completion: z.boolean().default(true),
  editorFontSize: z.number().int().min(10).max(28).default(14),
  rowLimit: z.union([z.literal(1000), z.literal(10000), z.literal(100000)]).default(1000),
  lastDatabase: z.string().nullable().default(null),
});
export type Settings = z.infer<typeof SettingsV1>;

export const HistoryEntry = z.object({
  id: z.string(),
  database: z.string(),
  sql: z.string(),
  ranAt: z.string(),
  elapsedMs: z.number().nonnegative(),
  rowCount: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const SavedQuery = z.object({
  id: z.string(),
  database: z.string(),
  name: z.string().min(1),
  sql: z.string(),
  savedAt: z.string(),
});
export type SavedQuery = z.infer<typeof SavedQuery>;

export const QueriesV1 = z.object({
  version: z.literal(1),
  history: z.array(HistoryEntry).default([]),
  saved: z.array(SavedQuery).default([]),
  /** The editor text per database, so a restart reopens the learner's work. */
  drafts: z.record(z.string(), z.string()).default({}),
});
export type Queries = z.infer<typeof QueriesV1>;

export const StepProgress = z.object({
  status: z.enum(['not-started', 'in-progress', 'done']),
  attempts: z.number().int().nonnegative().default(0),
  hintsUsed: z.number().int().nonnegative().default(0),
  solutionRevealed: z.boolean().default(false),
  timeSpentMs: z.number().nonnegative().default(0),
  lastAnswer: z.string().optional(),
  updatedAt: z.string(),
});
export const ProgressV1 = z.object({
  version: z.literal(1),
  steps: z.record(z.string(), StepProgress).default({}),
  lastLocation: z.string().nullable().default(null),
});
export type Progress = z.infer<typeof ProgressV1>;

/**
 * The largest document file the app reads (and writes). Far above any real one (a full course of
 * progress is well under 1 MB), and small enough that parsing it never stalls the app.
 */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** How many history entries are kept per database; the oldest fall off. */
export const HISTORY_LIMIT_PER_DB = 200;

interface DocSpec<T> {
  current: number;
  schema: z.ZodType<T>;
  /** Migrations from version n to n+1, keyed by n. */
  migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
}

const SPECS: { settings: DocSpec<Settings>; progress: DocSpec<Progress>; queries: DocSpec<Queries> } = {
  settings: { current: 1, schema: SettingsV1, migrations: {} },
  progress: { current: 1, schema: ProgressV1, migrations: {} },
  queries: { current: 1, schema: QueriesV1, migrations: {} },
};

/** The value type stored under each key. */
export interface DocTypes {
  settings: Settings;
  progress: Progress;
  queries: Queries;
}

/** A fresh document with every default filled. */
export function defaultDoc<K extends DocKey>(key: K): DocTypes[K] {
  return SPECS[key].schema.parse({ version: SPECS[key].current }) as DocTypes[K];
}

/**
 * The result of reading a document from outside: either a usable value or the reason it is not.
 * `newerFormat` is set when a newer version of the app wrote it: not damaged, just unreadable here.
 */
export type Restored<T> = { ok: true; value: T; migratedFrom?: number } | { ok: false; reason: string; newerFormat?: number };

/** Parse, migrate and validate a document read from disk or an import; never throws. */
export function restoreDoc<K extends DocKey>(key: K, raw: unknown): Restored<DocTypes[K]> {
  const spec = SPECS[key] as DocSpec<DocTypes[K]>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  let doc = { ...(raw as Record<string, unknown>) };
  const from = doc.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, reason: 'missing or invalid "version"' };
  }
  if (from > spec.current) {
    return {
      ok: false,
      reason: `written by a newer version of the app (format ${from}, this app reads up to ${spec.current})`,
      newerFormat: from,
    };
  }
  for (let v = from; v < spec.current; v++) {
    const step = spec.migrations[v];
    if (!step) return { ok: false, reason: `no migration from format ${v}` };
    doc = { ...step(doc), version: v + 1 };
  }
  const parsed = spec.schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, reason: `invalid content${where}: ${issue?.message ?? 'unknown'}` };
  }
  return from === spec.current ? { ok: true, value: parsed.data } : { ok: true, value: parsed.data, migratedFrom: from };
}

/** JSON text as parsed, or why it is not JSON. A leading UTF-8 byte-order mark (Windows editors add one) is accepted. */
export function parseDocText(text: string): { ok: true; raw: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, raw: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message})` };
  }
}

/** Parse JSON text and restore it; a syntax error is reported as a reason, never thrown. */
export function restoreDocText<K extends DocKey>(key: K, text: string): Restored<DocTypes[K]> {
  const parsed = parseDocText(text);
  return parsed.ok ? restoreDoc(key, parsed.raw) : { ok: false, reason: parsed.reason };
}
