import { z } from 'zod';
import { defineDoc, docsByKey, keysOf, type AnyDocDef, type DocDef, type Restored } from './define-doc.ts';
import { modelsDoc } from '../models/project-doc.ts';
import { pipelinesDoc } from '../pipeline/pipelines-doc.ts';
import { dashboardsDoc, metricsDoc } from '../metrics/metrics-doc.ts';
import { governanceDoc } from '../governance/governance-doc.ts';

export type { Restored } from './define-doc.ts';

/**
 * The documents the app keeps in the user-data folder (Electron) or IndexedDB (web).
 * Each is versioned; `restoreDoc` parses, migrates and fills defaults before anything uses it.
 */

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
  /** xAPI: record learning as statements and send them to the LRS (off unless the learner turns it on). */
  xapiEnabled: z.boolean().optional(),
  /** xAPI: the account name or id the learner chose for the LRS (never made up as an e-mail). */
  xapiAccountName: z.string().max(200).optional(),
  /** xAPI: the account's home page, the system the name belongs to (e.g. the company's LMS). */
  xapiHomePage: z.string().max(2000).optional(),
  /** xAPI: the IRI activity ids are made under (lessons/<lesson>/steps/<step>). */
  xapiActivityBase: z.string().max(2000).optional(),
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
  /** Wrong-answer message codes seen on this step, with how often (for the class progress report; absent in older files). */
  failures: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** The last wrong-answer message as the learner read it (absent in older files and before a first wrong answer). */
  lastFailure: z.object({ code: z.string(), text: z.string(), at: z.string() }).optional(),
  updatedAt: z.string(),
});
export const ProgressV1 = z.object({
  version: z.literal(1),
  steps: z.record(z.string(), StepProgress).default({}),
  lastLocation: z.string().nullable().default(null),
  /**
   * A random id made on the first progress report, so the instructor can tell two reports of one
   * learner from two learners who chose the same name (absent until then; says nothing about the learner).
   */
  reportKey: z.string().optional(),
});
export type Progress = z.infer<typeof ProgressV1>;

/**
 * The largest document file the app reads (and writes). Far above any real one (a full course of
 * progress is well under 1 MB), and small enough that parsing it never stalls the app.
 */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** How many history entries are kept per database; the oldest fall off. */
export const HISTORY_LIMIT_PER_DB = 200;

/** Settings: one object of preferences, restored whole. */
export const settingsDoc = defineDoc({ key: 'settings', version: 1, schema: SettingsV1 });

/** Lesson progress: a damaged step is dropped on load, the other steps stay. */
export const progressDoc = defineDoc({ key: 'progress', version: 1, schema: ProgressV1, entries: { steps: StepProgress } });

/** Query history, saved queries and drafts: a damaged entry is dropped on load, the rest stays. */
export const queriesDoc = defineDoc({
  key: 'queries',
  version: 1,
  schema: QueriesV1,
  entries: { history: HistoryEntry, saved: SavedQuery, drafts: z.string() },
});

/**
 * Every persisted document. The IPC contract's key enum, the Electron file store, the web host and
 * the renderer's load and autosave all derive from this list: a new document is one `defineDoc`
 * (anywhere in core) plus its line here, and a binding next to the slice that owns it.
 */
export const DOCS = [settingsDoc, progressDoc, queriesDoc, modelsDoc, pipelinesDoc, metricsDoc, dashboardsDoc, governanceDoc] as const;

/** The keys of every persisted document. */
export const DOC_KEYS = keysOf(DOCS);
/** One persisted document's name; also its file name (`<key>.json`). */
export type DocKey = (typeof DOCS)[number]['key'];

/** The value type stored under each key. */
export type DocTypes = { [D in (typeof DOCS)[number] as D['key']]: ReturnType<D['defaults']> };

/** The declaration of a document by its key. */
export const docOf = docsByKey<AnyDocDef>(DOCS) as <K extends DocKey>(key: K) => DocDef<K, DocTypes[K]>;

/** A fresh document with every default filled. */
export function defaultDoc<K extends DocKey>(key: K): DocTypes[K] {
  return docOf(key).defaults();
}

/** Parse, migrate and validate a whole document read from disk or an import; never throws. */
export function restoreDoc<K extends DocKey>(key: K, raw: unknown): Restored<DocTypes[K]> {
  return docOf(key).restore(raw);
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

/** As `restoreDocText`, for any declared document (stores handed a list of declarations use it). */
export function restoreText<T>(doc: DocDef<string, T>, text: string): Restored<T> {
  const parsed = parseDocText(text);
  return parsed.ok ? doc.restore(parsed.raw) : { ok: false, reason: parsed.reason };
}
