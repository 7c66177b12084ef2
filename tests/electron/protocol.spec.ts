import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn(async (_url: string) => new Response('bytes', { headers: { 'content-type': 'text/plain' } })) },
}));
vi.mock('electron', () => electron);

const { handleAppProtocol, registerAppScheme } = await import('../../electron/protocol.ts');
const { APP_CSP } = await import('../../electron/csp.ts');
const { readFileSync } = await import('node:fs');

const ROOT = '/opt/datalit/renderer/main_window';
type ProtocolHandler = (request: { url: string; method: string }) => Promise<Response>;

function installedHandler(): ProtocolHandler {
  handleAppProtocol(ROOT);
  const [scheme, handler] = electron.protocol.handle.mock.calls[0] as unknown as [string, ProtocolHandler];
  expect(scheme).toBe('app');
  return handler;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('app:// protocol', () => {
  it('registers app:// as a standard, secure scheme that supports fetch and streaming', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, stream: true }),
      }),
    ]);
  });

  it('serves a bundled file with its own Content-Type', async () => {
    const handler = installedHandler();
    const response = await handler({ url: 'app://bundle/assets/sql-wasm.wasm', method: 'GET' });
    expect(electron.net.fetch).toHaveBeenCalledWith(`file://${ROOT}/assets/sql-wasm.wasm`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(await response.text()).toBe('bytes');
  });

  it('answers 404 for a path outside the bundle without touching the disk', async () => {
    const handler = installedHandler();
    const response = await handler({ url: 'app://bundle/..%2f..%2f..%2fetc%2fpasswd', method: 'GET' });
    expect(response.status).toBe(404);
    expect(electron.net.fetch).not.toHaveBeenCalled();
  });

  it('answers 404 for a missing file, and 405 for anything but GET/HEAD', async () => {
    const handler = installedHandler();
    electron.net.fetch.mockRejectedValueOnce(new Error('net::ERR_FILE_NOT_FOUND'));
    expect((await handler({ url: 'app://bundle/nope.js', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://bundle/index.html', method: 'POST' })).status).toBe(405);
  });

  it('sends the CSP as a header with the page and every worker script, with base-uri and form-action locked', async () => {
    const handler = installedHandler();
    for (const url of ['app://bundle/index.html', 'app://bundle/assets/sql.worker-abc123.js', 'app://bundle/nope/../../x']) {
      const response = await handler({ url, method: 'GET' });
      expect(response.headers.get('content-security-policy'), url).toBe(APP_CSP);
    }
    const directives = APP_CSP.split('; ');
    expect(directives).toEqual(expect.arrayContaining(["default-src 'none'", "base-uri 'none'", "form-action 'none'"]));
    expect(APP_CSP).not.toContain("'unsafe-eval'");
  });

  it('keeps the web build’s <meta> policy identical to the header', () => {
    const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(APP_CSP);
  });
});
