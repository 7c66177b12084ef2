import type { StoreApi } from 'zustand';
import type { AnyDocDef, DocDef } from '../../core/persist/define-doc.ts';
import type { DocKey, DocTypes } from '../../core/persist/docs.ts';
import type { Store } from './store.ts';

/*
 * Which part of which store each persisted document is. The code that owns a document binds it
 * next to its own state: a slice of the app store (`persistDoc(progressDoc, …)` in
 * progress-slice.ts) or a workbench's own zustand store (`persistDoc(doc, { store, … })`). The
 * loader and autosave in persistence.ts work from these bindings, so a new document edits no
 * list in the renderer. No value imports from store.ts: the slices import this file while the
 * app store is being built, so their bindings reach it later, through `boundDocs(appStore)`.
 */

/** A document bound to its place in a store: read, written and watched without knowing the store's type. */
export interface BoundDoc<K extends string = string> {
  doc: AnyDocDef & { key: K };
  /** The document's current value. */
  read(): unknown;
  /** Puts a restored document in place. */
  write(value: unknown): void;
  /** Calls back whenever the document's value changes (by identity); returns the unsubscribe. */
  watch(onChange: () => void): () => void;
}

/** Where a document lives in a store of state `S`. */
export interface DocPlace<S, T> {
  /** The document's current value in the state (compared by identity to know when to save). */
  select(state: S): T;
  /** The state change that puts a restored document in place. */
  apply(value: T): Partial<S>;
}

/** Binds a document to a place in a store (what `persistDoc` registers; tests bind their own). */
export function bindDoc<S, K extends string, T>(doc: DocDef<K, T>, store: StoreApi<S>, place: DocPlace<S, T>): BoundDoc<K> {
  return {
    doc: doc as AnyDocDef & { key: K },
    read: () => place.select(store.getState()),
    write: (value) => store.setState(place.apply(value as T)),
    watch: (onChange) =>
      store.subscribe((state, prev) => {
        if (place.select(state) !== place.select(prev)) onChange();
      }),
  };
}

const bindings = new Map<string, (appStore: StoreApi<Store>) => BoundDoc<DocKey>>();

/**
 * Binds a declared document to the state that owns it; the app loads and saves it from then on.
 * Without `store` the place is in the app store (a slice); with it, in that store.
 */
export function persistDoc<K extends DocKey>(doc: DocDef<K, DocTypes[K]>, place: DocPlace<Store, DocTypes[K]>): void;
export function persistDoc<K extends DocKey, S>(doc: DocDef<K, DocTypes[K]>, place: DocPlace<S, DocTypes[K]> & { store: StoreApi<S> }): void;
export function persistDoc<K extends DocKey, S>(
  doc: DocDef<K, DocTypes[K]>,
  place: DocPlace<S, DocTypes[K]> & { store?: StoreApi<S> },
): void {
  const own = place.store;
  bindings.set(doc.key, (appStore) => bindDoc(doc, own ?? (appStore as unknown as StoreApi<S>), place));
}

/** Every bound document, those of slices placed in `appStore`. */
export function boundDocs(appStore: StoreApi<Store>): BoundDoc<DocKey>[] {
  return [...bindings.values()].map((bind) => bind(appStore));
}
