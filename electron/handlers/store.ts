import { app } from 'electron';
import { createDocStore, type DocStore } from '../store/doc-store.ts';
import type { Handlers } from './types.ts';

let store: DocStore | null = null;

// Created on first use: `userData` is only final once the app is ready, and one shared store
// keeps every save of a key in one queue.
function docStore(): DocStore {
  store ??= createDocStore({ dir: app.getPath('userData') });
  return store;
}

/** `store:load` and `store:save`: the persisted documents in the user-data folder. */
export const storeHandlers: Pick<Handlers, 'store:load' | 'store:save'> = {
  'store:load': (key) => docStore().load(key),
  'store:save': (key, data) => docStore().save(key, data),
};
