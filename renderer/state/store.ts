import { create } from 'zustand';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts';
import { createQueriesSlice, type QueriesSlice } from './queries-slice.ts';
import { createWorkbenchSlice, type WorkbenchSlice } from './workbench-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';
import { createProgressSlice, type ProgressSlice } from './progress-slice.ts';
import { createLessonSlice, type LessonSlice } from './lesson-slice.ts';
import { createPlanSlice, type PlanSlice } from './plan-slice.ts';

/** The one app store, made of slices. */
export type Store = SettingsSlice & QueriesSlice & WorkbenchSlice & UiSlice & ProgressSlice & LessonSlice & PlanSlice;

/** The app store; components select narrow fields from it. */
export const useStore = create<Store>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createQueriesSlice(...a),
  ...createWorkbenchSlice(...a),
  ...createUiSlice(...a),
  ...createProgressSlice(...a),
  ...createLessonSlice(...a),
  ...createPlanSlice(...a),
}));
