import { parse as parseYaml } from 'yaml';
import type { DatabaseProvider } from '../grading/engine.ts';
import { checkStepAsync, type CheckEnvironment } from '../lessons/check.ts';
import { LESSON_FILE_NAMES, parseLessonPack, type LessonFileName, type LessonPack } from '../lessons/load.ts';
import { LANGS, type Localized } from '../lessons/localized.ts';
import { stepKindOf } from '../lessons/step-kinds.ts';
import { stepDatabases } from '../grading/grade-step.ts';
import type { SqlEngine } from '../sql/engine.ts';
import { datasetToSqlite, formatOf, FORMAT_NAMES } from './datasets.ts';
import {
  DATASETS_FOLDER,
  defaultWelcome,
  MANIFEST_NAMES,
  packTitle,
  PackManifestSchema,
  WELCOME_FILES,
  type PackManifest,
} from './manifest.ts';
import type { Refusal } from './refusals.ts';
import { inflateEntry, looksLikeZip, readCentralDirectory, ZipFormatError, ZipOverflowError, type ZipEntry } from './zip.ts';

/**
 * Validates a class pack before anything is installed. Pure: the caller gives the zip's bytes, a
 * SQL engine and the app's own databases, so the same code runs in `npm run pack -- check` and
 * in the app's pack worker. In order: the zip's central directory against the limits (nothing
 * inflated yet), every entry inflated with a running cap, no code and no stray files, the
 * manifest, the datasets (each what it claims to be), the lessons (both languages, known step
 * kinds), and finally every step checked with the lesson checker (reference solutions run).
 */

/** How big a pack may be. */
export interface PackLimits {
  /** The zip itself. */
  maxZipBytes: number;
  maxFiles: number;
  /** One file, unpacked. */
  maxFileBytes: number;
  /** All files, unpacked. */
  maxTotalBytes: number;
  /** Unpacked size over packed size, for files larger than ratioFloorBytes. */
  maxRatio: number;
  /** Small files may compress very well (a CSV of zeros); the ratio counts from this size. */
  ratioFloorBytes: number;
}

/** The limits a pack is held to. */
export const PACK_LIMITS: PackLimits = {
  maxZipBytes: 256 * 1024 * 1024,
  maxFiles: 500,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** Step kinds a pack lesson may use: ones that need only SQL and the pack's data (no lakes, projects or workspace documents). */
export const PACK_STEP_KINDS = ['read', 'query', 'build', 'choice', 'number'] as const;

/** File extensions of code or programs, refused wherever they sit. */
const CODE_EXTENSIONS =
  /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx|html?|xhtml|svg|wasm|exe|dll|so|dylib|sh|bash|bat|cmd|ps1|py|rb|pl|php|jar|class|msi|vbs|com|scr|app|bin|node|apk|deb|rpm)$/i;

