import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, rendererName } from './app-origin.ts';
import { resolveBundleFile } from './bundle-path.ts';
import { APP_CSP } from './csp.ts';

/**
 * Declares `app://` a standard, secure scheme. Must run before `app` is ready: privileges cannot
 * be granted later, and without them fetch, module workers and wasm streaming refuse the origin.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // corsEnabled stays off: every request is same-origin, and it would let other origins read the bundle.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** The packaged renderer's folder, next to the main bundle in `.vite/`. */
export function bundleDir(): string {
  return path.join(__dirname, '..', 'renderer', rendererName());
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': APP_CSP } });
}

/** Serves files of the renderer bundle under `app://bundle/`; anything outside it is a 404. */
export function handleAppProtocol(rootDir: string = bundleDir()): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveBundleFile(rootDir, request.url);
    if (!file) return plain(404, 'Not found');
    try {
      // net.fetch of a file URL is what Electron's protocol.handle docs use and reads inside the
      // asar archive; the body is re-wrapped so the Content-Type is ours, not Chromium's guess.
      const upstream = await net.fetch(pathToFileURL(file.filePath).toString());
      if (!upstream.ok) return plain(404, 'Not found');
      return new Response(request.method === 'HEAD' ? null : upstream.body, {
        status: 200,
        headers: { 'content-type': file.mimeType, 'x-content-type-options': 'nosniff', 'content-security-policy': APP_CSP },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}
