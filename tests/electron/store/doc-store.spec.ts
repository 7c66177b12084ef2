import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDoc, restoreDocText, type Settings } from '../../../core/persist/docs.ts';
import { createDocStore, NOTHING_MOVED } from '../../../electron/store/doc-store.ts';

let dir: string;

beforeEach(async () => {
  dir = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'datalit-store-'));
});

afterEach(async () => {
  await nodeFs.rm(dir, { recursive: true, force: true });
});

const settings = (patch: Partial<Settings>): Settings => ({ ...defaultDoc('settings'), ...patch });
const file = (name: string) => path.join(dir, name);
const readJson = async (name: string): Promise<unknown> => JSON.parse(await nodeFs.readFile(file(name), 'utf8'));
const listDir = () => nodeFs.readdir(dir);
const FIXED_NOW = () => new Date('2025-03-04T05:06:07.089Z');
const CORRUPT_NAME = 'settings.corrupt-2025-03-04T05-06-07.089Z.json';

describe('save', () => {
  it('writes the document as JSON in <key>.json', async () => {
    const store = createDocStore({ dir });
    await store.save('settings', settings({ theme: 'dark' }));
    expect(await readJson('settings.json')).toEqual(settings({ theme: 'dark' }));
  });

  it('keeps the previous good file as <key>.json.bak on the next save', async () => {
    const store = createDocStore({ dir });
    await store.save('settings', settings({ theme: 'dark' }));
    await store.save('settings', settings({ theme: 'light' }));
    expect(await readJson('settings.json')).toMatchObject({ theme: 'light' });
    expect(await readJson('settings.json.bak')).toMatchObject({ theme: 'dark' });
  });

  it('leaves no temporary files behind', async () => {
    const store = createDocStore({ dir });
    for (let i = 0; i < 5; i++) await store.save('progress', { version: 1, lastLocation: `lesson-${i}` });
    expect((await listDir()).sort()).toEqual(['progress.json', 'progress.json.bak']);
  });

  it('refuses to write a document that would not load again, and changes nothing', async () => {
    const store = createDocStore({ dir });
    await store.save('settings', settings({ theme: 'dark' }));
    await expect(store.save('settings', { version: 1, editorFontSize: 500 })).rejects.toThrow(
      /Refusing to save settings: invalid content at editorFontSize/,
    );
    await expect(store.save('settings', { version: 9 })).rejects.toThrow(/newer version/);
    expect(await readJson('settings.json')).toMatchObject({ theme: 'dark' });
    expect(await listDir()).toEqual(['settings.json']);
  });

  it('keeps the previous file intact when the rename fails after the temp file was written', async () => {
    await createDocStore({ dir }).save('settings', settings({ theme: 'dark' }));
    const failingFs = {
      ...nodeFs,
      rename: async (...args: Parameters<typeof nodeFs.rename>) => {
        if (String(args[1]).endsWith('settings.json')) throw Object.assign(new Error('EIO: simulated crash'), { code: 'EIO' });
        return nodeFs.rename(...args);
      },
    };
    const store = createDocStore({ dir, fs: failingFs });
    await expect(store.save('settings', settings({ theme: 'light' }))).rejects.toThrow('simulated crash');
    expect(await readJson('settings.json')).toMatchObject({ theme: 'dark' });
    expect((await listDir()).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('ends 200 concurrent saves to one key with the last value, as valid JSON', async () => {
    const store = createDocStore({ dir });
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.save('settings', settings({ lastDatabase: `db-${i}` }))));
    const text = await nodeFs.readFile(file('settings.json'), 'utf8');
    expect(restoreDocText('settings', text)).toMatchObject({ ok: true, value: { lastDatabase: 'db-199' } });
    expect(await readJson('settings.json.bak')).toMatchObject({ lastDatabase: 'db-198' });
    expect((await listDir()).sort()).toEqual(['settings.json', 'settings.json.bak']);
  });

  it('creates the folder when it does not exist yet', async () => {
    const nested = path.join(dir, 'fresh', 'userData');
    await createDocStore({ dir: nested }).save('queries', { version: 1 });
    expect(JSON.parse(await nodeFs.readFile(path.join(nested, 'queries.json'), 'utf8'))).toEqual(defaultDoc('queries'));
  });
});

describe('load', () => {
  it('returns nothing and no notice on a first start', async () => {
    expect(await createDocStore({ dir }).load('settings')).toEqual({ data: null, notice: null });
  });

  it('returns what was saved', async () => {
    const store = createDocStore({ dir });
    await store.save('queries', { version: 1, drafts: { shop: 'select 1' } });
    const loaded = await store.load('queries');
    expect(loaded.notice).toBeNull();
    expect(loaded.data).toMatchObject({ version: 1, drafts: { shop: 'select 1' } });
  });

  it('ignores and removes a stray temp file from an interrupted save, keeping the previous file', async () => {
    const store = createDocStore({ dir });
    await store.save('settings', settings({ theme: 'dark' }));
    await nodeFs.writeFile(file('settings.json.tmp-99999-7'), '{"version":1,"theme":"li');
    await nodeFs.writeFile(file('settings.json.bak.tmp-99999-8'), '');
    const loaded = await store.load('settings');
    expect(loaded).toEqual({ data: settings({ theme: 'dark' }), notice: null });
    expect(await listDir()).toEqual(['settings.json']);
  });

  it('moves a corrupt file aside byte for byte and restores the backup with a notice', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    await store.save('settings', settings({ theme: 'dark' }));
    await store.save('settings', settings({ theme: 'light' }));
    const damaged = Buffer.from('{"version":1,"theme":"li\u0000\u00ff garbage', 'latin1');
    await nodeFs.writeFile(file('settings.json'), damaged);

    const loaded = await store.load('settings');
    expect(loaded.data).toEqual(settings({ theme: 'dark' }));
    expect(loaded.notice).toEqual({
      kind: 'restored-from-backup',
      movedTo: file(CORRUPT_NAME),
      reason: expect.stringMatching(/^not valid JSON/),
    });
    expect(await nodeFs.readFile(file(CORRUPT_NAME))).toEqual(damaged);
    // The backup is written back as the main file, so the next start is quiet.
    expect(await readJson('settings.json')).toEqual(settings({ theme: 'dark' }));
    expect(await store.load('settings')).toEqual({ data: settings({ theme: 'dark' }), notice: null });
  });

  it('resets to defaults when there is no backup, and keeps the damaged copy', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    await nodeFs.writeFile(file('settings.json'), '{"version":1,"editorFontSize":"huge"}');
    const loaded = await store.load('settings');
    expect(loaded).toEqual({
      data: null,
      notice: { kind: 'reset-to-defaults', movedTo: file(CORRUPT_NAME), reason: expect.stringContaining('at editorFontSize') },
    });
    expect(await nodeFs.readFile(file(CORRUPT_NAME), 'utf8')).toBe('{"version":1,"editorFontSize":"huge"}');
    expect(await listDir()).toEqual([CORRUPT_NAME]);
  });

  it('does not trust a backup that is itself damaged', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    await nodeFs.writeFile(file('settings.json'), 'nope');
    await nodeFs.writeFile(file('settings.json.bak'), '{"version":1,"theme":"purple"}');
    const loaded = await store.load('settings');
    expect(loaded.data).toBeNull();
    expect(loaded.notice?.kind).toBe('reset-to-defaults');
    expect(await nodeFs.readFile(file('settings.json.bak'), 'utf8')).toBe('{"version":1,"theme":"purple"}');
  });

  it('refuses a file from a newer format and keeps it', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    const newer = JSON.stringify({ version: 2, theme: 'dark', fancyNewThing: true });
    await nodeFs.writeFile(file('settings.json'), newer);
    const loaded = await store.load('settings');
    expect(loaded.data).toBeNull();
    expect(loaded.notice).toMatchObject({ kind: 'reset-to-defaults', reason: expect.stringMatching(/newer version/) });
    expect(await nodeFs.readFile(file(CORRUPT_NAME), 'utf8')).toBe(newer);
  });

  it('never overwrites an earlier damaged copy moved aside in the same millisecond', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    await nodeFs.writeFile(file('settings.json'), 'first');
    await store.load('settings');
    await nodeFs.writeFile(file('settings.json'), 'second');
    const loaded = await store.load('settings');
    expect(loaded.notice?.movedTo).toBe(file('settings.corrupt-2025-03-04T05-06-07.089Z-2.json'));
    expect(await nodeFs.readFile(file(CORRUPT_NAME), 'utf8')).toBe('first');
  });

  it('restores the backup, with a notice, when the main file is missing', async () => {
    const store = createDocStore({ dir });
    await store.save('settings', settings({ theme: 'dark' }));
    await store.save('settings', settings({ theme: 'light' }));
    await nodeFs.unlink(file('settings.json'));
    const loaded = await store.load('settings');
    expect(loaded).toEqual({
      data: settings({ theme: 'dark' }),
      notice: { kind: 'restored-from-backup', movedTo: NOTHING_MOVED, reason: 'settings.json was missing' },
    });
    expect(await readJson('settings.json')).toEqual(settings({ theme: 'dark' }));
  });

  it('returns old-format data as read, for the renderer to migrate', async () => {
    await nodeFs.writeFile(file('progress.json'), '{"version":1,"lastLocation":"l1"}');
    expect(await createDocStore({ dir }).load('progress')).toEqual({ data: { version: 1, lastLocation: 'l1' }, notice: null });
  });
});
