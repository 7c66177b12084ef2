import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// main.ts as Electron runs it, against a stubbed electron module that keeps the IPC handlers.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: unknown[] = [];
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor() {
      windows.push(this);
    }
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    isMinimized = () => false;
    setBackgroundColor = vi.fn();
    static getAllWindows = () => windows;
  }
  return {
    handlers,
    appListeners,
    windows,
    BrowserWindow,
    app: {
      isPackaged: true,
      requestSingleInstanceLock: vi.fn(() => true),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener)),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn(() => '/tmp/datalit-launch-spec'),
      setPath: vi.fn(),
      getLocale: () => 'ko-KR',
      getPreferredSystemLanguages: () => ['ko-KR'],
      getVersion: () => '0.0.0',
      quit: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: { handle: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, listener)) },
    nativeTheme: { shouldUseDarkColors: false, on: vi.fn(), off: vi.fn() },
    shell: { openExternal: vi.fn() },
    net: { fetch: vi.fn() },
  };
});
vi.mock('electron', () => electron);
vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', undefined);
vi.stubGlobal('MAIN_WINDOW_VITE_NAME', 'main_window');

const { parseLaunchArgs, queueLaunchArgs, takeLaunchFile } = await import('../../electron/launch-file.ts');

const dir = mkdtempSync(join(tmpdir(), 'datalit-launch-'));
const header = new TextEncoder().encode('SQLite format 3\0');
const dbFile = join(dir, 'shop.db');
writeFileSync(dbFile, Buffer.concat([header, Buffer.alloc(4096 - 16, 7)]));

describe('the command line names a database file', () => {
  it('finds the first .db/.sqlite argument, made absolute, past the executable, the app folder and options', () => {
    expect(parseLaunchArgs(['/opt/Datalit Studio/datalit-studio', 'shop.db'], '/home/me')).toBe(resolve('/home/me', 'shop.db'));
    expect(parseLaunchArgs(['electron', '.', '--inspect', '/data/Sales.SQLITE3'], '/x')).toBe('/data/Sales.SQLITE3');
    expect(parseLaunchArgs(['electron', '--user-data=/tmp/x.db', 'data/a.sqlite', 'b.db'], '/w')).toBe(resolve('/w', 'data/a.sqlite'));
    expect(parseLaunchArgs(['datalit-studio', 'notes.txt', '--flag'], '/w')).toBeNull();
    // argv[0] is the executable even when its name looks like a database.
    expect(parseLaunchArgs(['weird.db'], '/w')).toBeNull();
  });

  it('hands the file over once, and says why one cannot be opened', async () => {
    queueLaunchArgs(['app', dbFile], dir);
    const taken = await takeLaunchFile();
    expect(taken && 'bytes' in taken ? [taken.name, taken.bytes.byteLength, taken.bytes[0]] : taken).toEqual(['shop.db', 4096, 0x53]);
    expect(await takeLaunchFile()).toBeNull();

    queueLaunchArgs(['app', 'gone.db'], dir);
    expect(await takeLaunchFile()).toMatchObject({ name: 'gone.db', problem: 'missing' });
    mkdirSync(join(dir, 'folder.db'));
    queueLaunchArgs(['app', 'folder.db'], dir);
    expect(await takeLaunchFile()).toMatchObject({ name: 'folder.db', problem: 'not-a-file' });
    queueLaunchArgs(['app', dbFile], dir);
    expect(await takeLaunchFile(1000)).toMatchObject({ name: 'shop.db', problem: 'too-large', size: 4096 });
  });

  it('main.ts queues argv at start and a second launch’s argv, handed to the app page over launch:take-file', async () => {
    const argv = process.argv;
    process.argv = ['/opt/datalit-studio', dbFile];
    try {
      await import('../../electron/main.ts');
    } finally {
      process.argv = argv;
    }
    await vi.waitFor(() => expect(electron.handlers.has('launch:take-file')).toBe(true));
    const take = electron.handlers.get('launch:take-file')!;
    const trusted = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
    const first = (await take(trusted)) as { name: string; bytes: Uint8Array };
    expect([first.name, first.bytes.byteLength]).toEqual(['shop.db', 4096]);
    expect(await take(trusted)).toBeNull();
    // Only the app's own page may take it, and it cannot name a path of its own.
    await expect(take({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(/untrusted/);
    await expect(take(trusted, '/etc/passwd')).rejects.toThrow(/Invalid arguments/);

    writeFileSync(join(dir, 'second.sqlite'), header);
    electron.appListeners.get('second-instance')!({}, ['/opt/datalit-studio', 'second.sqlite'], dir);
    expect(await take(trusted)).toMatchObject({ name: 'second.sqlite', path: join(dir, 'second.sqlite') });
  });
});
