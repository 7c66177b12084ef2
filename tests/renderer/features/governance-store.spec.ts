import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { governanceDoc } from '../../../core/governance/governance-doc.ts';
import type { CatalogueEntry, TagComparison } from '../../../core/governance/types.ts';
import { createWebHost } from '../../../renderer/host/web-host.ts';
import { catalogueProgress, visibleEntries, type CatalogueFilters } from '../../../renderer/features/governance/catalogue-view.ts';
import { memoryStore } from '../memory-store.ts';

/*
 * The Governance screen's saved state through the app's real load and autosave (web host over an
 * in-memory store): the learner's PII tags and the workspace key survive a reload, the key is made
 * once and kept; the catalogue's search finds a column by its Korean or English description or
 * its team's name, and the filters and the progress line count what a learner would count.
 */

async function freshApp() {
  vi.resetModules();
  const persistence = await import('../../../renderer/state/persistence.ts');
  const store = await import('../../../renderer/features/governance/governance-store.ts');
  return { ...persistence, ...store };
}

const globals = globalThis as Record<string, unknown>;
beforeAll(() => {
  globals.window = new EventTarget();
  globals.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
});
afterAll(() => {
  delete globals.window;
  delete globals.document;
});

describe('the governance document saved with the learner’s work', () => {
  it('keeps tags and the workspace key across a reload; the key is made once', async () => {
    const kv = memoryStore();
    const first = await freshApp();
    const host = createWebHost(kv);
    await first.loadPersisted(host);
    const stop = first.startAutosave(host);
    const s = () => first.useGovernanceStore.getState();
    s().tagColumn('hanbit-prod.customers.email', 'direct');
    s().tagColumn('hanbit-prod.customers.birth_year', 'none');
    s().tagColumn('hanbit-prod.customers.birth_year', 'quasi');
    s().tagColumn('hanbit-prod.orders.status', 'none');
    s().tagColumn('hanbit-prod.orders.status', null);
    const key = s().ensureWorkspaceKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(s().ensureWorkspaceKey()).toBe(key);
    await vi.waitFor(() => {
      const saved = kv.data.get('governance') as { tags: Record<string, string>; workspaceKey: string } | undefined;
      expect(saved?.workspaceKey).toBe(key);
      expect(saved?.tags).toEqual({ 'hanbit-prod.customers.email': 'direct', 'hanbit-prod.customers.birth_year': 'quasi' });
    });
    expect(governanceDoc.restore(kv.data.get('governance')).ok).toBe(true);
    stop();

    const second = await freshApp();
    await second.loadPersisted(createWebHost(kv));
    const t = second.useGovernanceStore.getState();
    expect(t.doc.tags['hanbit-prod.customers.email']).toBe('direct');
    expect(t.ensureWorkspaceKey()).toBe(key);
  });

  it('gives another workspace another key', async () => {
    const a = (await freshApp()).useGovernanceStore.getState().ensureWorkspaceKey();
    const b = (await freshApp()).useGovernanceStore.getState().ensureWorkspaceKey();
    expect(a).not.toBe(b);
  });
});

const entry = (key: string, layer: CatalogueEntry['layer'], owner: string, ko: string, en: string, reference: CatalogueEntry['reference']): CatalogueEntry => {
  const [source = '', table = '', column = ''] = key.split('.');
  return { key, layer, source, table, column, owner, description: { ko, en }, reference, reason: { ko: '이유', en: 'reason' } };
};

const ENTRIES = [
  entry('hanbit-prod.customers.email', 'production', 'crm', '고객 이메일 주소', 'Customer e-mail address', 'direct'),
  entry('hanbit-prod.customers.region', 'production', 'crm', '거주 지역(시·도)', 'Region of residence', 'quasi'),
  entry('hanbit-warehouse.fact_orders.total_amount', 'warehouse', 'data-platform', '주문 총액', 'Order total', 'none'),
];
const TEAMS = { crm: { ko: 'CRM팀', en: 'CRM team' }, 'data-platform': { ko: '데이터플랫폼팀', en: 'Data platform' } };
const all: CatalogueFilters = { query: '', classFilter: 'all', owner: null, layer: null };

