import { z } from 'zod';

/**
 * The dataset catalog the app reads (`datasets/catalog.json` next to the database files):
 * which SQLite databases exist, where their files are, and a bilingual description of every
 * table and column. Written by scripts/build-datasets.ts, read by the renderer.
 */

/** Where the catalog is served from, relative to the app's base URL. */
export const CATALOG_PATH = 'datasets/catalog.json';

const nonBlank = z.string().refine((s) => s.trim().length > 0, 'must not be empty');

/** A text in Korean and English. */
export const LocalizedSchema = z.object({ ko: nonBlank, en: nonBlank });

/** How personal a column is: a direct identifier, a quasi-identifier, sensitive, or none. */
export const PiiClassSchema = z.enum(['direct', 'quasi', 'sensitive', 'none']);
/** Which layer of the data platform a database or lake folder belongs to. */
export const LayerSchema = z.enum(['production', 'lake', 'warehouse', 'experiments', 'demo']);
/** A team id; its name lives in `Catalog.teams`. */
const TeamIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lowercase team id');

/** One column of a table and what it means. */
export const CatalogColumnSchema = z.object({ name: nonBlank, description: LocalizedSchema, pii: PiiClassSchema });

/** One table, its meaning, its owner team and its columns in the file's order. */
export const CatalogTableSchema = z.object({
  name: nonBlank,
  description: LocalizedSchema,
  owner: TeamIdSchema,
  columns: z.array(CatalogColumnSchema).min(1),
});

const lakePath = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be a relative path without ..')
  .refine((p) => !p.includes('..'), 'must not contain ..');

/**
 * One raw file in the data lake. `format` is what the content is; `compression` says how it is
 * stored ('gzip': the name ends in .gz and the bytes must be gunzipped before reading).
 * `fields` is set only when this file's records differ from its folder's (`fields ?? folder.fields`).
 */
export const CatalogLakeFileSchema = z
  .object({
    /** Path relative to the lake folder, e.g. '2025-01.jsonl.gz'. */
    name: lakePath,
    /** The content's format, after decompression. */
    format: z.enum(['jsonl', 'csv', 'log']),
    /** How the file is stored: null for plain files, 'gzip' for .gz files. */
    compression: z.enum(['gzip']).nullable().default(null),
    /** Bytes as stored (compressed, when compressed). */
    sizeBytes: z.number().int().nonnegative(),
    /** Bytes of the content after decompression (equal to sizeBytes when not compressed). */
    uncompressedBytes: z.number().int().nonnegative(),
    description: LocalizedSchema,
    /** This file's fields when they differ from the folder's (e.g. an older CSV header). */
    fields: z.array(CatalogColumnSchema).optional(),
  })
  .refine((f) => (f.compression === 'gzip') === f.name.endsWith('.gz'), {
    message: "a file is compressed ('gzip') exactly when its name ends in .gz",
    path: ['compression'],
  })
  .refine((f) => f.compression !== null || f.uncompressedBytes === f.sizeBytes, {
    message: 'an uncompressed file has uncompressedBytes equal to sizeBytes',
    path: ['uncompressedBytes'],
  });

/** A folder of the data lake: raw files as they arrive, not loaded anywhere. */
export const CatalogLakeFolderSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** Folder relative to the catalog, e.g. 'lake/hanbit/events'. */
  path: lakePath,
  group: z.string(),
  size: z.enum(['small', 'large']),
  title: LocalizedSchema,
  description: LocalizedSchema,
  owner: TeamIdSchema,
  /** The fields a record of the folder's files holds (a file's own `fields` override them). */
  fields: z.array(CatalogColumnSchema).default([]),
  files: z.array(CatalogLakeFileSchema).min(1),
});

/** One SQLite database file and its data dictionary. */
export const CatalogDatabaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  /** The file, relative to the catalog (e.g. 'demo.sqlite'). */
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.sqlite$/, 'must be a plain file name ending in .sqlite, relative to the catalog'),
  title: LocalizedSchema,
  description: LocalizedSchema,
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  layer: LayerSchema,
  /** The family the database belongs to (e.g. 'hanbit'), so layers of one company group together. */
  group: z.string(),
  size: z.enum(['small', 'large']),
  /** The same database built from another seed, hidden from the learner; the grader re-runs answers on it. */
  variantFile: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*\.sqlite$/)
    .refine((p) => !p.includes('..'), 'must not contain ..')
    .nullable(),
  tables: z.array(CatalogTableSchema).min(1),
});

/** The whole catalog. */
export const CatalogSchema = z
  .object({
    formatVersion: z.literal(2),
    /** Owner teams by id, with their names. */
    teams: z.record(z.string(), LocalizedSchema),
    databases: z.array(CatalogDatabaseSchema),
    lake: z.array(CatalogLakeFolderSchema).default([]),
  })
  .superRefine((catalog, ctx) => {
    const duplicates = (names: string[]): string[] => names.filter((n, i) => names.indexOf(n) !== i);
    for (const id of duplicates(catalog.databases.map((d) => d.id))) {
      ctx.addIssue({ code: 'custom', path: ['databases'], message: `duplicate database id '${id}'` });
    }
    for (const file of duplicates(catalog.databases.map((d) => d.file))) {
      ctx.addIssue({ code: 'custom', path: ['databases'], message: `duplicate file '${file}'` });
    }
    catalog.databases.forEach((db, d) => {
      for (const name of duplicates(db.tables.map((t) => t.name))) {
        ctx.addIssue({ code: 'custom', path: ['databases', d, 'tables'], message: `duplicate table '${name}'` });
      }
      db.tables.forEach((table, t) => {
        for (const name of duplicates(table.columns.map((c) => c.name))) {
          ctx.addIssue({
            code: 'custom',
            path: ['databases', d, 'tables', t, 'columns'],
            message: `duplicate column '${table.name}.${name}'`,
          });
        }
      });
    });
  });

/** A text in Korean and English. */
export type Localized = z.infer<typeof LocalizedSchema>;
/** One column of a table and what it means. */
export type CatalogColumn = z.infer<typeof CatalogColumnSchema>;
/** One table, its meaning and its columns. */
export type CatalogTable = z.infer<typeof CatalogTableSchema>;
/** How personal a column is. */
export type PiiClass = z.infer<typeof PiiClassSchema>;
/** A data platform layer. */
export type Layer = z.infer<typeof LayerSchema>;
/** A lake folder and its raw files. */
export type CatalogLakeFolder = z.infer<typeof CatalogLakeFolderSchema>;
/** One raw lake file. */
export type CatalogLakeFile = z.infer<typeof CatalogLakeFileSchema>;
/** One SQLite database file and its data dictionary. */
export type CatalogDatabase = z.infer<typeof CatalogDatabaseSchema>;
/** The whole catalog. */
export type Catalog = z.infer<typeof CatalogSchema>;

/** The fields of a lake file's records: its own when it has them, else its folder's. */
export function lakeFileFields(folder: CatalogLakeFolder, file: CatalogLakeFile): CatalogColumn[] {
  return file.fields ?? folder.fields;
}

/** The outcome of parsing a catalog: the catalog, or why it was refused. */
export type ParseCatalogResult = { ok: true; catalog: Catalog } | { ok: false; reason: string };

/** Validates untrusted JSON as a catalog; the reason names the first problems and where they are. */
export function parseCatalog(json: unknown): ParseCatalogResult {
  const result = CatalogSchema.safeParse(json);
  if (result.success) return { ok: true, catalog: result.data };
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  const more = result.error.issues.length - problems.length;
  return {
    ok: false,
    reason: `invalid dataset catalog: ${problems.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
  };
}
