import { createHash } from 'node:crypto';
import type { SqlJsStatic } from 'sql.js';
import {
  CatalogSchema,
  type Catalog,
  type CatalogDatabase,
  type CatalogLakeFolder,
  type CatalogTable,
  type Layer,
  type Localized,
} from '../core/datasets/catalog.ts';
import { HanbitManifestSchema } from '../core/datasets/manifest.ts';
import { DEMO_DESCRIPTION, DEMO_TABLES, DEMO_TITLE } from './demo/dictionary.ts';
import { DEMO_SEED, generateDemo } from './demo/generate.ts';
import { generateDemoVariant } from './demo/variant.ts';
import { findDictionaryProblems, readSchema } from './dictionary-check.ts';
import { buildHanbit, hanbitLakeFolders, hanbitLakePath, type HanbitDatabase } from './hanbit/build.ts';
import { HANBIT_SEED, HANBIT_VARIANT_SEED, type HanbitSize } from './hanbit/config.ts';
import { TEAMS } from './hanbit/dictionary.ts';
import { memoryLake, type LakeStore } from './hanbit/lake.ts';
import { UNITS, generatorVersionOf, type UnitId } from './registry.ts';

/**
 * Builds the datasets unit by unit: generates each database, checks it against its dictionary,
 * and makes its catalog entry (size, sha256, tables in the file's order). Lake files go to the
 * store the caller gives; other files come back as bytes for the caller to write.
 */

/** A file to write next to the catalog. */
export interface BuiltFile {
  /** Path relative to the catalog, e.g. 'hanbit-prod.sqlite' or 'variants/hanbit-prod.sqlite'. */
  path: string;
  bytes: Uint8Array;
  sha256: string;
  elapsedMs: number;
}

/** What one unit contributes to the catalog, and its files. */
export interface UnitOutput {
  id: UnitId;
  databases: CatalogDatabase[];
  lake: CatalogLakeFolder[];
  files: BuiltFile[];
}

/** Everything a build produces. */
export interface BuildOutput {
  catalog: Catalog;
  units: UnitOutput[];
  files: BuiltFile[];
  generatorVersion: string;
}

/** Where a unit's lake goes and how its progress is shown. */
export interface UnitOptions {
  /**
   * A store for a lake folder (default: in memory). `path` is relative to the catalog for the
   * small lake ('lake/hanbit') and to the repository for the large one (LARGE_LAKE_PATH).
   */
  lakeAt?: (path: string, size: HanbitSize) => LakeStore;
  progress?: (stage: string, share: number) => void;
}

/** The lowercase hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The catalog entry of a database file, after checking the file against its dictionary. */
export function catalogEntry(
  SQL: SqlJsStatic,
  meta: {
    id: string;
    file: string;
    title: Localized;
    description: Localized;
    layer: Layer;
    group: string;
    size: HanbitSize;
    variantFile: string | null;
  },
  tables: readonly CatalogTable[],
  bytes: Uint8Array,
): CatalogDatabase {
  const schema = readSchema(SQL, bytes);
  const problems = findDictionaryProblems(schema, tables);
  if (problems.length > 0)
    throw new Error(`dataset '${meta.id}': the data dictionary does not match the file:\n  - ${problems.join('\n  - ')}`);
  return {
    ...meta,
    sizeBytes: bytes.byteLength,
    sha256: sha256Hex(bytes),
    tables: schema.map((table) => {
      const entry = tables.find((t) => t.name === table.name) as CatalogTable;
      return {
        name: table.name,
        description: entry.description,
        owner: entry.owner,
        columns: table.columns.map((column) => {
          const col = entry.columns.find((c) => c.name === column);
          if (!col) throw new Error(`dataset '${meta.id}': column '${table.name}.${column}' is not described`);
          return { name: column, description: col.description, pii: col.pii };
        }),
      };
    }),
  };
}

function file(path: string, bytes: Uint8Array, started: number): BuiltFile {
  return { path, bytes, sha256: sha256Hex(bytes), elapsedMs: performance.now() - started };
}

/** Builds the demo database and its hidden variant. */
export function buildDemoUnit(SQL: SqlJsStatic): UnitOutput {
  const started = performance.now();
  const bytes = generateDemo(SQL, DEMO_SEED);
  const variant = generateDemoVariant(SQL);
  if (JSON.stringify(readSchema(SQL, variant)) !== JSON.stringify(readSchema(SQL, bytes)))
    throw new Error("dataset 'demo': the variant's schema differs");
  const entry = catalogEntry(
    SQL,
    {
      id: 'demo',
      file: 'demo.sqlite',
      title: DEMO_TITLE,
      description: DEMO_DESCRIPTION,
      layer: 'demo',
      group: 'demo',
      size: 'small',
      variantFile: 'variants/demo.sqlite',
    },
    DEMO_TABLES,
    bytes,
  );
  return {
    id: 'demo',
    databases: [entry],
    lake: [],
    files: [file('variants/demo.sqlite', variant, started), file('demo.sqlite', bytes, started)],
  };
}

