import { defineConfig } from 'vite';

// Forge merges this with its own main-process defaults (CommonJS, .vite/build/main.cjs).
export default defineConfig({});
