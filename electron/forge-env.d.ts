// Constants that Forge's Vite plugin substitutes into the main-process bundle at build time.
// Declared here (not via Forge's own env file) so the dev URL is honestly typed as optional:
// it is a string under `electron-forge start` and undefined in a packaged build.

/** The renderer's Vite dev-server URL under `electron-forge start`; undefined when packaged. */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
/** The renderer's name in forge.config.ts; its build lives in `.vite/renderer/<name>/`. */
declare const MAIN_WINDOW_VITE_NAME: string;