/** First bytes of programs: ELF, PE (MZ), WebAssembly, a shebang, Mach-O, Java class. */
function looksExecutable(bytes: Uint8Array): boolean {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x7f && b(1) === 0x45 && b(2) === 0x4c && b(3) === 0x46) return true;
  if (b(0) === 0x4d && b(1) === 0x5a) return true;
  if (b(0) === 0x00 && b(1) === 0x61 && b(2) === 0x73 && b(3) === 0x6d) return true;
  if (b(0) === 0x23 && b(1) === 0x21) return true;
  const magic = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
  return [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

/** True when the name stays inside the pack's folder: relative, forward slashes, no `..`, `.` or empty segments. */
export function isSafePath(name: string): boolean {
  if (name === '' || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return false;
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/** A dataset ready to install: its SQLite bytes, and where it came from. */
export interface PackDatasetFile {
  id: string;
  title: Localized;
  file: string;
  bytes: Uint8Array;
  tables: string[];
}

/** A lesson's files, as in the pack. */
export interface PackLessonFiles {
  id: string;
  files: Record<LessonFileName, string>;
}

/** Everything of a valid pack the app installs. */
export interface ValidatedPack {
  manifest: PackManifest;
  title: Localized;
  welcome: Localized;
  lessons: PackLessonFiles[];
  datasets: PackDatasetFile[];
  /** Checker warnings (no hidden variant, …): the pack is valid, an instructor may want to know. */
  warnings: string[];
}

/** The outcome of validating a pack. */
export type PackValidation = { ok: true; pack: ValidatedPack } | { ok: false; refusals: Refusal[] };

/** Where validation is, for a progress bar. */
export interface PackProgress {
  phase: 'files' | 'datasets' | 'lessons';
  done: number;
  total: number;
  /** The file or step being worked on. */
  label: string;
}

/** What validation needs from outside. */
export interface PackCheckEnvironment {
  /** A SQL engine of its own (datasets are built and solutions run on it). */
  engine: SqlEngine;
  /**
   * The app's own databases: ids lessons may name without shipping them, and their bytes. `load`
   * (the app's worker fetches them) is awaited with the ids the pack's lessons use before any is read.
   */
  builtin: { ids: readonly string[]; provider: DatabaseProvider; load?: (ids: readonly string[]) => Promise<void> };
  /** Dataset ids a pack may not declare (built-in ones are added): other installed packs'. */
  takenDatasetIds?: ReadonlyMap<string, string>;
  onProgress?: (progress: PackProgress) => void;
  limits?: Partial<PackLimits>;
}

/** Central directory checks: nothing is inflated when one of these fails. */
function structuralRefusals(entries: readonly ZipEntry[], limits: PackLimits): Refusal[] {
  const refusals: Refusal[] = [];
  const files = entries.filter((e) => !e.directory);
  if (entries.length > limits.maxFiles) refusals.push({ code: 'too-many-files', file: '', params: { count: entries.length, limit: limits.maxFiles } });
  for (const e of entries) {
    if (!isSafePath(e.name)) refusals.push({ code: 'path-escape', file: e.name });
    else if (e.symlink) refusals.push({ code: 'symlink', file: e.name });
    else if (e.encrypted) refusals.push({ code: 'bad-zip', file: e.name, detail: 'encrypted entry' });
    else if (e.method !== 0 && e.method !== 8) refusals.push({ code: 'bad-zip', file: e.name, detail: `compression method ${e.method}` });
  }
  for (const e of files) {
    if (e.uncompressedSize > limits.maxFileBytes) {
      refusals.push({ code: 'file-too-large', file: e.name, params: { size: e.uncompressedSize, limit: limits.maxFileBytes } });
    } else if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      refusals.push({ code: 'zip-bomb', file: e.name, params: { why: 'ratio', ratio, limit: limits.maxRatio } });
    }
  }
  const total = files.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxTotalBytes) refusals.push({ code: 'zip-bomb', file: '', params: { why: 'total', size: total, limit: limits.maxTotalBytes } });
  return refusals;
}

/** Strips one folder every entry shares (a zip made of the pack's folder rather than its contents). */
function commonRoot(names: readonly string[]): string {
  if (names.some((n) => (MANIFEST_NAMES as readonly string[]).includes(n))) return '';
  const first = names[0]?.split('/')[0];
  if (!first || names.some((n) => !n.startsWith(`${first}/`) && n !== `${first}/`)) return '';
  return `${first}/`;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 6)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

const text = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

/** Reads the manifest; a refusal when it is missing or does not follow the schema. */
function readManifest(files: ReadonlyMap<string, Uint8Array>): { manifest: PackManifest; file: string } | Refusal {
  const file = MANIFEST_NAMES.find((n) => files.has(n));
  if (!file) return { code: 'missing-manifest', file: '' };
  let raw: unknown;
  try {
    const source = text(files.get(file)!);
    raw = file.endsWith('.json') ? JSON.parse(source) : parseYaml(source);
  } catch (e) {
    return { code: 'bad-manifest', file, detail: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
  const parsed = PackManifestSchema.safeParse(raw);
  if (!parsed.success) return { code: 'bad-manifest', file, detail: describeIssues(parsed.error.issues) };
  return { manifest: parsed.data, file };
}

/** Where a file belongs in a pack, or why it does not. */
function placeOf(name: string, lessonIds: ReadonlySet<string>): 'manifest' | 'welcome' | 'lesson' | 'dataset' | Refusal {
  if (CODE_EXTENSIONS.test(name)) return { code: 'code-file', file: name };
  if ((MANIFEST_NAMES as readonly string[]).includes(name)) return 'manifest';
  if (Object.values(WELCOME_FILES).includes(name as never)) return 'welcome';
  const segments = name.split('/');
  if (segments.length === 2 && segments[0] === DATASETS_FOLDER && formatOf(name)) return 'dataset';
  if (segments.length === 2 && lessonIds.has(segments[0]!) && (LESSON_FILE_NAMES as readonly string[]).includes(segments[1]!)) return 'lesson';
  const detail =
    segments.length === 2 && (LESSON_FILE_NAMES as readonly string[]).includes(segments[1]!)
      ? `the folder ${segments[0]}/ is not listed under lessons in the manifest`
      : undefined;
  return { code: 'unexpected-file', file: name, ...(detail ? { detail } : {}) };
}

function stepProblemRefusal(file: string, stepId: string, problem: string): Refusal {
  if (/^the reference solution/.test(problem)) return { code: 'solution-fails', file, detail: problem, params: { step: stepId } };
  return { code: 'lesson-invalid', file, detail: `step '${stepId}': ${problem}` };
}

/** Validates a pack's zip; see the module comment for the order of the checks. */
export async function validatePack(zip: Uint8Array, env: PackCheckEnvironment): Promise<PackValidation> {
  const limits = { ...PACK_LIMITS, ...env.limits };
  const refuse = (refusals: Refusal[]): PackValidation => ({ ok: false, refusals });
  if (!looksLikeZip(zip)) return refuse([{ code: 'not-zip', file: '' }]);
  if (zip.byteLength > limits.maxZipBytes)
    return refuse([{ code: 'file-too-large', file: '', params: { size: zip.byteLength, limit: limits.maxZipBytes } }]);
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(zip);
  } catch (e) {
    return refuse([{ code: 'bad-zip', file: '', detail: (e as Error).message }]);
  }
  const structural = structuralRefusals(entries, limits);
  if (structural.length > 0) return refuse(structural);

  // Inflate, each entry capped at the size it declared, the whole pack at the total limit.
  const root = commonRoot(entries.map((e) => e.name));
  const files = new Map<string, Uint8Array>();
  const fileEntries = entries.filter((e) => !e.directory);
  let inflated = 0;
  for (const [i, entry] of fileEntries.entries()) {
    env.onProgress?.({ phase: 'files', done: i, total: fileEntries.length, label: entry.name });
    try {
      const bytes = inflateEntry(zip, entry);
      inflated += bytes.byteLength;
      if (inflated > limits.maxTotalBytes) return refuse([{ code: 'zip-bomb', file: '', params: { why: 'total', size: inflated, limit: limits.maxTotalBytes } }]);
      files.set(entry.name.slice(root.length), bytes);
    } catch (e) {
      if (e instanceof ZipOverflowError) return refuse([{ code: 'zip-bomb', file: entry.name, params: { why: 'overflow' } }]);
      return refuse([{ code: 'bad-zip', file: entry.name, detail: e instanceof ZipFormatError ? e.message : String(e) }]);
    }
  }

  // No code anywhere, by name or by content; then the manifest says what else belongs.
  const refusals: Refusal[] = [];
  for (const [name, bytes] of files) {
    if (CODE_EXTENSIONS.test(name) || looksExecutable(bytes)) refusals.push({ code: 'code-file', file: name });
  }
  if (refusals.length > 0) return refuse(refusals);
  const read = readManifest(files);
  if ('code' in read) return refuse([read]);
  const { manifest, file: manifestFile } = read;
  const lessonIds = new Set(manifest.lessons);
  for (const name of files.keys()) {
    const place = placeOf(name, lessonIds);
    if (typeof place !== 'string') refusals.push(place);
  }
  const declared = new Set(manifest.datasets.map((d) => d.file));
  for (const name of files.keys()) {
    if (name.startsWith(`${DATASETS_FOLDER}/`) && formatOf(name) && !declared.has(name))
      refusals.push({ code: 'unexpected-file', file: name, detail: `not listed under datasets in ${manifestFile}` });
  }
  if (refusals.length > 0) return refuse(refusals);

  // Datasets: each must be what its name claims.
  const datasets: PackDatasetFile[] = [];
  const taken = new Map(env.takenDatasetIds ?? []);
  for (const id of env.builtin.ids) taken.set(id, 'a database built into the app');
  for (const [i, d] of manifest.datasets.entries()) {
    env.onProgress?.({ phase: 'datasets', done: i, total: manifest.datasets.length, label: d.file });
    const by = taken.get(d.id);
    if (by) {
      refusals.push({ code: 'id-taken', file: manifestFile, params: { id: d.id, by } });
      continue;
    }
    const bytes = files.get(d.file);
    if (!bytes) {
      refusals.push({ code: 'bad-manifest', file: manifestFile, detail: `${d.file} is listed but not in the pack` });
      continue;
    }
    const format = formatOf(d.file)!;
    const outcome = datasetToSqlite(env.engine, d.file, bytes, d.table);
    if (!outcome.ok) {
      refusals.push({ code: 'dataset-mismatch', file: d.file, detail: outcome.detail, params: { format: FORMAT_NAMES[format] } });
      continue;
    }
    const name = d.file.slice(DATASETS_FOLDER.length + 1);
    datasets.push({ id: d.id, title: d.title ?? { ko: name, en: name }, file: d.file, bytes: outcome.bytes, tables: outcome.tables });
  }

  // Lessons: both languages, only the pack's step kinds, then the lesson format itself.
  const lessons: PackLessonFiles[] = [];
  const parsed: LessonPack[] = [];
  for (const id of manifest.lessons) {
    const lessonFiles: Partial<Record<LessonFileName, string>> = {};
    for (const name of LESSON_FILE_NAMES) {
      const bytes = files.get(`${id}/${name}`);
      if (bytes) lessonFiles[name] = text(bytes);
    }
    if (Object.keys(lessonFiles).length === 0 || lessonFiles['lesson.json'] === undefined) {
      refusals.push({ code: 'lesson-missing', file: manifestFile, params: { lesson: id } });
      continue;
    }
    const missingLang = LANGS.filter((lang) => lessonFiles[`${lang}.md`] === undefined);
    if (missingLang.length > 0) {
      for (const lang of missingLang) refusals.push({ code: 'one-language', file: `${id}/${lang}.md` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(lessonFiles['lesson.json']);
    } catch (e) {
      refusals.push({ code: 'lesson-invalid', file: `${id}/lesson.json`, detail: (e as Error).message });
      continue;
    }
    const steps = (raw as { steps?: unknown }).steps;
    const badKinds = (Array.isArray(steps) ? steps : []).filter(
      (s): s is { id?: unknown; kind?: unknown } => typeof s === 'object' && s !== null && !(PACK_STEP_KINDS as readonly unknown[]).includes((s as { kind?: unknown }).kind),
    );
    if (badKinds.length > 0) {
      for (const s of badKinds)
        refusals.push({ code: 'step-kind', file: `${id}/lesson.json`, params: { step: String(s.id ?? '?'), kind: String(s.kind ?? '?'), allowed: PACK_STEP_KINDS.join(', ') } });
      continue;
    }
    const result = parseLessonPack({ trackFolder: '_pack', lessonFolder: id, files: lessonFiles });
    if (!result.ok) {
      refusals.push({ code: 'lesson-invalid', file: `${id}/`, detail: result.reason });
      continue;
    }
    lessons.push({ id, files: lessonFiles as Record<LessonFileName, string> });
    parsed.push(result.pack);
  }
  const packIds = new Set(manifest.datasets.map((d) => d.id));
  const builtinUsed = new Set<string>();
  for (const pack of parsed) {
    const used = new Set([pack.lesson.dataset, ...pack.lesson.steps.flatMap((s) => stepDatabases(pack.lesson, s))]);
    for (const dataset of used) {
      if (packIds.has(dataset)) continue;
      if (env.builtin.ids.includes(dataset)) builtinUsed.add(dataset);
      else refusals.push({ code: 'dataset-missing', file: `${pack.lesson.id}/lesson.json`, params: { dataset } });
    }
  }
  if (refusals.length > 0) return refuse(refusals);
  await env.builtin.load?.([...builtinUsed]);

  // Every step through the lesson checker: reference solutions pass, starters fail, known-wrong answers get their message.
  const byId = new Map(datasets.map((d) => [d.id, d.bytes]));
  const checkEnv: CheckEnvironment = {
    engine: env.engine,
    databases: {
      bytes: (id, copy) => (byId.has(id) ? (copy === 'visible' ? byId.get(id)! : null) : env.builtin.provider.bytes(id, copy)),
    },
    databaseIds: [...byId.keys(), ...env.builtin.ids],
    curriculum: null,
  };
  const warnings: string[] = [];
  const total = parsed.reduce((n, p) => n + p.lesson.steps.length, 0);
  let done = 0;
  for (const pack of parsed) {
    for (const step of pack.lesson.steps) {
      env.onProgress?.({ phase: 'lessons', done, total, label: `${pack.lesson.id}/${step.id}` });
      done++;
      if (!stepKindOf(step).gradable && step.kind !== 'read') continue;
      const found = await checkStepAsync(pack, step, checkEnv);
      refusals.push(...found.problems.map((p) => stepProblemRefusal(`${pack.lesson.id}/lesson.json`, step.id, p)));
      for (const w of found.warnings) if (!warnings.includes(w)) warnings.push(w);
    }
  }
  env.onProgress?.({ phase: 'lessons', done: total, total, label: '' });
  if (refusals.length > 0) return refuse(refusals);

  const welcome = { ...defaultWelcome(manifest) };
  for (const lang of LANGS) {
    const bytes = files.get(WELCOME_FILES[lang]);
    if (bytes && text(bytes).trim() !== '') welcome[lang] = text(bytes);
  }
  return { ok: true, pack: { manifest, title: packTitle(manifest), welcome, lessons, datasets, warnings } };
}
