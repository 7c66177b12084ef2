/**
 * Import of a real dbt project folder or zip into a model project (its files). The folder picker
 * in the app and the command line both hand over a list of (path, bytes); a zip is unpacked here
 * with fflate. The project root is where `dbt_project.yml` is, at the top or one folder down (a
 * zip of the folder itself). Only what the workbench builds is kept: `dbt_project.yml`, models,
 * macros, seeds and tests; build output, installed packages, logs and version control are left
 * out. A hostile or broken input (no project file, a path that climbs out of the root, a zip bomb,
 * a binary file where text belongs, an oversized file) is refused as a whole with a reason in
 * Korean and English: nothing partial is ever returned.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import type { ModelProjectFiles } from './project.ts';

/** One file as a folder picker or a directory walk gives it: path relative to the chosen folder. */
export interface DbtInputFile {
  path: string;
  bytes: Uint8Array;
}

/** Why an import was refused: a stable code for tests and the UI, and the reason in both languages. */
export interface DbtImportRefusal {
  code: 'no-project' | 'ambiguous-project' | 'path-escape' | 'zip-bomb' | 'zip-broken' | 'binary-file' | 'file-too-large' | 'too-many-files';
  ko: string;
  en: string;
  /** The file the reason is about, when there is one. */
  path?: string;
}

/** A file of the input that was not taken, and why (shown so nothing disappears silently). */
export interface DbtSkippedFile {
  path: string;
  ko: string;
  en: string;
}

/** A project read from a folder or a zip. */
export interface DbtImport {
  project: ModelProjectFiles;
  /** `name:` from dbt_project.yml, or the folder's name when the file has none. */
  name: string;
  /** The folder inside the input that held dbt_project.yml ('' when it was at the top). */
  root: string;
  skipped: DbtSkippedFile[];
}

/** The result of an import: the project, or a refusal and nothing else. */
export type DbtImportResult = { ok: true; value: DbtImport } | { ok: false; error: DbtImportRefusal };

/** Size ceilings of an import; the defaults fit the Hanbit reference project with its seeds many times over. */
export interface DbtImportLimits {
  /** Largest SQL, YAML or Markdown file. */
  maxTextFileBytes: number;
  /** Largest seed CSV. */
  maxSeedFileBytes: number;
  /** Everything unpacked together (declared in the zip, and as actually inflated). */
  maxTotalBytes: number;
  /** Entries in a zip or files in a folder. */
  maxEntries: number;
}

/** The ceilings used when the caller gives none. */
export const DEFAULT_DBT_IMPORT_LIMITS: DbtImportLimits = {
  maxTextFileBytes: 2 * 1024 * 1024,
  maxSeedFileBytes: 48 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  maxEntries: 20_000,
};

/** Folders dbt writes or fetches itself; never part of the project's source. */
const IGNORED_DIRS = new Set(['target', 'dbt_packages', 'dbt_modules', 'logs', '.git', '.venv', 'venv', '__pycache__', '__MACOSX', '.idea', '.vscode']);

/** The folders the workbench builds from, with the file kinds each may hold. */
const TAKEN: Record<string, RegExp> = {
  models: /\.(sql|ya?ml|md)$/i,
  macros: /\.(sql|ya?ml|md)$/i,
  seeds: /\.(csv|ya?ml)$/i,
  tests: /\.(sql|ya?ml)$/i,
};

// The zip is fed to the inflater in small pieces so that one piece can never unpack to more than
// about 16 MB (deflate's ratio is at most ~1032:1): the running total is checked between pieces.
const ZIP_CHUNK = 16 * 1024;

class Refusal extends Error {
  readonly refusal: DbtImportRefusal;
  constructor(refusal: DbtImportRefusal) {
    super(refusal.en);
    this.refusal = refusal;
  }
}

const mib = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

function refuse(code: DbtImportRefusal['code'], ko: string, en: string, path?: string): never {
  throw new Refusal(path === undefined ? { code, ko, en } : { code, ko, en, path });
}

/**
 * The path with forward slashes and no leading './'; refuses one that is absolute or climbs out
 * of the chosen folder ('..'), since writing it back out would land outside the project.
 */