describe('the catalogue view', () => {
  it('finds a column by its description in either language, by table, and by its team’s name', () => {
    const keys = (query: string) => visibleEntries(ENTRIES, {}, { ...all, query }, TEAMS).map((e) => e.key);
    expect(keys('이메일')).toEqual(['hanbit-prod.customers.email']);
    expect(keys('E-MAIL')).toEqual(['hanbit-prod.customers.email']);
    expect(keys('주문 총액')).toEqual(['hanbit-warehouse.fact_orders.total_amount']);
    expect(keys('데이터플랫폼')).toEqual(['hanbit-warehouse.fact_orders.total_amount']);
    expect(keys('customers region')).toEqual(['hanbit-prod.customers.region']);
    expect(keys('nothing-like-this')).toEqual([]);
  });

  it('searches the reference (reasons, classes) only while comparing', () => {
    const keys = (query: string, comparing: boolean) => visibleEntries(ENTRIES, {}, { ...all, query, comparing }, TEAMS).map((e) => e.key);
    // Every entry here has the reason 'reason' / '이유', a word of no description.
    expect(keys('reason', false)).toEqual([]);
    expect(keys('이유', true)).toHaveLength(3);
    expect(keys('준식별자', false)).toEqual([]);
    expect(keys('준식별자', true)).toEqual(['hanbit-prod.customers.region']);
  });

  it('filters by the learner’s tag, the reference class, differences, owner and layer', () => {
    const tags = { 'hanbit-prod.customers.email': 'direct', 'hanbit-prod.customers.region': 'none' } as const;
    const keys = (f: Partial<CatalogueFilters>) => visibleEntries(ENTRIES, tags, { ...all, ...f }, TEAMS).map((e) => e.column);
    expect(keys({ classFilter: 'yours:untagged' })).toEqual(['total_amount']);
    expect(keys({ classFilter: 'yours:none' })).toEqual(['region']);
    expect(keys({ classFilter: 'ref:quasi' })).toEqual(['region']);
    expect(keys({ classFilter: 'differs' })).toEqual(['region']);
    expect(keys({ owner: 'crm' })).toEqual(['email', 'region']);
    expect(keys({ layer: 'warehouse' })).toEqual(['total_amount']);
  });

  it('counts tagged columns of the whole catalogue and those that agree', () => {
    const cmp = (key: string, yours: TagComparison['yours'], agrees: boolean): TagComparison => ({ key, yours, reference: 'none', agrees, reason: { ko: '', en: '' } });
    const progress = catalogueProgress(ENTRIES, [
      cmp('hanbit-prod.customers.email', 'direct', true),
      cmp('hanbit-prod.customers.region', 'none', false),
      cmp('hanbit-warehouse.fact_orders.total_amount', null, false),
      cmp('not-in-the-catalogue', 'direct', true),
    ]);
    expect(progress).toEqual({ total: 3, tagged: 2, agree: 1, differ: 1 });
  });
});

describe('the masked view’s name, read from its SQL', () => {
  it('is the last view the SQL creates, quoted or not, comments ignored', async () => {
    const { viewNameOf } = await import('../../../renderer/features/governance/mask-actions.ts');
    expect(viewNameOf('DROP VIEW IF EXISTS v1;\nCREATE VIEW v1 AS SELECT 1;')).toBe('v1');
    expect(viewNameOf('-- CREATE VIEW not_this AS …\ncreate temp view if not exists "my view" as select 1')).toBe('my view');
    expect(viewNameOf('CREATE VIEW a AS SELECT 1; CREATE VIEW main.b AS SELECT 2;')).toBe('b');
    expect(viewNameOf('SELECT * FROM customers')).toBeNull();
  });
});
