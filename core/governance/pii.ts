import type { Catalog, CatalogColumn, CatalogLakeFile, CatalogLakeFolder, Localized, PiiClass } from '../datasets/catalog.ts';
import { piiReason } from './pii-reasons.ts';
import type { CatalogueEntry, CatalogueLayer, TagComparison } from './types.ts';

/*
 * The PII catalogue: every column of every table of the production, warehouse and experiment
 * databases, and every field of every lake file, with its owner, its reference class (the data
 * dictionary's) and why. Pure: the Catalogue tab, the pii step's grader and the tests read the
 * same entries.
 */

const LAYERS: readonly CatalogueLayer[] = ['production', 'lake', 'warehouse', 'experiments'];

/** The PII classes in the order the catalogue lists them, most personal first. */
export const PII_CLASSES: readonly PiiClass[] = ['direct', 'quasi', 'sensitive', 'none'];

/**
 * The pattern naming the files of a lake folder that share a layout: the folder's last segment and
 * the file name with its dates replaced by `*` ('exports/crm_customers_*.csv', 'events/*.jsonl.gz').
 */
export function lakePattern(folder: Pick<CatalogLakeFolder, 'path'>, file: Pick<CatalogLakeFile, 'name'>): string {
  const dir = folder.path.split('/').filter(Boolean).pop() ?? folder.path;
  const name = file.name.replace(/\d{4}-\d{2}(-\d{2})?/g, '*');
  return `${dir}/${name}`;
}

/** What the catalogue reads of a catalog: the databases' tables and the lake folders' fields (catalog.json, or the dictionary). */
export interface CatalogueSource {
  databases: readonly Pick<Catalog['databases'][number], 'id' | 'layer' | 'tables'>[];
  lake: readonly {
    path: string;
    owner: string;
    fields: readonly CatalogColumn[];
    files: readonly { name: string; fields?: readonly CatalogColumn[] | undefined }[];
  }[];
}

/** The catalogue key of a database column or a lake field. */
export function catalogueKey(source: string, table: string, column: string, layer: CatalogueLayer): string {
  return layer === 'lake' ? `lake:${source}.${column}` : `${source}.${table}.${column}`;
}

function entry(
  layer: CatalogueLayer,
  source: string,
  table: string,
  owner: string,
  column: CatalogColumn,
  description: Localized,
): CatalogueEntry {
  return {
    key: catalogueKey(source, table, column.name, layer),
    layer,
    source,
    table,
    column: column.name,
    description,
    owner,
    reference: column.pii,
    reason: piiReason(table, column.name, column.pii),
  };
}

/**
 * Every catalogued column: the databases of the production, warehouse and experiments layers (a
 * database whose tables another of its layer already listed, such as the empty warehouse, adds
 * only its new tables), then every lake field once per file pattern.
 */
export function catalogueEntries(catalog: CatalogueSource): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  const seenTables = new Map<string, Set<string>>();
  for (const db of catalog.databases) {
    const layer = db.layer;
    if (layer === 'demo' || layer === 'lake') continue;
    const seen = seenTables.get(layer) ?? new Set<string>();
    seenTables.set(layer, seen);
    for (const table of db.tables) {
      if (seen.has(table.name)) continue;
      seen.add(table.name);
      for (const column of table.columns) out.push(entry(layer, db.id, table.name, table.owner, column, column.description));
    }
  }
  for (const folder of catalog.lake) {
    const keys = new Set<string>();
    for (const file of folder.files) {
      const pattern = lakePattern(folder, file);
      for (const field of file.fields ?? folder.fields) {
        const e = entry('lake', pattern, pattern.slice(pattern.indexOf('/') + 1), folder.owner, field, field.description);
        if (keys.has(e.key)) continue;
        keys.add(e.key);
        out.push(e);
      }
    }
  }
  const layerOrder = (l: CatalogueLayer): number => LAYERS.indexOf(l);
  // Stable sort: the dictionary's own order within a layer.
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => layerOrder(a.e.layer) - layerOrder(b.e.layer) || a.i - b.i)
    .map((x) => x.e);
}

/** Each entry's reference compared with the learner's tag (null when untagged), in the entries' order. */
export function compareTags(entries: readonly CatalogueEntry[], tags: Readonly<Record<string, PiiClass>>): TagComparison[] {
  return entries.map((e) => {
    const yours = tags[e.key] ?? null;
    return { key: e.key, yours, reference: e.reference, agrees: yours === e.reference, reason: e.reason };
  });
}

/** How a set of tags compares: agreeing, differing and untagged counts, and the differing keys. */
export interface TagSummary {
  agree: number;
  differ: number;
  untagged: number;
  differing: string[];
}

/** Counts the comparisons (the Catalogue tab's score line, the pii grader's verdict). */
export function summarizeTags(comparisons: readonly TagComparison[]): TagSummary {
  const differing = comparisons.filter((c) => c.yours !== null && !c.agrees).map((c) => c.key);
  return {
    agree: comparisons.filter((c) => c.agrees).length,
    differ: differing.length,
    untagged: comparisons.filter((c) => c.yours === null).length,
    differing,
  };
}

