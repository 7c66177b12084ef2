import { describe, expect, it, vi } from 'vitest';
import { EXPECTED_CHANNELS } from '../fixtures/ipc-channels.ts';

// The whole start-up, main.ts as Electron runs it, against a stubbed electron module.
const electron = vi.hoisted(() => {
  const events: string[] = [];
  const windows: { url: string | null; options: Record<string, unknown> }[] = [];
  class BrowserWindow {
    url: string | null = null;
    options: Record<string, unknown>;
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
    loadURL = vi.fn(async (url: string) => {
      this.url = url;
    });
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    setBackgroundColor = vi.fn();
    static getAllWindows = () => windows;
  }
  return {
    events,
    windows,
    BrowserWindow,
    app: {
      isPackaged: true,
      requestSingleInstanceLock: vi.fn(() => true),
      on: vi.fn((event: string) => events.push(`app:${event}`)),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn(() => '/tmp/datalit-main-spec'),
      setPath: vi.fn(),
      getLocale: () => 'ko-KR',
      getPreferredSystemLanguages: () => ['ko-KR'],
      getVersion: () => '0.0.0',
      quit: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string }[]) => events.push(`schemes:${schemes.map((s) => s.scheme).join()}`)),
      handle: vi.fn((scheme: string) => events.push(`protocol:${scheme}`)),
    },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: { handle: vi.fn((channel: string) => events.push(`ipc:${channel}`)) },
    nativeTheme: { shouldUseDarkColors: false, on: vi.fn(), off: vi.fn() },
    shell: { openExternal: vi.fn() },
    net: { fetch: vi.fn() },
  };
});
vi.mock('electron', () => electron);
vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', undefined);
vi.stubGlobal('MAIN_WINDOW_VITE_NAME', 'main_window');

describe('main process start-up', () => {
  it('grants the app scheme before ready, fences security, registers every IPC channel, then opens the app', async () => {
    await import('../../electron/main.ts');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const { events } = electron;
    // Privileges must be registered before ready; policies before any window exists.
    expect(events[0]).toBe('schemes:app');
    expect(events.indexOf('app:web-contents-created')).toBeLessThan(events.indexOf('protocol:app'));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(events.filter((e) => e.startsWith('ipc:')).sort()).toEqual(EXPECTED_CHANNELS.map((c) => `ipc:${c}`));
    await vi.waitFor(() => expect(electron.windows[0]!.url).toBe('app://bundle/index.html'));
    expect(electron.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
