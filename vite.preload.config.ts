import { defineConfig } from 'vite';

// Forge merges this with its own preload defaults (CommonJS, sandbox-compatible single file).
export default defineConfig({});