/** The hidden variant's lake folder, next to the catalog (bundled, never listed in it: only the grader reads it). */
export const HANBIT_VARIANT_LAKE_PATH = 'variants/lake/hanbit';

/** Builds Hanbit Market at a size; the small size also builds its hidden variant (another seed) and its lake. */
export function buildHanbitUnit(SQL: SqlJsStatic, size: HanbitSize, options: UnitOptions = {}): UnitOutput {
  const started = performance.now();
  const lakePath = hanbitLakePath(size);
  const lake = options.lakeAt?.(lakePath, size) ?? memoryLake();
  const withVariant = size === 'small';
  const report = (share: number) => (stage: string, s: number) => options.progress?.(stage, withVariant ? share + s * 0.5 : s);
  const main = buildHanbit(SQL, { seed: HANBIT_SEED, size, lake, lakePath, progress: report(0) });
  const variant = withVariant
    ? buildHanbit(SQL, {
        seed: HANBIT_VARIANT_SEED,
        size,
        // Written next to the variant databases: pipeline steps are graded on the variant lake too.
        lake: options.lakeAt?.(HANBIT_VARIANT_LAKE_PATH, size) ?? memoryLake(),
        lakePath: HANBIT_VARIANT_LAKE_PATH,
        lakeRoot: 'catalog',
        variant: true,
        progress: report(0.5),
      })
    : null;
  const manifestName = size === 'large' ? 'hanbit-large-manifest.json' : 'hanbit-manifest.json';
  const files: BuiltFile[] = [];
  const entries = main.databases.map((db: HanbitDatabase) => {
    const twin = variant?.databases.find((v) => v.id === db.id);
    if (twin) {
      // The variant must have exactly the same shape, or the grader would compare different things.
      const same = JSON.stringify(readSchema(SQL, twin.bytes)) === JSON.stringify(readSchema(SQL, db.bytes));
      if (!same) throw new Error(`dataset '${db.id}': the variant's schema differs`);
      files.push(file(`variants/${db.file}`, twin.bytes, started));
    }
    files.push(file(db.file, db.bytes, started));
    return catalogEntry(
      SQL,
      {
        id: db.id,
        file: db.file,
        title: db.title,
        description: db.description,
        layer: db.layer,
        group: 'hanbit',
        size,
        variantFile: twin ? `variants/${db.file}` : null,
      },
      db.tables,
      db.bytes,
    );
  });
  for (const [path, manifest] of [
    [manifestName, main.manifest],
    ...(variant ? [[`variants/${manifestName}`, variant.manifest] as const] : []),
  ] as const) {
    HanbitManifestSchema.parse(manifest);
    files.push(file(path, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), started));
  }
  // Only the bundled lake is in the catalog; the large one is for the command line.
  const lakeFolders = size === 'small' ? hanbitLakeFolders(main.manifest.lake.files) : [];
  return { id: size === 'large' ? 'hanbit-large' : 'hanbit-small', databases: entries, lake: lakeFolders, files };
}

/** Builds one unit by id. */
export function buildUnit(SQL: SqlJsStatic, id: UnitId, options: UnitOptions = {}): UnitOutput {
  if (id === 'demo') return buildDemoUnit(SQL);
  return buildHanbitUnit(SQL, id === 'hanbit-large' ? 'large' : 'small', options);
}

/** Puts units' entries together into a validated catalog; throws with a clear message if invalid. */
export function assembleCatalog(units: readonly Pick<UnitOutput, 'databases' | 'lake'>[]): Catalog {
  const parsed = CatalogSchema.safeParse({
    formatVersion: 2,
    teams: TEAMS,
    databases: units.flatMap((u) => u.databases),
    lake: units.flatMap((u) => u.lake),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
    throw new Error(`the generated catalog is invalid: ${issues.join('; ')}`);
  }
  const catalog = parsed.data;
  const owners = [...catalog.databases.flatMap((d) => d.tables.map((t) => t.owner)), ...catalog.lake.map((l) => l.owner)];
  const unknown = owners.filter((o) => !(o in catalog.teams));
  if (unknown.length > 0) throw new Error(`the generated catalog names unknown owner teams: ${[...new Set(unknown)].join(', ')}`);
  return catalog;
}

/** catalog.json's text: compact (one line), as the app downloads it on every start. */
export function serializeCatalog(catalog: Catalog): string {
  return `${JSON.stringify(catalog)}\n`;
}

/** Builds the given units in memory (default: demo and Hanbit small) with their catalog. */
export function buildDatasets(SQL: SqlJsStatic, ids: readonly UnitId[] = ['demo', 'hanbit-small'], options: UnitOptions = {}): BuildOutput {
  const units = ids.map((id) => buildUnit(SQL, id, options));
  return {
    catalog: assembleCatalog(units),
    units,
    files: units.flatMap((u) => u.files),
    generatorVersion: generatorVersionOf(UNITS.filter((u) => ids.includes(u.id))),
  };
}
