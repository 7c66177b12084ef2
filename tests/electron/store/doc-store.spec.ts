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
    expect(await store.save('settings', settings({ theme: 'light' }))).toMatchObject({
      ok: false,
      problem: 'failed',
      detail: 'EIO: simulated crash',
    });
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
      cause: 'damaged',
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
      notice: {
        kind: 'reset-to-defaults',
        cause: 'damaged',
        movedTo: file(CORRUPT_NAME),
        reason: expect.stringContaining('at editorFontSize'),
      },
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

  it('keeps a file from a newer version aside as newer, not corrupt, and uses the backup', async () => {
    const store = createDocStore({ dir, now: FIXED_NOW });
    await store.save('settings', settings({ theme: 'dark' }));
    await store.save('settings', settings({ theme: 'light' }));
    const newer = JSON.stringify({ version: 2, theme: 'dark', fancyNewThing: true });
    await nodeFs.writeFile(file('settings.json'), newer);
    const loaded = await store.load('settings');
    expect(loaded.data).toEqual(settings({ theme: 'dark' }));
    expect(loaded.notice).toEqual({
      kind: 'restored-from-backup',
      cause: 'newer-version',
      movedTo: file('settings.newer-2025-03-04T05-06-07.089Z.json'),
      reason: expect.stringMatching(/newer version of the app \(format 2/),
    });
    expect(await nodeFs.readFile(file('settings.newer-2025-03-04T05-06-07.089Z.json'), 'utf8')).toBe(newer);
    expect((await listDir()).some((name) => name.includes('corrupt'))).toBe(false);
  });

  it('accepts a file with a UTF-8 byte-order mark', async () => {
    await nodeFs.writeFile(file('settings.json'), '\uFEFF{"version":1,"theme":"dark"}');
    expect(await createDocStore({ dir }).load('settings')).toEqual({ data: { version: 1, theme: 'dark' }, notice: null });
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
      notice: { kind: 'restored-from-backup', cause: 'missing', movedTo: NOTHING_MOVED, reason: 'settings.json was missing' },
    });
    expect(await readJson('settings.json')).toEqual(settings({ theme: 'dark' }));
  });

  it('returns old-format data as read, for the renderer to migrate', async () => {
    await nodeFs.writeFile(file('progress.json'), '{"version":1,"lastLocation":"l1"}');
    expect(await createDocStore({ dir }).load('progress')).toEqual({ data: { version: 1, lastLocation: 'l1' }, notice: null });
  });
});

/** Two good saves, so settings.json is `light` and settings.json.bak is `dark`. */
async function savedTwice(): Promise<void> {
  const store = createDocStore({ dir });
  await store.save('settings', settings({ theme: 'dark' }));
  await store.save('settings', settings({ theme: 'light' }));
}

const denied = (call: string, target: string) =>
  Object.assign(new Error(`EACCES: permission denied, ${call} '${target}'`), { code: 'EACCES' });

