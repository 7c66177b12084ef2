import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Catalog } from '../../../core/datasets/catalog.ts';
import type { ReferenceFiles } from '../../../core/governance/lineage-inputs.ts';

/** Test support: the reference files and the built catalog, read from the repository. */

const ROOT = resolve(import.meta.dirname, '../../..');

function readFolder(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else files[relative(folder, path).replaceAll('\\', '/')] = readFileSync(path, 'utf8');
    }
  };
  visit(folder);
  return files;
}

/** The reference pipeline and dbt project under lessons/_reference/. */
export function referenceFiles(): ReferenceFiles {
  return {
    pipeline: JSON.parse(readFileSync(join(ROOT, 'lessons/_reference/pipeline/hanbit-etl.pipeline.json'), 'utf8')) as unknown,
    project: { files: readFolder(join(ROOT, 'lessons/_reference/dbt/hanbit')) },
  };
}

/** public/datasets/catalog.json as built. */
export function builtCatalog(): Catalog {
  return JSON.parse(readFileSync(join(ROOT, 'public/datasets/catalog.json'), 'utf8')) as Catalog;
}
