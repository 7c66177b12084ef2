import type { LearningEvent } from '../lessons/learning-event.ts';
import type { Localized } from '../lessons/localized.ts';
import { isoDuration } from './duration.ts';
import type { RegistrationBook } from './registrations.ts';
import { ACTIVITY_TYPES, VERBS, XAPI_VERSION, type XapiStatement } from './schema.ts';

/** The learning events the statements are made from: the lesson player's own events. */
export type XapiSourceEvent = LearningEvent;

/** A lesson's names, for the activity definitions. */
export interface LessonNames {
  title: Localized;
  steps: Record<string, Localized>;
}

/** Who, where and how the statements are written. */
export interface StatementSettings {
  /** Activity ids live under it, e.g. https://datalit.studio/xapi -> …/lessons/<lesson>/steps/<step>. */
  activityBase: string;
  /** The account's system, e.g. https://datalit.studio or the company's LMS. */
  homePage: string;
  /** The name or id the learner chose; the app never makes up an e-mail. */
  accountName: string;
  /** e.g. "Datalit Studio 0.1.0 (desktop)". */
  platform: string;
  /** The UI language as a tag: ko-KR or en-US. */
  language: 'ko-KR' | 'en-US';
  /** The lesson's title and its steps' titles, or null for a lesson the app does not know. */
  names: (lessonId: string) => LessonNames | null;
  /** A new statement id (crypto.randomUUID unless a test gives its own). */
  newId?: () => string;
}

const VERB_DISPLAY = {
  attempted: { 'ko-KR': '시도함', 'en-US': 'attempted' },
  passed: { 'ko-KR': '통과함', 'en-US': 'passed' },
  failed: { 'ko-KR': '통과하지 못함', 'en-US': 'failed' },
  completed: { 'ko-KR': '완료함', 'en-US': 'completed' },
} as const;

/** Base IRI without a trailing slash. */
function trimBase(base: string): string {
  return base.trim().replace(/\/+$/, '');
}

/** The lesson's activity IRI under the base. */
export function lessonIri(base: string, lessonId: string): string {
  return `${trimBase(base)}/lessons/${encodeURIComponent(lessonId)}`;
}

/** The step's activity IRI under the base. */
export function stepIri(base: string, lessonId: string, stepId: string): string {
  return `${lessonIri(base, lessonId)}/steps/${encodeURIComponent(stepId)}`;
}

/** Extension IRIs for what a check adds beyond xAPI's result (the attempt number, the first message's code). */
export function extensionIri(base: string, name: 'attempt' | 'message-code'): string {
  return `${trimBase(base)}/extensions/${name}`;
}

function both(text: Localized | undefined, fallback: string) {
  return { 'ko-KR': text?.ko ?? fallback, 'en-US': text?.en ?? fallback };
}

/**
 * The statements one learning event becomes: step-opened -> attempted, step-checked -> passed or
 * failed with a result, lesson-completed -> completed; hints and solutions make none. The
 * registration book gives each lesson attempt its registration (and starts a new one after a
 * completion).
 */
export function statementsFor(event: XapiSourceEvent, settings: StatementSettings, registrations: RegistrationBook): XapiStatement[] {
  if (event.kind === 'hint-shown' || event.kind === 'solution-shown') return [];
  const newId = settings.newId ?? (() => crypto.randomUUID());
  const names = settings.names(event.lessonId);
  const lesson = {
    objectType: 'Activity' as const,
    id: lessonIri(settings.activityBase, event.lessonId),
    definition: { name: both(names?.title, event.lessonId), type: ACTIVITY_TYPES.lesson },
  };
  const actor = { objectType: 'Agent' as const, account: { homePage: settings.homePage.trim(), name: settings.accountName.trim() } };
  const common = { actor, timestamp: new Date(event.at).toISOString(), version: XAPI_VERSION } as const;

  if (event.kind === 'lesson-completed') {
    return [
      {
        id: newId(),
        ...common,
        verb: { id: VERBS.completed, display: VERB_DISPLAY.completed },
        object: lesson,
        result: { completion: true, duration: isoDuration(event.timeSpentMs) },
        context: { registration: registrations.complete(event.lessonId), platform: settings.platform, language: settings.language },
      },
    ];
  }

  const step = {
    objectType: 'Activity' as const,
    id: stepIri(settings.activityBase, event.lessonId, event.stepId),
    definition: { name: both(names?.steps[event.stepId], event.stepId), type: ACTIVITY_TYPES.interaction },
  };
  const context = {
    registration: registrations.current(event.lessonId),
    contextActivities: { parent: [lesson] as [typeof lesson] },
    platform: settings.platform,
    language: settings.language,
  };
  if (event.kind === 'step-opened') {
    return [{ id: newId(), ...common, verb: { id: VERBS.attempted, display: VERB_DISPLAY.attempted }, object: step, context }];
  }
  const verb = event.passed ? 'passed' : 'failed';
  const scaled = Math.min(1, Math.max(0, event.score));
  const extensions: Record<string, string | number> = { [extensionIri(settings.activityBase, 'attempt')]: event.attempt };
  if (event.messageCode) extensions[extensionIri(settings.activityBase, 'message-code')] = event.messageCode;
  return [
    {
      id: newId(),
      ...common,
      verb: { id: VERBS[verb], display: VERB_DISPLAY[verb] },
      object: step,
      result: {
        success: event.passed,
        score: { scaled, raw: Math.round(scaled * 100), min: 0, max: 100 },
        duration: isoDuration(event.timeSpentMs),
        extensions,
      },
      context,
    },
  ];
}
