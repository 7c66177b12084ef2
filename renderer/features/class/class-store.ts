import { create } from 'zustand';
import type { RefusedReport, ReportFile } from '../../../core/class-report/merge.ts';

/** How the class's steps are shown: a colour heat map, or a table of words. */
export type ClassView = 'heatmap' | 'table';

/** The instructor's class view: the report files read so far (kept for this session only). */
export interface ClassState {
  files: ReportFile[];
  /** Files refused before reading (too large). */
  unread: RefusedReport[];
  view: ClassView;
  addFiles: (files: ReportFile[], unread: RefusedReport[]) => void;
  clearClass: () => void;
  showView: (view: ClassView) => void;
}

/** The Class screen's state. */
export const useClassStore = create<ClassState>()((set) => ({
  files: [],
  unread: [],
  view: 'heatmap',
  addFiles: (files, unread) => set((s) => ({ files: [...s.files, ...files], unread: [...s.unread, ...unread] })),
  clearClass: () => set({ files: [], unread: [] }),
  showView: (view) => set({ view }),
}));
