import { create } from 'zustand';

/** A file being read into the engine: its name, bytes read so far and its size. */
export interface OpenDbProgress {
  name: string;
  done: number;
  total: number;
}

/** The open-db feature's own state: the file being opened, and whether a file is dragged over the window. */
export interface OpenDbState {
  progress: OpenDbProgress | null;
  dragging: boolean;
  /** Reading a file began (or moved on). */
  readProgress: (progress: OpenDbProgress) => void;
  /** The file is open, or was refused. */
  finishOpen: () => void;
  setDragging: (dragging: boolean) => void;
}

/** The open-db store, changed only by its named actions. */
export const useOpenDbStore = create<OpenDbState>((set) => ({
  progress: null,
  dragging: false,
  readProgress: (progress) => set({ progress }),
  finishOpen: () => set({ progress: null }),
  setDragging: (dragging) => set({ dragging }),
}));
