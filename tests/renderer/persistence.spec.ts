import i18next from 'i18next';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { LoadResult } from '../../core/contract.ts';
import { DOC_KEYS } from '../../core/persist/docs.ts';
import { createWebDocStore, createWebHost } from '../../renderer/host/web-host.ts';
import { memoryStore } from './memory-store.ts';
import { en } from '../../renderer/i18n/en.ts';
import { ko } from '../../renderer/i18n/ko.ts';
import { bindDoc } from '../../renderer/state/doc-bindings.ts';
import { notesDoc } from '../core/persist-notes-doc.ts';

/*
 * The renderer's load and autosave against the real store and the real web host over an
 * in-memory key-value store (fake-indexeddb is not a dependency). A reload is a fresh copy of
 * the app's modules over the same storage.
 */

/** The app's modules as a fresh page load gets them. */
async function freshApp() {
  vi.resetModules();
  const persistence = await import('../../renderer/state/persistence.ts');
  const { useStore } = await import('../../renderer/state/store.ts');
  const { boundDocs } = await import('../../renderer/state/doc-bindings.ts');
  return { ...persistence, useStore, boundDocs };
}

const globals = globalThis as Record<string, unknown>;
beforeAll(async () => {
  // Autosave listens for the page being hidden; Node has EventTarget, which is all it needs.
  globals.window = new EventTarget();
  globals.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  await i18next.init({ resources: { en: { translation: en }, ko: { translation: ko } }, lng: 'en', interpolation: { escapeValue: false } });
});
afterAll(() => {
  delete globals.window;
  delete globals.document;
});
beforeEach(async () => {
  await i18next.changeLanguage('en');
});

const step = (status: string) => ({ status, attempts: 1, updatedAt: '2025-01-01T00:00:00Z' });

describe('saved work survives a reload', () => {
  it('brings back the editor draft and a saved query', async () => {
    const kv = memoryStore();
    const first = await freshApp();
    const host = createWebHost(kv);
    await first.loadPersisted(host);
    const stop = first.startAutosave(host);
    first.useStore.getState().setDraft('hanbit-warehouse', 'SELECT platform, count(*) FROM fact_orders GROUP BY 1');
    first.useStore.getState().saveQuery('hanbit-warehouse', 'Orders by platform', 'SELECT platform FROM fact_orders');
    first.useStore.getState().setSetting('theme', 'dark');
    await vi.waitFor(() => {
      expect(kv.data.get('queries')).toMatchObject({ saved: [{ name: 'Orders by platform' }] });
      expect(kv.data.get('settings')).toMatchObject({ theme: 'dark' });
    });
    stop();

    const second = await freshApp();
    expect(second.useStore).not.toBe(first.useStore);
    expect(second.useStore.getState().queries.drafts).toEqual({});
    const loaded = await second.loadPersisted(createWebHost(kv));
    expect(loaded.notices).toEqual([]);
    const { queries, settings } = second.useStore.getState();
    expect(queries.drafts['hanbit-warehouse']).toBe('SELECT platform, count(*) FROM fact_orders GROUP BY 1');
    expect(queries.saved.map((q) => q.name)).toEqual(['Orders by platform']);
    expect(settings.theme).toBe('dark');
  });

  it('saves what is pending when the page is hidden, without waiting for the delay', async () => {
    const kv = memoryStore();
    const app = await freshApp();
    const host = createWebHost(kv);
    await app.loadPersisted(host);
    const stop = app.startAutosave(host);
    app.useStore.getState().setDraft('demo', 'SELECT 1');
    (globals.window as EventTarget).dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(kv.data.get('queries')).toMatchObject({ drafts: { demo: 'SELECT 1' } }), { timeout: 200, interval: 5 });
    stop();
  });
});

