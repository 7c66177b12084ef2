import type { SqlJsStatic } from 'sql.js';
import type { CatalogTable, Localized } from '../core/datasets/catalog.ts';
import { DEMO_GENERATOR_VERSION, DEMO_SEED, generateDemo } from './demo/generate.ts';
import { DEMO_DESCRIPTION, DEMO_TABLES, DEMO_TITLE } from './demo/dictionary.ts';

/**
 * Every dataset the app ships, in catalog order. scripts/build-datasets.ts builds each one into
 * public/datasets/<file> and lists it in public/datasets/catalog.json.
 */

/** How to build one dataset and what it means. */
export interface DatasetDefinition {
  /** Catalog id: lowercase letters, digits and dashes. */
  id: string;
  /** File name written next to the catalog. */
  file: string;
  title: Localized;
  description: Localized;
  /** The generator's version: when it changes, `--if-missing` builds again. */
  version: string;
  seed: number;
  generate(SQL: SqlJsStatic, seed: number): Uint8Array;
  /** The data dictionary: every table and column of the file. */
  tables: CatalogTable[];
}

/** The datasets, in the order the catalog lists them. */
export const DATASETS: DatasetDefinition[] = [
  {
    id: 'demo',
    file: 'demo.sqlite',
    title: DEMO_TITLE,
    description: DEMO_DESCRIPTION,
    version: DEMO_GENERATOR_VERSION,
    seed: DEMO_SEED,
    generate: generateDemo,
    tables: DEMO_TABLES,
  },
];

/** One string naming every generator version and seed; stored in .build-info.json. */
export function generatorVersionOf(datasets: readonly DatasetDefinition[]): string {
  return datasets.map((d) => `${d.id}@${d.version}#${d.seed}`).join(',');
}
