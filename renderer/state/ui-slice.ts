import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

/** A message shown in the notice area until dismissed. */
export interface Notice {
  id: string;
  tone: 'info' | 'success' | 'warning' | 'error';
  text: string;
}

export type SidebarTab = 'schema' | 'history' | 'saved';
export type ResultTab = 'table' | 'chart' | 'plan';

/** Which panels and dialogs are open, and the notices on screen. */
export interface UiSlice {
  notices: Notice[];
  paletteOpen: boolean;
  settingsOpen: boolean;
  resetConfirmOpen: boolean;
  saveDialogOpen: boolean;
  sidebarTab: SidebarTab;
  resultTab: ResultTab;
  /** Whether a lesson step shows its database's tables beside the editor. */
  lessonSchemaOpen: boolean;
  notify: (tone: Notice['tone'], text: string) => void;
  dismiss: (id: string) => void;
  setUi: (
    patch: Partial<Pick<UiSlice, 'paletteOpen' | 'settingsOpen' | 'resetConfirmOpen' | 'saveDialogOpen' | 'sidebarTab' | 'resultTab' | 'lessonSchemaOpen'>>,
  ) => void;
}

let noticeSeq = 0;

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  notices: [],
  paletteOpen: false,
  settingsOpen: false,
  resetConfirmOpen: false,
  saveDialogOpen: false,
  sidebarTab: 'schema',
  resultTab: 'table',
  lessonSchemaOpen: true,
  notify: (tone, text) => set((s) => ({ notices: [...s.notices.slice(-4), { id: `n${++noticeSeq}`, tone, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setUi: (patch) => set(patch),
});