describe('a stream of changes', () => {
  it('does not postpone the save past a second: edits every 100 ms for 3 s are saved while they go on', async () => {
    const kv = memoryStore();
    const app = await freshApp();
    const host = createWebHost(kv);
    await app.loadPersisted(host);
    vi.useFakeTimers();
    try {
      const stop = app.startAutosave(host);
      for (let i = 1; i <= 30; i++) {
        app.useStore.getState().setDraft('demo', `SELECT ${i}`);
        await vi.advanceTimersByTimeAsync(100);
      }
      // Still typing: a plain debounce (250 ms after the last change) would have saved nothing yet.
      const saved = (kv.data.get('queries') as { drafts?: Record<string, string> } | undefined)?.drafts?.demo;
      expect(saved).toMatch(/^SELECT (2\d|30)$/);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('Check saves the pending answer at once (flushPendingSaves), without waiting for the delay', async () => {
    const kv = memoryStore();
    const app = await freshApp();
    const host = createWebHost(kv);
    await app.loadPersisted(host);
    const stop = app.startAutosave(host);
    app.useStore.getState().setDraft('demo', 'SELECT 2');
    app.flushPendingSaves();
    await vi.waitFor(() => expect(kv.data.get('queries')).toMatchObject({ drafts: { demo: 'SELECT 2' } }), { timeout: 200, interval: 5 });
    stop();
  });

  it('the same draft written again is no change (nothing to save)', async () => {
    const app = await freshApp();
    app.useStore.getState().setDraft('demo', 'SELECT 1');
    const before = app.useStore.getState().queries;
    app.useStore.getState().setDraft('demo', 'SELECT 1');
    expect(app.useStore.getState().queries).toBe(before);
  });
});

describe('a damaged entry is dropped with a notice', () => {
  const progress = {
    version: 1,
    lastLocation: 't0-l1/meet-the-data',
    steps: { 't0-l1/meet-the-data': step('done'), 't0-l1/orders': step('won'), 't0-l1/busiest': step('in-progress') },
  };

  it('keeps the other steps and says how many were left out, in English and Korean', async () => {
    const kv = memoryStore({ progress });
    const app = await freshApp();
    const loaded = await app.loadPersisted(createWebHost(kv));
    expect(Object.keys(app.useStore.getState().progress.steps)).toEqual(['t0-l1/meet-the-data', 't0-l1/busiest']);
    expect(app.useStore.getState().progress.lastLocation).toBe('t0-l1/meet-the-data');
    app.announceLoadNotices(loaded);
    const notice = app.useStore.getState().notices.at(-1);
    expect(notice?.tone).toBe('warning');
    expect(notice?.text).toMatch(/^Some entries in your progress were damaged and left out \(1 lesson step\); everything else was restored\./);
    expect(notice?.text).toContain('IndexedDB: progress.corrupt-');

    await i18next.changeLanguage('ko');
    const [only] = loaded.notices;
    expect(only && app.noticeText(only.key, only.notice)).toMatch(/^학습 진도의 일부 항목이 손상되어 제외했습니다\(학습 단계 1개\)/);
  });

  it('drops damaged entries a host handed over without a word, and says so itself', async () => {
    const app = await freshApp();
    const good = { id: 'h1', database: 'demo', sql: 'select 1', ranAt: '2025-01-01', elapsedMs: 3, rowCount: 1, error: null };
    const raw = { version: 1, history: [good, { id: 'h2' }, { id: 'h3' }], saved: [], drafts: {} };
    const host = {
      storeLoad: async (key: string): Promise<LoadResult> => ({ data: key === 'queries' ? raw : null, notice: null }),
      storeSave: async () => ({ ok: true as const }),
    };
    const loaded = await app.loadPersisted(host);
    expect(app.useStore.getState().queries.history.map((h) => h.id)).toEqual(['h1']);
    expect(loaded.notices).toMatchObject([{ key: 'queries', notice: { kind: 'entries-dropped', movedTo: '-' } }]);
    const [only] = loaded.notices;
    expect(only && app.noticeText(only.key, only.notice)).toBe(
      'Some entries in your query history were damaged and left out (2 history entries); everything else was restored.',
    );
  });

  it('still refuses a whole file when the damage is not in an entry, and says it starts fresh', async () => {
    const kv = memoryStore({ progress: { ...progress, lastLocation: 42 } });
    const app = await freshApp();
    const loaded = await app.loadPersisted(createWebHost(kv));
    expect(app.useStore.getState().progress.steps).toEqual({});
    expect(loaded.notices).toMatchObject([{ key: 'progress', notice: { kind: 'reset-to-defaults', cause: 'damaged' } }]);
  });
});

describe('documents are declared once', () => {
  it('every declared document is bound by the slice or workbench that owns it', async () => {
    const app = await freshApp();
    // Workbenches bind their documents in their own stores, registered with their feature; some
    // registrations look at the page (a lesson link in the address), so the window stub gets those parts.
    Object.assign(globals.window as object, { setTimeout: () => 0, clearTimeout: () => undefined, location: { hash: '' } });
    await import('../../renderer/app/features.ts');
    expect(
      app
        .boundDocs(app.useStore)
        .map((b) => b.doc.key)
        .sort(),
    ).toEqual([...DOC_KEYS].sort());
  });

  it('a document declared by a test loads (migrated from its older version) and autosaves through the host', async () => {
    const app = await freshApp();
    type Notes = ReturnType<typeof notesDoc.defaults>;
    // A workbench keeps such state in its own zustand store; the binding is all persistence needs.
    const store = createStore<{ notes: Notes; other: number }>()(() => ({ notes: notesDoc.defaults(), other: 0 }));
    const bound = bindDoc(notesDoc, store, { select: (s) => s.notes, apply: (notes) => ({ notes }) });
    const kv = memoryStore({ notes: { version: 1, lines: ['check refunds'] } });
    const docs = createWebDocStore(kv, { docs: [notesDoc] });
    const host = { storeLoad: (key: 'notes') => docs.load(key), storeSave: (key: 'notes', data: unknown) => docs.save(key, data) };
    const said: string[] = [];
    const target = { bound: [bound], notify: (_tone: string, text: string) => void said.push(text) };

    expect((await app.loadDocs(host, target)).notices).toEqual([]);
    expect(store.getState().notes).toEqual({ version: 2, pinned: null, notes: [{ id: 'n1', text: 'check refunds' }] });

    // A change elsewhere in the store saves nothing (stopping saves only what is pending).
    const quiet = app.autosaveDocs(host, target);
    store.setState({ other: 1 });
    quiet();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kv.data.get('notes')).toEqual({ version: 1, lines: ['check refunds'] });

    const stop = app.autosaveDocs(host, target);
    store.setState((s) => ({ notes: { ...s.notes, pinned: 'n1' } }));
    stop();
    await vi.waitFor(() => expect(kv.data.get('notes')).toEqual({ version: 2, pinned: 'n1', notes: [{ id: 'n1', text: 'check refunds' }] }));
    expect(kv.data.get('notes.bak')).toEqual({ version: 1, lines: ['check refunds'] });
    expect(said).toEqual([]);
  });
});

describe('a save that fails', () => {
  it('is said once, retried on the next change, and its recovery is said', async () => {
    const app = await freshApp();
    const kv = memoryStore();
    let full = true;
    const realSet = kv.set;
    kv.set = async (key, value) => {
      if (full) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      return realSet(key, value);
    };
    const host = createWebHost(kv);
    await app.loadPersisted(host);
    const stop = app.startAutosave(host);
    const texts = () => app.useStore.getState().notices.map((n) => `${n.tone}: ${n.text}`);
    app.useStore.getState().setDraft('demo', 'SELECT 1');
    await vi.waitFor(() => expect(texts()).toEqual(['error: Could not save your query history: the disk is full. Your work stays open in this window; free some space and it is saved on the next try.']));
    app.useStore.getState().setDraft('demo', 'SELECT 12');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(texts()).toHaveLength(1);
    full = false;
    app.useStore.getState().setDraft('demo', 'SELECT 123');
    await vi.waitFor(() => expect(texts().at(-1)).toBe('success: Your query history is saved again.'));
    expect(kv.data.get('queries')).toMatchObject({ drafts: { demo: 'SELECT 123' } });
    stop();
  });
});
