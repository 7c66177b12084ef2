import { LESSON_FORMAT_VERSION } from './schema.ts';

/**
 * The migration ladder of lesson.json: a pack written in an older format climbs one version at a
 * time (N → N+1) until it reaches the format this app reads, and only then meets the schema. So
 * changing the format is one new rung here plus the schema change, and every pack already written
 * keeps loading. A pack newer than the app is refused: guessing at a future format would grade
 * learners against rules the app does not know.
 */

/** A lesson.json as parsed JSON, before validation. */
export type RawLesson = Record<string, unknown>;

/** One rung of the ladder: turns a pack of format `from` into one of format `from + 1`. */
export interface LessonMigration {
  from: number;
  /** What changed in the format, for the person reading a refusal or this file. */
  change: string;
  /** Returns the pack in the next format; the ladder sets `formatVersion` itself. */
  migrate(lesson: RawLesson): RawLesson;
}

/**
 * Every rung, oldest first. Format 1 is the first published format, so there is nothing to climb
 * yet; when the format changes, bump LESSON_FORMAT_VERSION and add `{ from: 1, … }` here.
 */
export const LESSON_MIGRATIONS: readonly LessonMigration[] = [];

/** The pack in the current format, or why it cannot be brought there. */
export type MigrateResult = { ok: true; lesson: unknown; from: number | null } | { ok: false; reason: string };

/**
 * Brings a parsed lesson.json up to `current` through `migrations`. Anything without a numeric
 * formatVersion is passed through untouched so the schema names what is wrong with it.
 */
export function migrateLesson(
  raw: unknown,
  migrations: readonly LessonMigration[] = LESSON_MIGRATIONS,
  current: number = LESSON_FORMAT_VERSION,
): MigrateResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: true, lesson: raw, from: null };
  const version = (raw as RawLesson).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: true, lesson: raw, from: null };
  if (version > current) {
    return { ok: false, reason: `lesson.json has formatVersion ${version}; this app reads up to ${current}: update the app` };
  }
  let lesson = raw as RawLesson;
  for (let at = version; at < current; at++) {
    const rung = migrations.find((m) => m.from === at);
    if (!rung) {
      return {
        ok: false,
        reason: `lesson.json has formatVersion ${version}; this app reads ${current} and has no migration from formatVersion ${at} to ${at + 1}`,
      };
    }
    lesson = { ...rung.migrate(lesson), formatVersion: at + 1 };
  }
  return { ok: true, lesson, from: version };
}
