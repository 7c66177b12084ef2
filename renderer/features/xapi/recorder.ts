import i18next from 'i18next';
import { normalizeEndpoint } from '../../../core/xapi/lrs-client.ts';
import { RegistrationBook, type RegistrationState } from '../../../core/xapi/registrations.ts';
import { statementsFor, type LessonNames } from '../../../core/xapi/statements.ts';
import { getHost } from '../../host/host.ts';
import type { LearningEvent } from '../../state/learning-events.ts';
import { useStore } from '../../state/store.ts';
import { findLesson } from '../course/course-data.ts';
import { XAPI_DEFAULTS } from './defaults.ts';

/*
 * Turns the lesson player's learning events into xAPI statements and hands them to the host's
 * queue (main process on the desktop, IndexedDB in the web app). Loaded only when xAPI is on.
 */

// Which attempt of each lesson is under way; not a secret, so the page may keep it.
const REGISTRATIONS_KEY = 'datalit.xapi.registrations';

function loadBook(): RegistrationBook {
  try {
    const raw = localStorage.getItem(REGISTRATIONS_KEY);
    return new RegistrationBook(raw ? (JSON.parse(raw) as RegistrationState) : {});
  } catch {
    return new RegistrationBook();
  }
}

let book: RegistrationBook | null = null;

/** The lesson's and its steps' titles, in both languages. */
export function lessonNames(lessonId: string): LessonNames | null {
  const pack = findLesson(lessonId);
  if (!pack) return null;
  return { title: pack.lesson.title, steps: Object.fromEntries(pack.lesson.steps.map((s) => [s.id, s.title])) };
}

/** An http(s) IRI as typed, or the default when it is not one (a half-typed setting never breaks sending). */
function iriOr(value: string | undefined, fallback: string): string {
  return value && normalizeEndpoint(value) ? value.trim() : fallback;
}

/** Records one learning event as statements, when xAPI is on and the learner has an account name. */
export async function record(event: LearningEvent): Promise<void> {
  const settings = useStore.getState().settings;
  const accountName = settings.xapiAccountName?.trim() ?? '';
  if (!settings.xapiEnabled || !accountName) return;
  book ??= loadBook();
  const host = getHost();
  const statements = statementsFor(
    event,
    {
      activityBase: iriOr(settings.xapiActivityBase, XAPI_DEFAULTS.activityBase),
      homePage: iriOr(settings.xapiHomePage, XAPI_DEFAULTS.homePage),
      accountName,
      platform: `Datalit Studio ${__APP_VERSION__} (${host.kind === 'electron' ? 'desktop' : 'web'})`,
      language: i18next.language === 'ko' ? 'ko-KR' : 'en-US',
      names: lessonNames,
    },
    book,
  );
  try {
    localStorage.setItem(REGISTRATIONS_KEY, JSON.stringify(book.state));
  } catch {
    // Storage full or blocked: the attempt ids live on in memory for this session.
  }
  if (statements.length > 0) await host.xapiEnqueue(statements);
}
