import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Renderer build: Forge uses it for the Electron window, `npm run web` on its own (dist-web/). */
export default defineConfig((env: ConfigEnv & { forgeConfigSelf?: unknown }): UserConfig => ({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Under Forge the output folder is Forge's own; standalone it is the web app's.
    ...(env.forgeConfigSelf ? {} : { outDir: 'dist-web' }),
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}));
