import { describe, expect, it } from 'vitest';
import { defaultDoc } from '../../core/persist/docs.ts';
import { createWebDocStore, createWebHost } from '../../renderer/host/web-host.ts';
import { memoryStore } from './memory-store.ts';
import { notesDoc } from '../core/persist-notes-doc.ts';

const FIXED_NOW = () => new Date('2025-03-04T05:06:07.089Z');
const step = (status: string) => ({ status, attempts: 1, updatedAt: '2025-01-01T00:00:00Z' });

describe('the web host', () => {
  it('gives back after a reload what was saved before it', async () => {
    const kv = memoryStore();
    const before = createWebHost(kv);
    const queries = { ...defaultDoc('queries'), drafts: { 'hanbit-warehouse': 'SELECT count(*) FROM fact_orders' } };
    expect(await before.storeSave('queries', queries)).toEqual({ ok: true });
    // A reload is a new host over the same database.
    expect(await createWebHost(kv).storeLoad('queries')).toEqual({ data: queries, notice: null });
  });

  it('keeps the last good value as .bak and restores it, with a notice, when the value is damaged', async () => {
    const kv = memoryStore();
    const host = createWebHost(kv);
    await host.storeSave('settings', { ...defaultDoc('settings'), theme: 'dark' });
    await host.storeSave('settings', { ...defaultDoc('settings'), theme: 'light' });
    expect(kv.data.get('settings.bak')).toMatchObject({ theme: 'dark' });
    kv.data.set('settings', { version: 1, language: 'klingon' });
    const loaded = await createWebDocStore(kv, { now: FIXED_NOW }).load('settings');
    expect(loaded).toMatchObject({
      data: { theme: 'dark' },
      notice: { kind: 'restored-from-backup', cause: 'damaged', movedTo: 'IndexedDB: settings.corrupt-2025-03-04T05:06:07.089Z' },
    });
    expect(kv.data.get('settings.corrupt-2025-03-04T05:06:07.089Z')).toEqual({ version: 1, language: 'klingon' });
  });

  it('keeps a value from a newer version aside as newer and starts fresh without a backup', async () => {
    const kv = memoryStore({ progress: { version: 5, steps: {} } });
    const loaded = await createWebDocStore(kv, { now: FIXED_NOW }).load('progress');
    expect(loaded).toMatchObject({ data: null, notice: { kind: 'reset-to-defaults', cause: 'newer-version' } });
    expect([...kv.data.keys()]).toEqual(['progress.newer-2025-03-04T05:06:07.089Z']);
  });

  it('drops one damaged step, keeps the other steps, and keeps the original aside', async () => {
    const original = { version: 1, lastLocation: null, steps: { 'l1/s1': step('done'), 'l1/s2': { status: 'done' }, 'l1/s3': step('done') } };
    const kv = memoryStore({ progress: original });
    const loaded = await createWebDocStore(kv, { now: FIXED_NOW }).load('progress');
    expect(loaded.notice).toMatchObject({ kind: 'entries-dropped', dropped: [{ field: 'steps', count: 1 }] });
    expect(Object.keys((loaded.data as { steps: object }).steps)).toEqual(['l1/s1', 'l1/s3']);
    expect(kv.data.get('progress.corrupt-2025-03-04T05:06:07.089Z')).toEqual(original);
    expect(await createWebDocStore(kv).load('progress')).toMatchObject({ notice: null, data: { steps: { 'l1/s3': { status: 'done' } } } });
  });

  it('answers a full disk as a save problem instead of throwing', async () => {
    const kv = memoryStore();
    kv.set = async () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    };
    expect(await createWebHost(kv).storeSave('settings', defaultDoc('settings'))).toEqual({
      ok: false,
      problem: 'disk-full',
      path: 'IndexedDB',
      detail: 'quota',
    });
  });
});

describe('a document declared by a test, in the web store', () => {
  it('round-trips, keeps its .bak, and hands an older version over to be migrated', async () => {
    const kv = memoryStore({ notes: { version: 1, lines: ['from the old app'] } });
    const store = createWebDocStore(kv, { docs: [notesDoc] });
    const loaded = await store.load('notes');
    expect(loaded.notice).toBeNull();
    expect(notesDoc.restore(loaded.data)).toMatchObject({ ok: true, migratedFrom: 1, value: { notes: [{ text: 'from the old app' }] } });
    await store.save('notes', { version: 2, notes: [{ id: 'a', text: 'new' }], pinned: 'a' });
    expect(await createWebDocStore(kv, { docs: [notesDoc] }).load('notes')).toEqual({
      data: { version: 2, notes: [{ id: 'a', text: 'new' }], pinned: 'a' },
      notice: null,
    });
    // The old value was not valid as version 2 on its own, but it restored: it is the backup.
    expect(kv.data.get('notes.bak')).toEqual({ version: 1, lines: ['from the old app'] });
  });
});
