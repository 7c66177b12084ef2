import type { DocDef } from '../../core/persist/define-doc.ts';
import type { DocKey, DocTypes } from '../../core/persist/docs.ts';
import type { Store } from './store.ts';

/*
 * Which part of the store each persisted document is. A slice that owns a document binds it next
 * to its own code (`persistDoc(progressDoc, …)` in progress-slice.ts); the loader and autosave in
 * persistence.ts work from these bindings, so a new document edits no list in the renderer.
 * No value imports from store.ts: the slices import this file while the store is being built.
 */

/** A document and where it lives in a store of state `S`. */
export interface DocBinding<S, K extends string = string, T = unknown> {
  doc: DocDef<K, T>;
  /** The document's current value in the state (compared by identity to know when to save). */
  select(state: S): T;
  /** The state change that puts a restored document in place (method syntax: a list may hold bindings of several document types). */
  apply(value: T): Partial<S>;
}

const bindings = new Map<string, DocBinding<Store, DocKey>>();

/** Binds a declared document to the slice that owns it; the app loads and saves it from then on. */
export function persistDoc<K extends DocKey>(
  doc: DocDef<K, DocTypes[K]>,
  where: { select: (state: Store) => DocTypes[K]; apply: (value: DocTypes[K]) => Partial<Store> },
): void {
  bindings.set(doc.key, { doc, ...where });
}

/** Every bound document of the app's store. */
export function docBindings(): DocBinding<Store, DocKey>[] {
  return [...bindings.values()];
}
