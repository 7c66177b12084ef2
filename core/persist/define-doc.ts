import type { z } from 'zod';

/*
 * A persisted document declared once: its key (also its file name), its schema, its version and
 * the migrations that bring an older file up to it. Everything that reads or writes documents
 * (the Electron file store, the web host, the renderer's load and autosave, the IPC contract's
 * key list) works from these declarations, so a new document is one `defineDoc` and one line in
 * the list of documents (`DOCS` in docs.ts).
 */

/** Brings a document of version n up to n+1 (the `version` field is set by the caller). */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * The result of reading a document from outside: either a usable value or the reason it is not.
 * `newerFormat` is set when a newer version of the app wrote it: not damaged, just unreadable here.
 */
export type Restored<T> = { ok: true; value: T; migratedFrom?: number } | { ok: false; reason: string; newerFormat?: number };

/** How many entries of one collection (steps, history, saved queries) were damaged and left out. */
export interface DroppedEntries {
  field: string;
  count: number;
}

/** A restore that may have left out damaged entries while keeping the rest of the document. */
export type Salvaged<T> = (Restored<T> & { ok: true; dropped: DroppedEntries[] }) | (Restored<T> & { ok: false });

/** What a document declaration holds. */
export interface DocSpec<K extends string, T> {
  key: K;
  /** The format this app writes; files with a lower version are migrated, a higher one is refused as newer. */
  version: number;
  schema: z.ZodType<T>;
  /** Migrations from version n to n+1, keyed by n. */
  migrations?: Record<number, Migration>;
  /**
   * Collections restored entry by entry (an array or a record of entries, by field name): when the
   * whole document does not parse, a damaged entry is left out and counted instead of losing the file.
   */
  entries?: Record<string, z.ZodType>;
}

/** A declared document: its spec plus the pure operations every store and host uses. */
export interface DocDef<K extends string = string, T = unknown> {
  readonly key: K;
  readonly version: number;
  readonly schema: z.ZodType<T>;
  /** A fresh document with every default filled. */
  defaults(): T;
  /** Parse, migrate and validate a whole document read from disk or an import; never throws. */
  restore(raw: unknown): Restored<T>;
  /**
   * As `restore`, but a damaged entry of a declared collection is dropped (and counted) instead of
   * failing the whole document, as excalidraw's `restore` does with elements.
   */
  salvage(raw: unknown): Salvaged<T>;
}

/** Any declared document, for code that handles documents by key. */
export type AnyDocDef = DocDef<string, unknown>;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return `invalid content${where}: ${issue?.message ?? 'unknown'}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps the entries of one collection that parse; returns the kept collection and how many were left out. */
function keepGoodEntries(value: unknown, entry: z.ZodType): { kept: unknown; dropped: number } {
  if (Array.isArray(value)) {
    const kept = value.filter((item) => entry.safeParse(item).success);
    return { kept, dropped: value.length - kept.length };
  }
  if (isPlainObject(value)) {
    const pairs = Object.entries(value);
    const kept = pairs.filter(([, item]) => entry.safeParse(item).success);
    return { kept: Object.fromEntries(kept), dropped: pairs.length - kept.length };
  }
  return { kept: value, dropped: 0 };
}

/** Declares a persisted document once; see `DocSpec`. */
export function defineDoc<const K extends string, T>(spec: DocSpec<K, T>): DocDef<K, T> {
  const migrations = spec.migrations ?? {};

  /** The raw document brought up to the current version, or why it cannot be. */
  function migrate(raw: unknown): { ok: true; doc: Record<string, unknown>; from: number } | { ok: false; reason: string; newerFormat?: number } {
    if (!isPlainObject(raw)) return { ok: false, reason: 'not a JSON object' };
    let doc = { ...raw };
    const from = doc.version;
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
      return { ok: false, reason: 'missing or invalid "version"' };
    }
    if (from > spec.version) {
      return {
        ok: false,
        reason: `written by a newer version of the app (format ${from}, this app reads up to ${spec.version})`,
        newerFormat: from,
      };
    }
    for (let v = from; v < spec.version; v++) {
      const step = migrations[v];
      if (!step) return { ok: false, reason: `no migration from format ${v}` };
      doc = { ...step(doc), version: v + 1 };
    }
    return { ok: true, doc, from };
  }

  const done = (value: T, from: number): Restored<T> & { ok: true } =>
    from === spec.version ? { ok: true, value } : { ok: true, value, migratedFrom: from };

  function restore(raw: unknown): Restored<T> {
    const migrated = migrate(raw);
    if (!migrated.ok) return migrated;
    const parsed = spec.schema.safeParse(migrated.doc);
    return parsed.success ? done(parsed.data, migrated.from) : { ok: false, reason: firstIssue(parsed.error) };
  }

  function salvage(raw: unknown): Salvaged<T> {
    const migrated = migrate(raw);
    if (!migrated.ok) return migrated;
    const whole = spec.schema.safeParse(migrated.doc);
    if (whole.success) return { ...done(whole.data, migrated.from), dropped: [] };
    const doc = { ...migrated.doc };
    const dropped: DroppedEntries[] = [];
    for (const [field, entry] of Object.entries(spec.entries ?? {})) {
      const { kept, dropped: count } = keepGoodEntries(doc[field], entry);
      doc[field] = kept;
      if (count > 0) dropped.push({ field, count });
    }
    // Only entries are ever left out: a damaged setting or version still refuses the whole file.
    const rest = spec.schema.safeParse(doc);
    if (!rest.success || dropped.length === 0) return { ok: false, reason: firstIssue(whole.error) };
    return { ...done(rest.data, migrated.from), dropped };
  }

  return {
    key: spec.key,
    version: spec.version,
    schema: spec.schema,
    defaults: () => spec.schema.parse({ version: spec.version }),
    restore,
    salvage,
  };
}

/** The documents of a list by key, for stores that are handed a key. */
export function docsByKey<D extends AnyDocDef>(docs: readonly D[]): (key: string) => D {
  const map = new Map(docs.map((doc) => [doc.key, doc]));
  return (key) => {
    const doc = map.get(key);
    if (!doc) throw new Error(`Unknown document "${key}"`);
    return doc;
  };
}

/** The keys of a list of documents, as a tuple the IPC contract's enum can take. */
export function keysOf<const D extends readonly AnyDocDef[]>(docs: D): { readonly [I in keyof D]: D[I]['key'] } {
  return docs.map((doc) => doc.key) as unknown as { readonly [I in keyof D]: D[I]['key'] };
}