function cleanPath(raw: string): string {
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.split('/').includes('..') || p.includes('\0')) {
    refuse('path-escape', `'${raw}' 경로가 프로젝트 폴더 밖을 가리켜 가져오지 않았습니다.`, `The path '${raw}' points outside the project folder, so nothing was imported.`, raw);
  }
  return p
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** The project root: the folder of the shallowest dbt_project.yml, at the top or one folder down. */
function findRoot(paths: string[]): string {
  const candidates = paths
    .filter((p) => p === 'dbt_project.yml' || p.endsWith('/dbt_project.yml'))
    .filter((p) => !p.split('/').some((s) => IGNORED_DIRS.has(s)))
    .map((p) => p.slice(0, -'dbt_project.yml'.length))
    .filter((dir) => dir.split('/').filter(Boolean).length <= 1);
  if (candidates.length === 0) {
    refuse(
      'no-project',
      'dbt_project.yml 파일이 없어 dbt 프로젝트로 가져올 수 없습니다. 프로젝트 폴더(또는 그 폴더를 압축한 zip)를 고르세요.',
      'There is no dbt_project.yml, so this is not a dbt project. Choose the project folder (or a zip of it).',
    );
  }
  const shallow = candidates.filter((d) => d === '');
  if (shallow.length === 1) return '';
  if (candidates.length > 1) {
    refuse(
      'ambiguous-project',
      `dbt_project.yml 파일이 여러 폴더(${candidates.join(', ')})에 있어 어느 프로젝트를 가져올지 알 수 없습니다. 프로젝트 하나만 고르세요.`,
      `dbt_project.yml is in several folders (${candidates.join(', ')}), so it is unclear which project to import. Choose one project.`,
    );
  }
  return candidates[0] as string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file's text; refuses bytes that are not UTF-8 text (a NUL byte or an invalid sequence). */
function textOf(path: string, bytes: Uint8Array): string {
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL');
    text = decoder.decode(bytes);
  } catch {
    refuse(
      'binary-file',
      `'${path}' 파일은 텍스트(UTF-8)가 아니라 가져오지 않았습니다. SQL, YAML, CSV 파일은 UTF-8 텍스트여야 합니다.`,
      `'${path}' is not UTF-8 text, so nothing was imported. SQL, YAML and CSV files must be UTF-8 text.`,
      path,
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLargeRefusal(path: string, size: number, limit: number): DbtImportRefusal {
  return {
    code: 'file-too-large',
    ko: `'${path}' 파일이 ${mib(size)}로, 한 파일의 한도 ${mib(limit)}를 넘어 가져오지 않았습니다.`,
    en: `'${path}' is ${mib(size)}, over the ${mib(limit)} limit for one file, so nothing was imported.`,
    path,
  };
}

function tooLarge(path: string, size: number, limit: number): never {
  throw new Refusal(tooLargeRefusal(path, size, limit));
}

function tooMany(count: number, limit: number): never {
  refuse(
    'too-many-files',
    `파일이 ${count}개로 한도 ${limit}개를 넘어 가져오지 않았습니다.`,
    `The input has ${count} files, over the limit of ${limit}, so nothing was imported.`,
  );
}

function bombRefusal(total: number, limit: number, path?: string): DbtImportRefusal {
  const r: DbtImportRefusal = {
    code: 'zip-bomb',
    ko: `압축을 풀면 ${mib(total)} 이상이 되어 한도 ${mib(limit)}를 넘습니다. 압축 폭탄일 수 있어 가져오지 않았습니다.`,
    en: `Unpacked, the input comes to ${mib(total)} or more, over the ${mib(limit)} limit. It may be a zip bomb, so nothing was imported.`,
  };
  return path === undefined ? r : { ...r, path };
}

function bomb(total: number, limit: number, path?: string): never {
  throw new Refusal(bombRefusal(total, limit, path));
}

/** The seed-file limit for CSV, the text limit for everything else. */
function limitFor(path: string, limits: DbtImportLimits): number {
  return /\.csv$/i.test(path) ? limits.maxSeedFileBytes : limits.maxTextFileBytes;
}

/** Which folder of the project a path belongs to, as dbt_project.yml names them (defaults otherwise). */
function projectDirs(projectYaml: string): Record<string, string[]> {
  const dirs: Record<string, string[]> = { models: ['models'], macros: ['macros'], seeds: ['seeds'], tests: ['tests'] };
  let doc: unknown;
  try {
    doc = parseYaml(projectYaml);
  } catch {
    return dirs; // a broken dbt_project.yml is still imported: the workbench marks the error at its line
  }
  if (!doc || typeof doc !== 'object') return dirs;
  const conf = doc as Record<string, unknown>;
  const keys: Record<string, string[]> = {
    models: ['model-paths', 'source-paths'],
    macros: ['macro-paths'],
    seeds: ['seed-paths', 'data-paths'],
    tests: ['test-paths'],
  };
  for (const [kind, names] of Object.entries(keys)) {
    for (const key of names) {
      const v = conf[key];
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
        const safe = (v as string[]).map((x) => x.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '')).filter((x) => x && !x.split('/').includes('..') && !x.startsWith('/'));
        if (safe.length) dirs[kind] = safe;
        break;
      }
    }
  }
  return dirs;
}

function projectName(projectYaml: string, root: string): string {
  try {
    const doc = parseYaml(projectYaml) as unknown;
    if (doc && typeof doc === 'object' && typeof (doc as Record<string, unknown>).name === 'string') return (doc as Record<string, string>).name as string;
  } catch {
    // fall through to the folder name
  }
  return root.replace(/\/$/, '') || 'dbt_project';
}

/** The whole import over clean (path, bytes) pairs; throws a Refusal. */
function importClean(entries: DbtInputFile[], limits: DbtImportLimits): DbtImport {
  if (entries.length > limits.maxEntries) tooMany(entries.length, limits.maxEntries);
  const cleaned = entries.map((e) => ({ path: cleanPath(e.path), bytes: e.bytes }));
  let total = 0;
  for (const e of cleaned) total += e.bytes.length;
  if (total > limits.maxTotalBytes) bomb(total, limits.maxTotalBytes);
  const root = findRoot(cleaned.map((e) => e.path).filter(Boolean));
  const projectEntry = cleaned.find((e) => e.path === `${root}dbt_project.yml`);
  if (!projectEntry) return refuse('no-project', 'dbt_project.yml 파일이 없습니다.', 'There is no dbt_project.yml.');
  if (projectEntry.bytes.length > limits.maxTextFileBytes) tooLarge(projectEntry.path, projectEntry.bytes.length, limits.maxTextFileBytes);
  const projectYaml = textOf(projectEntry.path, projectEntry.bytes);
  const dirs = projectDirs(projectYaml);

  const files: Record<string, string> = {};
  const skipped: DbtSkippedFile[] = [];
  for (const { path: full, bytes } of cleaned) {
    if (full === '' || full.endsWith('/')) continue;
    if (root && !full.startsWith(root)) {
      if (!full.split('/').some((s) => IGNORED_DIRS.has(s))) {
        skipped.push({ path: full, ko: '프로젝트 폴더 밖에 있습니다.', en: 'Outside the project folder.' });
      }
      continue;
    }
    const path = full.slice(root.length);
    if (path === 'dbt_project.yml') {
      files[path] = projectYaml;
      continue;
    }
    const segments = path.split('/');
    if (segments.some((s) => IGNORED_DIRS.has(s))) continue; // dbt's own output and fetched packages
    const kind = Object.entries(dirs).find(([, ds]) => ds.some((d) => path.startsWith(`${d}/`)))?.[0];
    if (!kind) {
      if (segments[0] === 'snapshots') skipped.push({ path, ko: '스냅샷은 워크벤치에서 다루지 않습니다.', en: 'Snapshots are not part of the workbench.' });
      else if (!/^(README|LICENSE)/i.test(path) && path !== 'profiles.yml' && !path.startsWith('.'))
        skipped.push({ path, ko: 'models, macros, seeds, tests 밖의 파일입니다.', en: 'Not in models, macros, seeds or tests.' });
      continue;
    }
    if (!(TAKEN[kind] as RegExp).test(path)) {
      const python = /\.py$/i.test(path);
      skipped.push({
        path,
        ko: python ? 'Python 모델은 워크벤치에서 빌드하지 않습니다.' : '이 폴더에서 다루는 파일 형식이 아닙니다.',
        en: python ? 'Python models are not built by the workbench.' : 'Not a file type this folder holds.',
      });
      continue;
    }
    const limit = limitFor(path, limits);
    if (bytes.length > limit) tooLarge(path, bytes.length, limit);
    files[path] = textOf(path, bytes);
  }
  return { project: { files }, name: projectName(projectYaml, root), root: root.replace(/\/$/, ''), skipped };
}

function run(work: () => DbtImport): DbtImportResult {
  try {
    return { ok: true, value: work() };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.refusal };
    throw e;
  }
}

