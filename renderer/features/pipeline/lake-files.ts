import type { Catalog, CatalogLakeFile } from '../../../core/datasets/catalog.ts';

/** The lake file a new extract task starts on (a small CSV export with a BOM). */
export const DEFAULT_LAKE_PATH = 'exports/marketing_spend_2025-01.csv';

/** One lake file as an extract names it: its path relative to the lake root, its folder and format. */
export interface LakeEntry {
  path: string;
  folder: string;
  file: CatalogLakeFile;
}

/**
 * The files of a lake (`hanbit`) from the catalog, as extract paths: the catalog names folders
 * `lake/<lake>/<folder>`, an extract path is relative to `lake/<lake>/`. Small build only (the
 * large folders repeat the same files at scale).
 */
export function lakeEntries(catalog: Catalog | null, lake: string): LakeEntry[] {
  const root = `lake/${lake}/`;
  const out: LakeEntry[] = [];
  for (const folder of catalog?.lake ?? []) {
    if (!folder.path.startsWith(root) || folder.size !== 'small') continue;
    const rel = folder.path.slice(root.length);
    for (const file of folder.files) out.push({ path: `${rel}/${file.name}`, folder: rel, file });
  }
  return out;
}

/** The extract format that fits a lake file by its catalog format. */
export function formatFor(entry: LakeEntry | undefined): 'csv' | 'jsonl' | 'regex' {
  if (!entry) return 'csv';
  return entry.file.format === 'csv' ? 'csv' : entry.file.format === 'jsonl' ? 'jsonl' : 'regex';
}
