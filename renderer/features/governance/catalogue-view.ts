import type { CatalogueEntry, CatalogueLayer, PiiClass, TagComparison } from '../../../core/governance/types.ts';
import { PII_CLASSES, filterCatalogue } from '../../../core/governance/pii.ts';
import type { Localized } from '../../../core/datasets/catalog.ts';

/*
 * What the Catalogue tab shows, computed from the catalogue and the learner's tags: the search (in
 * both languages at once), the class (the learner's or the reference's), owner and layer filters,
 * and the progress line. Pure, so the tests and the screen agree.
 */

export { PII_CLASSES };

/**
 * A class filter: 'all'; the learner's tag ('yours:direct', 'yours:untagged'); the reference's class
 * ('ref:quasi', offered once the learner compares); or 'differs' (tags that differ from the reference).
 */
export type ClassFilter = 'all' | 'differs' | `yours:${PiiClass | 'untagged'}` | `ref:${PiiClass}`;

/** The catalogue's filters. */
export interface CatalogueFilters {
  query: string;
  classFilter: ClassFilter;
  owner: string | null;
  layer: string | null;
  /** The learner has compared with the reference: the search reads the reasons and reference classes too. */
  comparing?: boolean;
}

/** The entries the search and filters leave, in catalogue order (core/governance/pii.ts filters; the learner's-tag filter is the screen's own). */
export function visibleEntries(entries: readonly CatalogueEntry[], tags: Readonly<Record<string, PiiClass>>, f: CatalogueFilters, teams: Record<string, Localized>): CatalogueEntry[] {
  const c = f.classFilter;
  const found = filterCatalogue(
    entries,
    {
      text: f.query,
      withReference: f.comparing === true,
      ...(f.owner ? { owners: [f.owner] } : {}),
      ...(f.layer ? { layers: [f.layer as CatalogueLayer] } : {}),
      ...(c.startsWith('ref:') ? { classes: [c.slice(4) as PiiClass] } : {}),
      ...(c === 'differs' ? { tagged: { tags, show: 'differs' as const } } : {}),
      ...(c === 'yours:untagged' ? { tagged: { tags, show: 'untagged' as const } } : {}),
    },
    teams,
  );
  if (!c.startsWith('yours:') || c === 'yours:untagged') return found;
  const wanted = c.slice(6);
  return found.filter((e) => tags[e.key] === wanted);
}

/** The owners and layers present, for the filters, in first-seen order. */
export function facets(entries: readonly CatalogueEntry[]): { owners: string[]; layers: string[] } {
  return { owners: [...new Set(entries.map((e) => e.owner))], layers: [...new Set(entries.map((e) => e.layer))] };
}

/** The progress line: columns tagged of all, and (once compared) how many tags agree with the reference. */
export interface CatalogueProgress {
  total: number;
  tagged: number;
  agree: number;
  differ: number;
}

/** Progress over the whole catalogue (not just what the filters show). */
export function catalogueProgress(entries: readonly CatalogueEntry[], comparisons: readonly TagComparison[]): CatalogueProgress {
  const known = new Set(entries.map((e) => e.key));
  let tagged = 0;
  let agree = 0;
  for (const c of comparisons) {
    if (!known.has(c.key) || c.yours === null) continue;
    tagged++;
    if (c.agrees) agree++;
  }
  return { total: entries.length, tagged, agree, differ: tagged - agree };
}
