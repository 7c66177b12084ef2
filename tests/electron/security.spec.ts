import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: { on: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
}));
vi.mock('electron', () => electron);

const { hardenWebContents, installPermissionPolicy, installWebContentsSecurity, isAppUrl, isSafeExternalUrl, openExternalSafely } =
  await import('../../electron/security.ts');

type Listener = (event: { url?: string; preventDefault: () => void }) => void;
type OpenHandler = (details: { url: string }) => { action: string };

/** A stand-in for WebContents that records what the security code registers on it. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: OpenHandler | undefined;
  const contents = {
    on: vi.fn((name: string, listener: Listener) => listeners.set(name, listener)),
    setWindowOpenHandler: vi.fn((handler: OpenHandler) => {
      openHandler = handler;
    }),
  };
  const fire = (name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!openHandler) throw new Error('no window-open handler was installed');
    return openHandler({ url });
  };
  return { contents, fire, open };
}

beforeEach(() => {
  vi.clearAllMocks();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isSafeExternalUrl', () => {
  it.each(['https://sqlite.org/lang.html', 'http://example.com/', 'https://ko.wikipedia.org/wiki/SQL?x=1#y'])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://bundle/index.html',
    'smb://server/share',
    'mailto:someone@example.com',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@evil.example/',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts only app://bundle/ when packaged', () => {
    expect(isAppUrl('app://bundle/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://bundle/', undefined)).toBe(true);
    expect(isAppUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://evil.example/', undefined)).toBe(false);
    expect(isAppUrl('file:///opt/datalit/index.html', undefined)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', undefined)).toBe(false);
    expect(isAppUrl('garbage', undefined)).toBe(false);
  });

  it('accepts only the dev server origin in development', () => {
    const dev = 'http://127.0.0.1:5173';
    expect(isAppUrl('http://127.0.0.1:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('https://evil.example/', dev)).toBe(false);
    expect(isAppUrl('app://bundle/index.html', dev)).toBe(false);
  });

  it('reads the dev server URL Forge defines', () => {
    vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', 'http://127.0.0.1:5173');
    expect(isAppUrl('http://127.0.0.1:5173/')).toBe(true);
    expect(isAppUrl('app://bundle/index.html')).toBe(false);
    vi.unstubAllGlobals();
    expect(isAppUrl('app://bundle/index.html')).toBe(true);
  });
});

describe('openExternalSafely', () => {
  it('hands http(s) links to the system browser', async () => {
    expect(await openExternalSafely('https://sqlite.org/')).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://sqlite.org/');
  });

  it('ignores everything else', async () => {
    expect(await openExternalSafely('file:///etc/passwd')).toBe(false);
    expect(await openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('reports a failure of the shell instead of throwing', async () => {
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(await openExternalSafely('https://sqlite.org/')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('denies every new window and opens only http(s) links outside', () => {
    const { contents, open } = fakeContents();
    hardenWebContents(contents as never);
    expect(open('https://sqlite.org/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('app://bundle/index.html')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://sqlite.org/');
  });

  it('blocks navigation and redirects away from the app, and every <webview>', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents as never);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://bundle/index.html')).toBe(false);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', 'app://bundle/index.html')).toBe(false);
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('is applied to every web contents the app creates', () => {
    installWebContentsSecurity();
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    const [, onCreated] = electron.app.on.mock.calls[0] as unknown as [string, (event: unknown, contents: unknown) => void];
    const { contents } = fakeContents();
    onCreated({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
  });
});

describe('installPermissionPolicy', () => {
  const handlers = () => {
    installPermissionPolicy();
    const [request] = electron.session.defaultSession.setPermissionRequestHandler.mock.calls.at(-1) as unknown as [
      (contents: { getURL: () => string }, permission: string, callback: (granted: boolean) => void) => void,
    ];
    const [check] = electron.session.defaultSession.setPermissionCheckHandler.mock.calls.at(-1) as unknown as [
      (contents: unknown, permission: string, origin: string) => boolean,
    ];
    return { request, check };
  };
  const app = { getURL: () => 'app://bundle/index.html' };
  const foreign = { getURL: () => 'https://evil.example/' };

  it('denies every permission request and check but the clipboard write', () => {
    const { request, check } = handlers();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request(app, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check({}, permission, 'app://bundle')).toBe(false);
    }
  });

  it('lets only the app itself write to the clipboard (Copy cell)', () => {
    const { request, check } = handlers();
    const granted = vi.fn();
    request(app, 'clipboard-sanitized-write', granted);
    expect(granted).toHaveBeenCalledWith(true);
    expect(check({}, 'clipboard-sanitized-write', 'app://bundle')).toBe(true);
    const refused = vi.fn();
    request(foreign, 'clipboard-sanitized-write', refused);
    expect(refused).toHaveBeenCalledWith(false);
    expect(check({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
