import { zipSync, type Zippable } from 'fflate';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { formatOf } from './datasets.ts';
import { DATASETS_FOLDER, defaultWelcome, MANIFEST_NAMES, WELCOME_FILES, type PackManifestInput } from './manifest.ts';

/**
 * Makes a pack's zip from an instructor's folder (given as path → bytes, paths relative to the
 * folder). What the folder leaves out gets a default: the manifest's lesson list (every folder
 * holding a lesson.json, in the lessons' `order`), its datasets (every file under datasets/),
 * its id (from the folder's name), version 1.0.0, and a welcome note in both languages. The zip
 * is then checked like any other pack (`npm run pack -- check`).
 */

/** An id from any name: lowercase letters and digits joined by single dashes. */
export function idFrom(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/\.[^.]*$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'pack' : id;
}

/** The outcome of building: the zip and the manifest it holds, or why the folder cannot be a pack. */
export type BuildResult = { ok: true; zip: Uint8Array; manifest: PackManifestInput; defaulted: string[] } | { ok: false; problem: string };

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const encode = (s: string) => new TextEncoder().encode(s);

/** Builds the zip from the folder's files; `folderName` gives the default id. */
export function buildPack(files: ReadonlyMap<string, Uint8Array>, folderName: string): BuildResult {
  const defaulted: string[] = [];
  const manifestName = MANIFEST_NAMES.find((n) => files.has(n));
  let manifest: Record<string, unknown> = {};
  if (manifestName) {
    try {
      const source = decode(files.get(manifestName)!);
      const raw: unknown = manifestName.endsWith('.json') ? JSON.parse(source) : parseYaml(source);
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: `${manifestName} is not a mapping` };
      manifest = { ...(raw as Record<string, unknown>) };
    } catch (e) {
      return { ok: false, problem: `${manifestName}: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (manifest.id === undefined) {
    manifest.id = idFrom(folderName);
    defaulted.push(`id: ${String(manifest.id)}`);
  }
  if (manifest.version === undefined) {
    manifest.version = '1.0.0';
    defaulted.push('version: 1.0.0');
  }
  if (manifest.lessons === undefined) {
    const lessons = [...files.keys()]
      .filter((p) => /^[^/]+\/lesson\.json$/.test(p))
      .map((p) => {
        const folder = p.split('/')[0]!;
        let order = Number.MAX_SAFE_INTEGER;
        try {
          order = Number((JSON.parse(decode(files.get(p)!)) as { order?: unknown }).order ?? order);
        } catch {
          // An unreadable lesson.json still gets listed: the check names what is wrong with it.
        }
        return { folder, order };
      })
      .sort((a, b) => a.order - b.order || a.folder.localeCompare(b.folder))
      .map((l) => l.folder);
    manifest.lessons = lessons;
    defaulted.push(`lessons: ${lessons.join(', ') || '(none)'}`);
  }
  if (manifest.datasets === undefined) {
    const datasets = [...files.keys()]
      .filter((p) => p.startsWith(`${DATASETS_FOLDER}/`) && p.split('/').length === 2 && formatOf(p))
      .sort()
      .map((file) => ({ id: idFrom(file.slice(DATASETS_FOLDER.length + 1)), file }));
    manifest.datasets = datasets;
    if (datasets.length > 0) defaulted.push(`datasets: ${datasets.map((d) => d.id).join(', ')}`);
  }
  const zippable: Zippable = {};
  for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if ((MANIFEST_NAMES as readonly string[]).includes(path)) continue;
    // Editor and OS bookkeeping (.DS_Store, .git) is not part of the pack.
    if (path.split('/').some((s) => s.startsWith('.'))) continue;
    zippable[path] = bytes;
  }
  const typed = manifest as PackManifestInput;
  for (const lang of ['ko', 'en'] as const) {
    if (files.has(WELCOME_FILES[lang])) continue;
    const lessons = Array.isArray(typed.lessons) ? typed.lessons : [];
    zippable[WELCOME_FILES[lang]] = encode(defaultWelcome({ ...typed, lessons })[lang]);
    defaulted.push(WELCOME_FILES[lang]);
  }
  const name = manifestName ?? 'pack.yaml';
  zippable[name] = encode(name.endsWith('.json') ? `${JSON.stringify(manifest, null, 2)}\n` : stringifyYaml(manifest));
  // A fixed date keeps the zip the same bytes for the same folder.
  return { ok: true, zip: zipSync(zippable, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }), manifest: typed, defaulted };
}