/** Reads a dbt project from files picked as a folder or walked on disk (paths relative to the chosen folder). */
export function importDbtFiles(files: DbtInputFile[], limits: DbtImportLimits = DEFAULT_DBT_IMPORT_LIMITS): DbtImportResult {
  return run(() => importClean(files, limits));
}

/**
 * Unpacks a zip with both ceilings enforced: the sizes the zip declares (read from its central
 * directory before anything is inflated) and the bytes actually inflated (counted while
 * inflating, since a crafted zip can declare less than it holds).
 */
function unzipGuarded(zip: Uint8Array, limits: DbtImportLimits): DbtInputFile[] {
  let declaredTotal = 0;
  let count = 0;
  try {
    unzipSync(zip, {
      filter: (f) => {
        count++;
        if (count > limits.maxEntries) tooMany(count, limits.maxEntries);
        declaredTotal += f.originalSize;
        if (declaredTotal > limits.maxTotalBytes) bomb(declaredTotal, limits.maxTotalBytes, f.name);
        return false; // only the directory is read here
      },
    });
  } catch (e) {
    if (e instanceof Refusal) throw e;
    refuse('zip-broken', 'zip 파일을 읽을 수 없습니다. 파일이 손상되었거나 zip이 아닙니다.', 'The zip file cannot be read: it is damaged or not a zip.');
  }

  const out: DbtInputFile[] = [];
  let actualTotal = 0;
  let failure: unknown = null;
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const name = file.name;
    if (name.endsWith('/')) return; // a folder entry carries no data
    let path: string;
    try {
      path = cleanPath(name);
    } catch (e) {
      failure ??= e;
      return;
    }
    const perFile = /\.csv$/i.test(path) ? limits.maxSeedFileBytes : Math.max(limits.maxTextFileBytes, 1);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = err;
        return;
      }
      size += chunk.length;
      actualTotal += chunk.length;
      if (actualTotal > limits.maxTotalBytes) {
        failure = new Refusal(bombRefusal(actualTotal, limits.maxTotalBytes, name));
        file.terminate();
        return;
      }
      // A file over its own ceiling is only an error if it is one we would keep; an ignored
      // folder (target/, .git/) may hold large files. Its bytes are still counted in the total.
      if (size > perFile && keepsBytes(path)) {
        failure = new Refusal(tooLargeRefusal(path, size, perFile));
        file.terminate();
        return;
      }
      if (keepsBytes(path)) chunks.push(chunk);
      if (final) out.push({ path, bytes: concat(chunks, size) });
    };
    try {
      file.start();
    } catch {
      failure ??= new Refusal({
        code: 'zip-broken',
        ko: `zip 안의 '${name}' 파일은 풀 수 없는 압축 방식입니다.`,
        en: `'${name}' in the zip uses a compression method that cannot be unpacked.`,
        path: name,
      });
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < zip.length && !failure; i += ZIP_CHUNK) {
      unzip.push(zip.subarray(i, Math.min(zip.length, i + ZIP_CHUNK)), i + ZIP_CHUNK >= zip.length);
    }
  } catch (e) {
    failure ??= e;
  }
  if (failure instanceof Refusal) throw failure;
  if (failure) refuse('zip-broken', 'zip 파일을 읽을 수 없습니다. 파일이 손상되었거나 zip이 아닙니다.', 'The zip file cannot be read: it is damaged or not a zip.');
  return out;
}

/** Whether a zip entry's bytes are kept in memory: ignored folders are only counted. */
function keepsBytes(path: string): boolean {
  return !path.split('/').some((s) => IGNORED_DIRS.has(s));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Reads a dbt project from a zip (the project at the top of the zip or one folder down). */
export function importDbtZip(zip: Uint8Array, limits: DbtImportLimits = DEFAULT_DBT_IMPORT_LIMITS): DbtImportResult {
  return run(() => importClean(unzipGuarded(zip, limits), limits));
}
