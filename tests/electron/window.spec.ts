import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; instance: Record<string, ReturnType<typeof vi.fn>> }[] = [];
  class BrowserWindow {
    once = vi.fn();
    show = vi.fn();
    setBackgroundColor = vi.fn();
    loadURL = vi.fn(async (_url: string) => undefined);
    constructor(options: Record<string, unknown>) {
      created.push({ options, instance: this as unknown as Record<string, ReturnType<typeof vi.fn>> });
    }
  }
  return {
    created,
    BrowserWindow,
    app: { isPackaged: true },
    nativeTheme: { shouldUseDarkColors: true, on: vi.fn(), off: vi.fn() },
  };
});
vi.mock('electron', () => electron);

const { createMainWindow } = await import('../../electron/window.ts');

beforeEach(() => {
  electron.created.length = 0;
  electron.app.isPackaged = true;
  vi.unstubAllGlobals();
});

function lastWindow() {
  const last = electron.created.at(-1);
  if (!last) throw new Error('no window was created');
  return last;
}

describe('createMainWindow', () => {
  it('creates a locked-down, sandboxed window with the preload next to the main bundle', () => {
    createMainWindow();
    const { options } = lastWindow();
    expect(options).toMatchObject({ title: 'Datalit Studio', width: 1280, height: 800, minWidth: 900, minHeight: 600, show: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String((options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
  });

  it('allows DevTools only in an unpackaged build', () => {
    electron.app.isPackaged = false;
    createMainWindow();
    expect(lastWindow().options.webPreferences).toMatchObject({ devTools: true });
  });

  it('paints the system theme background and shows the window only when ready', () => {
    createMainWindow();
    const { options, instance } = lastWindow();
    expect(options.backgroundColor).toBe('#1e1e1e');
    expect(instance.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
    expect(instance.show).not.toHaveBeenCalled();
  });

  it('loads app://bundle/ when packaged and the dev server in development', () => {
    createMainWindow();
    expect(lastWindow().instance.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', 'http://127.0.0.1:5173');
    createMainWindow();
    expect(lastWindow().instance.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5173');
  });
});
