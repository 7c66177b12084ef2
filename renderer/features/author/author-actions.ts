import i18next from 'i18next';
import type { AuthorFolderRead } from '../../../core/contract-channels.ts';
import { formatLocated } from '../../../core/lessons/locate.ts';
import { getHost } from '../../host/host.ts';
import { useStore } from '../../state/store.ts';
import { keptPlace, loadAuthorFiles, mergeReload, withoutAuthorProgress } from './author-load.ts';
import { AUTHOR_IDLE, isAuthorLesson, useAuthorStore, type AuthorProblem } from './author-store.ts';

/**
 * Author mode's actions: open a folder through the host (the desktop's main process watches it;
 * the browser re-reads it), poll it every second, reload its lessons with the course's loader,
 * keep the player on its step, and leave. The learner's progress on built-in lessons is never
 * touched: author lessons have ids of their own, their entries are dropped on leaving, and the
 * "continue" place is put back as it was.
 */

/** How often the host is asked whether the folder changed. */
export const POLL_MS = 1000;

let timer: ReturnType<typeof setInterval> | null = null;
let polling = false;
/** The learner's "continue" place before author mode, restored on leaving. */
let savedLastLocation: string | null = null;

const t = (key: string, options?: Record<string, unknown>): string => i18next.t(`author.${key}`, options ?? {});

/** `path:line: message`, as the course-map panel and the notices show a problem. */
export function problemText(p: AuthorProblem): string {
  return formatLocated(p.path, p.line, p.message);
}

/** Drops author lessons' entries from the progress and puts the continue place back. */
function clearAuthorProgress(): void {
  const { progress, replaceProgress } = useStore.getState();
  const cleared = withoutAuthorProgress(progress, savedLastLocation);
  if (Object.keys(cleared.steps).length !== Object.keys(progress.steps).length || cleared.lastLocation !== progress.lastLocation)
    replaceProgress(cleared);
}

/** Applies one read of the folder: reload, keep the player's place, say what changed. */
export function applyRead(read: Extract<AuthorFolderRead, { ok: true }>): void {
  const before = useAuthorStore.getState();
  const load = loadAuthorFiles(read.name, read.files);
  const merged = mergeReload(before.packs, load, read.name);
  useAuthorStore.setState({
    folder: { name: read.name, path: read.path },
    version: read.version,
    packs: merged.packs,
    stale: merged.stale,
    problems: load.problems,
    folderProblem: null,
    loadedAt: new Date().toISOString(),
    revision: before.revision + 1,
  });
  const state = useStore.getState();
  if (state.screen !== 'lesson' || !isAuthorLesson(state.lessonId)) return;
  const place = keptPlace(state.lessonId!, state.stepId, merged.packs);
  if (!place) {
    state.notify('warning', t('lessonGone'));
    state.openScreen('course');
    return;
  }
  if (place.stepId !== state.stepId) {
    state.notify('info', t('stepGone'));
    void import('../lesson/lesson-actions.ts').then((m) => m.openLesson(place.lessonId, place.stepId));
  }
  if (merged.stale.includes(place.lessonId) && load.problems[0])
    state.notify('warning', t('broken', { first: problemText(load.problems[0]) }));
}

function folderProblem(read: Extract<AuthorFolderRead, { ok: false }>): string {
  if (read.problem === 'unsupported') return t('unsupported');
  return t(`folderProblem.${read.problem}`, { folder: read.path, detail: read.detail });
}

async function poll(): Promise<void> {
  if (polling || !useAuthorStore.getState().folder) return;
  polling = true;
  try {
    const read = await getHost().authorReadFolder(useAuthorStore.getState().version);
    // Left author mode while the read was under way.
    if (!useAuthorStore.getState().folder || read === null) return;
    if (read.ok) applyRead(read);
    else if (useAuthorStore.getState().folderProblem?.problem !== read.problem)
      useAuthorStore.setState({ folderProblem: { problem: read.problem, detail: folderProblem(read) } });
  } finally {
    polling = false;
  }
}

/** Asks for a lesson folder and starts author mode on it (the course map then shows its section). */
export async function openAuthorFolder(): Promise<void> {
  useAuthorStore.setState({ opening: true });
  let read: AuthorFolderRead | null;
  try {
    read = await getHost().authorOpenFolder();
  } catch (e) {
    read = { ok: false, problem: 'unreadable', path: '', detail: e instanceof Error ? e.message : String(e) };
  } finally {
    useAuthorStore.setState({ opening: false });
  }
  if (read === null) return;
  const state = useStore.getState();
  if (!read.ok) {
    state.notify('error', folderProblem(read));
    return;
  }
  if (!useAuthorStore.getState().folder)
    savedLastLocation = isAuthorLesson(state.progress.lastLocation) ? null : state.progress.lastLocation;
  useAuthorStore.setState({ ...AUTHOR_IDLE });
  applyRead(read);
  state.notify('info', t('opened', { count: useAuthorStore.getState().packs.length, folder: read.name }));
  if (state.screen !== 'course') state.openScreen('course');
  timer ??= setInterval(() => void poll(), POLL_MS);
}

/** Leaves author mode: stops watching, closes an author lesson, clears its trial progress. */
export async function closeAuthorFolder(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = null;
  const state = useStore.getState();
  if (isAuthorLesson(state.lessonId)) state.openScreen('course');
  useAuthorStore.setState({ ...AUTHOR_IDLE });
  clearAuthorProgress();
  state.notify('info', t('left'));
  await getHost().authorCloseFolder();
}
