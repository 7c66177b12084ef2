import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressDoc } from '../../../core/persist/docs.ts';
import { createDocStore, NOTHING_MOVED } from '../../../electron/store/doc-store.ts';
import { notesDoc } from '../../core/persist-notes-doc.ts';

let dir: string;

beforeEach(async () => {
  dir = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'datalit-docs-'));
});

afterEach(async () => {
  await nodeFs.rm(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);
const readJson = async (name: string): Promise<unknown> => JSON.parse(await nodeFs.readFile(file(name), 'utf8'));
const FIXED_NOW = () => new Date('2025-03-04T05:06:07.089Z');
const step = (status: string) => ({ status, attempts: 2, updatedAt: '2025-01-01T00:00:00Z' });

describe('a progress file with one damaged step', () => {
  const text = `${JSON.stringify({
    version: 1,
    lastLocation: 'l1/s3',
    steps: { 'l1/s1': step('done'), 'l1/s2': step('finished'), 'l1/s3': step('in-progress') },
  })}\n`;

  it('loads the other steps, counts the dropped one, and keeps the original aside', async () => {
    await nodeFs.writeFile(file('progress.json'), text);
    const store = createDocStore({ dir, now: FIXED_NOW });
    const loaded = await store.load('progress');
    const aside = file('progress.corrupt-2025-03-04T05-06-07.089Z.json');
    expect(loaded.notice).toEqual({
      kind: 'entries-dropped',
      cause: 'damaged',
      movedTo: aside,
      reason: expect.stringContaining('steps.l1/s2.status'),
      dropped: [{ field: 'steps', count: 1 }],
    });
    expect(Object.keys((loaded.data as { steps: object }).steps)).toEqual(['l1/s1', 'l1/s3']);
    expect(await nodeFs.readFile(aside, 'utf8')).toBe(text);
    // The rest is written back, so the next start is quiet and the file restores whole.
    expect(progressDoc.restore(await readJson('progress.json'))).toMatchObject({ ok: true, value: { lastLocation: 'l1/s3' } });
    expect((await store.load('progress')).notice).toBeNull();
  });

  it('prefers the file without its damaged step to an older backup', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    await store.save('progress', { version: 1, steps: { 'l1/s1': step('in-progress') } });
    await store.save('progress', { version: 1, steps: { 'l1/s1': step('in-progress') } });
    await nodeFs.writeFile(file('progress.json'), text);
    const loaded = await store.load('progress');
    expect(loaded.notice?.kind).toBe('entries-dropped');
    expect(loaded.data).toMatchObject({ steps: { 'l1/s1': { status: 'done' }, 'l1/s3': { status: 'in-progress' } } });
  });

  it('still uses the steps when the folder will not let the original be moved aside', async () => {
    await nodeFs.writeFile(file('progress.json'), text);
    const stuckFs = {
      ...nodeFs,
      rename: async () => {
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      },
    };
    const loaded = await createDocStore({ dir, fs: stuckFs }).load('progress');
    expect(loaded.notice).toMatchObject({ kind: 'entries-dropped', movedTo: NOTHING_MOVED, dropped: [{ field: 'steps', count: 1 }] });
    expect(await nodeFs.readFile(file('progress.json'), 'utf8')).toBe(text);
  });
});

describe('a document declared by a test, as a new workbench would', () => {
  it('round-trips through the file store with its own file, backup and key', async () => {
    const store = createDocStore({ dir, docs: [notesDoc] });
    await store.save('notes', { version: 2, notes: [{ id: 'a', text: 'first' }] });
    await store.save('notes', { version: 2, notes: [{ id: 'a', text: 'second' }], pinned: 'a' });
    expect(await store.load('notes')).toEqual({
      data: { version: 2, notes: [{ id: 'a', text: 'second' }], pinned: 'a' },
      notice: null,
    });
    expect((await nodeFs.readdir(dir)).sort()).toEqual(['notes.json', 'notes.json.bak']);
    await expect(store.save('notes', { version: 2, notes: [{ id: 'a', text: '' }] })).rejects.toThrow(/Refusing to save notes/);
  });

  it('loads a file of the older version for the renderer to migrate, and drops its damaged entry', async () => {
    await nodeFs.writeFile(file('notes.json'), JSON.stringify({ version: 1, lines: ['kept', ''] }));
    const loaded = await createDocStore({ dir, docs: [notesDoc], now: FIXED_NOW }).load('notes');
    expect(loaded.notice).toMatchObject({ kind: 'entries-dropped', dropped: [{ field: 'notes', count: 1 }] });
    expect(loaded.data).toEqual({ version: 2, notes: [{ id: 'n1', text: 'kept' }], pinned: null });
  });

  it('keeps a newer file of it aside as newer, by the same rules as the app’s documents', async () => {
    await nodeFs.writeFile(file('notes.json'), JSON.stringify({ version: 3, notes: [] }));
    const loaded = await createDocStore({ dir, docs: [notesDoc], now: FIXED_NOW }).load('notes');
    expect(loaded).toMatchObject({ data: null, notice: { kind: 'reset-to-defaults', cause: 'newer-version' } });
    expect(await nodeFs.readdir(dir)).toEqual(['notes.newer-2025-03-04T05-06-07.089Z.json']);
  });

  it('refuses a key it was not given', async () => {
    await expect(createDocStore({ dir, docs: [notesDoc] }).load('settings' as 'notes')).rejects.toThrow(/Unknown document "settings"/);
  });
});
