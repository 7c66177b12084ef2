import type { SqlJsStatic } from 'sql.js';
import { DEMO_GENERATOR_VERSION, DEMO_SEED, generateDemo } from './demo/generate.ts';
import { DEMO_VARIANT_SEED, generateDemoVariant } from './demo/variant.ts';
import { buildHanbit } from './hanbit/build.ts';
import { HANBIT_GENERATOR_VERSION, HANBIT_SEED, HANBIT_VARIANT_SEED } from './hanbit/config.ts';
import { memoryLake } from './hanbit/lake.ts';

/**
 * The units the dataset build is made of, in catalog order. Each unit is built (or kept, when
 * its version is current) as a whole: the demo database (with its hidden variant), Hanbit Market small (with its hidden
 * variant), and Hanbit Market large (built only by `npm run datasets` or `--large`; its lake
 * goes outside public/ and is never bundled).
 */

/** A build unit's id. */
export type UnitId = 'demo' | 'hanbit-small' | 'hanbit-large';

/** One build unit and the version string that says when it must be rebuilt. */
export interface BuildUnit {
  id: UnitId;
  /** Generator version, seeds: when it changes, `--if-missing` builds the unit again. */
  version: string;
  /** Large units are built only without --if-missing and --small-only, or with --large. */
  large: boolean;
}

/** Every unit, in the order the catalog lists them (the demo first: the app opens it by default). */
export const UNITS: BuildUnit[] = [
  { id: 'demo', version: `demo@${DEMO_GENERATOR_VERSION}#${DEMO_SEED}+${DEMO_VARIANT_SEED}`, large: false },
  // +variant-lake: the variant's lake is written to variants/lake/hanbit/ (a build without it is out of date).
  { id: 'hanbit-small', version: `hanbit@${HANBIT_GENERATOR_VERSION}#${HANBIT_SEED}+${HANBIT_VARIANT_SEED}+variant-lake`, large: false },
  // +fact-events: the large warehouse gained its event-level table (a build without it is out of date).
  { id: 'hanbit-large', version: `hanbit@${HANBIT_GENERATOR_VERSION}#${HANBIT_SEED}+fact-events`, large: true },
];

/** One string naming every unit's version; stored in .build-info.json. */
export function generatorVersionOf(units: readonly BuildUnit[]): string {
  return units.map((u) => `${u.id}=${u.version}`).join(',');
}

/** One database that can be generated on its own from a seed (for tools that need bytes, not files). */
export interface DatasetDefinition {
  id: string;
  file: string;
  seed: number;
  /** The seed of the hidden variant shipped under variants/ (null: none). */
  variantSeed: number | null;
  generate(SQL: SqlJsStatic, seed: number): Uint8Array;
}

const hanbitCache = new Map<number, Map<string, Uint8Array>>();

/** One Hanbit small database for a seed; the whole build runs once per seed and is cached. */
function hanbitDatabase(id: string): (SQL: SqlJsStatic, seed: number) => Uint8Array {
  return (SQL, seed) => {
    let built = hanbitCache.get(seed);
    if (!built) {
      const output = buildHanbit(SQL, { seed, size: 'small', lake: memoryLake(), variant: seed !== HANBIT_SEED });
      built = new Map(output.databases.map((d) => [d.id, d.bytes]));
      hanbitCache.set(seed, built);
    }
    const bytes = built.get(id);
    if (!bytes) throw new Error(`no Hanbit database '${id}'`);
    return bytes;
  };
}

/** Every bundled small database, generable in memory (the grader's fallback when nothing is built). */
export const DATASETS: DatasetDefinition[] = [
  {
    id: 'demo',
    file: 'demo.sqlite',
    seed: DEMO_SEED,
    variantSeed: DEMO_VARIANT_SEED,
    // The variant seed also plants the variant's edge cases (datasets/demo/variant.ts).
    generate: (SQL, seed) => (seed === DEMO_SEED ? generateDemo(SQL, seed) : generateDemoVariant(SQL, seed)),
  },
  ...(['prod', 'warehouse', 'warehouse-empty', 'experiments'] as const).map((role) => ({
    id: `hanbit-${role}`,
    file: `hanbit-${role}.sqlite`,
    seed: HANBIT_SEED,
    variantSeed: HANBIT_VARIANT_SEED,
    generate: hanbitDatabase(`hanbit-${role}`),
  })),
];
