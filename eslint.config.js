import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/*
 * Layering (docs: ../shared/docs/architecture.md, "The house"): arrows point one way. core/ is
 * pure and imports neither renderer/ nor electron/; only electron/ imports Electron; only
 * renderer/host/ touches window.api; core/ and renderer/ use no Node built-ins. The patterns
 * are regular expressions on the import's text, so a path is caught at any depth
 * ('../../../renderer/x' as well as '../renderer/x'); tests/lint/layering.spec.ts plants one
 * violation of each and checks it is reported.
 */

/** Node's built-in modules by bare name (`fs`, `path`, …); `node:`-prefixed ones are caught by a pattern. */
const NODE_BUILTINS = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/^node:/, '')))];

const RENDERER_DIR = { regex: '(^|/)renderer(/|$)', message: 'core/ must not import renderer/: arrows point from renderer to core.' };
const ELECTRON_DIR = { regex: '(^|/)electron(/|$)', message: 'Only electron/ imports Electron or main-process code.' };
const NODE_PREFIXED = { regex: '^node:', message: 'No Node built-ins here: this code also runs in the browser and the SQL worker.' };
const NODE_BARE = NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins here: this code also runs in the browser and the SQL worker.' }));
const REACT = ['react', 'react-dom'].map((name) => ({ name, message: 'core/ is UI-free: components live in renderer/.' }));

/** Dynamic `import('…')` is not seen by no-restricted-imports, so the same layers are checked on it. */
function dynamicImports(regexes) {
  return regexes.map((regex) => ({
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`,
    message: 'This import crosses a layer boundary (see eslint.config.js).',
  }));
}

/** `window.api` (the preload's functions) is reached only through renderer/host/. */
const WINDOW_API = ['window', 'globalThis', 'self'].map((object) => ({
  object,
  property: 'api',
  message: 'Only renderer/host/ touches window.api; use getHost() elsewhere.',
}));

export default tseslint.config(
  { ignores: ['node_modules', '.vite', 'out', 'dist-web*', '.shots', '.test-reports', 'public', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // core/ is pure: no renderer/, electron/, Electron, React or Node, at any depth.
    files: ['core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...REACT, ...NODE_BARE], patterns: [RENDERER_DIR, ELECTRON_DIR, NODE_PREFIXED] }],
      'no-restricted-syntax': ['error', ...dynamicImports([RENDERER_DIR.regex, ELECTRON_DIR.regex, NODE_PREFIXED.regex])],
    },
  },
  {
    // The renderer reaches the main process only through host/, and runs in a browser: no Electron, no Node.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: NODE_BARE, patterns: [ELECTRON_DIR, NODE_PREFIXED] }],
      'no-restricted-syntax': ['error', ...dynamicImports([ELECTRON_DIR.regex, NODE_PREFIXED.regex])],
    },
  },
  {
    // The main process does not reach into the UI.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: RENDERER_DIR.regex, message: 'electron/ must not import renderer/: both import core/.' }] },
      ],
    },
  },
  {
    // The preload is bundled into the sandboxed page: channel names only (core/contract-channels.ts), never zod.
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The preload ships without zod; arguments are validated in main.' }],
          patterns: [
            { regex: RENDERER_DIR.regex, message: 'electron/ must not import renderer/: both import core/.' },
            {
              regex: '(^|/)core/contract(\\.ts)?$',
              allowTypeImports: true,
              message: 'The preload imports core/contract-channels.ts: core/contract.ts brings zod.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts run in Node but are not the Electron app.
    files: ['scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/ imports Electron.' }] }] },
  },
  {
    files: ['core/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['renderer/host/**'],
    rules: { 'no-restricted-properties': ['error', ...WINDOW_API] },
  },
);
