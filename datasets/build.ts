import { createHash } from 'node:crypto';
import type { SqlJsStatic } from 'sql.js';
import { CatalogSchema, type Catalog, type CatalogDatabase } from '../core/datasets/catalog.ts';
import { findDictionaryProblems, readSchema } from './dictionary-check.ts';
import { DATASETS, generatorVersionOf, type DatasetDefinition } from './registry.ts';

/**
 * Builds datasets in memory: generates each file, checks it against its dictionary, and makes
 * the catalog entry (size, sha256, tables in the file's order). Writing files is the caller's job.
 */

/** One generated database file. */
export interface BuiltFile {
  id: string;
  file: string;
  bytes: Uint8Array;
  sha256: string;
  tableCount: number;
  elapsedMs: number;
}

/** Everything a build produces. */
export interface BuildOutput {
  catalog: Catalog;
  files: BuiltFile[];
  generatorVersion: string;
}

/** The lowercase hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Generates every dataset and its validated catalog; throws with a clear message on any problem. */
export function buildDatasets(SQL: SqlJsStatic, datasets: readonly DatasetDefinition[] = DATASETS): BuildOutput {
  const files: BuiltFile[] = [];
  const entries: CatalogDatabase[] = [];
  for (const dataset of datasets) {
    const started = performance.now();
    const bytes = dataset.generate(SQL, dataset.seed);
    const schema = readSchema(SQL, bytes);
    const problems = findDictionaryProblems(schema, dataset.tables);
    if (problems.length > 0) {
      throw new Error(`dataset '${dataset.id}': the data dictionary does not match the file:\n  - ${problems.join('\n  - ')}`);
    }
    const sha256 = sha256Hex(bytes);
    entries.push({
      id: dataset.id,
      file: dataset.file,
      title: dataset.title,
      description: dataset.description,
      sizeBytes: bytes.byteLength,
      sha256,
      tables: schema.map((table) => {
        const entry = dataset.tables.find((t) => t.name === table.name);
        if (!entry) throw new Error(`dataset '${dataset.id}': table '${table.name}' is not described`);
        return {
          name: table.name,
          description: entry.description,
          columns: table.columns.map((column) => {
            const col = entry.columns.find((c) => c.name === column);
            if (!col) throw new Error(`dataset '${dataset.id}': column '${table.name}.${column}' is not described`);
            return { name: column, description: col.description };
          }),
        };
      }),
    });
    files.push({
      id: dataset.id,
      file: dataset.file,
      bytes,
      sha256,
      tableCount: schema.length,
      elapsedMs: performance.now() - started,
    });
  }
  const parsed = CatalogSchema.safeParse({ formatVersion: 1, databases: entries });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
    throw new Error(`the generated catalog is invalid: ${issues.join('; ')}`);
  }
  return { catalog: parsed.data, files, generatorVersion: generatorVersionOf(datasets) };
}
