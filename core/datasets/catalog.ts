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

/** One column of a table and what it means. */
export const CatalogColumnSchema = z.object({ name: nonBlank, description: LocalizedSchema });

/** One table, its meaning and its columns in the file's order. */
export const CatalogTableSchema = z.object({
  name: nonBlank,
  description: LocalizedSchema,
  columns: z.array(CatalogColumnSchema).min(1),
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
  tables: z.array(CatalogTableSchema).min(1),
});

/** The whole catalog. */
export const CatalogSchema = z
  .object({
    formatVersion: z.literal(1),
    databases: z.array(CatalogDatabaseSchema),
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
/** One SQLite database file and its data dictionary. */
export type CatalogDatabase = z.infer<typeof CatalogDatabaseSchema>;
/** The whole catalog. */
export type Catalog = z.infer<typeof CatalogSchema>;

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