describe('load when the main file cannot be read or moved aside', () => {
  it('uses the backup when the main file is unreadable, says so, and leaves the file alone', async () => {
    await savedTwice();
    const unreadable = {
      ...nodeFs,
      readFile: (async (target: string, ...rest: [BufferEncoding]) => {
        if (String(target).endsWith('settings.json')) throw denied('open', String(target));
        return nodeFs.readFile(target, ...rest);
      }) as typeof nodeFs.readFile,
    };
    const loaded = await createDocStore({ dir, fs: unreadable }).load('settings');
    expect(loaded).toEqual({
      data: settings({ theme: 'dark' }),
      notice: { kind: 'restored-from-backup', cause: 'unreadable', movedTo: NOTHING_MOVED, reason: expect.stringMatching(/EACCES/) },
    });
    expect(await readJson('settings.json')).toMatchObject({ theme: 'light' });
  });

  // Root reads any file whatever its mode, so these two run only as an ordinary user; the same
  // fallbacks are covered above through an fs that fails as an unreadable file would.
  if (process.getuid?.() === 0)
    console.log('[doc-store] 2 real-chmod tests skipped: running as root, which reads any file whatever its mode');
  it.skipIf(process.getuid?.() === 0)('uses the backup when permissions on the main file are dropped (real chmod)', async () => {
    await savedTwice();
    await nodeFs.chmod(file('settings.json'), 0o000);
    const loaded = await createDocStore({ dir }).load('settings');
    expect(loaded.data).toEqual(settings({ theme: 'dark' }));
    expect(loaded.notice).toMatchObject({ kind: 'restored-from-backup', cause: 'unreadable' });
    await nodeFs.chmod(file('settings.json'), 0o600);
  });

  it.skipIf(process.getuid?.() === 0)(
    'real read-only folder: a damaged file stays, the backup is used, saves answer unwritable',
    async () => {
      await savedTwice();
      await nodeFs.writeFile(file('settings.json'), 'damaged');
      await nodeFs.chmod(dir, 0o500);
      try {
        const store = createDocStore({ dir });
        const loaded = await store.load('settings');
        expect(loaded.data).toEqual(settings({ theme: 'dark' }));
        expect(loaded.notice).toMatchObject({ kind: 'restored-from-backup', cause: 'stuck', movedTo: NOTHING_MOVED });
        expect(await store.save('settings', settings({ theme: 'dark' }))).toMatchObject({ ok: false, problem: 'unwritable', path: dir });
      } finally {
        await nodeFs.chmod(dir, 0o700);
      }
    },
  );

  it('uses the backup when a folder stands where the main file should be', async () => {
    await savedTwice();
    await nodeFs.rm(file('settings.json'));
    await nodeFs.mkdir(file('settings.json'));
    const store = createDocStore({ dir });
    const loaded = await store.load('settings');
    expect(loaded).toEqual({
      data: settings({ theme: 'dark' }),
      notice: { kind: 'restored-from-backup', cause: 'unreadable', movedTo: NOTHING_MOVED, reason: 'settings.json is not a file' },
    });
    expect(await store.save('settings', settings({ theme: 'light' }))).toMatchObject({
      ok: false,
      problem: 'unwritable',
      path: file('settings.json'),
    });
  });

  it('uses the backup when a damaged file cannot be moved aside (read-only folder)', async () => {
    await savedTwice();
    await nodeFs.writeFile(file('settings.json'), '{"version":1,');
    const readOnly = {
      ...nodeFs,
      rename: async () => {
        throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
      },
      open: (async (target: string, flags?: string) => {
        if (flags === 'w') throw Object.assign(new Error(`EROFS: read-only file system, open '${target}'`), { code: 'EROFS' });
        return nodeFs.open(target, flags);
      }) as typeof nodeFs.open,
    };
    const store = createDocStore({ dir, fs: readOnly, now: FIXED_NOW });
    const loaded = await store.load('settings');
    expect(loaded.data).toEqual(settings({ theme: 'dark' }));
    expect(loaded.notice).toEqual({
      kind: 'restored-from-backup',
      cause: 'stuck',
      movedTo: NOTHING_MOVED,
      reason: expect.stringMatching(/^not valid JSON .*could not be moved aside \(EROFS/),
    });
    expect(await nodeFs.readFile(file('settings.json'), 'utf8')).toBe('{"version":1,');
  });

  it('never reads a huge file: it is moved aside by its size and the backup is used', async () => {
    await savedTwice();
    // A sparse 200 MB file: the size is real, the disk space is not used.
    const handle = await nodeFs.open(file('settings.json'), 'r+');
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
    const reads: string[] = [];
    const watching = {
      ...nodeFs,
      readFile: ((target: string, ...rest: [BufferEncoding]) => {
        reads.push(path.basename(String(target)));
        return nodeFs.readFile(target, ...rest);
      }) as typeof nodeFs.readFile,
    };
    const loaded = await createDocStore({ dir, fs: watching, now: FIXED_NOW }).load('settings');
    expect(reads).toEqual(['settings.json.bak']);
    expect(loaded.data).toEqual(settings({ theme: 'dark' }));
    expect(loaded.notice).toMatchObject({
      kind: 'restored-from-backup',
      cause: 'damaged',
      reason: expect.stringMatching(/too large \(200 MB/),
    });
    expect((await nodeFs.stat(file(CORRUPT_NAME))).size).toBe(200 * 1024 * 1024);
  });
});

describe('save into a folder that cannot be written', () => {
  it('answers with the problem and the folder instead of throwing, and changes nothing', async () => {
    await savedTwice();
    const readOnly = {
      ...nodeFs,
      open: (async (target: string, flags?: string) => {
        if (flags === 'w') throw denied('open', target);
        return nodeFs.open(target, flags);
      }) as typeof nodeFs.open,
    };
    const result = await createDocStore({ dir, fs: readOnly }).save('settings', settings({ theme: 'dark' }));
    expect(result).toEqual({ ok: false, problem: 'unwritable', path: dir, detail: expect.stringMatching(/EACCES/) });
    expect(await readJson('settings.json')).toMatchObject({ theme: 'light' });
  });

  it('reports a full disk as such', async () => {
    const full = {
      ...nodeFs,
      rename: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    expect(await createDocStore({ dir, fs: full }).save('queries', { version: 1 })).toMatchObject({ ok: false, problem: 'disk-full' });
  });
});
