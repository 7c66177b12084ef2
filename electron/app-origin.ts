/**
 * Where the app's own pages come from. In production the renderer is served from a privileged
 * custom scheme (`app://bundle/`) rather than file://, because fetching the bundled databases,
 * module Web Workers and WebAssembly streaming compilation all need a real, secure origin.
 */

/** The custom scheme the packaged renderer is served from. */
export const APP_SCHEME = 'app';
/** The one host under the scheme; anything else is not ours. */
export const APP_HOST = 'bundle';
/** The page the main window opens in production. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The renderer's dev-server URL under `electron-forge start`, or undefined in a packaged build. */
export function devServerUrl(): string | undefined {
  // `typeof` keeps this safe where Forge did not substitute the constant (tests, plain Node).
  return typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== ''
    ? MAIN_WINDOW_VITE_DEV_SERVER_URL
    : undefined;
}

/** The renderer's build name (the folder under `.vite/renderer/`). */
export function rendererName(): string {
  return typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
}
