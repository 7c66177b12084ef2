import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeStrayTemps, syncDirectory, tempPathFor, writeFileAtomic } from '../../../electron/store/atomic-file.ts';
import { createKeyedQueue } from '../../../electron/store/keyed-queue.ts';

let dir: string;

beforeEach(async () => {
  dir = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'datalit-atomic-'));
});

afterEach(async () => {
  await nodeFs.rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the target and leaves only the target', async () => {
    const target = path.join(dir, 'doc.json');
    await nodeFs.writeFile(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(await nodeFs.readFile(target, 'utf8')).toBe('new');
    expect(await nodeFs.readdir(dir)).toEqual(['doc.json']);
  });

  it('runs beforeRename while the new content sits complete in its temp file', async () => {
    const target = path.join(dir, 'doc.json');
    await nodeFs.writeFile(target, 'old');
    let seen: string[] = [];
    await writeFileAtomic(target, 'new', {
      beforeRename: async () => {
        seen = await nodeFs.readdir(dir);
        const temp = seen.find((name) => name.includes('.tmp-'));
        expect(temp).toBeDefined();
        expect(await nodeFs.readFile(path.join(dir, temp ?? ''), 'utf8')).toBe('new');
        expect(await nodeFs.readFile(target, 'utf8')).toBe('old');
      },
    });
    expect(seen).toHaveLength(2);
  });

  it('removes its temp file and keeps the old target when a step fails', async () => {
    const target = path.join(dir, 'doc.json');
    await nodeFs.writeFile(target, 'old');
    await expect(writeFileAtomic(target, 'new', { beforeRename: () => Promise.reject(new Error('disk full')) })).rejects.toThrow(
      'disk full',
    );
    expect(await nodeFs.readFile(target, 'utf8')).toBe('old');
    expect(await nodeFs.readdir(dir)).toEqual(['doc.json']);
  });

  it('names temp files <target>.tmp-<pid>-<n>, unique per call', () => {
    const a = tempPathFor('/x/settings.json');
    const b = tempPathFor('/x/settings.json');
    expect(a).toMatch(new RegExp(`^/x/settings\\.json\\.tmp-${process.pid}-\\d+$`));
    expect(a).not.toBe(b);
  });
});

describe('syncDirectory', () => {
  it('fsyncs the folder on POSIX and skips it on Windows', async () => {
    const open = vi.fn(nodeFs.open);
    const fs = { ...nodeFs, open };
    await syncDirectory(dir, fs, 'linux');
    expect(open).toHaveBeenCalledWith(dir, 'r');
    open.mockClear();
    await syncDirectory(dir, fs, 'win32');
    expect(open).not.toHaveBeenCalled();
  });

  it('never fails the save when the folder cannot be fsynced', async () => {
    await expect(syncDirectory(path.join(dir, 'missing'), nodeFs, 'linux')).resolves.toBeUndefined();
  });
});

describe('removeStrayTemps', () => {
  it('removes only the temp files of the given document', async () => {
    for (const name of ['a.json', 'a.json.tmp-1-1', 'a.json.bak.tmp-1-2', 'b.json.tmp-1-3', 'a.corrupt-x.json']) {
      await nodeFs.writeFile(path.join(dir, name), '');
    }
    expect((await removeStrayTemps(dir, 'a.json')).sort()).toEqual(['a.json.bak.tmp-1-2', 'a.json.tmp-1-1']);
    expect((await nodeFs.readdir(dir)).sort()).toEqual(['a.corrupt-x.json', 'a.json', 'b.json.tmp-1-3']);
  });
});

describe('createKeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, even after a failure', async () => {
    const queue = createKeyedQueue<string>();
    const log: string[] = [];
    const step =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) => {
          log.push(`start ${name}`);
          setTimeout(() => {
            log.push(`end ${name}`);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms);
        });
    const results = await Promise.allSettled([queue('k', step('a', 20)), queue('k', step('b', 1, true)), queue('k', step('c', 1))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets different keys run side by side', async () => {
    const queue = createKeyedQueue<string>();
    const log: string[] = [];
    const slow = queue('a', async () => {
      log.push('a');
      await new Promise((r) => setTimeout(r, 20));
      log.push('a done');
    });
    await queue('b', async () => {
      log.push('b');
    });
    await slow;
    expect(log).toEqual(['a', 'b', 'a done']);
  });
});
