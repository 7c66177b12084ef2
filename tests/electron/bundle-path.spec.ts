import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveBundleFile } from '../../electron/bundle-path.ts';

const ROOT = '/opt/datalit/resources/app.asar/.vite/renderer/main_window';

describe('resolveBundleFile', () => {
  it('maps app://bundle/ paths to files inside the renderer folder', () => {
    expect(resolveBundleFile(ROOT, 'app://bundle/index.html')).toEqual({
      filePath: `${ROOT}/index.html`,
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveBundleFile(ROOT, 'app://bundle/assets/sql-worker-abc.js?v=1#x')?.filePath).toBe(`${ROOT}/assets/sql-worker-abc.js`);
    expect(resolveBundleFile(ROOT, 'app://bundle/datasets/shop%20v1.sqlite')?.filePath).toBe(`${ROOT}/datasets/shop v1.sqlite`);
  });

  it('serves index.html for the root', () => {
    expect(resolveBundleFile(ROOT, 'app://bundle/')?.filePath).toBe(`${ROOT}/index.html`);
    expect(resolveBundleFile(ROOT, 'app://bundle')?.filePath).toBe(`${ROOT}/index.html`);
  });

  it.each(['app://bundle/../../../etc/passwd', 'app://bundle/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps plain dot segments inside the folder (the URL parser folds them): %s',
    (url) => {
      expect(resolveBundleFile(ROOT, url)?.filePath).toBe(`${ROOT}/etc/passwd`);
    },
  );

  it.each([
    'app://bundle/..%2f..%2f..%2fetc%2fpasswd',
    'app://bundle/assets/..%2f..%2f..%2fsecret',
    'app://bundle/%2F%2Fetc%2Fpasswd/..%2F..%2F..',
    'app://bundle/a%00.html',
    'app://bundle/%E0%A4%A',
  ])('rejects a path that escapes the folder or is malformed: %s', (url) => {
    expect(resolveBundleFile(ROOT, url)).toBeNull();
  });

  it('rejects other hosts and schemes', () => {
    expect(resolveBundleFile(ROOT, 'app://other/index.html')).toBeNull();
    expect(resolveBundleFile(ROOT, 'file:///etc/passwd')).toBeNull();
    expect(resolveBundleFile(ROOT, 'https://bundle/index.html')).toBeNull();
    expect(resolveBundleFile(ROOT, 'not a url')).toBeNull();
  });

  it('rejects Windows-style escapes with backslashes and drive letters', () => {
    const winRoot = 'C:\\Program Files\\Datalit\\resources\\app.asar\\.vite\\renderer\\main_window';
    expect(resolveBundleFile(winRoot, 'app://bundle/assets/app.js', path.win32)?.filePath).toBe(`${winRoot}\\assets\\app.js`);
    expect(resolveBundleFile(winRoot, 'app://bundle/..%5c..%5c..%5csecret.txt', path.win32)).toBeNull();
    expect(resolveBundleFile(winRoot, 'app://bundle/C:%5cWindows%5cwin.ini', path.win32)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['main.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['sql-wasm.wasm', 'application/wasm'],
    ['lesson.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.PNG', 'image/png'],
    ['pretendard.woff2', 'font/woff2'],
    ['codicon.ttf', 'font/ttf'],
    ['shop.sqlite', 'application/octet-stream'],
    ['unknown.xyz', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});
