import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const PKG = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const MONACO_ESM = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

/** Renderer build: Forge uses it for the Electron window, `npm run web` on its own (dist-web/). */
export default defineConfig((env: ConfigEnv & { forgeConfigSelf?: unknown }): UserConfig => ({
  base: './',
  plugins: [react()],
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
