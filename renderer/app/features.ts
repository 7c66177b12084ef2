/**
 * Loads every feature's registrations: each `features/<name>/register.ts` declares its screens,
 * commands and strings in the registry on import. One glob, so a new feature folder needs no
 * edit here. Vite and Vitest both expand it at build time.
 */
const modules = import.meta.glob('../features/*/register.ts', { eager: true });

/** The feature folders whose registrations were loaded (for tests and diagnostics). */
export const registeredFeatures: string[] = Object.keys(modules)
  .map((path) => path.split('/').at(-2)!)
  .sort();
