import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog, type Catalog } from '../../../core/datasets/catalog.ts';
import {
  catalogueEntries,
  catalogueOwners,
  compareTags,
  directColumnsOf,
  filterCatalogue,
  lakePattern,
  maskColumnsFor,
  summarizeTags,
} from '../../../core/governance/pii.ts';
import { hasOwnReason } from '../../../core/governance/pii-reasons.ts';

/**
 * The PII catalogue over the bundled catalog: every column of every layer and every lake field,
 * each with an owner and a reason in both languages that is specific to it whenever the column is
 * personal; tags compared with the reference; search in either language.
 */

const parsed = parseCatalog(JSON.parse(readFileSync('public/datasets/catalog.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.reason);
const catalog: Catalog = parsed.catalog;
const entries = catalogueEntries(catalog);
const byKey = new Map(entries.map((e) => [e.key, e]));

describe('catalogueEntries', () => {
  it('lists every column of the production, warehouse and experiments databases once, and every lake field', () => {
    const prod = catalog.databases.find((d) => d.id === 'hanbit-prod');
    const prodColumns = prod?.tables.reduce((n, t) => n + t.columns.length, 0) ?? 0;
    expect(entries.filter((e) => e.source === 'hanbit-prod')).toHaveLength(prodColumns);
    expect(new Set(entries.map((e) => e.layer))).toEqual(new Set(['production', 'warehouse', 'experiments', 'lake']));
    // The empty warehouse repeats the warehouse's tables: listed once.
    expect(entries.some((e) => e.source === 'hanbit-warehouse-empty')).toBe(false);
    expect(entries.some((e) => e.source === 'demo')).toBe(false);
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    for (const key of [
      'hanbit-prod.customers.email',
      'hanbit-warehouse.dim_customer.age_band',
      'hanbit-experiments.assignments.user_id',
      'lake:exports/crm_customers_*.csv.이메일',
      'lake:events/*.jsonl.gz.anonymous_id',
      'lake:search/searches-*.jsonl.gz.query',
      'lake:search/clicks-*.jsonl.gz.position',
      'lake:access-logs/access-*.log.gz.remote_addr',
      // Both headers of the marketing spend files: 2024's and 2025's.
      'lake:exports/marketing_spend_*.csv.spend',
      'lake:exports/marketing_spend_*.csv.Cost (KRW)',
    ]) {
      expect(byKey.has(key), key).toBe(true);
    }
  });

  it('names the lake patterns as the ETL pipeline does', () => {
    const folder = { path: 'lake/hanbit/exports' };
    expect(lakePattern(folder, { name: 'crm_customers_2025-12-31.csv' })).toBe('exports/crm_customers_*.csv');
    expect(lakePattern({ path: 'lake/hanbit/events' }, { name: '2024-07.jsonl.gz' })).toBe('events/*.jsonl.gz');
  });

  it('carries the owner team and the dictionary class', () => {
    const email = byKey.get('hanbit-prod.customers.email');
    expect(email).toMatchObject({ layer: 'production', table: 'customers', column: 'email', owner: 'crm', reference: 'direct' });
    expect(byKey.get('lake:access-logs/access-*.log.gz.remote_addr')).toMatchObject({ owner: 'infra', reference: 'quasi' });
    for (const e of entries) expect(catalog.teams[e.owner], e.key).toBeDefined();
  });

  it('gives every personal column a reason of its own, in Korean 합니다체 and English', () => {
    for (const e of entries) {
      expect(e.reason.ko.trim(), e.key).not.toBe('');
      expect(e.reason.en.trim(), e.key).not.toBe('');
      expect(e.reason.ko, e.key).toMatch(/니다(\([^)]*\))?\.$/);
      if (e.reference !== 'none') expect(hasOwnReason(e.table, e.column, e.reference), `${e.key} (${e.reference})`).toBe(true);
    }
    expect(byKey.get('hanbit-prod.customers.email')?.reason.ko).toContain('이메일은 한 사람의 계정');
    expect(byKey.get('hanbit-prod.customers.phone')?.reason.en).toContain('A phone number reaches one person');
    // A quasi-identifier's reason names the combination that re-identifies.
    expect(byKey.get('hanbit-prod.customers.birth_date')?.reason.en).toMatch(/gender and postal code/);
    // A sensitive column's reason says what harm follows.
    expect(byKey.get('lake:search/searches-*.jsonl.gz.query')?.reason.en).toMatch(/health|money/);
  });

  it('does not give a product name the reason of a person’s name', () => {
    const product = byKey.get('hanbit-prod.products.name');
    expect(product?.reference).toBe('none');
    expect(product?.reason.ko).not.toBe(byKey.get('hanbit-prod.customers.name')?.reason.ko);
  });

  it('classifies honestly: free-text search is sensitive, refund reasons and payment methods are not personal', () => {
    expect(byKey.get('hanbit-warehouse.fact_searches.query')?.reference).toBe('sensitive');
    expect(byKey.get('lake:events/*.jsonl.gz.properties')?.reference).toBe('sensitive');
    expect(byKey.get('hanbit-prod.refunds.reason')?.reference).toBe('none');
    expect(byKey.get('hanbit-prod.payments.method')?.reference).toBe('none');
    expect(byKey.get('hanbit-warehouse.dim_customer.customer_key')?.reference).toBe('quasi');
    expect(byKey.get('lake:access-logs/access-*.log.gz.remote_addr')?.reference).toBe('quasi');
  });
});

describe('compareTags', () => {
  it('marks agreement, differences with their reason, and untagged columns', () => {
    const some = entries.filter((e) => e.source === 'hanbit-prod' && e.table === 'customers');
    const tags = {
      'hanbit-prod.customers.email': 'direct',
      'hanbit-prod.customers.birth_date': 'direct',
      'hanbit-prod.customers.gender': 'quasi',
    } as const;
    const result = compareTags(some, tags);
    expect(result).toHaveLength(some.length);
    const birth = result.find((c) => c.key === 'hanbit-prod.customers.birth_date');
    expect(birth).toMatchObject({ yours: 'direct', reference: 'quasi', agrees: false });
    expect(birth?.reason.en).toMatch(/birth date/i);
    expect(result.find((c) => c.key === 'hanbit-prod.customers.phone')).toMatchObject({ yours: null, agrees: false });
    const summary = summarizeTags(result);
    expect(summary).toEqual({ agree: 2, differ: 1, untagged: some.length - 3, differing: ['hanbit-prod.customers.birth_date'] });
  });
});

describe('filterCatalogue', () => {
  it('finds columns by words in either language, the owner team’s name included', () => {
    const ko = filterCatalogue(entries, { text: '휴대폰' }, catalog.teams).map((e) => e.key);
    expect(ko).toContain('hanbit-prod.customers.phone');
    expect(ko).toContain('lake:exports/crm_customers_*.csv.휴대폰');
    const en = filterCatalogue(entries, { text: 'E-MAIL address' }, catalog.teams).map((e) => e.key);
    expect(en).toContain('hanbit-prod.customers.email');
    const team = filterCatalogue(entries, { text: 'CRM팀' }, catalog.teams);
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((e) => e.owner === 'crm' || `${e.description.ko}${e.reason.ko}`.includes('CRM팀'))).toBe(true);
  });

  it('searches the reference’s reasons and classes only once the learner compared (before, a search would give the answers away)', () => {
    // 'bridge' is only in the reasons of the unmasked customer keys; 'identifier' names a class.
    const before = (text: string) => filterCatalogue(entries, { text }, catalog.teams);
    const after = (text: string) => filterCatalogue(entries, { text, withReference: true }, catalog.teams);
    expect(before('bridge')).toEqual([]);
    expect(before('건너가는 다리')).toEqual([]);
    expect(after('bridge').length).toBeGreaterThan(0);
    expect(after('bridge').every((e) => e.reason.en.toLowerCase().includes('bridge'))).toBe(true);
    expect(after('건너가는 다리').map((e) => e.key)).toEqual(after('bridge').map((e) => e.key));
    // A class's name finds its columns once compared; before, only columns whose own words say it.
    const direct = entries.filter((e) => e.reference === 'direct').map((e) => e.key);
    expect(after('직접 식별자').map((e) => e.key)).toEqual(expect.arrayContaining(direct));
    expect(before('준식별자').every((e) => `${e.description.ko} ${e.table} ${e.column}`.includes('준식별자'))).toBe(true);
    expect(before('quasi-identifier')).toEqual(before('quasi-identifier').filter((e) => e.description.en.toLowerCase().includes('quasi-identifier')));
  });

  it('filters by class, owner and layer together, and by the learner’s tags', () => {
    const direct = filterCatalogue(entries, { classes: ['direct'] });
    expect(direct.map((e) => e.key).sort()).toEqual(
      [
        'hanbit-prod.addresses.street',
        'hanbit-prod.customers.email',
        'hanbit-prod.customers.name',
        'hanbit-prod.customers.phone',
        'lake:exports/crm_customers_*.csv.이름',
        'lake:exports/crm_customers_*.csv.이메일',
        'lake:exports/crm_customers_*.csv.주소',
        'lake:exports/crm_customers_*.csv.휴대폰',
      ].sort(),
    );
    const lakeInfra = filterCatalogue(entries, { layers: ['lake'], owners: ['infra'], classes: ['quasi', 'sensitive'] });
    expect(lakeInfra.map((e) => e.column).sort()).toEqual(['http_user_agent', 'remote_addr', 'request']);
    const tags = { 'hanbit-prod.customers.email': 'quasi' } as const;
    expect(filterCatalogue(entries, { tagged: { tags, show: 'differs' } }).map((e) => e.key)).toEqual(['hanbit-prod.customers.email']);
    expect(filterCatalogue(entries, { tagged: { tags, show: 'untagged' } })).toHaveLength(entries.length - 1);
    expect(catalogueOwners(entries)).toEqual(expect.arrayContaining(['crm', 'commerce', 'infra', 'data-platform']));
  });

  it('lists the direct identifiers of a database by table, for the SQL editor warning', () => {
    expect(directColumnsOf(catalog, 'hanbit-prod')).toEqual({ customers: ['name', 'email', 'phone'], addresses: ['street'] });
    expect(directColumnsOf(catalog, 'hanbit-warehouse')).toEqual({});
  });
});

describe('maskColumnsFor', () => {
  it('gives the check every direct identifier, the base table’s person key and the quasi-identifiers', () => {
    const cols = maskColumnsFor(catalog, 'hanbit-prod', 'customers');
    expect(cols.directColumns).toEqual(['customers.name', 'customers.email', 'customers.phone', 'addresses.street']);
    expect(cols.idColumns).toEqual(['customers.customer_id']);
    expect(cols.quasiSources).toEqual(
      expect.arrayContaining(['customers.gender', 'customers.birth_date', 'addresses.region', 'addresses.city', 'addresses.postal_code']),
    );
    expect(cols.quasiSources).not.toContain('orders.customer_id');
  });
});
