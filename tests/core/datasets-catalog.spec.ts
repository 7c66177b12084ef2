import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { lakeFileFields, parseCatalog, type Catalog } from '../../core/datasets/catalog.ts';
import { buildDatasets, serializeCatalog, type BuildOutput } from '../../datasets/build.ts';
import { findDictionaryProblems, readSchema } from '../../datasets/dictionary-check.ts';
import { CLICK_FIELDS, CRM_FIELDS, EVENT_FIELDS, PRODUCTION_TABLES, SPEND_FIELDS_2024 } from '../../datasets/hanbit/dictionary.ts';
import { memoryLake } from '../../datasets/hanbit/lake.ts';
import { generatedDatasets } from '../../scripts/lib/datasets.ts';

/**
 * The catalog of demo + Hanbit small: it parses, every table, column and lake field has a
 * Korean and English description, an owner team and a PII class, and the dictionary checker
 * catches a column or table nobody described. Lake fields are given per folder, a file's own
 * only where it differs; the logs are gzip-compressed; the lake and the catalog stay small
 * enough to bundle.
 */

/** The small lake as stored (compressed logs, plain CSVs) must stay under this. */
const SMALL_LAKE_MAX_BYTES = 15 * 1024 * 1024;
/** catalog.json as written must stay under this (the app loads it on every start). */
const CATALOG_MAX_BYTES = 150 * 1024;

let SQL: SqlJsStatic;
let output: BuildOutput;
let catalog: Catalog;
let lake: ReturnType<typeof memoryLake>;

beforeAll(async () => {
  SQL = await initSqlJs();
  lake = memoryLake();
  // The hidden variant writes a lake of its own (variants/lake/hanbit): only the visible one is checked here.
  output = buildDatasets(SQL, ['demo', 'hanbit-small'], { lakeAt: (path) => (path === 'lake/hanbit' ? lake : memoryLake()) });
  catalog = output.catalog;
}, 240_000);

