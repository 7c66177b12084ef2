import type { StateCreator } from 'zustand';
import { defaultDoc, type Progress } from '../../core/persist/docs.ts';
import type { Store } from './store.ts';

/** Lesson progress, kept safe by the same store as settings (the lesson player fills it). */
export interface ProgressSlice {
  progress: Progress;
}

export const createProgressSlice: StateCreator<Store, [], [], ProgressSlice> = () => ({
  progress: defaultDoc('progress'),
});
