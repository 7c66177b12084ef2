import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import initSqlJs from 'sql.js';
import { zipSync, type Zippable } from 'fflate';
import { SqlEngine } from '../../../core/sql/engine.ts';
import { validatePack, type PackCheckEnvironment, type PackValidation } from '../../../core/packs/validate.ts';

/** The sample pack's folder, read into memory, and helpers to make hostile variants of it. */

/** The sample pack's source folder. */
export const SAMPLE_FOLDER = join(import.meta.dirname, '..', '..', 'fixtures', 'packs', 'cafe-workshop');
/** The sample pack built by `npm run pack -- build`. */
export const SAMPLE_ZIP = join(import.meta.dirname, '..', '..', 'fixtures', 'packs', 'cafe-workshop.zip');

/** The sample folder as path → bytes. */
export function sampleFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(SAMPLE_FOLDER, path).split('\\').join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(SAMPLE_FOLDER);
  return files;
}

/** Text as bytes. */
export const bytes = (text: string) => new TextEncoder().encode(text);
/** Bytes as text. */
export const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Zips path → bytes exactly as given (no defaults, unlike buildPack). */
export function zipOf(files: ReadonlyMap<string, Uint8Array>, extra: Zippable = {}): Uint8Array {
  const zippable: Zippable = {};
  for (const [path, b] of files) zippable[path] = b;
  return zipSync({ ...zippable, ...extra }, { level: 6 });
}

/** The sample lesson's lesson.json, edited. */
export function withLesson(files: Map<string, Uint8Array>, edit: (lesson: Record<string, unknown> & { steps: Record<string, unknown>[] }) => void): Map<string, Uint8Array> {
  const path = 'cafe-first-query/lesson.json';
  const lesson = JSON.parse(text(files.get(path)!)) as Record<string, unknown> & { steps: Record<string, unknown>[] };
  edit(lesson);
  const out = new Map(files);
  out.set(path, bytes(JSON.stringify(lesson)));
  return out;
}

let engine: Promise<SqlEngine> | null = null;

/** Validates with a real SQL engine and no built-in databases unless given. */
export async function check(zip: Uint8Array, env: Partial<PackCheckEnvironment> = {}): Promise<PackValidation> {
  engine ??= initSqlJs().then((SQL) => new SqlEngine(SQL));
  return validatePack(zip, { engine: await engine, builtin: { ids: [], provider: { bytes: () => null } }, ...env });
}

/** The refusal codes and files of an outcome (empty for a valid pack). */
export function reasons(result: PackValidation): { code: string; file: string }[] {
  return result.ok ? [] : result.refusals.map(({ code, file }) => ({ code, file }));
}
