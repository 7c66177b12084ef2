import { defineConfig } from 'vitest/config';

/** Unit tests: core/, worker protocol against real sql.js, main-process code with electron mocked. */
export default defineConfig({
  test: {
    include: ['tests/**/*.spec.ts', 'tests/**/*.spec.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20000,
  },
});
