import { defineConfig } from 'vitest/config';
import { courseIndexPlugin } from './scripts/lib/course-index-plugin.ts';

/** Unit tests: core/, worker protocol against real sql.js, main-process code with electron mocked. */
export default defineConfig({
  // The course map's build-time index (renderer/features/course/course-index.ts), as in the app build.
  plugins: [courseIndexPlugin()],
  test: {
    include: ['tests/**/*.spec.ts', 'tests/**/*.spec.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20000,
  },
});
