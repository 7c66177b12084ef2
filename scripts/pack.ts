/**
 * Class packs on the command line (see core/packs/ and the README's "Class packs" section):
 *   npm run pack -- check <file.zip> [--lang ko]   validates a pack, running every reference solution;
 *                                                  exit 0 only for a valid pack, 1 with the reasons otherwise
 *   npm run pack -- build <folder> <file.zip>      makes a pack from a folder of lesson folders (defaults
 *                                                  for what it leaves out), then checks it; exit 1 if invalid
 * Exit 2 for a usage error or a file that cannot be read.
 */
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPack } from '../core/packs/build.ts';
import { formatRefusal } from '../core/packs/refusals.ts';
import { validatePack, type PackValidation } from '../core/packs/validate.ts';
import type { Lang } from '../core/lessons/localized.ts';
import { createGradingEngine, loadDatasets } from './lib/datasets.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class UsageError extends Error {}

/** Every file under `dir`, keyed by its path relative to it with forward slashes; a symbolic link is refused. */
function readFolder(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      const info = lstatSync(path);
      if (info.isSymbolicLink()) throw new UsageError(`${relative(dir, path)} is a symbolic link: packs hold only ordinary files`);
      if (info.isDirectory()) walk(path);
      else files.set(relative(dir, path).split('\\').join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(dir);
  return files;
}

/** Validates a zip's bytes with the repository's datasets and a grading engine of its own. */
export async function checkPackBytes(zip: Uint8Array, onLine: (line: string) => void = () => {}): Promise<PackValidation> {
  const datasets = await loadDatasets(ROOT);
  let last = '';
  return validatePack(zip, {
    engine: await createGradingEngine(),
    builtin: { ids: datasets.ids, provider: datasets.provider },
    onProgress: (p) => {
      const line = `${p.phase} ${p.done}/${p.total}`;
      if (p.phase === 'lessons' && p.label && line !== last) onLine(`  checking ${p.label}`);
      last = line;
    },
  });
}

function report(file: string, result: PackValidation, lang: Lang): void {
  if (result.ok) {
    const { manifest, lessons, datasets, warnings, title } = result.pack;
    console.log(`${file}: valid class pack '${manifest.id}' ${manifest.version} (${title[lang]})`);
    console.log(`  ${lessons.length} lesson(s): ${lessons.map((l) => l.id).join(', ')}`);
    if (datasets.length > 0) console.log(`  ${datasets.length} dataset(s): ${datasets.map((d) => `${d.id} (${d.tables.join(', ')})`).join(', ')}`);
    for (const w of warnings) console.log(`  warning: ${w}`);
    return;
  }
  console.error(`${file}: refused (${result.refusals.length} reason${result.refusals.length === 1 ? '' : 's'}); nothing would be installed`);
  for (const r of result.refusals) console.error(`  [${r.code}] ${formatRefusal(r, lang)}`);
}

async function main(argv: string[]): Promise<number> {
  const langAt = argv.indexOf('--lang');
  const lang: Lang = langAt >= 0 && argv[langAt + 1] === 'ko' ? 'ko' : 'en';
  const args = langAt >= 0 ? argv.filter((_, i) => i !== langAt && i !== langAt + 1) : argv;
  const [command, ...rest] = args;
  if (command === 'check' && rest.length === 1) {
    const file = rest[0]!;
    let zip: Uint8Array;
    try {
      zip = new Uint8Array(readFileSync(file));
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const result = await checkPackBytes(zip, (line) => console.log(line));
    report(file, result, lang);
    return result.ok ? 0 : 1;
  }
  if (command === 'build' && rest.length === 2) {
    const [folder, out] = rest as [string, string];
    let files: Map<string, Uint8Array>;
    try {
      files = readFolder(folder);
    } catch (e) {
      throw e instanceof UsageError ? e : new UsageError(`cannot read ${folder}: ${(e as Error).message}`);
    }
    const built = buildPack(files, basename(resolve(folder)));
    if (!built.ok) {
      console.error(`${folder}: ${built.problem}`);
      return 1;
    }
    for (const d of built.defaulted) console.log(`  default ${d}`);
    const result = await checkPackBytes(built.zip, (line) => console.log(line));
    report(out, result, lang);
    if (!result.ok) return 1;
    writeFileSync(out, built.zip);
    console.log(`wrote ${out} (${built.zip.byteLength} bytes)`);
    return 0;
  }
  throw new UsageError('usage: npm run pack -- check <file.zip> [--lang ko] | npm run pack -- build <folder> <file.zip>');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`pack: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