/** What the Catalogue tab filters by; every field is optional and they combine with AND. */
export interface CatalogueFilter {
  /**
   * Words to find (all of them) in the key, table, column, descriptions or owner's name, in either
   * language; with `withReference`, in the reference's reason and class too.
   */
  text?: string;
  /**
   * The search reads the reference (each column's reason and class) too: only once the learner has
   * compared, since before that a search for 'identifier' would list the answers.
   */
  withReference?: boolean;
  classes?: readonly PiiClass[];
  owners?: readonly string[];
  layers?: readonly CatalogueLayer[];
  /** With tags: only untagged entries, or only those whose tag differs from the reference. */
  tagged?: { tags: Readonly<Record<string, PiiClass>>; show: 'untagged' | 'differs' };
}

function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('en');
}

/** The reference classes' names as a search finds them (the Catalogue tab's words, both languages), once the learner compared. */
const CLASS_WORDS: Record<PiiClass, string> = {
  direct: 'direct direct identifier 직접 식별자',
  quasi: 'quasi quasi-identifier 준식별자',
  sensitive: 'sensitive 민감 정보',
  none: 'none not personal data 해당 없음 개인정보 아님',
};

function haystack(e: CatalogueEntry, teams: Catalog['teams'], withReference: boolean): string {
  const team = teams[e.owner];
  return fold(
    [
      e.key,
      e.source,
      e.table,
      e.column,
      e.description.ko,
      e.description.en,
      ...(withReference ? [e.reason.ko, e.reason.en, CLASS_WORDS[e.reference]] : []),
      e.owner,
      team?.ko ?? '',
      team?.en ?? '',
    ].join('\u0000'),
  );
}

/** The entries that pass the filter, in their order. */
export function filterCatalogue(
  entries: readonly CatalogueEntry[],
  filter: CatalogueFilter,
  teams: Catalog['teams'] = {},
): CatalogueEntry[] {
  const words = fold(filter.text ?? '')
    .split(/\s+/)
    .filter((w) => w !== '');
  return entries.filter((e) => {
    if (filter.classes && filter.classes.length > 0 && !filter.classes.includes(e.reference)) return false;
    if (filter.owners && filter.owners.length > 0 && !filter.owners.includes(e.owner)) return false;
    if (filter.layers && filter.layers.length > 0 && !filter.layers.includes(e.layer)) return false;
    if (filter.tagged) {
      const tag = filter.tagged.tags[e.key];
      if (filter.tagged.show === 'untagged' ? tag !== undefined : tag === undefined || tag === e.reference) return false;
    }
    if (words.length === 0) return true;
    const text = haystack(e, teams, filter.withReference === true);
    return words.every((w) => text.includes(w));
  });
}

/** The owners that have at least one entry, in first-seen order (the owner filter's choices). */
export function catalogueOwners(entries: readonly CatalogueEntry[]): string[] {
  return [...new Set(entries.map((e) => e.owner))];
}

/** Entries by catalogue key. */
export function entriesByKey(entries: readonly CatalogueEntry[]): Map<string, CatalogueEntry> {
  return new Map(entries.map((e) => [e.key, e]));
}

/**
 * The direct-identifier columns of a database by table, lowercased (what the SQL editor's warning
 * and the masked-view check look for), from the catalog.
 */
export function directColumnsOf(catalog: Catalog, databaseId: string): Record<string, string[]> {
  return columnsOfClass(catalog, databaseId, 'direct');
}

/** The columns of one PII class in a database, by table name, lowercased. */
export function columnsOfClass(catalog: Catalog, databaseId: string, pii: PiiClass): Record<string, string[]> {
  const db = catalog.databases.find((d) => d.id === databaseId);
  const out: Record<string, string[]> = {};
  for (const table of db?.tables ?? []) {
    const cols = table.columns.filter((c) => c.pii === pii).map((c) => c.name.toLowerCase());
    if (cols.length > 0) out[table.name.toLowerCase()] = cols;
  }
  return out;
}

/** Column names that hold one person's (or one device's) key: what a masked view must pseudonymise. */
export const PERSON_KEYS: readonly string[] = ['customer_id', 'user_id', 'unit_id', 'anonymous_id', 'customer_key'];

/** The columns a masked-view check of `base` on a database needs, from the catalog ('table.column', as stored). */
export interface MaskColumns {
  /** Every direct identifier of the database. */
  directColumns: string[];
  /** The person keys of the base table (to appear only as pseudonyms). */
  idColumns: string[];
  /** Every quasi-identifier of the database that is not a person key (a view column carrying one counts for k). */
  quasiSources: string[];
}

/** The direct identifiers, person keys of `base` and quasi-identifiers of a database, for checkMaskedView. */
export function maskColumnsFor(catalog: Pick<CatalogueSource, 'databases'>, databaseId: string, base: string): MaskColumns {
  const db = catalog.databases.find((d) => d.id === databaseId);
  const out: MaskColumns = { directColumns: [], idColumns: [], quasiSources: [] };
  for (const table of db?.tables ?? []) {
    for (const c of table.columns) {
      const name = `${table.name}.${c.name}`;
      const key = PERSON_KEYS.includes(c.name.toLowerCase());
      if (c.pii === 'direct') out.directColumns.push(name);
      else if (c.pii === 'quasi' && !key) out.quasiSources.push(name);
      if (key && table.name.toLowerCase() === base.toLowerCase()) out.idColumns.push(name);
    }
  }
  return out;
}
