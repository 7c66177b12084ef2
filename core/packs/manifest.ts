import { z } from 'zod';
import { LocalizedSchema, NonBlankSchema, type Localized } from '../lessons/localized.ts';
import { IdSchema } from '../lessons/step-base.ts';

/**
 * The class pack manifest (pack.yaml or pack.json at the top of the zip). A pack is one zip:
 *
 *   pack.yaml            this manifest
 *   welcome.ko.md        the welcome note (optional; a default is written when missing)
 *   welcome.en.md
 *   <lesson-id>/         one folder per lesson, as under lessons/<track>/ in the app: lesson.json, ko.md, en.md
 *   datasets/<file>      optional data: .csv, .jsonl (or .ndjson), .sqlite (or .sqlite3, .db)
 */

/** The pack format this app reads and writes. */
export const PACK_FORMAT_VERSION = 1;

/** Names the manifest may have, in the order they are looked for. */
export const MANIFEST_NAMES = ['pack.yaml', 'pack.yml', 'pack.json'] as const;

/** The welcome note's files, one per language. */
export const WELCOME_FILES = { ko: 'welcome.ko.md', en: 'welcome.en.md' } as const;

/** The folder datasets live in. */
export const DATASETS_FOLDER = 'datasets';

/** A version as three numbers, `1.0.0`; a newer one replaces an installed pack after the learner confirms. */
export const PackVersionSchema = z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/, 'must be three numbers like 1.0.0');

/** SQL table names a CSV or JSON lines dataset may become. */
export const TableNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be letters, digits and _ (not starting with a digit)');

/** One dataset of the pack: an id lessons name as their `dataset`, and its file under datasets/. */
export const PackDatasetSchema = z.strictObject({
  /** What lessons name in `dataset` (and steps in `grading.database`). */
  id: IdSchema,
  /** The path inside the pack, `datasets/<name>.<csv|jsonl|ndjson|sqlite|sqlite3|db>`. */
  file: z.string().regex(/^datasets\/[A-Za-z0-9][A-Za-z0-9._-]*\.(csv|jsonl|ndjson|sqlite|sqlite3|db)$/, 'must be datasets/<name>.csv, .jsonl, .ndjson, .sqlite, .sqlite3 or .db'),
  /** Shown in the database picker; defaults to the file name. */
  title: LocalizedSchema.optional(),
  /** For CSV and JSON lines: the table it becomes (defaults to the file name without extension). */
  table: TableNameSchema.optional(),
});

/** The manifest as written by an instructor. */
export const PackManifestSchema = z
  .strictObject({
    formatVersion: z.literal(PACK_FORMAT_VERSION).default(PACK_FORMAT_VERSION),
    /** Identifies the pack: installing a pack with the same id replaces the installed one. */
    id: IdSchema,
    /** The course map section's title; defaults to one made from the id. */
    title: LocalizedSchema.optional(),
    version: PackVersionSchema,
    author: NonBlankSchema.optional(),
    /** Lesson folder names (= lesson ids), in the order the section lists them. */
    lessons: z.array(IdSchema).min(1, 'list at least one lesson'),
    datasets: z.array(PackDatasetSchema).default([]),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.lessons.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['lessons', i], message: `lesson '${id}' is listed twice` });
      seen.add(id);
    });
    const ids = new Set<string>();
    const files = new Set<string>();
    m.datasets.forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['datasets', i, 'id'], message: `dataset id '${d.id}' is used twice` });
      if (files.has(d.file)) ctx.addIssue({ code: 'custom', path: ['datasets', i, 'file'], message: `${d.file} is listed twice` });
      ids.add(d.id);
      files.add(d.file);
    });
  });

/** The manifest as written. */
export type PackManifestInput = z.input<typeof PackManifestSchema>;
/** The manifest after defaults. */
export type PackManifest = z.output<typeof PackManifestSchema>;
/** One dataset entry. */
export type PackDataset = z.output<typeof PackDatasetSchema>;

/** `cafe-workshop` → `Cafe workshop`. */
function humanize(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The section title: the manifest's, or one made from the id. */
export function packTitle(manifest: Pick<PackManifest, 'id' | 'title'>): Localized {
  if (manifest.title) return manifest.title;
  const name = humanize(manifest.id);
  return { ko: `수업 팩: ${name}`, en: `Class pack: ${name}` };
}

/** The welcome note when the pack has none in a language. */
export function defaultWelcome(manifest: Pick<PackManifest, 'id' | 'title' | 'lessons' | 'author'>): Localized {
  const title = packTitle(manifest);
  const n = manifest.lessons.length;
  const by = manifest.author ? { ko: ` (${manifest.author})`, en: ` by ${manifest.author}` } : { ko: '', en: '' };
  return {
    ko: `# ${title.ko}\n\n이 수업 팩${by.ko}에는 레슨 ${n}개가 들어 있습니다. 아래 목록에서 레슨을 열어 시작하세요.`,
    en: `# ${title.en}\n\nThis class pack${by.en} holds ${n} lesson${n === 1 ? '' : 's'}. Open a lesson from the list below to begin.`,
  };
}

/** Compares two `x.y.z` versions: negative when a is older, 0 when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
