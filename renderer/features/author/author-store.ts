import { create } from 'zustand';
import type { LessonPack } from '../../../core/lessons/load.ts';

/**
 * Author mode's state: the lesson folder being watched, its lessons as last loaded, and the
 * problems of the last load with their file and line. Light on purpose (types only from the
 * lesson loader): the course map and the lesson lookup read it at start; the loading and
 * watching live in author-actions.ts, loaded on first use.
 */

/** One load problem, located: `path` is shown as the author knows the folder (`my-lesson/lesson.json`). */
export interface AuthorProblem {
  path: string;
  line: number | null;
  message: string;
}

/** Why the folder cannot be used at all (not a lesson problem): the host's reason. */
export type AuthorFolderProblem = 'unsupported' | 'closed' | 'no-lessons' | 'too-large' | 'unreadable';

/** The author-mode slice. */
export interface AuthorState {
  /** The folder as the host names it; null outside author mode. */
  folder: { name: string; path: string } | null;
  /** The host's version of the files last loaded (0: none yet). */
  version: number;
  /** Lessons of the folder, ids prefixed (see AUTHOR_ID_PREFIX); a lesson broken by an edit keeps its last good version. */
  packs: LessonPack[];
  /** Ids of lessons shown from their last good version because their files now have problems. */
  stale: string[];
  problems: AuthorProblem[];
  /** The folder could not be read (the lessons already loaded stay). */
  folderProblem: { problem: AuthorFolderProblem; detail: string } | null;
  /** When the lessons were last (re)loaded, ISO. */
  loadedAt: string | null;
  /** Goes up on every load, so views that show an author lesson redraw. */
  revision: number;
  /** Opening: the picker is up or the first read is under way. */
  opening: boolean;
}

/** Every author lesson's id starts so; no course lesson id can (ids are lowercase words and dashes). */
export const AUTHOR_ID_PREFIX = 'author:';

/** True for the id of a lesson opened in author mode. */
export function isAuthorLesson(id: string | null | undefined): boolean {
  return typeof id === 'string' && id.startsWith(AUTHOR_ID_PREFIX);
}

/** Outside author mode. */
export const AUTHOR_IDLE: AuthorState = {
  folder: null,
  version: 0,
  packs: [],
  stale: [],
  problems: [],
  folderProblem: null,
  loadedAt: null,
  revision: 0,
  opening: false,
};

/** The author-mode store (changed only by author-actions.ts). */
export const useAuthorStore = create<AuthorState>(() => AUTHOR_IDLE);

/** The lessons of the folder in author mode, for the lesson lookup. */
export function authorLessons(): LessonPack[] {
  return useAuthorStore.getState().packs;
}

/** Subscribes a view to author reloads: its value changes whenever an author lesson is reloaded. */
export function useAuthorRevision(): number {
  return useAuthorStore((s) => s.revision);
}
