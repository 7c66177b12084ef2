import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

// Set explicitly rather than guessed: WebAssembly streaming compile insists on application/wasm,
// module workers on a JavaScript type, and the databases must never be sniffed as anything else.
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.sqlite': 'application/octet-stream',
  '.db': 'application/octet-stream',
};

/** The Content-Type for a bundled file, by extension; unknown types are served as opaque bytes. */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** A request that maps to a file inside the renderer bundle. */
export interface BundleFile {
  filePath: string;
  mimeType: string;
}

/**
 * Maps an `app://bundle/...` URL to a file inside `rootDir`, or null when the URL is not ours or
 * would escape the folder (`..`, encoded slashes, absolute paths): the caller answers 404.
 * `pathApi` is injectable so Windows path rules can be tested on any machine.
 */
export function resolveBundleFile(rootDir: string, requestUrl: string, pathApi: path.PlatformPath = path): BundleFile | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let pathname: string;
  try {
    // The URL parser already folds plain `..` segments; decoding exposes the encoded ones
    // (`%2e%2e%2f`, `%5c`) so the containment check below sees them too.
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';

  const root = pathApi.resolve(rootDir);
  const filePath = pathApi.resolve(root, `.${pathname}`);
  const relative = pathApi.relative(root, filePath);
  const escapes = relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative);
  if (escapes) return null;
  return { filePath, mimeType: mimeTypeFor(filePath) };
}
