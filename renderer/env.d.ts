/// <reference types="vite/client" />
import type { Api } from '../core/contract.ts';

declare global {
  /** package.json version, injected at build time. */
  const __APP_VERSION__: string;

  interface Window {
    /** Present only inside Electron: the preload's functions, derived from core/contract.ts. */
    api?: Api;
  }
}

declare module 'monaco-esm/*';
