import type { StateCreator } from 'zustand';
import { defaultDoc, settingsDoc, type Settings } from '../../core/persist/docs.ts';
import { persistDoc } from './doc-bindings.ts';
import type { Store } from './store.ts';

/** The learner's preferences: language, theme, editor and result options. */
export interface SettingsSlice {
  settings: Settings;
  setSetting: <K extends keyof Omit<Settings, 'version'>>(key: K, value: Settings[K]) => void;
}

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set) => ({
  settings: defaultDoc('settings'),
  setSetting: (key, value) => set((s) => ({ settings: { ...s.settings, [key]: value } })),
});

// Saved as `settings` (declared in core/persist/docs.ts); loaded and autosaved by persistence.ts.
persistDoc(settingsDoc, { select: (s) => s.settings, apply: (settings) => ({ settings }) });
