import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { z } from 'zod';
import { parseCatalog } from '../../core/datasets/catalog.ts';
import type { DatabaseCopy, DatabaseProvider, LakeProvider } from '../../core/grading/engine.ts';
import { SqlEngine } from '../../core/sql/engine.ts';
import { DATASETS } from '../../datasets/registry.ts';
import { nodeLakeReader } from './node-lake.ts';

/**
 * The datasets for the command-line grader and the lesson checker: the built files in
 * public/datasets/ (catalog + files, variants via variantFile) or, when they are not built or
 * the catalog cannot be read, the same databases generated in memory from datasets/registry.ts.
 */

/** Database ids, their bytes, and notes on where they came from. */
export interface LoadedDatasets {
  ids: string[];
  provider: DatabaseProvider;
  notes: string[];
}

/** Only what the grader needs from a catalog, for catalogs of an older or newer format. */
const MinimalCatalogSchema = z.object({
  databases: z.array(z.object({ id: z.string(), file: z.string(), variantFile: z.string().nullable().optional() })),
});

let sqlJs: Promise<SqlJsStatic> | null = null;

/** sql.js, initialised once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/** A grading engine of its own (never the learner's). */
export async function createGradingEngine(): Promise<SqlEngine> {
  return new SqlEngine(await loadSqlJs());
}

function insideDir(dir: string, file: string): string | null {
  const path = resolve(dir, file);
  return path.startsWith(resolve(dir) + sep) ? path : null;
}

function cached(load: (id: string, copy: DatabaseCopy) => Uint8Array | null): DatabaseProvider {
  const cache = new Map<string, Uint8Array | null>();
  return {
    bytes(id, copy) {
      const key = `${id}\u0000${copy}`;
      if (!cache.has(key)) cache.set(key, load(id, copy));
      return cache.get(key) ?? null;
    },
  };
}

/** The built datasets in `dir`, or null (with the reason) when they cannot be used. */
function fromFiles(dir: string): { datasets: LoadedDatasets } | { reason: string } {
  const catalogPath = join(dir, 'catalog.json');
  if (!existsSync(catalogPath)) return { reason: `${catalogPath} does not exist` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(catalogPath, 'utf8'));
  } catch (e) {
    return { reason: `${catalogPath} is not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const notes: string[] = [];
  const strict = parseCatalog(json);
  let entries: { id: string; file: string; variantFile?: string | null | undefined }[];
  if (strict.ok) {
    entries = strict.catalog.databases;
  } else {
    const minimal = MinimalCatalogSchema.safeParse(json);
    if (!minimal.success) return { reason: strict.reason };
    const reason = strict.reason.length > 160 ? `${strict.reason.slice(0, 160)}…` : strict.reason;
    notes.push(`catalog.json does not match the current catalog schema (${reason}); reading only database ids and files`);
    entries = minimal.data.databases;
  }
  for (const entry of entries) {
    const path = insideDir(dir, entry.file);
    if (!path || !existsSync(path)) return { reason: `${entry.file} (database '${entry.id}') is missing` };
  }
  const provider = cached((id, copy) => {
    const entry = entries.find((e) => e.id === id);
    const file = copy === 'visible' ? entry?.file : entry?.variantFile;
    const path = file ? insideDir(dir, file) : null;
    return path && existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
  });
  notes.push(`datasets from ${dir}: ${entries.map((e) => `${e.id}${e.variantFile ? ' (+variant)' : ''}`).join(', ')}`);
  return { datasets: { ids: entries.map((e) => e.id), provider, notes } };
}

/**
 * Generates every dataset in memory, on first use, and its hidden variant from the registry's
 * variantSeed: the same bytes as the shipped variants/ files. A dataset without a variant has none here either.
 */
export function generatedDatasets(SQL: SqlJsStatic): LoadedDatasets {
  const provider = cached((id, copy) => {
    const dataset = DATASETS.find((d) => d.id === id);
    if (!dataset) return null;
    const seed = copy === 'visible' ? dataset.seed : dataset.variantSeed;
    return seed === null ? null : dataset.generate(SQL, seed);
  });
  return {
    ids: DATASETS.map((d) => d.id),
    provider,
    notes: ['datasets generated in memory from datasets/registry.ts (variants from their variantSeed, as shipped)'],
  };
}

/** The datasets of the repository at `root`: built files when usable, else generated. */
export async function loadDatasets(root: string): Promise<LoadedDatasets> {
  const files = fromFiles(join(root, 'public', 'datasets'));
  if ('datasets' in files) return files.datasets;
  const datasets = generatedDatasets(await loadSqlJs());
  datasets.notes.unshift(`built datasets not usable: ${files.reason}`);
  return datasets;
}

/**
 * The lakes of the built datasets for pipeline steps: lake/<id>/ and the hidden variant's
 * variants/lake/<id>/ under public/datasets/. A copy that is not built has no reader.
 */
export function loadLakes(root: string): LakeProvider {
  const dir = join(root, 'public', 'datasets');
  return {
    reader(lake, copy) {
      if (!/^[a-z0-9-]+$/.test(lake)) return null;
      const folder = join(dir, ...(copy === 'variant' ? ['variants', 'lake', lake] : ['lake', lake]));
      return existsSync(folder) ? nodeLakeReader(folder) : null;
    },
  };
}

/** The planted problems of the built manifests (public/datasets/*-manifest.json), for data-test steps; empty when none is built. */
export function loadPlantedProblems(root: string): { id: string; count: number; database: string | null }[] {
  const path = join(root, 'public', 'datasets', 'hanbit-manifest.json');
  if (!existsSync(path)) return [];
  const json = JSON.parse(readFileSync(path, 'utf8')) as { plantedProblems?: { id: string; count: number; database: string | null }[] };
  return (json.plantedProblems ?? []).map(({ id, count, database }) => ({ id, count, database }));
}
