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
  setPaletteOpen: (open: boolean) => void;
  setSettingsOpen: (open: boolean) => void;
  /** Opens or closes "Reset database?" (the confirmation before a reset). */
  setResetConfirmOpen: (open: boolean) => void;
  setSaveDialogOpen: (open: boolean) => void;
  /** A query was saved: the dialog closes and the sidebar shows the saved list with it. */
  querySaved: () => void;
  showSidebarTab: (tab: SidebarTab) => void;
  showResultTab: (tab: ResultTab) => void;
  setLessonSchemaOpen: (open: boolean) => void;
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
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setResetConfirmOpen: (resetConfirmOpen) => set({ resetConfirmOpen }),
  setSaveDialogOpen: (saveDialogOpen) => set({ saveDialogOpen }),
  querySaved: () => set({ saveDialogOpen: false, sidebarTab: 'saved' }),
  showSidebarTab: (sidebarTab) => set({ sidebarTab }),
  showResultTab: (resultTab) => set({ resultTab }),
  setLessonSchemaOpen: (lessonSchemaOpen) => set({ lessonSchemaOpen }),
});
