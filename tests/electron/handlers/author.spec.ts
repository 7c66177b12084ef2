import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthorFolderRead } from '../../../core/contract.ts';

// The system folder dialog, stubbed: each test says which folder the author "picks".
const electron = vi.hoisted(() => ({
  picked: { canceled: false, filePaths: [] as string[] },
  showOpenDialog: vi.fn(),
}));
vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => null },
  dialog: { showOpenDialog: electron.showOpenDialog.mockImplementation(async () => electron.picked) },
}));

const { authorHandlers, closeAuthorFolder, readAuthorFolder } = await import('../../../electron/handlers/author.ts');

function lessonFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'author-handler-'));
  writeFileSync(join(dir, 'lesson.json'), '{"id": "x"}');
  writeFileSync(join(dir, 'ko.md'), '소개');
  writeFileSync(join(dir, 'en.md'), 'Intro');
  writeFileSync(join(dir, 'notes.txt'), 'not a lesson file');
  return dir;
}

/** Polls as the renderer does until the files come back changed (fs.watch reports asynchronously). */
async function nextChange(version: number): Promise<AuthorFolderRead> {
  for (let i = 0; i < 100; i++) {
    const read = await authorHandlers['author:read-folder'](version);
    if (read) return read;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no change seen in 5 s');
}

afterEach(() => closeAuthorFolder());

describe('author:* handlers', () => {
  it('open-folder shows the folder picker and returns the lesson files of the folder picked, nothing else', async () => {
    const dir = lessonFolder();
    electron.picked = { canceled: false, filePaths: [dir] };
    const read = await authorHandlers['author:open-folder']();
    expect(electron.showOpenDialog).toHaveBeenCalledWith({ properties: ['openDirectory'] });
    expect(read).toMatchObject({ ok: true, path: dir, version: 1 });
    if (!read?.ok) throw new Error('not read');
    expect(Object.keys(read.files).sort()).toEqual(['en.md', 'ko.md', 'lesson.json']);
    expect(read.files['ko.md']).toBe('소개');
  });

  it('returns null when the picker is cancelled, and read-folder then says no folder is open', async () => {
    electron.picked = { canceled: true, filePaths: [] };
    expect(await authorHandlers['author:open-folder']()).toBeNull();
    expect(await authorHandlers['author:read-folder'](0)).toMatchObject({ ok: false, problem: 'closed' });
  });

  it('read-folder answers null while nothing changed, and the new text after a file is edited (fs.watch)', async () => {
    const dir = lessonFolder();
    electron.picked = { canceled: false, filePaths: [dir] };
    const first = await authorHandlers['author:open-folder']();
    if (!first?.ok) throw new Error('not read');
    expect(await authorHandlers['author:read-folder'](first.version)).toBeNull();
    writeFileSync(join(dir, 'en.md'), 'Intro, edited');
    const changed = await nextChange(first.version);
    if (!changed.ok) throw new Error(changed.detail);
    expect(changed.version).toBeGreaterThan(first.version);
    expect(changed.files['en.md']).toBe('Intro, edited');
  });

  it('stops watching on close-folder', async () => {
    const dir = lessonFolder();
    electron.picked = { canceled: false, filePaths: [dir] };
    await authorHandlers['author:open-folder']();
    expect(await authorHandlers['author:close-folder']()).toBeNull();
    expect(await authorHandlers['author:read-folder'](1)).toMatchObject({ ok: false, problem: 'closed' });
  });

  it('reads a folder of lesson folders, and refuses a folder with no lesson, a deleted folder and a huge file with the reason', () => {
    const root = mkdtempSync(join(tmpdir(), 'author-root-'));
    for (const name of ['a-lesson', 'b-lesson']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'lesson.json'), '{}');
    }
    mkdirSync(join(root, 'assets'));
    const both = readAuthorFolder(root, 3);
    expect(both.ok && Object.keys(both.files).sort()).toEqual(['a-lesson/lesson.json', 'b-lesson/lesson.json']);
    expect(readAuthorFolder(join(root, 'assets'), 1)).toMatchObject({ ok: false, problem: 'no-lessons' });
    writeFileSync(join(root, 'a-lesson', 'ko.md'), 'x'.repeat(3 * 1024 * 1024));
    expect(readAuthorFolder(join(root, 'a-lesson'), 1)).toMatchObject({ ok: false, problem: 'too-large' });
    rmSync(root, { recursive: true });
    expect(readAuthorFolder(root, 1)).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});
