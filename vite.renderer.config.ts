import { defineConfig, type ConfigEnv, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { courseIndexPlugin } from './scripts/lib/course-index-plugin.ts';

const PKG = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const MONACO_ESM = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

/**
 * `vite preview` gzips text and JavaScript but not `application/wasm`, which every static host we
 * would publish on (GitHub Pages, Netlify, Cloudflare Pages, nginx with the usual gzip_types)
 * compresses: serve .wasm gzipped too, so the benchmark's transferred bytes are a real server's.
 */
function gzipWasmInPreview(): Plugin {
  const cache = new Map<string, { mtimeMs: number; body: Buffer }>();
  return {
    name: 'datalit-preview-gzip-wasm',
    configurePreviewServer(server) {
      const root = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        if (!path.endsWith('.wasm') || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
        const file = normalize(join(root, decodeURIComponent(path)));
        if (!file.startsWith(root)) return next();
        let mtimeMs: number;
        try {
          mtimeMs = statSync(file).mtimeMs;
        } catch {
          return next();
        }
        let hit = cache.get(file);
        if (!hit || hit.mtimeMs !== mtimeMs) cache.set(file, (hit = { mtimeMs, body: gzipSync(readFileSync(file)) }));
        res.setHeader('Content-Type', 'application/wasm');
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', String(hit.body.length));
        res.setHeader('Vary', 'Accept-Encoding');
        res.end(req.method === 'HEAD' ? undefined : hit.body);
      });
    },
  };
}

/** Renderer build: Forge uses it for the Electron window, `npm run web` on its own (dist-web/). */
export default defineConfig((env: ConfigEnv & { forgeConfigSelf?: unknown }): UserConfig => ({
  base: './',
  plugins: [react(), courseIndexPlugin(), gzipWasmInPreview()],
  define: { __APP_VERSION__: JSON.stringify(PKG.version) },
  worker: { format: 'es' },
  // Monaco's ESM files by path (its package exports map cannot reach its .css files).
  resolve: { alias: [{ find: /^monaco-esm\//, replacement: MONACO_ESM }] },
  build: {
    target: 'es2022',
    // Under Forge the output folder is Forge's own; standalone it is the web app's.
    ...(env.forgeConfigSelf ? {} : { outDir: process.env.DATALIT_WEB_OUT ?? 'dist-web' }),
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}));