describe('dataset catalog', () => {
  it('parses, lists the demo first, then every Hanbit layer and lake folder', () => {
    expect(parseCatalog(JSON.parse(JSON.stringify(catalog))).ok).toBe(true);
    expect(catalog.databases.map((d) => d.id)).toEqual([
      'demo',
      'hanbit-prod',
      'hanbit-warehouse',
      'hanbit-warehouse-empty',
      'hanbit-experiments',
    ]);
    expect(catalog.databases.map((d) => d.layer)).toEqual(['demo', 'production', 'warehouse', 'warehouse', 'experiments']);
    for (const db of catalog.databases.filter((d) => d.group === 'hanbit')) {
      expect(db.variantFile).toBe(`variants/${db.file}`);
      expect(output.files.some((f) => f.path === db.variantFile)).toBe(true);
    }
    expect(catalog.lake.map((l) => l.id)).toEqual([
      'hanbit-lake-events',
      'hanbit-lake-search',
      'hanbit-lake-exports',
      'hanbit-lake-access-logs',
    ]);
    expect(output.files.map((f) => f.path)).toContain('hanbit-manifest.json');
    expect(output.files.map((f) => f.path)).toContain('variants/hanbit-manifest.json');
  });

  it('describes every table, column and lake field in Korean and English, with owner and PII class', () => {
    const blank = (s: string): boolean => s.trim().length === 0;
    for (const db of catalog.databases) {
      for (const table of db.tables) {
        expect(blank(table.description.ko) || blank(table.description.en), `${db.id}.${table.name}`).toBe(false);
        expect(table.owner in catalog.teams, `${db.id}.${table.name} owner ${table.owner}`).toBe(true);
        for (const column of table.columns) {
          expect(blank(column.description.ko) || blank(column.description.en), `${db.id}.${table.name}.${column.name}`).toBe(false);
          expect(['direct', 'quasi', 'sensitive', 'none']).toContain(column.pii);
        }
      }
    }
    for (const folder of catalog.lake) {
      expect(folder.owner in catalog.teams, folder.id).toBe(true);
      expect(folder.files.length).toBeGreaterThan(0);
      expect(folder.fields.length, folder.id).toBeGreaterThan(0);
      for (const file of folder.files) {
        expect(file.sizeBytes, `${folder.id}/${file.name}`).toBeGreaterThan(0);
        const fields = lakeFileFields(folder, file);
        expect(fields.length, `${folder.id}/${file.name}`).toBeGreaterThan(0);
        for (const field of fields) {
          expect(blank(field.description.ko) || blank(field.description.en), `${file.name}: ${field.name}`).toBe(false);
          expect(['direct', 'quasi', 'sensitive', 'none']).toContain(field.pii);
        }
      }
    }
  });

  it('gives lake fields once per folder, and a file its own only where it differs', () => {
    const folder = (id: string) => catalog.lake.find((l) => l.id === id);
    const events = folder('hanbit-lake-events');
    expect(events?.fields).toEqual(EVENT_FIELDS);
    expect(events?.files.every((f) => f.fields === undefined)).toBe(true);
    const search = folder('hanbit-lake-search');
    for (const file of search?.files ?? [])
      expect(file.fields, file.name).toEqual(file.name.startsWith('clicks-') ? CLICK_FIELDS : undefined);
    const exports = folder('hanbit-lake-exports');
    const own = (name: string) => exports?.files.find((f) => f.name === name)?.fields;
    expect(own('crm_customers_2025-12-31.csv')).toEqual(CRM_FIELDS);
    expect(own('marketing_spend_2024-07.csv')).toEqual(SPEND_FIELDS_2024);
    expect(own('marketing_spend_2025-01.csv')).toBeUndefined();
    expect(exports?.fields.map((f) => f.name)).toEqual(['Date', 'Channel', 'Campaign', 'Cost (KRW)']);
    // The folder-level fields name exactly the columns of the CSV headers they describe.
    const header = (name: string): string[] =>
      new TextDecoder()
        .decode(lake.read(`exports/${name}`))
        .split(/\r?\n/)[0]!
        .split(',');
    expect(header('marketing_spend_2025-01.csv')).toEqual(exports?.fields.map((f) => f.name));
    expect(header('marketing_spend_2024-07.csv')).toEqual(SPEND_FIELDS_2024.map((f) => f.name));
    expect(header('crm_customers_2025-12-31.csv')).toEqual(CRM_FIELDS.map((f) => f.name));
  });

  it('stores the logs gzip-compressed with both sizes, and the CSV exports as sent', () => {
    let total = 0;
    for (const folder of catalog.lake) {
      for (const file of folder.files) {
        const where = `${folder.id}/${file.name}`;
        const stored = lake.read(`${folder.path.replace(/^lake\/hanbit\//, '')}/${file.name}`);
        expect(file.sizeBytes, where).toBe(stored.byteLength);
        total += file.sizeBytes;
        if (folder.id === 'hanbit-lake-exports') {
          expect(file.compression, where).toBeNull();
          expect(file.name, where).toMatch(/\.csv$/);
          expect(file.uncompressedBytes, where).toBe(file.sizeBytes);
        } else {
          expect(file.compression, where).toBe('gzip');
          expect(file.name, where).toMatch(file.format === 'log' ? /\.log\.gz$/ : /\.jsonl\.gz$/);
          const content = gunzipSync(stored);
          expect(content.byteLength, where).toBe(file.uncompressedBytes);
          // A gzip member with mtime 0 and the Unix OS byte: the same bytes on every build.
          expect([...stored.subarray(0, 10)], where).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
          expect(file.uncompressedBytes, where).toBeGreaterThan(file.sizeBytes * 3);
        }
      }
    }
    expect(total).toBeLessThan(SMALL_LAKE_MAX_BYTES);
    // Refused: a .gz name that says it is not compressed.
    const broken = JSON.parse(JSON.stringify(catalog)) as { lake: { files: { compression: string | null }[] }[] };
    const first = broken.lake[0]?.files[0];
    if (first) first.compression = null;
    expect(parseCatalog(broken)).toMatchObject({ ok: false, reason: expect.stringContaining('lake.0.files.0.compression') });
  });

  it('keeps catalog.json small enough to load on every start', () => {
    const text = serializeCatalog(catalog);
    expect(Buffer.byteLength(text)).toBeLessThan(CATALOG_MAX_BYTES);
    expect(parseCatalog(JSON.parse(text)).ok).toBe(true);
  });

  it('classifies the obvious identifiers as direct PII', () => {
    const prod = catalog.databases.find((d) => d.id === 'hanbit-prod');
    const pii = (table: string, column: string): string | undefined =>
      prod?.tables.find((t) => t.name === table)?.columns.find((c) => c.name === column)?.pii;
    expect(pii('customers', 'name')).toBe('direct');
    expect(pii('customers', 'email')).toBe('direct');
    expect(pii('customers', 'phone')).toBe('direct');
    expect(pii('customers', 'birth_date')).toBe('quasi');
    expect(pii('orders', 'total_amount')).toBe('none');
    const warehouse = catalog.databases.find((d) => d.id === 'hanbit-warehouse');
    const direct = warehouse?.tables.flatMap((t) => t.columns.filter((c) => c.pii === 'direct').map((c) => `${t.name}.${c.name}`));
    expect(direct).toEqual([]);
  });

  it('reports an undescribed column or table, and refuses a catalog column without a PII class', () => {
    const prodBytes = output.files.find((f) => f.path === 'hanbit-prod.sqlite')?.bytes ?? new Uint8Array();
    expect(findDictionaryProblems(readSchema(SQL, prodBytes), PRODUCTION_TABLES)).toEqual([]);
    const changed = new SQL.Database(prodBytes);
    changed.run('ALTER TABLE orders ADD COLUMN coupon_code TEXT; CREATE TABLE notes (id INTEGER)');
    const problems = findDictionaryProblems(readSchema(SQL, changed.export()), PRODUCTION_TABLES);
    changed.close();
    expect(problems).toContain("column 'orders.coupon_code' has no description in the dictionary");
    expect(problems).toContain("table 'notes' has no description in the dictionary");
    const broken = JSON.parse(JSON.stringify(catalog)) as { databases: { tables: { owner?: string; columns: { pii?: string }[] }[] }[] };
    delete broken.databases[1]?.tables[0]?.columns[0]?.pii;
    expect(parseCatalog(broken)).toMatchObject({ ok: false, reason: expect.stringContaining('databases.1.tables.0.columns.0.pii') });
    const noOwner = JSON.parse(JSON.stringify(catalog)) as typeof broken;
    delete noOwner.databases[1]?.tables[0]?.owner;
    expect(parseCatalog(noOwner).ok).toBe(false);
  });

  it("generates the grader's fallback variants from the registry's variantSeed, identical to the shipped ones", () => {
    const fallback = generatedDatasets(SQL);
    // Every database the lessons grade on has a hidden variant, the demo of the sample lesson too.
    expect(catalog.databases.filter((d) => d.variantFile === null).map((d) => d.id)).toEqual([]);
    for (const db of catalog.databases.filter((d) => d.variantFile !== null)) {
      const shipped = output.files.find((f) => f.path === db.variantFile)?.bytes;
      const generated = fallback.provider.bytes(db.id, 'variant');
      expect(generated && shipped && Buffer.from(generated).equals(Buffer.from(shipped)), db.id).toBe(true);
    }
  }, 240_000);
});
